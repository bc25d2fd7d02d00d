"""The one permission helper. Every view, admin screen and API endpoint asks these functions.

Scoping is a security boundary: a municipality's unpublished data is never visible to staff of another
municipality. Roles are read once per user object and cached on it, so a request asks the database once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from kernkompas.accounts.models import SCOPED_ROLES, Role, gemeente_model

_CACHE_ATTR = "_kernkompas_roles"


def roles_of(user) -> dict[str, frozenset[int | None]]:
    """Map each role the user has to the municipality ids it applies to (None = platform-wide)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    found: dict[str, set[int | None]] = {}
    for role, gemeente_id in user.memberships.values_list("role", "gemeente_id"):
        found.setdefault(role, set()).add(gemeente_id)
    if user.is_superuser:
        found.setdefault(Role.BEHEERDER, set()).add(None)
    result = {role: frozenset(ids) for role, ids in found.items()}
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_roles(user) -> None:
    """Drop the cached roles after memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_names(user) -> list[str]:
    """Roles for display: 'lid' for every registered user, plus the roles memberships give."""
    if user is None or not user.is_authenticated:
        return ["bezoeker"]
    return ["lid", *sorted(roles_of(user))]


def is_beheerder(user) -> bool:
    return Role.BEHEERDER in roles_of(user)


def is_redactie(user) -> bool:
    """Editors, and administrators who may do everything an editor may."""
    found = roles_of(user)
    return Role.REDACTIE in found or Role.BEHEERDER in found


def staff_gemeente_ids(user) -> frozenset[int] | None:
    """Ids of the municipalities the user works for (as staff or facilitator). None means all (administrator)."""
    found = roles_of(user)
    if Role.BEHEERDER in found:
        return None
    ids: set[int] = set()
    for role in (Role.GEMEENTE, Role.BEGELEIDER):
        ids.update(i for i in found.get(role, ()) if i is not None)
    return frozenset(ids)


def is_staff_of_any(user) -> bool:
    ids = staff_gemeente_ids(user)
    return ids is None or bool(ids)


def can_manage_gemeente(user, gemeente) -> bool:
    """May the user change this municipality's cores, areas and data, and see what is not public?"""
    if gemeente is None:
        return False
    ids = staff_gemeente_ids(user)
    return ids is None or gemeente.pk in ids


def can_publish(user, gemeente) -> bool:
    """The municipality decides what is public (product.md): its staff and administrators publish its dashboards and
    DNA trajectories; the facilitators it invited prepare them but do not publish."""
    if gemeente is None:
        return False
    found = roles_of(user)
    return Role.BEHEERDER in found or gemeente.pk in found.get(Role.GEMEENTE, ())


def can_manage_members(user, gemeente) -> bool:
    """Only municipal staff (not facilitators) and administrators decide who works for a municipality."""
    found = roles_of(user)
    return Role.BEHEERDER in found or gemeente.pk in found.get(Role.GEMEENTE, ())


def scope_queryset(user, queryset: QuerySet, gemeente_path: str = "gemeente") -> QuerySet:
    """Restrict a queryset to the municipalities the user works for.

    ``gemeente_path`` is the lookup from the model to its municipality ("gemeente", "kern__gemeente", or ""
    for the Gemeente model itself).
    """
    ids = staff_gemeente_ids(user)
    if ids is None:
        return queryset
    lookup = f"{gemeente_path}__in" if gemeente_path else "pk__in"
    return queryset.filter(**{lookup: ids})


def visible_queryset(user, queryset: QuerySet, gemeente_path: str = "gemeente", public_field: str = "is_public"):
    """Public rows, plus the unpublished rows of the municipalities the user works for (all for administrators)."""
    ids = staff_gemeente_ids(user)
    if ids is None:
        return queryset
    lookup = f"{gemeente_path}__in" if gemeente_path else "pk__in"
    return queryset.filter(Q(**{public_field: True}) | Q(**{lookup: ids}))


def get_gemeente_for_staff(request, slug: str):
    """The municipality with this slug if the user may manage it; 404 if it does not exist, 403 otherwise."""
    gemeente = get_object_or_404(gemeente_model(), slug=slug)
    if not can_manage_gemeente(request.user, gemeente):
        raise PermissionDenied
    return gemeente


def require_any_role(user, roles: Iterable[str]) -> None:
    found = roles_of(user)
    if not any(role in found for role in roles):
        raise PermissionDenied


# --- Back office, memberships and the audit log ---------------------------------------------------------------


def can_enter_backoffice(user) -> bool:
    """Anyone with a role may open the back office (/beheer/); members without a role may not."""
    return bool(roles_of(user))


def member_gemeente_ids(user) -> frozenset[int] | None:
    """Ids of the municipalities whose staff the user manages. None means all (administrator)."""
    found = roles_of(user)
    if Role.BEHEERDER in found:
        return None
    return frozenset(i for i in found.get(Role.GEMEENTE, ()) if i is not None)


def can_grant_role(user, role: str, gemeente=None) -> bool:
    """May the user give (or take away) this role? Scoped roles per municipality; platform roles only by admins."""
    if role in SCOPED_ROLES:
        return gemeente is not None and can_manage_members(user, gemeente)
    return is_beheerder(user)


def can_view_audit_log(user) -> bool:
    """Administrators see the whole log; municipal staff see their municipality's events."""
    return member_gemeente_ids(user) != frozenset()


def scope_audit_queryset(user, queryset: QuerySet) -> QuerySet:
    """The audit events the user may read: all for administrators, their municipalities' for staff."""
    ids = member_gemeente_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(gemeente__in=ids)
