"""Named operations on memberships: giving a user a role (for a municipality when the role is scoped) and taking
it away.

Each operation owns its transaction, writes the audit log, sends accounts' role event and drops the cached roles of
the user it changed. Audit labels name a user by id, not by e-mail address: the log outlives an erased account, the
address must not.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions, signals
from kernkompas.accounts.actions.members import user_label
from kernkompas.accounts.models import SCOPED_ROLES, Membership, Role, User
from kernkompas.core import audit


def membership_label(membership: Membership) -> str:
    where = f" · {membership.gemeente}" if membership.gemeente_id else ""
    return f"{membership.role}{where} · {user_label(membership.user)}"


def _check_may_manage(by, role: str, gemeente) -> None:
    if not permissions.can_grant_role(by, role, gemeente):
        if role in SCOPED_ROLES:
            raise PermissionDenied(
                _("Only staff of %(gemeente)s and administrators may change its roles.") % {"gemeente": gemeente}
            )
        raise PermissionDenied(_("Only administrators may give or take away this role."))


def grant_membership(user: User, role: str, gemeente=None, *, by) -> Membership:
    """Give ``user`` a role (for ``gemeente`` when the role is scoped). Administrators also become superusers,
    so that Wagtail's own permission checks (pages, collections) let them do everything too."""
    role = Role(role)
    _check_may_manage(by, role, gemeente)
    membership = Membership(user=user, role=role, gemeente=gemeente if role in SCOPED_ROLES else None, granted_by=by)
    membership.clean()
    if Membership.objects.filter(user=user, role=role, gemeente=membership.gemeente).exists():
        raise ValidationError(_("%(user)s already has this role.") % {"user": user.display_name()})
    with transaction.atomic():
        membership.save()
        if role == Role.BEHEERDER and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        signals.role_granted.send(sender=Membership, membership=membership, by=by)
        audit.record(
            by,
            "membership.granted",
            membership,
            gemeente=membership.gemeente,
            label=membership_label(membership),
            changes={"user_id": user.pk, "role": role.value},
        )
    permissions.forget_roles(user)
    return membership


def _is_last_administrator(membership: Membership) -> bool:
    others = Membership.objects.filter(role=Role.BEHEERDER, user__is_active=True).exclude(user=membership.user_id)
    superusers = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=membership.user_id)
    return not others.exists() and not superusers.exists()


def revoke_membership(membership: Membership, *, by) -> None:
    """Take a role away. The last administrator cannot be removed, or nobody could manage the platform."""
    _check_may_manage(by, membership.role, membership.gemeente)
    if membership.role == Role.BEHEERDER and _is_last_administrator(membership):
        raise ValidationError(_("This is the last administrator; give someone else this role first."))
    user = membership.user
    with transaction.atomic():
        audit.record(
            by,
            "membership.revoked",
            membership,
            gemeente=membership.gemeente,
            label=membership_label(membership),
            changes={"user_id": user.pk, "role": membership.role},
        )
        if membership.role == Role.BEHEERDER and user.is_superuser:
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        signals.role_revoked.send(sender=Membership, membership=membership, by=by)
        membership.delete()
    permissions.forget_roles(user)
