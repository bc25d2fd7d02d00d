"""Reading the Kern-DNA: which trajectories a user may see and edit.

Scope is a security boundary: an unpublished trajectory exists only for the staff and facilitators of its
municipality and for administrators; everyone else gets a 404, so a URL does not reveal that it exists.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from kernkompas.accounts import permissions
from kernkompas.dna.models import DnaVersion, StepAttachment, Trajectory
from kernkompas.places.models import Kern


def _base() -> QuerySet[Trajectory]:
    return Trajectory.objects.select_related("kern__gemeente")


def published() -> QuerySet[Trajectory]:
    return _base().filter(is_published=True)


def visible(user) -> QuerySet[Trajectory]:
    """Published trajectories, plus every trajectory of the municipalities the user works for."""
    return permissions.visible_queryset(user, _base(), "kern__gemeente", "is_published")


def for_gemeente(gemeente) -> QuerySet[Trajectory]:
    return _base().filter(kern__gemeente=gemeente).annotate(step_total=Count("steps"))


def can_edit(user, trajectory: Trajectory) -> bool:
    """Staff and facilitators of the trajectory's municipality, and administrators."""
    return permissions.can_manage_gemeente(user, trajectory.kern.gemeente)


def can_publish(user, trajectory: Trajectory) -> bool:
    """The municipality decides what is public: its staff and administrators, not the facilitators it invited."""
    return permissions.can_publish(user, trajectory.kern.gemeente)


def visible_trajectory(user, pk: int) -> Trajectory:
    trajectory = visible(user).filter(pk=pk).first()
    if trajectory is None:
        raise Http404
    return trajectory


def editable_trajectory(user, pk: int) -> Trajectory:
    """The trajectory if the user may edit it; 404 if they may not even see it, 403 if they only may read it."""
    trajectory = visible_trajectory(user, pk)
    if not can_edit(user, trajectory):
        raise permissions.PermissionDenied
    return trajectory


def published_dna(kern) -> DnaVersion | None:
    """The DNA the public sees for a core: the published version of its most recent published trajectory that has
    one (with its blocks, photos and ideas in three more queries)."""
    return (
        DnaVersion.objects.filter(trajectory__kern=kern, trajectory__is_published=True, is_published=True)
        .select_related("trajectory__kern__gemeente")
        .prefetch_related("blocks__photos", "ideas")
        .order_by("-trajectory__created_at")
        .first()
    )


def kern_by_slugs(gemeente_slug: str, kern_slug: str) -> Kern:
    """A core by its municipality's and its own slug (the public Kernkompas address), or 404."""
    kern = Kern.objects.select_related("gemeente").filter(gemeente__slug=gemeente_slug, slug=kern_slug).first()
    if kern is None:
        raise Http404
    return kern


# --- Versions of the DNA (the building-block editor and the Kernkompas page) ------------------------------------


def is_public(version: DnaVersion) -> bool:
    return version.is_published and version.trajectory.is_published


def version_for(user, pk: int) -> DnaVersion:
    """A version for reading: the public one for everyone, any version for those who may edit its trajectory;
    404 otherwise (a draft or an old version does not exist for outsiders)."""
    version = DnaVersion.objects.select_related("trajectory__kern__gemeente", "created_by").filter(pk=pk).first()
    if version is None or not (is_public(version) or can_edit(user, version.trajectory)):
        raise Http404
    return version


def editable_version(user, pk: int) -> DnaVersion:
    """A version of a trajectory the user may edit: 404 if they may not see it, 403 if they may only read it."""
    version = version_for(user, pk)
    if not can_edit(user, version.trajectory):
        raise permissions.PermissionDenied
    return version


def public_versions() -> list[DnaVersion]:
    """The DNA the public sees of every core, as :func:`published_dna` picks it per core (the published version of
    the core's most recent published trajectory that has one), by municipality and core. Two queries."""
    found = (
        DnaVersion.objects.filter(trajectory__is_published=True, is_published=True)
        .select_related("trajectory__kern__gemeente")
        .order_by("trajectory__kern_id", "-trajectory__created_at")
    )
    per_kern: dict[int, DnaVersion] = {}
    for version in found:
        per_kern.setdefault(version.trajectory.kern_id, version)
    return sorted(per_kern.values(), key=lambda v: (v.trajectory.kern.gemeente.name_nl, v.trajectory.kern.name, v.pk))


# --- Step attachments ---------------------------------------------------------------------------------------------


def attachment_is_public(attachment: StepAttachment) -> bool:
    return attachment.is_public and attachment.step.trajectory.is_published


def attachment_for(user, pk: int) -> StepAttachment:
    """An attachment for downloading: a public one of a published trajectory for everyone, any other only for the
    team of its municipality (staff, facilitators) and administrators; 404 for everyone else."""
    found = StepAttachment.objects.select_related("step__trajectory__kern__gemeente").filter(pk=pk).first()
    if found is None or not (attachment_is_public(found) or can_edit(user, found.step.trajectory)):
        raise Http404
    return found


def step_attachments(user, trajectory: Trajectory) -> Prefetch:
    """A prefetch of each step's attachments: all of them for the team, the public ones for everyone else."""
    attachments = StepAttachment.objects.order_by("uploaded_at", "pk")
    if not can_edit(user, trajectory):
        attachments = attachments.filter(is_public=True) if trajectory.is_published else attachments.none()
    return Prefetch("attachments", queryset=attachments, to_attr="shown_attachments")
