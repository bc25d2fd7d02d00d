"""The action plan's staff pages, in the Platform31 steps: 1 bottlenecks and opportunities, 2 the agenda (vision,
horizon, goals), 3 cooperation (parties, the municipality's roles across the actions), 4 the actions with their
budget, dates, status and indicator progress; an action's own page with its progress updates.

Staff who may manage the plan's municipality edit; who may publish for it makes the plan public. Everyone else gets
404 (the public plan page is elsewhere). Views stay thin: forms read, ``labs.actions.plans`` saves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kernkompas.accounts import permissions
from kernkompas.labs import plan_display
from kernkompas.labs.actions import plans as plan_actions
from kernkompas.labs.actions import progress
from kernkompas.labs.models import Action, ActionPlan, Bottleneck, Goal, Party, SteeringRole
from kernkompas.labs.plan_forms import (
    ActionForm,
    BottleneckForm,
    FundingFormSet,
    GoalForm,
    PartyForm,
    PlanForm,
    ProgressForm,
    RoleForm,
)
from kernkompas.labs.staff import confirm_remove, direction, item_form, require_manager, save_form, staff_only
from kernkompas.places.models import Gebied, Gemeente


def _managed_gemeenten(user):
    return permissions.scope_queryset(user, Gemeente.objects.all(), "")


def _plan(request, pk: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("gemeente", "kern", "regio"), pk=pk)
    require_manager(request.user, plan.gemeente)
    return plan


def _crumbs(plan):
    return [(_("Action plans"), reverse("labs:plans")), (plan.title, plan.get_absolute_url())]


def _back(plan, anchor: str) -> str:
    return f"{plan.get_absolute_url()}#{anchor}"


# --- Plans ---------------------------------------------------------------------------------------------------


@staff_only
def plans(request):
    if not permissions.is_staff_of_any(request.user):
        raise Http404
    found = permissions.scope_queryset(request.user, ActionPlan.objects.select_related("gemeente", "kern", "regio"))
    areas = permissions.scope_queryset(request.user, Gebied.objects.select_related("kern__gemeente"), "kern__gemeente")
    context = {
        "plans": list(found),
        "gemeenten": list(_managed_gemeenten(request.user)),
        "areas": list(areas.order_by("kern__gemeente__name_nl", "kern__name", "name")[:200]),
    }
    return render(request, "labs/plans/plans.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def plan_new(request):
    gemeenten = _managed_gemeenten(request.user)
    if not permissions.is_staff_of_any(request.user):
        raise Http404
    initial = {"gemeente": request.GET["gemeente"]} if request.GET.get("gemeente", "").isdigit() else {}
    form = PlanForm(request.POST or None, gemeenten=gemeenten, initial=initial)
    created = []

    def save(data):
        values = {k: v for k, v in data.items() if k != "gemeente"}
        created.append(plan_actions.create_plan(request.user, data["gemeente"], **values))

    if request.method == "POST" and save_form(form, save):
        messages.success(request, _("The action plan has been created."))
        return redirect(created[0].get_absolute_url())
    context = {"form": form, "title": _("New action plan"), "back": reverse("labs:plans"), "crumbs": []}
    return render(request, "labs/plans/item_form.html", context, status=400 if request.method == "POST" else 200)


@staff_only
def plan(request, pk: int):
    found = _plan(request, pk)
    context = {
        "plan": found,
        "bottlenecks": list(found.bottlenecks.select_related("indicator_gebied")),
        "goals": list(found.goals.all()),
        "parties": list(found.parties.all()),
        "rows": plan_display.action_rows(found),
        "matrix": plan_display.role_matrix(found),
        "can_publish": permissions.can_publish(request.user, found.gemeente),
    }
    return render(request, "labs/plans/plan.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    found = _plan(request, pk)
    return item_form(
        request,
        form=PlanForm(request.POST or None, instance=ActionPlan.objects.get(pk=pk), gemeenten=Gemeente.objects.none()),
        title=_("Change the action plan"),
        back=found.get_absolute_url(),
        save=lambda data: plan_actions.change_plan(request.user, found, **data),
        crumbs=_crumbs(found),
    )


@staff_only
@require_POST
def plan_publish(request, pk: int):
    found = _plan(request, pk)
    if not permissions.can_publish(request.user, found.gemeente):
        raise PermissionDenied
    publish = request.POST.get("publiceren") == "1"
    plan_actions.set_published(request.user, found, publish)
    messages.success(request, _("The action plan is public.") if publish else _("The action plan is private."))
    return redirect(found.get_absolute_url())


# --- Bottlenecks, goals, parties -------------------------------------------------------------------------


@staff_only
@require_http_methods(["GET", "POST"])
def bottleneck_new(request, pk: int):
    found = _plan(request, pk)
    return item_form(
        request,
        form=BottleneckForm(request.POST or None, gebieden=plan_actions.plan_gebieden(found)),
        title=_("Add a bottleneck or opportunity"),
        back=_back(found, "stap-1"),
        save=lambda data: plan_actions.add_bottleneck(request.user, found, **data),
        crumbs=_crumbs(found),
    )


def _part_of_plan(request, model, pk: int):
    item = get_object_or_404(model.objects.select_related("plan__gemeente"), pk=pk)
    require_manager(request.user, item.plan.gemeente)
    return item


@staff_only
@require_http_methods(["GET", "POST"])
def bottleneck_edit(request, pk: int):
    item = _part_of_plan(request, Bottleneck, pk)
    return item_form(
        request,
        form=BottleneckForm(
            request.POST or None, instance=Bottleneck.objects.get(pk=pk), gebieden=plan_actions.plan_gebieden(item.plan)
        ),
        title=_("Change a bottleneck or opportunity"),
        back=_back(item.plan, "stap-1"),
        save=lambda data: plan_actions.change_bottleneck(request.user, item, **data),
        crumbs=_crumbs(item.plan),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def bottleneck_remove(request, pk: int):
    item = _part_of_plan(request, Bottleneck, pk)
    return confirm_remove(
        request,
        name=item.title,
        back=_back(item.plan, "stap-1"),
        remove=lambda: plan_actions.remove_bottleneck(request.user, item),
        crumbs=_crumbs(item.plan),
    )


@staff_only
@require_POST
def bottleneck_move(request, pk: int):
    item = _part_of_plan(request, Bottleneck, pk)
    plan_actions.move_bottleneck(request.user, item, direction(request))
    return redirect(_back(item.plan, "stap-1"))


@staff_only
@require_http_methods(["GET", "POST"])
def goal_new(request, pk: int):
    found = _plan(request, pk)
    return item_form(
        request,
        form=GoalForm(request.POST or None),
        title=_("Add a goal"),
        back=_back(found, "stap-2"),
        save=lambda data: plan_actions.add_goal(request.user, found, data["text"]),
        crumbs=_crumbs(found),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk: int):
    item = _part_of_plan(request, Goal, pk)
    return item_form(
        request,
        form=GoalForm(request.POST or None, instance=Goal.objects.get(pk=pk)),
        title=_("Change a goal"),
        back=_back(item.plan, "stap-2"),
        save=lambda data: plan_actions.change_goal(request.user, item, data["text"]),
        crumbs=_crumbs(item.plan),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def goal_remove(request, pk: int):
    item = _part_of_plan(request, Goal, pk)
    return confirm_remove(
        request,
        name=item.text,
        back=_back(item.plan, "stap-2"),
        remove=lambda: plan_actions.remove_goal(request.user, item),
        crumbs=_crumbs(item.plan),
    )


@staff_only
@require_POST
def goal_move(request, pk: int):
    item = _part_of_plan(request, Goal, pk)
    plan_actions.move_goal(request.user, item, direction(request))
    return redirect(_back(item.plan, "stap-2"))


@staff_only
@require_http_methods(["GET", "POST"])
def party_new(request, pk: int):
    found = _plan(request, pk)
    return item_form(
        request,
        form=PartyForm(request.POST or None),
        title=_("Add a party"),
        back=_back(found, "stap-3"),
        save=lambda data: plan_actions.add_party(request.user, found, **data),
        crumbs=_crumbs(found),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def party_edit(request, pk: int):
    item = _part_of_plan(request, Party, pk)
    return item_form(
        request,
        form=PartyForm(request.POST or None, instance=Party.objects.get(pk=pk)),
        title=_("Change a party"),
        back=_back(item.plan, "stap-3"),
        save=lambda data: plan_actions.change_party(request.user, item, **data),
        crumbs=_crumbs(item.plan),
    )


@staff_only
@require_http_methods(["GET", "POST"])
def party_remove(request, pk: int):
    item = _part_of_plan(request, Party, pk)
    return confirm_remove(
        request,
        name=item.name,
        back=_back(item.plan, "stap-3"),
        remove=lambda: plan_actions.remove_party(request.user, item),
        crumbs=_crumbs(item.plan),
    )


# --- Actions -------------------------------------------------------------------------------------------------


def _action_form(request, plan, instance=None):
    return ActionForm(
        request.POST or None,
        instance=instance,
        plan=plan,
        roles=plan_actions.roles_for(plan.gemeente),
        gebieden=plan_actions.plan_gebieden(plan),
    )


def _funding_formset(request, action=None):
    initial = None
    if action is not None:
        initial = [
            {"payer": row.payer, "payer_name": row.payer_name, "amount": plan_display.amount_input(row.amount)}
            for row in action.funding.all()
        ]
    return FundingFormSet(request.POST or None, initial=initial, prefix="financiering")


def _action_values(form, formset) -> dict:
    values = {k: v for k, v in form.cleaned_data.items()}
    values.update(form.indicator_values())
    values["funding"] = [row for row in (f.row() for f in formset.forms) if row]
    return values


@staff_only
@require_http_methods(["GET", "POST"])
def action_new(request, pk: int):
    found = _plan(request, pk)
    form, formset = _action_form(request, found), _funding_formset(request)
    created = []
    if request.method == "POST" and formset.is_valid():

        def save(data):
            created.append(plan_actions.add_action(request.user, found, **_action_values(form, formset)))

        if save_form(form, save):
            messages.success(request, _("Saved."))
            return redirect(created[0].get_absolute_url())
    context = {
        "form": form,
        "formset": formset,
        "title": _("Add an action"),
        "back": _back(found, "stap-4"),
        "crumbs": _crumbs(found),
    }
    return render(request, "labs/plans/item_form.html", context, status=400 if request.method == "POST" else 200)


def _action(request, pk: int) -> Action:
    item = get_object_or_404(Action.objects.select_related("plan__gemeente"), pk=pk)
    require_manager(request.user, item.plan.gemeente)
    return item


@staff_only
@require_http_methods(["GET", "POST"])
def action(request, pk: int):
    item = _action(request, pk)
    form = ProgressForm(request.POST or None, plan=item.plan)
    if request.method == "POST" and save_form(form, lambda data: progress.report_progress(request.user, item, **data)):
        messages.success(request, _("The progress update has been saved."))
        return redirect(item.get_absolute_url())
    context = {
        "action": item,
        "plan": item.plan,
        "row": plan_display.action_rows(item.plan, only=item)[0],
        "updates": list(item.updates.select_related("author", "party")),
        "form": form,
        "crumbs": _crumbs(item.plan),
    }
    return render(request, "labs/plans/action.html", context, status=400 if request.method == "POST" else 200)


@staff_only
@require_http_methods(["GET", "POST"])
def action_edit(request, pk: int):
    item = _action(request, pk)
    form, formset = _action_form(request, item.plan, Action.objects.get(pk=pk)), _funding_formset(request, item)
    if request.method == "POST" and formset.is_valid():

        def save(data):
            plan_actions.change_action(request.user, item, **_action_values(form, formset))

        if save_form(form, save):
            messages.success(request, _("Saved."))
            return redirect(item.get_absolute_url())
    context = {
        "form": form,
        "formset": formset,
        "title": _("Change an action"),
        "back": item.get_absolute_url(),
        "crumbs": _crumbs(item.plan),
    }
    return render(request, "labs/plans/item_form.html", context, status=400 if request.method == "POST" else 200)


@staff_only
@require_http_methods(["GET", "POST"])
def action_remove(request, pk: int):
    item = _action(request, pk)
    return confirm_remove(
        request,
        name=item.title,
        back=_back(item.plan, "stap-4"),
        remove=lambda: plan_actions.remove_action(request.user, item),
        crumbs=_crumbs(item.plan),
    )


@staff_only
@require_POST
def action_move(request, pk: int):
    item = _action(request, pk)
    plan_actions.move_action(request.user, item, direction(request))
    return redirect(_back(item.plan, "stap-4"))


# --- The municipality's roles ----------------------------------------------------------------------------


@staff_only
@require_http_methods(["GET", "POST"])
def roles(request, gemeente_pk: int):
    gemeente = get_object_or_404(Gemeente, pk=gemeente_pk)
    require_manager(request.user, gemeente)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and save_form(
        form, lambda data: plan_actions.add_role(request.user, gemeente, data["name"], data["description"])
    ):
        messages.success(request, _("Saved."))
        return redirect("labs:plan_roles", gemeente_pk=gemeente.pk)
    context = {"gemeente": gemeente, "roles": list(plan_actions.roles_for(gemeente)), "form": form}
    return render(request, "labs/plans/roles.html", context, status=400 if request.method == "POST" else 200)


@staff_only
@require_http_methods(["GET", "POST"])
def role_edit(request, pk: int):
    role = get_object_or_404(SteeringRole.objects.select_related("gemeente"), pk=pk, gemeente__isnull=False)
    require_manager(request.user, role.gemeente)
    back = reverse("labs:plan_roles", kwargs={"gemeente_pk": role.gemeente_id})
    return item_form(
        request,
        form=RoleForm(request.POST or None, instance=SteeringRole.objects.get(pk=pk)),
        title=_("Rename a role"),
        back=back,
        save=lambda data: plan_actions.rename_role(request.user, role, data["name"], data["description"]),
    )
