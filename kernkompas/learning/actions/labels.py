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
LABELS.update(
    {
        "learning.suggestion_made": _("suggested a theme for a learning session"),
        "learning.suggestion_supported": _("supported a theme suggestion"),
        "learning.suggestion_support_withdrawn": _("withdrew support for a theme suggestion"),
        "learning.suggestion_planned": _("planned a theme suggestion into a session"),
        "learning.suggestion_declined": _("declined a theme suggestion"),
        "learning.advice_given": _("gave advice in an intervision"),
        "learning.advice_taken": _("took intervision advice into an action plan"),
        "learning.advice_set_aside": _("set intervision advice aside"),
    }
)
# --- (END suggestions) ---

# --- the newsletter (BEGIN newsletter) ---
# --- (END newsletter) ---

# --- the digest (BEGIN digest) ---
# --- (END digest) ---

audit.describe_actions(LABELS)
