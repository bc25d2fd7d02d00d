"""Wagtail permission policies that ask our permission helper.

Wagtail's admin asks a *permission policy* whether a user may list, add, change or delete a model and a given
object. These policies answer with the role table (``backends.ROLE_PERMISSIONS``, through ``user.has_perm``)
for the model, and with ``kernkompas.accounts.permissions`` for the object: an object of a municipality the
user does not work for is out of scope, whatever the role.

Register one per model with ``wagtail.permissions.register_permission_policy`` before the model's viewset
(see places/wagtail_hooks.py), e.g. ``ScopedPermissionPolicy(Gebied, gemeente_path="kern__gemeente")``. The
screens of ``kernkompas.accounts.viewsets.ScopedSnippetViewSet`` ask the policy about every object they show,
choosers included (``user_may_choose`` and ``instances_user_may_choose``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from kernkompas.accounts import permissions
from kernkompas.accounts.backends import ROLE_PERMISSIONS
from kernkompas.accounts.models import Role

# The model permissions a back-office screen can ask for; "any of these" means "may see the model at all".
ALL_ACTIONS = ("view", "add", "change", "delete")


class RolePermissionPolicy(ModelPermissionPolicy):
    """Model permissions from roles. ``actions`` limits what anyone, administrators too, may do here:
    ``{"view"}`` makes a model read-only in the back office (reference data imported from Statbel and CBS)."""

    def __init__(self, model, *, actions: set[str] | None = None):
        super().__init__(model)
        self.allowed_actions = frozenset(actions) if actions is not None else None

    def _allowed(self, action: str) -> bool:
        return self.allowed_actions is None or action in self.allowed_actions

    def user_has_permission(self, user, action):
        return self._allowed(action) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        # Nobody has permission rows: look for the roles whose table entry grants one of the actions.
        wanted = {self._get_permission_name(action) for action in actions if self._allowed(action)}
        if not wanted:
            return get_user_model().objects.none()
        roles = [role for role, perms in ROLE_PERMISSIONS.items() if perms & wanted]
        roles.append(Role.BEHEERDER)
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(memberships__role__in=roles), is_active=True)
            .distinct()
        )

    # Choosers (the pop-up another form opens to pick an object) list what the user may list, nothing more.

    def user_may_choose(self, user) -> bool:
        return self.user_has_any_permission(user, ALL_ACTIONS)

    def instances_user_may_choose(self, user):
        return self.instances_user_has_any_permission_for(user, ALL_ACTIONS)


class ScopedPermissionPolicy(RolePermissionPolicy):
    """Role permissions, limited to the objects of the municipalities the user works for.

    ``gemeente_path`` is the lookup from the model to its municipality ("gemeente", "kern__gemeente", or ""
    for the Gemeente model itself), as for ``permissions.scope_queryset``.

    ``public`` widens what choosers offer, never the screens about one object: ``True`` for public reference
    data (every municipality and core is on the public site, so every back-office user may pick one), or the
    name of a boolean field (``"is_public"``: the published rows, plus the user's own unpublished ones).
    """

    def __init__(self, model, *, gemeente_path: str, actions: set[str] | None = None, public: bool | str = False):
        super().__init__(model, actions=actions)
        self.gemeente_path = gemeente_path
        self.public = public

    def gemeente_of(self, instance):
        found = instance
        for part in filter(None, self.gemeente_path.split("__")):
            found = getattr(found, part, None)
            if found is None:
                return None
        return found

    def in_scope(self, user, instance) -> bool:
        return permissions.is_beheerder(user) or permissions.can_manage_gemeente(user, self.gemeente_of(instance))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return permissions.scope_queryset(user, self.model._default_manager.all(), self.gemeente_path)

    def user_may_choose(self, user) -> bool:
        return bool(self.public) or super().user_may_choose(user)

    def instances_user_may_choose(self, user):
        objects = self.model._default_manager.all()
        if self.public is True:
            return objects
        if self.public:
            return permissions.visible_queryset(user, objects, self.gemeente_path, self.public)
        return super().instances_user_may_choose(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        gemeente = self.gemeente_of(instance)
        users = self.users_with_any_permission(actions)
        if gemeente is None:
            return users.filter(Q(is_superuser=True) | Q(memberships__role=Role.BEHEERDER)).distinct()
        return users.filter(
            Q(is_superuser=True) | Q(memberships__role=Role.BEHEERDER) | Q(memberships__gemeente=gemeente)
        ).distinct()
