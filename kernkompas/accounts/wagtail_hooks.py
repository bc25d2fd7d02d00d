"""Back-office screens of the accounts app: "Medewerkers" (staff and roles per municipality); and the scope
guards every app's back-office screens rely on (accounts/viewsets.py, accounts/wagtail_guards.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kernkompas.accounts import admin_views, permissions, wagtail_guards
from kernkompas.accounts.viewsets import ScopedDeleteBulkAction

members_urls = (
    [
        path("", admin_views.MembersIndexView.as_view(), name="index"),
        path("platform/", admin_views.PlatformMembersView.as_view(), name="platform"),
        path("intrekken/<int:pk>/", admin_views.RevokeView.as_view(), name="revoke"),
        path("uitnodiging/<int:pk>/opnieuw/", admin_views.resend_invitation, name="invitation_resend"),
        path("uitnodiging/<int:pk>/intrekken/", admin_views.revoke_invitation, name="invitation_revoke"),
        path("<slug:slug>/", admin_views.GemeenteMembersView.as_view(), name="gemeente"),
    ],
    "kk_members",
)


@hooks.register("register_admin_urls")
def register_members_urls():
    return [path("medewerkers/", include(members_urls))]


class MembersMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.member_gemeente_ids(request.user) != frozenset()


@hooks.register("register_admin_menu_item")
def register_members_menu_item():
    return MembersMenuItem(_("Staff"), reverse("kk_members:index"), name="medewerkers", icon_name="group", order=900)


# After Wagtail's own (order 0): the last registration for a model and action is the one that answers.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=1)
hooks.register("construct_admin_api", wagtail_guards.restrict_admin_api, order=1)
hooks.register("construct_page_chooser_queryset", wagtail_guards.pages_the_user_may_choose)
hooks.register("before_move_page", wagtail_guards.refuse_a_move_the_user_may_not_make)
