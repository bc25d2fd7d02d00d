"""The public pages of action plans: the list of published plans, a plan's page (staff of its municipality see an
unpublished plan with a preview banner; anyone else gets 404), and its downloads (CSV, Excel)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from kernkompas.accounts import permissions
from kernkompas.core.pagecache import cache_for_visitors
from kernkompas.labs import party_forms, plan_downloads, public_plans
from kernkompas.labs.actions import progress


@cache_for_visitors
def plans_public(request):
    plans = public_plans.published_plans().order_by("gemeente__name_nl", "title")
    return render(request, "labs/plans_public.html", {"plans": plans})


@cache_for_visitors
def plan_public(request, pk: int):
    plan = public_plans.get_visible_plan(request.user, pk)
    is_staff = permissions.can_manage_gemeente(request.user, plan.gemeente)
    rows = public_plans.action_rows(plan)
    if is_staff:  # staff report on any action of their plan right here; party members on "my actions"
        for row in rows:
            row.progress_form = party_forms.ProgressForm(
                prefix=f"a{row.action.pk}", initial={"date": timezone.localdate()}
            )
    context = {
        "plan": plan,
        "preview": not plan.is_published,
        "is_staff": is_staff,
        "goals": list(plan.goals.all()),
        "bottlenecks": list(plan.bottlenecks.all()),
        "rows": rows,
        "reportable": {row.action.pk for row in rows if progress.may_report(request.user, row.action)},
        "updates": public_plans.latest_updates(plan),
        "page_url": request.build_absolute_uri(),
        "feed_url": reverse("labs:plan_feed", kwargs={"pk": plan.pk}) if plan.is_published else "",
    }
    return render(request, "labs/plan_public.html", context)


def plan_export(request, pk: int, fmt: str):
    if fmt not in plan_downloads.FORMATS:
        raise Http404
    plan = public_plans.get_visible_plan(request.user, pk)
    content = plan_downloads.as_csv(plan) if fmt == "csv" else plan_downloads.as_xlsx(plan)
    response = HttpResponse(content, content_type=plan_downloads.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="actieplan-{plan.pk}.{fmt}"'
    return response
