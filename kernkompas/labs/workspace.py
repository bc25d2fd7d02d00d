"""The Binnenstadslab's panel on a municipality's workspace (``LabsConfig.workspace_panels``): its labs (coming and
past), its action plans (public or not), its area approaches, and the next steps "Bereid een lab voor" and "Maak een
actieplan" while there is none. Only called for someone who may manage the municipality."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.workspace import NextStep, Panel
from kernkompas.labs import links
from kernkompas.labs.models import ActionPlan, AreaApproach, Lab, Phase


def panels(request, gemeente) -> list[Panel]:
    now = timezone.now()
    labs = list(
        Lab.objects.filter(gemeente=gemeente)
        .select_related("kern", "gebied", "regio")
        .annotate(participant_total=Count("participants", distinct=True))
        .order_by("-starts_at", "-pk")
    )
    for lab in labs:
        lab.url = links.lab_url(lab)
        lab.report_url = links.report_url(lab) if lab.phase == Phase.AFGESLOTEN else ""
    upcoming = [lab for lab in labs if lab.phase != Phase.AFGESLOTEN and lab.starts_at >= now]
    upcoming.reverse()  # the next one first
    past = [lab for lab in labs if lab not in upcoming]
    plans = list(
        ActionPlan.objects.filter(gemeente=gemeente)
        .select_related("kern", "regio")
        .annotate(
            action_total=Count("actions", distinct=True),
            running_total=Count("actions", filter=Q(actions__status="lopend"), distinct=True),
        )
        .order_by("title")
    )
    for plan in plans:
        plan.url = links.plan_url(plan)
        plan.public_url = links.public_plan_url(plan) if plan.is_published else ""
    approaches = list(
        AreaApproach.objects.filter(gebied__kern__gemeente=gemeente)
        .select_related("gebied__kern")
        .annotate(stakeholder_total=Count("stakeholders", distinct=True), opgave_total=Count("opgaves", distinct=True))
        .order_by("gebied__kern__name", "gebied__name")
    )
    for approach in approaches:
        approach.url = links.area_url(approach.gebied)
    lab_new, plan_new = links.lab_new_url(gemeente), links.plan_new_url(gemeente)
    next_steps = []
    if not upcoming and lab_new:
        next_steps.append(
            NextStep(
                _("Prepare a lab"),
                lab_new,
                _("A workshop on the Canvas Nieuwe Binnensteden: participants join with a code on their phone."),
            )
        )
    if not plans and plan_new:
        next_steps.append(
            NextStep(
                _("Make an action plan"),
                plan_new,
                _("Bottlenecks, an agenda and actions that the municipality and its partners carry out together."),
            )
        )
    return [
        Panel(
            key="labs",
            title=_("Binnenstadslab"),
            template="labs/workspace_panel.html",
            context={
                "upcoming": upcoming,
                "past": past,
                "plans": plans,
                "approaches": approaches,
                "lab_new_url": lab_new,
                "plan_new_url": plan_new,
                "index_url": links.index_url(),
            },
            next_steps=next_steps,
            order=40,
        )
    ]
