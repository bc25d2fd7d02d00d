"""Carrying a lab's results into an action plan: chosen notes and clusters become bottlenecks, opportunities or
actions of a plan of the same municipality, each pointing back at its note or cluster and naming its dots as
evidence. Carrying the same note or cluster into the same plan twice adds nothing the second time."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.accounts import permissions
from kernkompas.core import audit
from kernkompas.labs.models import Action, ActionPlan, Bottleneck, BottleneckKind, Cluster, Lab, Note

KINDS = ("knelpunt", "kans", "actie")
TITLE_LENGTH = 200


@dataclass(frozen=True)
class CarryItem:
    """One note or cluster (exactly one of the two) and what it becomes: "knelpunt", "kans" or "actie"."""

    kind: str
    dots: int = 0
    note: Note | None = None
    cluster: Cluster | None = None
    details: tuple[str, ...] = ()  # a cluster's notes, which become the description

    @property
    def text(self) -> str:
        return self.note.text if self.note is not None else self.cluster.title

    @property
    def description(self) -> str:
        return "\n".join(f"- {line}" for line in self.details) if self.details else self.text


@dataclass
class CarryResult:
    bottlenecks: list[Bottleneck]
    actions: list[Action]
    skipped: list[CarryItem]  # already in the plan


def _title(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


def evidence_text(lab: Lab, dots: int) -> str:
    date = formats.date_format(timezone.localtime(lab.starts_at), "j F Y")
    stippen = ngettext("%(n)s dot", "%(n)s dots", dots) % {"n": dots}
    # "Binnenstadslab Binnenstadslab Kempenland" reads badly: name the lab once when its title already says it is one.
    if lab.title.lower().startswith("binnenstadslab"):
        return _("%(title)s, %(date)s: %(dots)s") % {"title": lab.title, "date": date, "dots": stippen}
    return _("Binnenstadslab %(title)s, %(date)s: %(dots)s") % {"title": lab.title, "date": date, "dots": stippen}


def new_plan_title(lab: Lab) -> str:
    place = lab.kern or lab.regio or lab.gemeente
    return _("Action plan %(place)s") % {"place": place}


def _already(plan: ActionPlan, item: CarryItem) -> bool:
    source = {"source_note": item.note} if item.note is not None else {"source_cluster": item.cluster}
    return (
        Bottleneck.objects.filter(plan=plan, **source).exists() or Action.objects.filter(plan=plan, **source).exists()
    )


@transaction.atomic
def create_plan_for(by, lab: Lab) -> ActionPlan:
    """A new plan of the lab's municipality, named after its place ("Actieplan <place>")."""
    if not permissions.can_manage_gemeente(by, lab.gemeente):
        raise PermissionDenied
    plan = ActionPlan.objects.create(
        gemeente=lab.gemeente, kern=lab.kern, regio=lab.regio, title=new_plan_title(lab)[:200], created_by=by
    )
    audit.record(by, "labs.plan_created_from_lab", plan, gemeente=lab.gemeente, changes={"lab": lab.pk})
    return plan


@transaction.atomic
def carry_into_plan(by, lab: Lab, plan: ActionPlan, items: list[CarryItem]) -> CarryResult:
    """Add the items to the plan as bottlenecks (knelpunt, kans) or actions, link the lab to the plan, audit.

    The plan must belong to the lab's municipality and the user must manage it; every item must be of this lab and
    visible (a hidden note is never carried). Items already carried into this plan are skipped and returned."""
    if not permissions.can_manage_gemeente(by, lab.gemeente) or plan.gemeente_id != lab.gemeente_id:
        raise PermissionDenied
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    for item in items:
        if item.kind not in KINDS or (item.note is None) == (item.cluster is None):
            raise ValidationError(_("Choose a note or cluster and what it becomes."))
        source = item.note if item.note is not None else item.cluster
        if source.lab_id != lab.pk or (item.note is not None and item.note.is_hidden):
            raise ValidationError(_("This note or cluster is not part of the lab."))
    next_bottleneck = (plan.bottlenecks.aggregate(n=Max("order"))["n"] or 0) + 1
    next_action = (plan.actions.aggregate(n=Max("order"))["n"] or 0) + 1
    result = CarryResult(bottlenecks=[], actions=[], skipped=[])
    for item in items:
        if _already(plan, item):
            result.skipped.append(item)
            continue
        source = {"source_note": item.note, "source_cluster": item.cluster}
        if item.kind == "actie":
            action = Action.objects.create(
                plan=plan, order=next_action, title=_title(item.text), description=item.description, **source
            )
            next_action += 1
            result.actions.append(action)
        else:
            bottleneck = Bottleneck.objects.create(
                plan=plan,
                kind=BottleneckKind.KANS if item.kind == "kans" else BottleneckKind.KNELPUNT,
                order=next_bottleneck,
                title=_title(item.text),
                description=item.description,
                evidence=evidence_text(lab, item.dots),
                **source,
            )
            next_bottleneck += 1
            result.bottlenecks.append(bottleneck)
    plan.labs.add(lab)
    audit.record(
        by,
        "labs.lab_carried_into_plan",
        plan,
        gemeente=plan.gemeente,
        changes={
            "lab": lab.pk,
            "bottlenecks": [b.pk for b in result.bottlenecks],
            "actions": [a.pk for a in result.actions],
            "skipped": len(result.skipped),
        },
    )
    return result
