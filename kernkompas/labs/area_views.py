"""The area approach of one area (staff of its municipality): the stakeholder map grouped by kind, the area's
energy and task, its opgaves and who carries them, with the forms to change them."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernkompas.core import parts
from kernkompas.labs.actions import areas as area_actions
from kernkompas.labs.models import Engagement, Opgave, Stakeholder, StakeholderKind
from kernkompas.labs.plan_forms import ApproachForm, OpgaveForm, StakeholderForm
from kernkompas.labs.staff import confirm_remove, item_form, require_manager, save_form, staff_only
from kernkompas.places.models import Gebied

# The engagement scale from waiting to leading, for the dots next to the words (the words carry the meaning).
ENGAGEMENT_SCALE = {
    Engagement.ONBEKEND: 0,
    Engagement.AFWACHTEND: 1,
    Engagement.BETROKKEN: 2,
    Engagement.ACTIEF: 3,
    Engagement.TREKKER: 4,
}


def _gebied(request, gebied_pk: int) -> Gebied:
    gebied = get_object_or_404(Gebied.objects.select_related("kern__gemeente"), pk=gebied_pk)
    require_manager(request.user, gebied.kern.gemeente)
    return gebied


def _crumbs(gebied):
    return [(str(gebied), reverse("labs:area", kwargs={"gebied_pk": gebied.pk}))]


def _stakeholder_map(approach) -> list[dict]:
    if approach is None:
        return []
    stakeholders = list(approach.stakeholders.order_by("name"))
    groups = []
    for kind, label in StakeholderKind.choices:
        members = [
            {"stakeholder": s, "level": ENGAGEMENT_SCALE.get(s.engagement, 0)} for s in stakeholders if s.kind == kind
        ]
        if members:
            groups.append({"kind": kind, "label": label, "members": members})
    return groups


@staff_only
@require_http_methods(["GET", "POST"])
def area(request, gebied_pk: int):
    gebied = _gebied(request, gebied_pk)
    approach = area_actions.approach_of(gebied)
    form = ApproachForm(request.POST or None, instance=approach)
    if request.method == "POST":
        if save_form(form, lambda data: area_actions.save_approach(request.user, gebied, **data)):
            messages.success(request, _("Saved."))
            return redirect("labs:area", gebied_pk=gebied.pk)
    context = {
        "gebied": gebied,
        "approach": approach,
        "form": form,
        "groups": _stakeholder_map(approach),
        "opgaves": list(approach.opgaves.prefetch_related("stakeholders")) if approach else [],
        "area_links": parts.area_links(gebied, request.user),
        "scale": range(1, 5),
    }
    return render(request, "labs/areas/area.html", context, status=400 if request.method == "POST" else 200)


@staff_only
@require_http_methods(["GET", "POST"])
def stakeholder_new(request, gebied_pk: int):
    gebied = _gebied(request, gebied_pk)
    return item_form(
        request,
        form=StakeholderForm(request.POST or None),
        title=_("Add a stakeholder"),
        back=reverse("labs:area", kwargs={"gebied_pk": gebied.pk}),
        save=lambda data: area_actions.add_stakeholder(request.user, gebied, **data),
        crumbs=_crumbs(gebied),
    )


def _stakeholder(request, pk: int) -> Stakeholder:
    stakeholder = get_object_or_404(Stakeholder.objects.select_related("approach__gebied__kern__gemeente"), pk=pk)
    require_manager(request.user, stakeholder.approach.gemeente)
    return stakeholder


@staff_only
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request, pk: int):
    stakeholder = _stakeholder(request, pk)
    gebied = stakeholder.approach.gebied
    return item_form(
        request,
        form=StakeholderForm(request.POST or None, instance=Stakeholder.objects.get(pk=pk)),
        title=_("Change a stakeholder"),
        back=reverse("labs:area", kwargs={"gebied_pk": gebied.pk}),
        save=lambda data: area_actions.change_stakeholder(request.user, stakeholder, **data),
        crumbs=_crumbs(gebied),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def stakeholder_remove(request, pk: int):
    stakeholder = _stakeholder(request, pk)
    gebied = stakeholder.approach.gebied
    return confirm_remove(
        request,
        name=stakeholder.name,
        back=reverse("labs:area", kwargs={"gebied_pk": gebied.pk}),
        remove=lambda: area_actions.remove_stakeholder(request.user, stakeholder),
        crumbs=_crumbs(gebied),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def opgave_new(request, gebied_pk: int):
    gebied = _gebied(request, gebied_pk)
    approach = area_actions.approach_of(gebied)
    return item_form(
        request,
        form=OpgaveForm(request.POST or None, approach=approach),
        title=_("Add a task"),
        back=reverse("labs:area", kwargs={"gebied_pk": gebied.pk}),
        save=lambda data: area_actions.add_opgave(request.user, gebied, **data),
        crumbs=_crumbs(gebied),
    )


def _opgave(request, pk: int) -> Opgave:
    opgave = get_object_or_404(Opgave.objects.select_related("approach__gebied__kern__gemeente"), pk=pk)
    require_manager(request.user, opgave.approach.gemeente)
    return opgave


@staff_only
@require_http_methods(["GET", "POST"])
def opgave_edit(request, pk: int):
    opgave = _opgave(request, pk)
    gebied = opgave.approach.gebied
    return item_form(
        request,
        form=OpgaveForm(request.POST or None, instance=Opgave.objects.get(pk=pk), approach=opgave.approach),
        title=_("Change a task"),
        back=reverse("labs:area", kwargs={"gebied_pk": gebied.pk}),
        save=lambda data: area_actions.change_opgave(request.user, opgave, **data),
        crumbs=_crumbs(gebied),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def opgave_remove(request, pk: int):
    opgave = _opgave(request, pk)
    gebied = opgave.approach.gebied
    return confirm_remove(
        request,
        name=opgave.title,
        back=reverse("labs:area", kwargs={"gebied_pk": gebied.pk}),
        remove=lambda: area_actions.remove_opgave(request.user, opgave),
        crumbs=_crumbs(gebied),
    )
