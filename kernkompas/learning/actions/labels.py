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
# --- (END digest) ---

audit.describe_actions(LABELS)
