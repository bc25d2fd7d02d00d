"""Carrying a lab's notes and clusters into an action plan (``labs:carry``): pick them, sorted by dots, choose per
item whether it is a bottleneck, an opportunity or an action, and the plan (an existing one of the same
municipality, or a new one)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kernkompas.labs import report, tallies
from kernkompas.labs.actions import carry as carry_actions
from kernkompas.labs.models import ActionPlan
from kernkompas.labs.report_access import staff_lab
from kernkompas.labs.report_views import _staff_only

KIND_CHOICES = (
    ("knelpunt", gettext_lazy("bottleneck")),
    ("kans", gettext_lazy("opportunity")),
    ("actie", gettext_lazy("action")),
)
NEW_PLAN = "nieuw"


def default_kind(item: report.Item) -> str:
    """What an item most likely becomes, from its lens (the canvas has lenses for bottlenecks, chances and who
    does what)."""
    key = item.lens.key
    if "kans" in key:
        return "kans"
    if "wie" in key or "actie" in key:
        return "actie"
    return "knelpunt"


def _rows(built: report.LabReport, data=None) -> list[dict]:
    chosen = set(data.getlist("item")) if data is not None else set()
    rows = []
    for item in built.items:
        kind = data.get(f"kind-{item.key}") if data is not None else None
        rows.append(
            {
                "item": item,
                "checked": item.key in chosen,
                "kind": kind if kind in carry_actions.KINDS else default_kind(item),
            }
        )
    return rows


def _chosen_items(lab, built: report.LabReport, rows: list[dict]) -> list[carry_actions.CarryItem]:
    """The ticked rows as items to carry. A cluster's evidence counts the dots of its notes too
    (``tallies.cluster_totals``) and its notes become the description."""
    cluster_dots = tallies.cluster_totals(lab)
    items = []
    for row in rows:
        if not row["checked"]:
            continue
        item = row["item"]
        if item.kind == "cluster":
            items.append(
                carry_actions.CarryItem(
                    kind=row["kind"],
                    dots=cluster_dots.get(item.obj.pk, 0),
                    cluster=item.obj,
                    details=tuple(built.cluster_notes(item.obj)),
                )
            )
        else:
            items.append(carry_actions.CarryItem(kind=row["kind"], dots=item.tally.total, note=item.obj))
    return items


def _plan_url(plan: ActionPlan) -> str | None:
    try:
        return plan.get_absolute_url()
    except NoReverseMatch:  # the plan pages live in another helper's branch until they are merged
        return None


@_staff_only
def carry(request, pk: int):
    lab = staff_lab(request.user, pk)
    built = report.build(lab)
    plans = list(ActionPlan.objects.filter(gemeente=lab.gemeente).order_by("title", "pk"))
    errors: list[str] = []
    data = request.POST if request.method == "POST" else None
    rows = _rows(built, data)
    chosen_plan = data.get("plan", "") if data is not None else (str(plans[0].pk) if plans else NEW_PLAN)
    if data is not None:
        items = _chosen_items(lab, built, rows)
        plan = None
        if chosen_plan != NEW_PLAN:
            plan = next((p for p in plans if str(p.pk) == chosen_plan), None)
            if plan is None:
                errors.append(_("Choose one of the action plans of %(gemeente)s.") % {"gemeente": lab.gemeente})
        if not items:
            errors.append(_("Choose at least one note or cluster."))
        if not errors:
            if plan is None:
                plan = carry_actions.create_plan_for(request.user, lab)
            result = carry_actions.carry_into_plan(request.user, lab, plan, items)
            added = len(result.bottlenecks) + len(result.actions)
            messages.success(
                request,
                ngettext("%(n)s item was added to %(plan)s.", "%(n)s items were added to %(plan)s.", added)
                % {"n": added, "plan": plan.title},
            )
            if result.skipped:
                messages.info(
                    request,
                    ngettext(
                        "%(n)s item was already in this plan and was not added again.",
                        "%(n)s items were already in this plan and were not added again.",
                        len(result.skipped),
                    )
                    % {"n": len(result.skipped)},
                )
            url = _plan_url(plan)
            return redirect(url) if url else redirect("labs:report", pk=lab.pk)
    context = {
        "lab": lab,
        "report": built,
        "rows": rows,
        "plans": plans,
        "chosen_plan": chosen_plan,
        "new_plan": NEW_PLAN,
        "new_plan_title": carry_actions.new_plan_title(lab),
        "kind_choices": KIND_CHOICES,
        "errors": errors,
    }
    return render(request, "labs/carry.html", context, status=400 if errors else 200)
