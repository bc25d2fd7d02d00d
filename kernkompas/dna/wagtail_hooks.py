"""The Kern-DNA in the back office: a menu item "Kern-DNA" for the staff and facilitators of a municipality and for
administrators, leading to the trajectories (edited on the site's own pages, /dna/, with their checks)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kernkompas.accounts import permissions


class DnaMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_staff_of_any(request.user)


@hooks.register("register_admin_menu_item")
def register_dna_menu_item():
    return DnaMenuItem(_("Kern-DNA"), reverse("dna:index"), name="kern-dna", icon_name="list-ol", order=850)
