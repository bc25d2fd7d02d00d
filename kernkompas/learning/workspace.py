"""Stedelijk leren's panel on a municipality's workspace (``LearningConfig.workspace_panels``): the programmes the
municipality runs, their coming sessions with the number of registrations, and the next step "Start a programme"
while there is none. Only called for someone who may manage the municipality."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.workspace import NextStep, Panel
from kernkompas.learning.models import Programme, RegistrationStatus, Session, SessionStatus

MAX_SESSIONS = 10


def panels(request, gemeente) -> list[Panel]:
    programmes = list(
        Programme.objects.filter(gemeente=gemeente)
        .select_related("regio")
        .annotate(session_total=Count("sessions"))
        .order_by("title")
    )
    for programme in programmes:
        programme.url = reverse("learning:programme_manage", args=[programme.pk])
    sessions = list(
        Session.objects.filter(programme__gemeente=gemeente, ends_at__gte=timezone.now())
        .exclude(status=SessionStatus.GEANNULEERD)
        .select_related("programme")
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.INGESCHREVEN)),
            waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WACHTLIJST)),
        )
        .order_by("starts_at", "pk")[:MAX_SESSIONS]
    )
    for session in sessions:
        session.url = reverse("learning:session_manage", args=[session.pk])
    new_url = reverse("learning:programme_new")
    next_steps = []
    if not programmes:
        next_steps.append(
            NextStep(
                _("Start a learning programme"),
                new_url,
                _("Sessions on themes areas are dealing with, with registration, a waiting list and materials."),
            )
        )
    context = {
        "programmes": programmes,
        "sessions": sessions,
        "manage_url": reverse("learning:manage"),
        "new_url": new_url,
    }
    return [
        Panel(
            key="leren",
            title=_("Stedelijk leren"),
            template="learning/staff/workspace_panel.html",
            context=context,
            next_steps=next_steps,
            order=50,
        )
    ]
