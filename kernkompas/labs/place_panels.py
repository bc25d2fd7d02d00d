"""The Binnenstadslab's panel on a municipality's or core's page (``LabsConfig.place_panels``): "the parts are one
product", a place leads to its plan and to what its labs said.

Everyone sees the published action plans of the place and the labs whose report is public (a regional lab also on
the page of every participating municipality). The staff and facilitators of the municipality that owns a plan or
lab also see the ones that are not public, marked as such, linked to where they work on them. No panel when there is
nothing to show."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core.parts import Panel
from kernkompas.labs import links
from kernkompas.labs.models import ActionPlan, Lab
from kernkompas.places.models import Kern


def panels(request, place) -> list[Panel]:
    user = request.user
    if isinstance(place, Kern):
        plan_scope = Q(kern=place)
        lab_scope = Q(kern=place) | Q(gebied__kern=place)
    else:
        plan_scope = Q(gemeente=place)
        lab_scope = Q(gemeente=place) | Q(gemeenten=place)
    plans = list(
        permissions.visible_queryset(
            user, ActionPlan.objects.filter(plan_scope), gemeente_path="gemeente", public_field="is_published"
        )
        .select_related("gemeente", "kern")
        .order_by("-is_published", "title")
    )
    labs = list(
        permissions.visible_queryset(
            user, Lab.objects.filter(lab_scope).distinct(), gemeente_path="gemeente", public_field="is_report_public"
        )
        .select_related("gemeente", "kern", "regio")
        .order_by("-starts_at", "-pk")
    )
    if not plans and not labs:
        return []
    for plan in plans:
        staff = permissions.can_manage_gemeente(user, plan.gemeente)
        plan.link = (links.plan_url(plan) if staff else "") or (
            links.public_plan_url(plan) if plan.is_published else ""
        )
    for lab in labs:
        staff = permissions.can_manage_gemeente(user, lab.gemeente)
        lab.link = (links.report_url(lab) if lab.is_report_public else "") or (links.lab_url(lab) if staff else "")
    return [
        Panel(
            title=_("Binnenstadslab and action plan"),
            template="labs/includes/place_panel.html",
            context={"plans": plans, "labs": labs},
            order=40,
            slug="binnenstadslab",
        )
    ]
