"""Registers the places screens of the back office. The permission policies come first: Wagtail refuses a
policy registered after it has made its own fallback for the model."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from kernkompas.accounts.policies import RolePermissionPolicy, ScopedPermissionPolicy
from kernkompas.places.models import Country, Gebied, Gemeente, Kern, Province, Regio
from kernkompas.places.viewsets import PlacesViewSetGroup, add_home_panel

# Every municipality and core is on the public site, so every back-office user may pick one in a chooser; an
# area only once it is public (or when it is the user's own).
register_permission_policy(Gemeente, ScopedPermissionPolicy(Gemeente, gemeente_path="", public=True))
register_permission_policy(Kern, ScopedPermissionPolicy(Kern, gemeente_path="gemeente", public=True))
register_permission_policy(Gebied, ScopedPermissionPolicy(Gebied, gemeente_path="kern__gemeente", public="is_public"))
register_permission_policy(Regio, RolePermissionPolicy(Regio))
# Provinces and countries are reference data from Statbel and CBS: read-only, for administrators.
register_permission_policy(Province, RolePermissionPolicy(Province, actions={"view"}))
register_permission_policy(Country, RolePermissionPolicy(Country, actions={"view"}))

register_snippet(PlacesViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_my_municipalities_panel(request, panels):
    add_home_panel(request, panels)
