"""The action plan in the Platform31 steps: the plan itself, its bottlenecks and opportunities, goals, parties,
actions (with their funding rows) and progress updates, the municipality's own steering roles, and making a plan
public. Each operation owns its transaction and writes the audit log. A value that does not fit (a deadline before
the start, a negative amount, a party or area of another plan or municipality) is refused with a
``ValidationError`` naming the field in the reader's language, and nothing is saved."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core import audit, parts
from kernkompas.labs.models import (
    Action,
    ActionFunding,
    ActionPlan,
    Bottleneck,
    Goal,
    Party,
    Payer,
    ProgressUpdate,
    SteeringRole,
)
from kernkompas.places.models import Gebied

PLAN_FIELDS = ("title", "kern", "regio", "vision", "horizon_year")
BOTTLENECK_FIELDS = ("kind", "title", "description", "consequence", "evidence", "indicator_code", "indicator_gebied")
GOAL_FIELDS = ("text",)
PARTY_FIELDS = ("name", "kind")
ACTION_FIELDS = (
    "title",
    "description",
    "goal",
    "owner",
    "municipal_role",
    "start_date",
    "deadline",
    "status",
    "indicator_code",
    "indicator_gebied",
    "indicator_baseline",
    "indicator_target",
    "target_date",
)
ACTION_RELATIONS = ("partners", "bottlenecks", "cases")
MAX_FUNDING_ROWS = 20
MAX_AMOUNT = Decimal("9999999999.99")  # what the column holds (12 digits, 2 after the point)


def _touch(plan: ActionPlan) -> None:
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


# --- The plan ------------------------------------------------------------------------------------------------


def _check_plan(plan: ActionPlan) -> None:
    if plan.kern is not None and plan.kern.gemeente_id != plan.gemeente_id:
        raise ValidationError({"kern": _("Choose a core of this municipality.")})
    if plan.regio is not None and not plan.regio.gemeenten.filter(pk=plan.gemeente_id).exists():
        raise ValidationError({"regio": _("Choose a region this municipality belongs to.")})
    plan.full_clean(exclude=["gemeente", "created_by", "labs"])


@transaction.atomic
def create_plan(by, gemeente, **values) -> ActionPlan:
    """A plan of a municipality, or of one of its cores or of a region it belongs to."""
    plan = ActionPlan(gemeente=gemeente, created_by=by if getattr(by, "is_authenticated", False) else None)
    audit.apply_changes(plan, PLAN_FIELDS, values)
    _check_plan(plan)
    plan.save()
    audit.record(by, "labs.plan_created", plan, gemeente=gemeente)
    return plan


@transaction.atomic
def change_plan(by, plan: ActionPlan, **values) -> ActionPlan:
    changes = audit.apply_changes(plan, PLAN_FIELDS, values)
    _check_plan(plan)
    if changes:
        plan.save()
        audit.record(by, "labs.plan_changed", plan, gemeente=plan.gemeente, changes=changes)
    return plan


@transaction.atomic
def set_published(by, plan: ActionPlan, published: bool) -> ActionPlan:
    """Make the plan public (or private again). Only who may publish for the municipality: a facilitator prepares
    a plan but the municipality decides."""
    if not permissions.can_publish(by, plan.gemeente):
        raise PermissionDenied
    if plan.is_published == bool(published):
        return plan
    plan.is_published = bool(published)
    plan.published_at = timezone.now() if published else None
    plan.save(update_fields=["is_published", "published_at", "updated_at"])
    audit.record(by, "labs.plan_published" if published else "labs.plan_unpublished", plan, gemeente=plan.gemeente)
    return plan


# --- Ordered parts of a plan (bottlenecks, goals, actions) ---------------------------------------------------


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


def _move(item, siblings, direction: int) -> bool:
    """Swap ``item`` with the one before (-1) or after (+1) among ``siblings`` (locked); False at either end."""
    ordered = list(siblings.select_for_update().order_by("order", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index + direction
    if direction not in (-1, 1) or not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for number, other in enumerate(ordered, start=1):
        if other.order != number:
            type(other).objects.filter(pk=other.pk).update(order=number)
    return True


# --- Bottlenecks and opportunities ---------------------------------------------------------------------------


def _check_indicator(plan: ActionPlan, code: str, gebied) -> None:
    if code:
        known = {row[0] for row in parts.indicator_catalogue()}
        if known and code not in known:
            raise ValidationError({"indicator_code": _("Choose an indicator of the Kernmonitor.")})
    if gebied is not None and gebied.kern.gemeente_id != plan.gemeente_id:
        raise ValidationError({"indicator_gebied": _("Choose an area of this plan's municipality.")})
    if gebied is not None and not code:
        raise ValidationError({"indicator_code": _("Choose the indicator to measure in this area.")})


def _clean_bottleneck(bottleneck: Bottleneck) -> None:
    _check_indicator(bottleneck.plan, bottleneck.indicator_code, bottleneck.indicator_gebied)
    bottleneck.full_clean(exclude=["plan", "source_note", "source_cluster"])


@transaction.atomic
def add_bottleneck(by, plan: ActionPlan, **values) -> Bottleneck:
    bottleneck = Bottleneck(plan=plan, order=_next_order(plan.bottlenecks))
    audit.apply_changes(bottleneck, BOTTLENECK_FIELDS, values)
    _clean_bottleneck(bottleneck)
    bottleneck.save()
    audit.record(by, "labs.bottleneck_added", bottleneck, gemeente=plan.gemeente)
    _touch(plan)
    return bottleneck


@transaction.atomic
def change_bottleneck(by, bottleneck: Bottleneck, **values) -> Bottleneck:
    changes = audit.apply_changes(bottleneck, BOTTLENECK_FIELDS, values)
    _clean_bottleneck(bottleneck)
    if changes:
        bottleneck.save()
        audit.record(by, "labs.bottleneck_changed", bottleneck, gemeente=bottleneck.plan.gemeente, changes=changes)
        _touch(bottleneck.plan)
    return bottleneck


@transaction.atomic
def move_bottleneck(by, bottleneck: Bottleneck, direction: int) -> None:
    if _move(bottleneck, bottleneck.plan.bottlenecks, direction):
        audit.record(by, "labs.bottleneck_moved", bottleneck, gemeente=bottleneck.plan.gemeente)


@transaction.atomic
def remove_bottleneck(by, bottleneck: Bottleneck) -> None:
    audit.record(by, "labs.bottleneck_removed", bottleneck, gemeente=bottleneck.plan.gemeente)
    bottleneck.delete()
    _touch(bottleneck.plan)


# --- Goals ---------------------------------------------------------------------------------------------------


@transaction.atomic
def add_goal(by, plan: ActionPlan, text: str) -> Goal:
    goal = Goal(plan=plan, order=_next_order(plan.goals), text=text)
    goal.full_clean(exclude=["plan"])
    goal.save()
    audit.record(by, "labs.goal_added", goal, gemeente=plan.gemeente)
    _touch(plan)
    return goal


@transaction.atomic
def change_goal(by, goal: Goal, text: str) -> Goal:
    changes = audit.apply_changes(goal, GOAL_FIELDS, {"text": text})
    goal.full_clean(exclude=["plan"])
    if changes:
        goal.save()
        audit.record(by, "labs.goal_changed", goal, gemeente=goal.plan.gemeente, changes=changes)
    return goal


@transaction.atomic
def move_goal(by, goal: Goal, direction: int) -> None:
    if _move(goal, goal.plan.goals, direction):
        audit.record(by, "labs.goal_moved", goal, gemeente=goal.plan.gemeente)


@transaction.atomic
def remove_goal(by, goal: Goal) -> None:
    audit.record(by, "labs.goal_removed", goal, gemeente=goal.plan.gemeente)
    goal.delete()


# --- Parties -------------------------------------------------------------------------------------------------


def _clean_party(party: Party) -> None:
    party.full_clean(exclude=["plan"])
    same_name = Party.objects.filter(plan_id=party.plan_id, name__iexact=party.name).exclude(pk=party.pk)
    if same_name.exists():
        raise ValidationError({"name": _("This plan already has a party with this name.")})


@transaction.atomic
def add_party(by, plan: ActionPlan, **values) -> Party:
    party = Party(plan=plan)
    audit.apply_changes(party, PARTY_FIELDS, values)
    _clean_party(party)
    party.save()
    audit.record(by, "labs.party_added", party, gemeente=plan.gemeente)
    return party


@transaction.atomic
def change_party(by, party: Party, **values) -> Party:
    changes = audit.apply_changes(party, PARTY_FIELDS, values)
    _clean_party(party)
    if changes:
        party.save()
        audit.record(by, "labs.party_changed", party, gemeente=party.plan.gemeente, changes=changes)
    return party


@transaction.atomic
def remove_party(by, party: Party) -> None:
    audit.record(by, "labs.party_removed", party, gemeente=party.plan.gemeente)
    party.delete()


# --- Municipal steering roles --------------------------------------------------------------------------------


def roles_for(gemeente):
    """The seeded roles and the municipality's own, in their order."""
    return SteeringRole.objects.filter(Q(gemeente=None) | Q(gemeente=gemeente)).order_by("order", "name")


@transaction.atomic
def add_role(by, gemeente, name: str, description: str = "") -> SteeringRole:
    role = SteeringRole(gemeente=gemeente, name=name, description=description, order=100)
    role.full_clean()
    if roles_for(gemeente).filter(name__iexact=name).exists():
        raise ValidationError({"name": _("This role exists already.")})
    role.save()
    audit.record(by, "labs.role_added", role, gemeente=gemeente)
    return role


@transaction.atomic
def rename_role(by, role: SteeringRole, name: str, description: str = "") -> SteeringRole:
    """Only a municipality's own roles change; the seeded ones are everyone's and stay as they are."""
    if role.gemeente_id is None:
        raise ValidationError({"name": _("The standard roles cannot be changed.")})
    changes = audit.apply_changes(role, ("name", "description"), {"name": name, "description": description})
    role.full_clean()
    if roles_for(role.gemeente).filter(name__iexact=name).exclude(pk=role.pk).exists():
        raise ValidationError({"name": _("This role exists already.")})
    if changes:
        role.save()
        audit.record(by, "labs.role_renamed", role, gemeente=role.gemeente, changes=changes)
    return role


# --- Actions -------------------------------------------------------------------------------------------------


def _plain_number(text: str) -> str:
    """ "12.500,50" (Dutch), "12,500.50" (English), "12.500" (Dutch thousands) and "12500.5" as "12500.50"-style
    text. The separator that comes last is the decimal point; a lone dot before exactly three digits groups
    thousands, as an amount in euro has at most two decimals."""
    text = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        return text.replace(grouping, "").replace(decimal_mark, ".")
    if "," in text:
        return text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        return text.replace(".", "")
    return text


def parse_amount(value) -> Decimal:
    """An amount in euro from a number or a text ("1.250,50", "1250.5"); a ValidationError when it is not one."""
    if isinstance(value, Decimal):
        amount = value
    else:
        text = _plain_number(str(value))
        if not re.fullmatch(r"-?\d{1,15}(\.\d{1,2})?", text):
            raise ValidationError({"funding": _("An amount is a number of euros, e.g. 12.500,00.")})
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError({"funding": _("An amount is a number of euros, e.g. 12.500,00.")}) from None
    if not amount.is_finite():
        raise ValidationError({"funding": _("An amount is a number of euros, e.g. 12.500,00.")})
    if amount < 0:
        raise ValidationError({"funding": _("An amount cannot be negative.")})
    if amount > MAX_AMOUNT:
        raise ValidationError({"funding": _("This amount is too large.")})
    return amount.quantize(Decimal("0.01"))


def _funding_rows(rows) -> list[ActionFunding]:
    rows = list(rows)
    if len(rows) > MAX_FUNDING_ROWS:
        raise ValidationError({"funding": _("At most %(n)d funding rows.") % {"n": MAX_FUNDING_ROWS}})
    found = []
    for row in rows:
        payer = row.get("payer", "")
        if payer not in Payer.values:
            raise ValidationError({"funding": _("Choose who pays.")})
        funding = ActionFunding(payer=payer, payer_name=(row.get("payer_name") or "")[:200])
        funding.amount = parse_amount(row.get("amount", ""))
        found.append(funding)
    return found


def _check_action(action: Action, relations: dict) -> None:
    plan = action.plan
    if action.start_date and action.deadline and action.deadline < action.start_date:
        raise ValidationError({"deadline": _("The deadline cannot be before the start.")})
    if action.owner is not None and action.owner.plan_id != plan.pk:
        raise ValidationError({"owner": _("Choose a party of this plan.")})
    if any(party.plan_id != plan.pk for party in relations.get("partners") or []):
        raise ValidationError({"partners": _("Choose parties of this plan.")})
    if any(item.plan_id != plan.pk for item in relations.get("bottlenecks") or []):
        raise ValidationError({"bottlenecks": _("Choose bottlenecks of this plan.")})
    if action.goal is not None and action.goal.plan_id != plan.pk:
        raise ValidationError({"goal": _("Choose a goal of this plan.")})
    role = action.municipal_role
    if role is not None and role.gemeente_id not in (None, plan.gemeente_id):
        raise ValidationError({"municipal_role": _("Choose one of this municipality's roles.")})
    _check_indicator(plan, action.indicator_code, action.indicator_gebied)
    if relations.get("cases"):
        live = {row[0] for row in parts.case_choices(limit=10_000)}
        if any(page.pk not in live for page in relations["cases"]):
            raise ValidationError({"cases": _("Choose published cases of the Vitrine.")})
    action.full_clean(exclude=["plan", "source_note", "source_cluster", *ACTION_RELATIONS])


def _default_baseline(action: Action) -> None:
    """A linked indicator starts from its current value when no starting value is given."""
    if action.indicator_code and action.indicator_gebied_id and action.indicator_baseline is None:
        key = (action.indicator_gebied_id, action.indicator_code)
        found = parts.indicator_values([action.indicator_gebied_id], [action.indicator_code]).get(key)
        if found is not None:
            action.indicator_baseline = float(found[0])


def _save_relations(action: Action, relations: dict, funding) -> dict:
    changes = {}
    for name in ACTION_RELATIONS:
        if name in relations:
            chosen = list(relations[name] or [])
            before = sorted(getattr(action, name).values_list("pk", flat=True))
            if before != sorted(item.pk for item in chosen):
                changes[name] = [before, sorted(item.pk for item in chosen)]
                getattr(action, name).set(chosen)
    if funding is not None:
        before = [(f.payer, f.payer_name, str(f.amount)) for f in action.funding.order_by("pk")]
        after = [(f.payer, f.payer_name, str(f.amount)) for f in funding]
        if before != after:
            action.funding.all().delete()
            for row in funding:
                row.action = action
            ActionFunding.objects.bulk_create(funding)
            changes["funding"] = [before, after]
    return changes


@transaction.atomic
def add_action(by, plan: ActionPlan, funding=None, **values) -> Action:
    """An action at the end of the plan; ``funding`` is a list of ``{"payer", "payer_name", "amount"}``."""
    relations = {name: values.pop(name) for name in ACTION_RELATIONS if name in values}
    action = Action(plan=plan, order=_next_order(plan.actions))
    audit.apply_changes(action, ACTION_FIELDS, values)
    rows = _funding_rows(funding) if funding is not None else None
    _check_action(action, relations)
    _default_baseline(action)
    action.save()
    _save_relations(action, relations, rows)
    audit.record(by, "labs.action_added", action, gemeente=plan.gemeente)
    _touch(plan)
    return action


@transaction.atomic
def change_action(by, action: Action, funding=None, **values) -> Action:
    relations = {name: values.pop(name) for name in ACTION_RELATIONS if name in values}
    changes = audit.apply_changes(action, ACTION_FIELDS, values)
    rows = _funding_rows(funding) if funding is not None else None
    _check_action(action, relations)
    _default_baseline(action)
    if changes:
        action.save()
    changes.update(_save_relations(action, relations, rows))
    if changes:
        audit.record(by, "labs.action_changed", action, gemeente=action.plan.gemeente, changes=changes)
        _touch(action.plan)
    return action


@transaction.atomic
def move_action(by, action: Action, direction: int) -> None:
    if _move(action, action.plan.actions, direction):
        audit.record(by, "labs.action_moved", action, gemeente=action.plan.gemeente)


@transaction.atomic
def remove_action(by, action: Action) -> None:
    audit.record(by, "labs.action_removed", action, gemeente=action.plan.gemeente)
    action.delete()
    _touch(action.plan)


# --- Progress ------------------------------------------------------------------------------------------------


@transaction.atomic
def remove_progress(by, update: ProgressUpdate) -> None:
    action = update.action
    audit.record(by, "labs.progress_removed", action, gemeente=action.plan.gemeente)
    update.delete()


def plan_gebieden(plan: ActionPlan):
    """The areas an indicator of this plan may be measured in: those of the plan's municipality (of its core, when
    the plan is a core's)."""
    areas = Gebied.objects.filter(kern__gemeente=plan.gemeente).select_related("kern")
    return areas.filter(kern=plan.kern) if plan.kern_id else areas
