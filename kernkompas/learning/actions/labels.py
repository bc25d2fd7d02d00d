"""Readable names of the learning part's audit actions (see :func:`kernkompas.core.audit.describe_actions`).

Each block belongs to one module of ``actions/``; keep a new action's label in its block."""

from django.utils.translation import gettext_lazy as _  # noqa: F401  (the blocks below use it)

from kernkompas.core import audit

LABELS: dict = {}

# --- running the programme (BEGIN staff) ---
# --- (END staff) ---

# --- registration (BEGIN public) ---
LABELS.update(
    {
        "learning.registration_created": _("registered for a session"),
        "learning.registration_confirmed": _("confirmed a registration for a session"),
        "learning.registration_cancelled": _("cancelled a registration for a session"),
        "learning.registration_promoted": _("moved a registration up from the waiting list"),
        "learning.attendance_recorded": _("recorded the attendance of a session"),
    }
)
# --- (END public) ---

# --- suggestions and advice (BEGIN suggestions) ---
# --- (END suggestions) ---

# --- the newsletter (BEGIN newsletter) ---
# --- (END newsletter) ---

# --- the digest (BEGIN digest) ---
# --- (END digest) ---

audit.describe_actions(LABELS)
