"""Starting a DNA trajectory, changing it and making it public or not. Each operation owns its transaction and
writes the audit log; the views check who may do it (permissions.can_manage_gemeente) before they call."""

from __future__ import annotations

from django.db import transaction

from kernkompas.core import audit
from kernkompas.dna import methods
from kernkompas.dna.models import Step, Trajectory

EDITABLE = ("title", "status")


@transaction.atomic
def start_trajectory(by, *, kern, title: str, method: str) -> Trajectory:
    """A new, unpublished trajectory for ``kern`` with the steps of its method."""
    trajectory = Trajectory.objects.create(kern=kern, title=title, method=method)
    Step.objects.bulk_create(
        Step(
            trajectory=trajectory,
            order=number,
            name=template.name,
            description=template.description,
            is_optional=template.optional,
        )
        for number, template in enumerate(methods.steps_for(method), start=1)
    )
    audit.record(
        by,
        "dna.trajectory_started",
        trajectory,
        gemeente=kern.gemeente,
        changes={"kern": kern.name, "method": method},
    )
    return trajectory


@transaction.atomic
def change_trajectory(by, trajectory: Trajectory, **values) -> Trajectory:
    changes = {}
    for name in EDITABLE:
        if name in values and getattr(trajectory, name) != values[name]:
            changes[name] = [getattr(trajectory, name), values[name]]
            setattr(trajectory, name, values[name])
    if changes:
        trajectory.save()
        audit.record(by, "dna.trajectory_changed", trajectory, gemeente=trajectory.gemeente, changes=changes)
    return trajectory


@transaction.atomic
def set_published(by, trajectory: Trajectory, published: bool) -> Trajectory:
    if trajectory.is_published != published:
        trajectory.is_published = published
        trajectory.save(update_fields=["is_published", "updated_at"])
        action = "dna.trajectory_published" if published else "dna.trajectory_unpublished"
        audit.record(by, action, trajectory, gemeente=trajectory.gemeente)
    return trajectory
