"""Named operations on the invitations of outside parties to an action plan: inviting someone of a party (an
entrepreneurs' association, the province) by e-mail, withdrawing the invitation, and accepting it.

As with the invitations for a role (:mod:`kernkompas.accounts.actions.invitations`, whose token hashing we reuse),
the link holds a random token of which only the SHA-256 hash is stored, it works once and for 14 days, and the
person accepts while logged in with the account of the invited address (a new person signs up first and comes
back to the link). Accepting makes the user a ``PartyMember``: they report progress on the actions their party
owns, nothing more (they do not become staff of the municipality).

Each operation owns its transaction and writes the audit log, which names the invitation by number, never by its
address (personal data).
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kernkompas.accounts import permissions
from kernkompas.accounts.actions import invitations as account_invitations
from kernkompas.accounts.actions import members
from kernkompas.accounts.actions.invitations import hash_token
from kernkompas.core import audit
from kernkompas.labs.models import Party, PartyMember, PlanInvitation

logger = logging.getLogger(__name__)

VALID_DAYS = 14


# The same reasons as an invitation to a role (unknown, expired, accepted, revoked, inviter), said for a plan.
Unusable = account_invitations.Unusable

MESSAGES = {
    "unknown": _lazy("This invitation link is not known. Check that you copied the whole link from the e-mail."),
    "expired": _lazy("This invitation has expired. Ask the municipality to invite you again."),
    "accepted": _lazy("This invitation has already been accepted."),
    "revoked": _lazy("This invitation has been withdrawn by the municipality."),
    "inviter": _lazy("The person who sent this invitation can no longer invite people. Ask the municipality."),
}


def message(problem: Unusable) -> str:
    return str(MESSAGES[problem.reason])


def invitation_label(invitation: PlanInvitation) -> str:
    # "plan invitation #12": the log screen names it by its kind in the reader's language (never by the address).
    return f"plan invitation #{invitation.pk}"


def may_invite(user, party: Party) -> bool:
    return permissions.can_manage_gemeente(user, party.plan.gemeente)


def invite(by, party: Party, email: str) -> tuple[PlanInvitation, str]:
    """Invite the person at ``email`` to join ``party``; the e-mail (Dutch) goes out once the transaction commits.
    Returns the invitation and the token of its link."""
    if not may_invite(by, party):
        raise PermissionDenied(_("Only staff of the municipality of this plan may invite parties."))
    email = members.normalise_email(email)
    if PartyMember.objects.filter(party=party, user__email__iexact=email).exists():
        raise ValidationError(_("The person with %(email)s is already a member of this party.") % {"email": email})
    pending = PlanInvitation.objects.filter(
        party=party, email__iexact=email, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    )
    if pending.exists():
        raise ValidationError(_("%(email)s has already been invited for this party.") % {"email": email})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = PlanInvitation.objects.create(
            party=party,
            email=email,
            token_hash=hash_token(token),
            invited_by=by,
            expires_at=timezone.now() + timedelta(days=VALID_DAYS),
        )
        audit.record(
            by,
            "labs.plan_invitation_sent",
            invitation,
            gemeente=party.plan.gemeente,
            label=invitation_label(invitation),
            changes={"plan_party": party.name},
        )
        transaction.on_commit(lambda: send_mail(invitation, token))
    return invitation, token


def revoke(by, invitation: PlanInvitation) -> None:
    """Withdraw an invitation: its link no longer works."""
    if not may_invite(by, invitation.party):
        raise PermissionDenied(_("Only staff of the municipality of this plan may invite parties."))
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has been accepted already."))
    if invitation.revoked_at:
        return
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            by,
            "labs.plan_invitation_revoked",
            invitation,
            gemeente=invitation.party.plan.gemeente,
            label=invitation_label(invitation),
        )


def accept_url(token: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.BASE_URL + reverse("labs:plan_invitation", kwargs={"token": token})


def send_mail(invitation: PlanInvitation, token: str) -> None:
    """The e-mail in Dutch (the site's language), plain text with an HTML alternative."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "party": invitation.party,
            "plan": invitation.party.plan,
            "gemeente": invitation.party.plan.gemeente,
            "inviter": invitation.invited_by.display_name() if invitation.invited_by else "Kernkompas",
            "accept_url": accept_url(token),
            "expires_at": invitation.expires_at,
            "site_name": "Kernkompas",
        }
        subject = _("Invitation to report on the action plan %(plan)s") % {"plan": invitation.party.plan.title}
        subject = " ".join(subject.split())
        text = render_to_string("labs/email/plan_invitation.txt", context)
        html = render_to_string("labs/email/plan_invitation.html", context)
    message = EmailMultiAlternatives(subject, text, None, [invitation.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # a mail server that is down must not undo the invitation; it can be sent again
        logger.exception("plan invitation e-mail for invitation %s failed", invitation.pk)


def find(token: str, *, for_update: bool = False) -> PlanInvitation:
    """The invitation behind a link if it can still be accepted; ``Unusable`` with the reason otherwise."""
    return account_invitations.find_usable(
        PlanInvitation.objects.select_related("party__plan__gemeente", "invited_by"),
        token,
        lambda inviter, invitation: may_invite(inviter, invitation.party),
        for_update=for_update,
    )


def is_for(invitation: PlanInvitation, user) -> bool:
    return members.normalise_email(user.email or "") == members.normalise_email(invitation.email)


def accept(token: str, user) -> PartyMember:
    """Make the logged-in ``user`` (whose address must be the invited one) a member of the invitation's party."""
    with transaction.atomic():
        invitation = find(token, for_update=True)
        if not is_for(invitation, user):
            raise ValidationError(
                _(
                    "This invitation was sent to another e-mail address than the one of your account. Log out and "
                    "log in with the account of the invited address."
                )
            )
        member, _created = PartyMember.objects.get_or_create(party=invitation.party, user=user)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            user,
            "labs.plan_invitation_accepted",
            invitation,
            gemeente=invitation.party.plan.gemeente,
            label=invitation_label(invitation),
            changes={"plan_party": invitation.party.name},
        )
    return member
