"""The people panel on a municipality's workspace: who works for it, the invitations still waiting for an answer,
and "Nodig een collega uit" for those who may manage its members (staff and administrators, not facilitators)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.accounts.models import SCOPED_ROLES, Invitation, Membership, Role
from kernkompas.core.workspace import NextStep, Panel


def panels(request, gemeente) -> list[Panel]:
    may_manage = permissions.can_manage_members(request.user, gemeente)
    members = list(
        Membership.objects.filter(gemeente=gemeente, role__in=SCOPED_ROLES)
        .select_related("user")
        .order_by("role", "user__first_name", "user__email")
    )
    pending = list(
        Invitation.objects.pending().filter(gemeente=gemeente).select_related("invited_by").order_by("email")
    )
    members_url = reverse("kk_members:gemeente", kwargs={"slug": gemeente.slug}) if may_manage else ""
    next_steps = []
    staff = [m for m in members if m.role == Role.GEMEENTE]
    if may_manage and len(staff) <= 1:
        next_steps.append(
            NextStep(
                _("Invite a colleague"),
                members_url,
                _("Colleagues and facilitators get an e-mail with a link; they get the role when they accept."),
            )
        )
    return [
        Panel(
            key="people",
            title=_("People"),
            template="accounts/workspace_panel.html",
            context={
                "members": members,
                # Only those who manage the members see the invited addresses.
                "invitations": pending if may_manage else [],
                "pending_count": len(pending),
                "members_url": members_url,
            },
            next_steps=next_steps,
            order=30,
        )
    ]
