"""Readable names of the learning part's audit actions (see :func:`kernkompas.core.audit.describe_actions`).

Each block belongs to one module of ``actions/``; keep a new action's label in its block."""

from django.utils.translation import gettext_lazy as _  # noqa: F401  (the blocks below use it)

from kernkompas.core import audit

LABELS: dict = {}

# --- running the programme (BEGIN staff) ---
# --- (END staff) ---

# --- registration (BEGIN public) ---
# --- (END public) ---

# --- suggestions and advice (BEGIN suggestions) ---
# --- (END suggestions) ---

# --- the newsletter (BEGIN newsletter) ---
# --- (END newsletter) ---

# --- the digest (BEGIN digest) ---
LABELS.update(
    {
        "learning.digest_saved": _("Digest preference saved"),
        "learning.digest_switched_off": _("Digest switched off"),
        "learning.digest_sent": _("Digest sent"),
    }
)
# --- (END digest) ---

audit.describe_actions(LABELS)
