"""Readable names of the learning part's audit actions (see :func:`kernkompas.core.audit.describe_actions`).

Each block belongs to one module of ``actions/``; keep a new action's label in its block."""

from django.utils.translation import gettext_lazy as _  # noqa: F401  (the blocks below use it)

from kernkompas.core import audit

LABELS: dict = {}

# --- running the programme (BEGIN staff) ---
LABELS.update(
    {
        "learning.framework_created": _("created a theme framework"),
        "learning.framework_changed": _("changed a theme framework"),
        "learning.framework_removed": _("removed a theme framework"),
        "learning.theme_created": _("created a learning theme"),
        "learning.theme_changed": _("changed a learning theme"),
        "learning.theme_removed": _("removed a learning theme"),
        "learning.programme_created": _("created a learning programme"),
        "learning.programme_changed": _("changed a learning programme"),
        "learning.session_created": _("created a session"),
        "learning.session_changed": _("changed a session"),
        "learning.session_published": _("published a session"),
        "learning.session_cancelled": _("cancelled a session"),
        "learning.material_added": _("added material to a session"),
        "learning.material_changed": _("changed material of a session"),
        "learning.material_removed": _("removed material from a session"),
        "learning.material_moved": _("moved material of a session"),
        "learning.backoffice_deleted": _("deleted a programme or session in the back office"),
    }
)
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
LABELS.update(
    {
        "learning.subscriber_signed_up": _("signed up for the newsletter (not yet confirmed)"),
        "learning.subscriber_confirmed": _("confirmed a subscription to the newsletter"),
        "learning.subscriber_unsubscribed": _("unsubscribed from the newsletter"),
        "learning.newsletter_created": _("created a newsletter"),
        "learning.newsletter_changed": _("changed a newsletter"),
        "learning.newsletter_item_added": _("added an item to a newsletter"),
        "learning.newsletter_item_removed": _("removed an item from a newsletter"),
        "learning.newsletter_item_moved": _("moved an item of a newsletter"),
        "learning.newsletter_test_sent": _("sent a test of a newsletter"),
        "learning.newsletter_send_started": _("started sending a newsletter"),
        "learning.newsletter_sent": _("finished sending a newsletter"),
    }
)
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
