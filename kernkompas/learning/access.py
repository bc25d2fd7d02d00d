"""Who may run what in Stedelijk leren: the permission helpers every page of the part asks.

Editors (and administrators) run every programme, including the platform-wide ones. Municipal staff and the
facilitators a municipality invited run the programmes their municipality owns (a regional programme belongs to the
municipality that owns it). Facilitators prepare sessions; publishing is for the municipality's staff, editors and
administrators, as with the municipality's dashboards (``permissions.can_publish``). Everything outside a user's
scope answers 404: what is not public does not exist for anyone else.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kernkompas.accounts import permissions
from kernkompas.learning.models import Programme, Session
from kernkompas.places.models import Gebied


def can_manage_frameworks(user) -> bool:
    """Theme frameworks and their themes are the editors' (and administrators')."""
    return permissions.is_redactie(user)


def can_create_programmes(user) -> bool:
    """Editors create programmes anywhere; municipal staff and facilitators for their own municipality."""
    return permissions.is_redactie(user) or permissions.is_staff_of_any(user)


def can_run_programme(user, programme: Programme) -> bool:
    """Editors and administrators run every programme; staff and facilitators those of their municipality.
    A platform-wide programme (no municipality) is the editors' only."""
    if permissions.is_redactie(user):
        return True
    if programme.gemeente_id is None:
        return False
    return permissions.can_manage_gemeente(user, programme.gemeente)


def can_publish_in(user, programme: Programme) -> bool:
    """May the user publish or cancel a session of this programme? Facilitators prepare but do not publish."""
    if permissions.is_redactie(user):
        return True
    return programme.gemeente_id is not None and permissions.can_publish(user, programme.gemeente)


def can_decide_sharing(user, gebied) -> bool:
    """An intervision shares an area's dashboard, DNA and plan only when that area's municipality says so: its
    staff or an administrator, not an editor or a facilitator."""
    return gebied is not None and permissions.can_publish(user, gebied.kern.gemeente)


def programmes_run_by(user) -> QuerySet:
    """The programmes the user runs (none for visitors and plain members)."""
    programmes = Programme.objects.all()
    if permissions.is_redactie(user):
        return programmes
    ids = permissions.staff_gemeente_ids(user)
    if ids is None:
        return programmes
    return programmes.filter(gemeente__in=ids)


def visible_sessions(user) -> QuerySet:
    """Published sessions of public programmes, plus every session of the programmes the user runs."""
    if permissions.is_redactie(user):
        return Session.objects.all()
    ids = permissions.staff_gemeente_ids(user)
    if ids is None:
        return Session.objects.all()
    if not ids:
        return Session.objects.published()
    return Session.objects.published() | Session.objects.filter(programme__gemeente__in=ids)


def get_programme_for_staff(request, pk: int) -> Programme:
    """The programme with this pk if the user runs it; 404 otherwise (also when it does not exist)."""
    programme = get_object_or_404(Programme.objects.select_related("gemeente", "regio", "framework"), pk=pk)
    if not can_run_programme(request.user, programme):
        raise Http404
    return programme


def get_session_for_staff(request, pk: int) -> Session:
    """The session with this pk if the user runs its programme; 404 otherwise (also when it does not exist)."""
    session = get_object_or_404(
        Session.objects.select_related("programme", "programme__gemeente", "gebied", "gebied__kern"), pk=pk
    )
    if not can_run_programme(request.user, session.programme):
        raise Http404
    return session


def gebieden_for(programme: Programme) -> QuerySet:
    """The areas an intervision of this programme may put at its centre: those of the owning municipality and, for a
    regional programme, of the region's municipalities; every area for a platform-wide programme."""
    gebieden = Gebied.objects.select_related("kern", "kern__gemeente")
    if programme.gemeente_id is None:
        return gebieden
    ids = {programme.gemeente_id}
    if programme.regio_id is not None:
        ids.update(programme.regio.gemeenten.values_list("pk", flat=True))
    return gebieden.filter(kern__gemeente__in=ids)
