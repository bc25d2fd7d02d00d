"""Where people land after logging in, and a municipality's workspace ("Mijn werkplek").

The landing (``/start/``, the ``LOGIN_REDIRECT_URL``) sends each role to its work: staff and facilitators of one
municipality to its workspace, of several to a chooser; administrators and editors to the back office (whose
dashboard shows the editors' review queue); members to the home page with their own entry points. A log-in with
``next`` goes there instead, as before.

The workspace collects a panel from every part that has one (``PartConfig.workspace_panels``,
:mod:`kernkompas.core.parts`), so the site names no part's models here.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from kernkompas.accounts import permissions
from kernkompas.accounts.models import Role, gemeente_model
from kernkompas.core import parts

# Administrators find any municipality by name; a list of all ~600 would be no chooser.
CHOOSER_LIMIT = 50


def own_gemeenten(user):
    """The municipalities the user works for by membership (staff or facilitator), by name."""
    found = permissions.roles_of(user)
    ids = {i for role in (Role.GEMEENTE, Role.BEGELEIDER) for i in found.get(role, ()) if i is not None}
    return gemeente_model().objects.filter(pk__in=ids).order_by("name_nl")


@login_required
def landing(request):
    user = request.user
    gemeenten = list(own_gemeenten(user)[:2])
    if len(gemeenten) == 1:
        return redirect("site:workspace", slug=gemeenten[0].slug)
    if gemeenten:
        return redirect("site:workspaces")
    if permissions.is_redactie(user):  # editors and administrators
        return redirect("wagtailadmin_home")
    return redirect("site:home")


@login_required
def workspaces(request):
    """A chooser of the municipalities the user works for; administrators search any municipality."""
    if not permissions.is_staff_of_any(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    gemeenten = own_gemeenten(request.user)
    is_beheerder = permissions.is_beheerder(request.user)
    if not is_beheerder and len(gemeenten[:2]) == 1:
        return redirect("site:workspace", slug=gemeenten[0].slug)
    if is_beheerder and query:
        # Current municipalities first, ended ones after them.
        gemeenten = gemeente_model().objects.search(query).order_by(F("valid_until").asc(nulls_first=True), "name_nl")
    elif is_beheerder and not gemeenten.exists():
        # Without a search: the municipalities where someone works, a sensible place to start.
        gemeenten = gemeente_model().objects.filter(memberships__isnull=False).distinct().order_by("name_nl")
    context = {"gemeenten": gemeenten[:CHOOSER_LIMIT], "query": query, "is_beheerder": is_beheerder}
    return render(request, "site/workspaces.html", context)


@login_required
def workspace(request, slug):
    gemeente = permissions.get_gemeente_for_staff(request, slug)
    panels = parts.workspace_panels(request, gemeente)
    context = {
        "gemeente": gemeente,
        # Each panel drawn by its part's own template (autoescaped like any page).
        "rendered_panels": [
            (panel, render_to_string(panel.template, {**panel.context, "panel": panel}, request=request))
            for panel in panels
        ],
        "next_steps": [step for panel in panels for step in panel.next_steps],
        "other_gemeenten": own_gemeenten(request.user).exclude(pk=gemeente.pk),
    }
    return render(request, "site/workspace.html", context)
