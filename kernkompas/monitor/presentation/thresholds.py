"""What the pages say about a threshold's recipients (the area team): a threshold without them mails nobody."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def no_recipients_text(threshold) -> str:
    return _(
        "Nobody will be e-mailed when “%(threshold)s” is crossed: no area team was chosen. Add recipients under "
        "“Area team” in the back office (Kernmonitor → Thresholds → %(threshold)s); the notice on the dashboard "
        "appears either way."
    ) % {"threshold": threshold}


def recipients_text(threshold) -> str:
    """The area team's names, or "" when there is none."""
    names = [user.get_full_name() or user.get_username() for user in threshold.recipients.all()]
    return ", ".join(sorted(names))


def back_office_url(threshold) -> str:
    return reverse("wagtailsnippets_monitor_threshold:edit", args=[threshold.pk])
