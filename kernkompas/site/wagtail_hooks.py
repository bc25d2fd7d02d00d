"""Back-office hooks of the core app: the audit log screen, and a main menu without dead ends."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kernkompas.accounts import permissions
from kernkompas.site import admin_views


@hooks.register("register_admin_urls")
def register_audit_log_url():
    return [path("auditlog/", admin_views.AuditLogView.as_view(), name="kk_audit_log")]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_audit_log(request.user)


@hooks.register("register_admin_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(_("Audit log"), reverse("kk_audit_log"), name="auditlog", icon_name="history", order=950)


# Wagtail's "Help" menu is about editing pages (its editor guide, its release notes). Staff and facilitators of a
# municipality do not edit pages, so for them it is a dead end; editors and administrators keep it.
HIDDEN_UNLESS_EDITOR = {"help"}


@hooks.register("construct_main_menu")
def hide_menu_items_without_use(request, menu_items):
    if permissions.is_redactie(request.user):
        return
    menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_UNLESS_EDITOR]
