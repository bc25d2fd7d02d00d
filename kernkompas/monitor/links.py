"""What the Kernmonitor offers about an area elsewhere on the site (the parts registry's ``area_links`` hook):
the back office links a saved area to its dashboard and its import wizard."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions


def area_links(gebied, user) -> list[tuple[str, str]]:
    """The dashboard for whoever may see it; the import wizard for the municipality's staff and administrators."""
    gemeente = gebied.kern.gemeente
    slugs = {"gemeente": gemeente.slug, "kern": gebied.kern.slug, "gebied": gebied.slug}
    manages = permissions.can_manage_gemeente(user, gemeente)
    links = []
    if manages or gebied.is_public:
        links.append((_("View the dashboard"), reverse("monitor:gebied", kwargs=slugs)))
    if manages:
        links.append((_("Import data"), reverse("monitor:upload", kwargs=slugs)))
    if permissions.can_publish(user, gemeente):
        # The confirmation page of the dashboard's publishing, which says what becomes public or stops being so.
        label = _("Make private") if gebied.is_public else _("Make public")
        links.append((label, reverse("monitor:visibility", kwargs=slugs)))
    return links
