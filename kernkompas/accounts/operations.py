"""Named operations on accounts and memberships.

Each operation owns its transaction, writes the audit log and drops the cached roles of the user it changed.
Views and back-office screens call these; nothing else creates users or memberships.

Audit labels name a user by id, not by e-mail address: the log outlives an erased account, the address must not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions, signals
from kernkompas.accounts.models import SCOPED_ROLES, Membership, Role, User
from kernkompas.core import audit

# Fields a member may change on their own profile.
PROFILE_FIELDS = ("first_name", "last_name", "organisation_name", "member_type", "home_gemeente", "interests")


def user_label(user) -> str:
    return f"user #{user.pk}"


def membership_label(membership: Membership) -> str:
    where = f" · {membership.gemeente}" if membership.gemeente_id else ""
    return f"{membership.role}{where} · {user_label(membership.user)}"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def register_member(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str = "",
    member_type: str = "",
    home_gemeente=None,
    interests: Iterable[str] = (),
) -> User:
    """Create a member account; the user name is the e-mail address in lower case."""
    email = normalise_email(email)
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        member_type=member_type,
        home_gemeente=home_gemeente,
        interests=list(interests),
    )
    user.set_password(password)
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
            audit.record(user, "account.registered", user, label=user_label(user))
    except IntegrityError as exc:  # two sign-ups with one address at the same moment
        raise ValidationError({"email": _("An account with this e-mail address already exists.")}) from exc
    return user


def update_profile(user: User, data: Mapping[str, Any], by) -> list[str]:
    """Change the profile fields present in ``data``; return the names of the fields that changed."""
    if by is None or (by.pk != user.pk and not permissions.is_beheerder(by)):
        raise PermissionDenied(_("You may only change your own profile."))
    changed = []
    for field in PROFILE_FIELDS:
        if field not in data:
            continue
        value = list(data[field]) if field == "interests" else data[field]
        if field in {"first_name", "last_name", "organisation_name"}:
            value = (value or "").strip()
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    if not changed:
        return []
    user.full_clean(exclude=["password", "username", "email"])
    with transaction.atomic():
        user.save(update_fields=changed)
        # Field names only: the values are personal data and do not belong in the log.
        audit.record(by, "account.profile_changed", user, label=user_label(user), changes={"fields": changed})
    permissions.forget_roles(user)
    return changed


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
