"""Named operations on invitations: inviting someone by e-mail for a role, sending the invitation again,
withdrawing it, and accepting it (as a new person, who gets an account, or with an existing account).

The link in the e-mail carries a random token; only its SHA-256 hash is stored, so the database alone cannot accept
an invitation. A token works once and until it expires; sending again makes a new token (the old link stops
working). The role is granted only when the invited person accepts, never when the invitation is made: the person
behind an address decides, even when the address already has an account.

Each operation owns its transaction and writes the audit log. The log names an invitation by number, never by its
address (the address is personal data, see ``accounts/personal_data.py``).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.accounts.actions import members, memberships
from kernkompas.accounts.models import SCOPED_ROLES, Invitation, Membership, Role, User
from kernkompas.core import audit

logger = logging.getLogger(__name__)

#: How long an invitation link works, unless ``settings.INVITATION_VALID_DAYS`` says otherwise.
DEFAULT_VALID_DAYS = 14


def valid_days() -> int:
    return int(getattr(settings, "INVITATION_VALID_DAYS", DEFAULT_VALID_DAYS))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_label(invitation: Invitation) -> str:
    where = f" · {invitation.gemeente}" if invitation.gemeente_id else ""
    return f"invitation #{invitation.pk} · {invitation.role}{where}"


class Unusable(Exception):
    """The link cannot be used (any more). ``reason``: unknown, expired, accepted, revoked or inviter."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


# --- Inviting ----------------------------------------------------------------------------------------------------


def _check_may_invite(by, role: str, gemeente) -> None:
    if permissions.can_grant_role(by, role, gemeente):
        return
    if role in SCOPED_ROLES:
        raise PermissionDenied(
            _("Only staff of %(gemeente)s and administrators may invite people for it.") % {"gemeente": gemeente}
        )
    raise PermissionDenied(_("Only administrators may invite people for this role."))


def invite(email: str, role: str, gemeente=None, *, by) -> tuple[Invitation, str]:
    """Invite the person at ``email`` for ``role`` (in ``gemeente`` when the role is scoped) and send the e-mail
    once the transaction has committed. Returns the invitation and the token of its link."""
    role = Role(role)
    gemeente = gemeente if role in SCOPED_ROLES else None
    Membership(role=role, gemeente=gemeente).clean()  # a scoped role needs its municipality
    _check_may_invite(by, role, gemeente)
    email = members.normalise_email(email)
    if Membership.objects.filter(user__email__iexact=email, role=role, gemeente=gemeente).exists():
        raise ValidationError(_("The person with %(email)s already has this role.") % {"email": email})
    if Invitation.objects.pending().filter(email__iexact=email, role=role, gemeente=gemeente).exists():
        raise ValidationError(
            _("%(email)s has already been invited for this role. Send the invitation again from the list below.")
            % {"email": email}
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            role=role,
            gemeente=gemeente,
            token_hash=hash_token(token),
            invited_by=by,
            sent_at=now,
            expires_at=now + timedelta(days=valid_days()),
        )
        audit.record(
            by,
            "invitation.sent",
            invitation,
            gemeente=gemeente,
            label=invitation_label(invitation),
            changes={"role": role.value},
        )
        transaction.on_commit(lambda: send_invitation_mail(invitation, token))
    return invitation, token


def resend(invitation: Invitation, *, by) -> str:
    """Send the invitation again with a new link (the old one stops working) and a new expiry date."""
    _check_may_invite(by, invitation.role, invitation.gemeente)
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("This invitation has been accepted or withdrawn already; invite the person anew."))
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        invitation.token_hash = hash_token(token)
        invitation.sent_at = now
        invitation.expires_at = now + timedelta(days=valid_days())
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
        audit.record(
            by, "invitation.resent", invitation, gemeente=invitation.gemeente, label=invitation_label(invitation)
        )
        transaction.on_commit(lambda: send_invitation_mail(invitation, token))
    return token


def revoke(invitation: Invitation, *, by) -> None:
    """Withdraw an invitation: its link no longer works."""
    _check_may_invite(by, invitation.role, invitation.gemeente)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has been accepted already; take the role away instead."))
    if invitation.revoked_at:
        return
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            by, "invitation.revoked", invitation, gemeente=invitation.gemeente, label=invitation_label(invitation)
        )


def accept_url(token: str) -> str:
    """The absolute link in the e-mail, on the address the site is served on, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.BASE_URL + reverse("accounts:invitation", kwargs={"token": token})


def send_invitation_mail(invitation: Invitation, token: str) -> None:
    """The e-mail, in Dutch (the site's language), as plain text with an HTML alternative."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "inviter": invitation.invited_by.display_name() if invitation.invited_by else "Kernkompas",
            "role": invitation.describe_role(),
            "accept_url": accept_url(token),
            "expires_at": invitation.expires_at,
            "site_name": "Kernkompas",
        }
        subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
        text = render_to_string("accounts/email/invitation.txt", context)
        html = render_to_string("accounts/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, None, [invitation.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # a mail server that is down must not undo the invitation; it can be sent again
        logger.exception("invitation e-mail for invitation %s failed", invitation.pk)


# --- Accepting ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    user: User
    membership: Membership | None  # None when the person had the role already


def find_usable(queryset, token: str, may_still_invite, *, for_update: bool = False):
    """The invitation in ``queryset`` behind a link, if it can still be accepted; ``Unusable`` with the reason
    otherwise. Any invitation model with ``token_hash``, ``accepted_at``, ``revoked_at``, ``expires_at`` and
    ``invited_by`` (a role here, a party of an action plan in the Binnenstadslab). The inviter's right is checked
    again (``may_still_invite(inviter, invitation)``): someone whose role was taken away brings no one in."""
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=hash_token(token or "")).first()
    if invitation is None:
        raise Unusable("unknown")
    if invitation.accepted_at:
        raise Unusable("accepted", invitation)
    if invitation.revoked_at:
        raise Unusable("revoked", invitation)
    if invitation.expires_at <= timezone.now():
        raise Unusable("expired", invitation)
    inviter = invitation.invited_by
    if inviter is None or not inviter.is_active or not may_still_invite(inviter, invitation):
        raise Unusable("inviter", invitation)
    return invitation


def find(token: str, *, for_update: bool = False) -> Invitation:
    """The invitation behind a link, if it can still be accepted; ``Unusable`` with the reason otherwise."""
    return find_usable(
        Invitation.objects.select_related("gemeente", "invited_by"),
        token,
        lambda inviter, invitation: permissions.can_grant_role(inviter, invitation.role, invitation.gemeente),
        for_update=for_update,
    )


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def accept_as_new_person(token: str, *, first_name: str, last_name: str = "", password: str) -> Accepted:
    """Create the account with the invited address and grant the role, in one transaction."""
    with transaction.atomic():
        invitation = find(token, for_update=True)
        if account_exists(invitation.email):
            raise ValidationError(_("An account with this e-mail address already exists. Log in first, then accept."))
        user = members.register_member(
            email=invitation.email, password=password, first_name=first_name, last_name=last_name
        )
        return _accept(invitation, user)


def accept_as_user(token: str, user: User) -> Accepted:
    """Grant the role to the logged-in ``user``, whose address must be the invited one."""
    with transaction.atomic():
        invitation = find(token, for_update=True)
        if members.normalise_email(user.email) != members.normalise_email(invitation.email):
            raise ValidationError(
                _(
                    "This invitation was sent to another e-mail address than the one of your account. Log out "
                    "and log in with the account of %(email)s, or accept as a new person."
                )
                % {"email": invitation.email}
            )
        return _accept(invitation, user)


def _accept(invitation: Invitation, user: User) -> Accepted:
    membership = None
    if not Membership.objects.filter(user=user, role=invitation.role, gemeente=invitation.gemeente).exists():
        membership = memberships.grant_membership(user, invitation.role, invitation.gemeente, by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        user,
        "invitation.accepted",
        invitation,
        gemeente=invitation.gemeente,
        label=invitation_label(invitation),
        changes={"user_id": user.pk, "role": invitation.role},
    )
    permissions.forget_roles(user)
    return Accepted(user, membership)
