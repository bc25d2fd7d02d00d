"""Authentication backends: log-in by e-mail or user name, and model permissions that come from roles.

Permissions are not stored per user (no permission rows to forget when someone changes job): a role gives a
fixed set of model permissions, listed in ``ROLE_PERMISSIONS`` below. *Which objects* a permission applies
to (only the own municipality's areas) is decided by the scoped permission policies in
``kernkompas.accounts.policies``, which ask ``kernkompas.accounts.permissions``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend

from kernkompas.accounts import permissions
from kernkompas.accounts.models import Role


class EmailOrUsernameBackend(ModelBackend):
    """Log in with either the e-mail address or the user name, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        model = get_user_model()
        identifier = username.strip()
        field = "email__iexact" if "@" in identifier else "username__iexact"
        user = model._default_manager.filter(**{field: identifier}).first()
        if user is None:
            model().set_password(password)  # same work as a real check, against timing attacks
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


# What each role may do, as Django permission names ("app_label.action_model"). Entering the back office is
# ``wagtailadmin.access_admin``. Administrators (beheerder) may do everything and are not listed.
# Add a line here when a new model gets a back-office screen; keep the municipality scope in its policy.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.GEMEENTE: frozenset(
        {
            "wagtailadmin.access_admin",
            # Their municipality: see it and correct its descriptive fields; create/delete is for administrators.
            "places.view_gemeente",
            "places.change_gemeente",
            # Their cores: see, describe and add them (a centre manager draws her own cores where Statbel/CBS
            # has none that fit); deleting one, and its official code, stay with administrators.
            "places.view_kern",
            "places.add_kern",
            "places.change_kern",
            # Their areas: the unit the monitor counts in, drawn and published by the municipality itself.
            "places.view_gebied",
            "places.add_gebied",
            "places.change_gebied",
            # Who works for the municipality, and what happened there.
            "accounts.view_membership",
            "accounts.add_membership",
            "accounts.delete_membership",
            "core.view_auditevent",
            # The Kernmonitor's own lists: own function groups and branches (the default ones are read-only for
            # them, see monitor.viewsets), counting points, thresholds, owner contacts and counter keys.
            *(
                f"monitor.{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in (
                    "functiongroup",
                    "branch",
                    "branchalias",
                    "countingpoint",
                    "threshold",
                    "ownercontact",
                    "countertoken",
                )
            ),
            # The Binnenstadslab's own lists: the municipality's canvas templates and roles (the platform-wide
            # ones are read-only for them, see labs.viewsets).
            *(
                f"labs.{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("canvastemplate", "steeringrole")
            ),
        }
    ),
    Role.BEGELEIDER: frozenset(
        {
            "wagtailadmin.access_admin",
            # Facilitators read the places of the municipalities that invited them; they change nothing there.
            "places.view_gemeente",
            "places.view_kern",
            "places.view_gebied",
            "monitor.view_functiongroup",
            "monitor.view_branch",
            "monitor.view_branchalias",
            "monitor.view_countingpoint",
            "monitor.view_threshold",
            # Facilitators prepare labs on the municipality's canvases and roles; its staff maintain them.
            "labs.view_canvastemplate",
            "labs.view_steeringrole",
        }
    ),
    Role.REDACTIE: frozenset(
        {
            "wagtailadmin.access_admin",
            # The Vitrine's vocabularies; pages, images and documents are granted through the "Redactie" group.
            *(
                f"vitrine.{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("theme", "audience", "synonym")
            ),
        }
    ),
}


class RoleBackend(BaseBackend):
    """Grants the model permissions of the user's roles (``ROLE_PERMISSIONS``); never authenticates anyone.

    Object-level questions (``has_perm(perm, obj)``) are answered by the scoped permission policies, so this
    backend answers only model-level ones.
    """

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active:
            return set()
        roles = permissions.roles_of(user_obj)
        found: set[str] = set()
        for role in roles:
            found |= ROLE_PERMISSIONS.get(role, frozenset())
        return found

    def has_perm(self, user_obj, perm, obj=None):
        if obj is not None or not user_obj.is_active:
            return False
        if permissions.is_beheerder(user_obj):
            return True
        return perm in self.get_all_permissions(user_obj)

    def has_module_perms(self, user_obj, app_label):
        if not user_obj.is_active:
            return False
        if permissions.is_beheerder(user_obj):
            return True
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
