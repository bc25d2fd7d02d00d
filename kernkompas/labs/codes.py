"""Reading the short code participants type to join a lab.

The facilitator's operations make the codes (capitals and digits without the ones people confuse when they read
them off a projector or a phone: 0/O, 1/I/L). Typing is forgiving: any case, spaces and dashes ignored. Guessing
is bounded by the per-address limit "lab_join" (``participant_views._lab_by_code``).
"""

from __future__ import annotations

MAX_TYPED = 40  # anything longer than this is not a code (and is not looked up)
MAX_LENGTH = 8  # Lab.code's max_length


def normalise(typed: str) -> str:
    """What was typed as the code it may be: upper case, without spaces and dashes ("" when it cannot be one)."""
    if len(typed) > MAX_TYPED:
        return ""
    cleaned = "".join(ch for ch in typed if ch not in " -\t\n\r").upper()
    return cleaned if cleaned.isascii() and cleaned.isalnum() and len(cleaned) <= MAX_LENGTH else ""
