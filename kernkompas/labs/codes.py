"""The short code participants type to join a lab.

Codes are made of capitals and digits without the ones people confuse when they read them off a projector or a
phone (0/O, 1/I/L): six of 31 characters, about 900 million codes, so guessing one at the rate the join form allows
(``core.ratelimit`` "lab_join") is hopeless. Typing is forgiving: any case, spaces and dashes ignored.
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6
MAX_TYPED = 40  # anything longer than this is not a code (and is not looked up)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What was typed as the code it may be: upper case, without spaces and dashes ("" when it cannot be one)."""
    if len(typed) > MAX_TYPED:
        return ""
    cleaned = "".join(ch for ch in typed if ch not in " -\t\n\r").upper()
    return cleaned if cleaned.isalnum() and cleaned.isascii() and len(cleaned) <= 8 else ""
