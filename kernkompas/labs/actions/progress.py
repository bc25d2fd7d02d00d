"""Reporting progress on an action of an action plan: what happened, when, and the action's status after it.

Allowed for the staff of the plan's municipality and for the members of the party that owns the action (invited
through :mod:`kernkompas.labs.actions.invitations`). Partners of an action do not report on it: the owner speaks for
the action, so that one party answers for its progress. An update by a party member is shown under the party's
name; one by municipal staff under "municipality" (no person is named on the public page or in the feed).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core import audit
from kernkompas.labs.models import Action, ActionStatus, PartyMember, ProgressUpdate

MAX_TEXT = 4000


def is_staff_for(user, action: Action) -> bool:
    return permissions.can_manage_gemeente(user, action.plan.gemeente)


def owner_member(user, action: Action) -> bool:
    """Is the user a member of the party that owns the action?"""
    if not user.is_authenticated or action.owner_id is None:
        return False
    return PartyMember.objects.filter(party_id=action.owner_id, user=user).exists()


def may_report(user, action: Action) -> bool:
    return user.is_authenticated and (is_staff_for(user, action) or owner_member(user, action))


def report_progress(by, action: Action, date: datetime.date, text: str, status: str = "", party=None) -> ProgressUpdate:
    """Add a progress update to ``action`` and, with ``status``, set the action's status to it. A party member
    reports on behalf of the owner party; staff may name the party the news comes from (``party``, of this plan)."""
    if not may_report(by, action):
        raise PermissionDenied(_("You may not report progress on this action."))
    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = _("Write what happened.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Write at most %(n)s characters.") % {"n": MAX_TEXT}
    if date is None:
        errors["date"] = _("Give the date.")
    elif date > timezone.localdate():
        errors["date"] = _("The date cannot be in the future.")
    if status and status not in ActionStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if party is not None and party.plan_id != action.plan_id:
        errors["party"] = _("Choose a party of this plan.")
    if errors:
        raise ValidationError(errors)
    if not is_staff_for(by, action):
        party = action.owner  # a party member always speaks for the owner party
    with transaction.atomic():
        update = ProgressUpdate.objects.create(
            action=action, date=date, text=text, status=status, author=by, party=party
        )
        changes = {"plan_action": action.title, "progress_date": date.isoformat()}
        if status and status != action.status:
            changes["action_status"] = status
            action.status = status
            action.save(update_fields=["status", "updated_at"])
        audit.record(
            by,
            "labs.progress_reported",
            update,
            gemeente=action.plan.gemeente,
            label=f"progress update #{update.pk}",
            changes=changes,
        )
    return update
