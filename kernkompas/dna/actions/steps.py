"""Adding, changing, moving and removing the steps of a DNA trajectory. Steps stay numbered 1, 2, 3, … in their
order: every operation here renumbers what it moves, inside its transaction, and writes the audit log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kernkompas.core import audit
from kernkompas.dna.models import Step, Trajectory

FIELDS = ("name", "description", "start_date", "end_date", "status", "notes", "participants")


def _renumber(trajectory: Trajectory, ordered: list[Step]) -> None:
    for number, step in enumerate(ordered, start=1):
        if step.order != number:
            step.order = number
            step.save(update_fields=["order"])


def _locked(trajectory: Trajectory) -> list[Step]:
    """The trajectory's steps in order, locked, so two people reordering at once do not mix their numbers."""
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    return list(trajectory.steps.select_for_update().order_by("order", "pk"))


@transaction.atomic
def add_step(by, trajectory: Trajectory, **values) -> Step:
    """A step at the end of the trajectory."""
    steps = _locked(trajectory)
    step = Step.objects.create(
        trajectory=trajectory, order=len(steps) + 1, **{name: values[name] for name in FIELDS if name in values}
    )
    audit.record(by, "dna.step_added", step, gemeente=trajectory.gemeente, label=_label(step))
    Trajectory.objects.filter(pk=trajectory.pk).update(updated_at=timezone.now())
    return step


@transaction.atomic
def change_step(by, step: Step, **values) -> Step:
    changes = {}
    for name in FIELDS:
        if name in values and getattr(step, name) != values[name]:
            changes[name] = [str(getattr(step, name) or ""), str(values[name] or "")]
            setattr(step, name, values[name])
    if changes:
        step.save()
        audit.record(
            by, "dna.step_changed", step, gemeente=step.trajectory.gemeente, changes=changes, label=_label(step)
        )
        Trajectory.objects.filter(pk=step.trajectory_id).update(updated_at=timezone.now())
    return step


@transaction.atomic
def move_step(by, step: Step, direction: int) -> Step:
    """Swap the step with the one before (direction -1) or after (+1); nothing at either end."""
    steps = _locked(step.trajectory)
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index + direction
    if direction not in (-1, 1) or not 0 <= other < len(steps):
        return step
    steps[index], steps[other] = steps[other], steps[index]
    _renumber(step.trajectory, steps)
    moved = steps[other]
    audit.record(
        by,
        "dna.step_moved",
        moved,
        gemeente=step.trajectory.gemeente,
        changes={"order": [index + 1, other + 1]},
        label=_label(moved),
    )
    return moved


@transaction.atomic
def remove_step(by, step: Step) -> None:
    trajectory = step.trajectory
    label = _label(step)
    steps = _locked(trajectory)
    step_pk = step.pk
    audit.record(by, "dna.step_removed", step, gemeente=trajectory.gemeente, label=label)
    Step.objects.filter(pk=step_pk).delete()
    _renumber(trajectory, [s for s in steps if s.pk != step_pk])


def _label(step: Step) -> str:
    return f"{step.trajectory.title}: {step.name}"
