"""Named operations on members' accounts: sign-up and the profile.

Each operation owns its transaction and writes the audit log; a profile change also drops the cached roles of the
user it changed. Audit labels name a user by id, not by e-mail address: the log outlives an erased account, the
address must not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.accounts.models import User
from kernkompas.core import audit

# Fields a member may change on their own profile.
PROFILE_FIELDS = ("first_name", "last_name", "organisation_name", "member_type", "home_gemeente", "interests")


def user_label(user) -> str:
    return f"user #{user.pk}"


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
