"""The area approach of one area (seed 003): its energy and how clear its task is, the stakeholder map and the
opgaves with the parties that carry them. Each operation owns its transaction and writes the audit log; a value
that does not fit is refused with a ``ValidationError`` naming the field, and nothing is saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.labs.models import AreaApproach, Opgave, Stakeholder

APPROACH_FIELDS = ("energy", "task_clarity", "summary")
STAKEHOLDER_FIELDS = ("name", "kind", "contact_name", "contact_email", "engagement", "notes")
OPGAVE_FIELDS = ("title", "description", "status")


def approach_of(gebied) -> AreaApproach | None:
    """The area's approach, or None before anyone saved one."""
    return AreaApproach.objects.filter(gebied=gebied).first()


@transaction.atomic
def save_approach(by, gebied, **values) -> AreaApproach:
    """Energy, task clarity and summary of an area (the approach is made on its first save)."""
    approach = AreaApproach.objects.select_for_update().filter(gebied=gebied).first()
    created = approach is None
    approach = approach or AreaApproach(gebied=gebied)
    changes = audit.apply_changes(approach, APPROACH_FIELDS, values)
    approach.full_clean(exclude=["gebied"])
    if changes or created:
        approach.save()
        audit.record(by, "labs.approach_saved", approach, gemeente=gebied.kern.gemeente, changes=changes)
    return approach


def _ensure_approach(by, gebied) -> AreaApproach:
    return approach_of(gebied) or save_approach(by, gebied)


@transaction.atomic
def add_stakeholder(by, gebied, **values) -> Stakeholder:
    approach = _ensure_approach(by, gebied)
    stakeholder = Stakeholder(approach=approach)
    audit.apply_changes(stakeholder, STAKEHOLDER_FIELDS, values)
    stakeholder.full_clean(exclude=["approach"])
    stakeholder.save()
    audit.record(by, "labs.stakeholder_added", stakeholder, gemeente=approach.gemeente)
    return stakeholder


@transaction.atomic
def change_stakeholder(by, stakeholder: Stakeholder, **values) -> Stakeholder:
    changes = audit.apply_changes(stakeholder, STAKEHOLDER_FIELDS, values)
    stakeholder.full_clean(exclude=["approach"])
    if changes:
        stakeholder.save()
        audit.record(
            by, "labs.stakeholder_changed", stakeholder, gemeente=stakeholder.approach.gemeente, changes=changes
        )
    return stakeholder


@transaction.atomic
def remove_stakeholder(by, stakeholder: Stakeholder) -> None:
    audit.record(by, "labs.stakeholder_removed", stakeholder, gemeente=stakeholder.approach.gemeente)
    stakeholder.delete()


def _check_carriers(approach: AreaApproach, stakeholders) -> list[Stakeholder]:
    stakeholders = list(stakeholders or [])
    if any(s.approach_id != approach.pk for s in stakeholders):
        raise ValidationError({"stakeholders": _("Choose parties of this area's stakeholder map.")})
    return stakeholders


@transaction.atomic
def add_opgave(by, gebied, stakeholders=(), **values) -> Opgave:
    approach = _ensure_approach(by, gebied)
    carriers = _check_carriers(approach, stakeholders)
    opgave = Opgave(approach=approach, order=approach.opgaves.count() + 1)
    audit.apply_changes(opgave, OPGAVE_FIELDS, values)
    opgave.full_clean(exclude=["approach"])
    opgave.save()
    opgave.stakeholders.set(carriers)
    audit.record(by, "labs.opgave_added", opgave, gemeente=approach.gemeente)
    return opgave


@transaction.atomic
def change_opgave(by, opgave: Opgave, stakeholders=None, **values) -> Opgave:
    changes = audit.apply_changes(opgave, OPGAVE_FIELDS, values)
    opgave.full_clean(exclude=["approach"])
    if stakeholders is not None:
        carriers = _check_carriers(opgave.approach, stakeholders)
        before = sorted(opgave.stakeholders.values_list("pk", flat=True))
        if before != sorted(s.pk for s in carriers):
            changes["stakeholders"] = [before, sorted(s.pk for s in carriers)]
            opgave.stakeholders.set(carriers)
    if changes:
        opgave.save()
        audit.record(by, "labs.opgave_changed", opgave, gemeente=opgave.approach.gemeente, changes=changes)
    return opgave


@transaction.atomic
def remove_opgave(by, opgave: Opgave) -> None:
    audit.record(by, "labs.opgave_removed", opgave, gemeente=opgave.approach.gemeente)
    opgave.delete()
