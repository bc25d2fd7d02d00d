"""Registering for a session, the personal page behind the e-mail's link (confirm, status, calendar, cancel), a
member's cancellation from the session page, and "Mijn leren".

A personal link whose secret does not match answers 404 with a page that says the link is not valid, the same for a
forged link as for someone else's registration: it never tells whose registration a number is.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.core import ratelimit
from kernkompas.learning import tokens
from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import Registration, RegistrationStatus, Session, SessionStatus
from kernkompas.learning.public_views import (
    default_themes,
    get_visible_session,
    materials_for,
    member_registration,
    session_context,
)
from kernkompas.learning.registration_forms import GuestRegistrationForm, MemberRegistrationForm

MINE_LIMIT = 100


def _status_message(request, registration: Registration) -> None:
    if registration.status == RegistrationStatus.INGESCHREVEN:
        messages.success(request, _("You are registered. We have sent you an e-mail with your personal link."))
    elif registration.status == RegistrationStatus.WACHTLIJST:
        messages.info(
            request,
            _(
                "The session is full: you are on the waiting list. "
                "When a place comes free, it is yours and we e-mail you."
            ),
        )
    else:
        messages.info(
            request,
            _("Almost done: we have sent you an e-mail. Confirm your registration with the link in it."),
        )


@require_POST
def register(request, programme, slug):
    session = get_visible_session(request, programme, slug)
    member = request.user.is_authenticated
    if not member:
        # People without an account: a few registrations an hour from one address is plenty, useless for spam.
        try:
            ratelimit.attempt(request, "learning_register")
        except ratelimit.Limited as limited:
            return ratelimit.ratelimited_response(request, limited)
    form = (MemberRegistrationForm if member else GuestRegistrationForm)(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if member:
                registration = registrations.register_member(
                    session, request.user, organisation=data.get("organisation", "")
                )
            else:
                registration = registrations.register_guest(
                    session, name=data["name"], email=data["email"], organisation=data.get("organisation", "")
                )
        except registrations.AlreadyRegistered as refusal:
            if not member:
                form.add_error(None, refusal)
            else:
                # A member's second click: her registration is on the page she returns to.
                messages.info(request, " ".join(refusal.messages))
                return redirect(session.get_absolute_url() + "#inschrijven")
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            _status_message(request, registration)
            return redirect(session.get_absolute_url() + "#inschrijven")
    return render(request, "learning/public/session.html", session_context(request, session, form=form), status=400)


# --- The personal page -------------------------------------------------------------------------------------------


def _invalid_link(request):
    return render(request, "learning/public/registration_invalid.html", status=404)


def _waiting_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WACHTLIJST:
        return None
    ahead = Registration.objects.filter(
        session=registration.session_id, status=RegistrationStatus.WACHTLIJST, arrival__lt=registration.arrival
    ).count()
    return ahead + 1


def _personal_context(registration: Registration, *, secret: str, error: str = "") -> dict:
    session = registration.session
    now = timezone.now()
    registered = registration.is_registered
    return {
        "registration": registration,
        "session": session,
        "programme": session.programme,
        "secret": secret,
        "position": _waiting_position(registration),
        "show_meeting_link": registered and session.meeting_link_is_open(now),
        "materials": materials_for(session, registered=registered),
        "can_cancel": registration.status != RegistrationStatus.GEANNULEERD and not session.has_started(now),
        "error": error,
    }


def registration(request, pk, secret):
    found = (
        Registration.objects.select_related("session", "session__programme", "session__programme__gemeente")
        .filter(pk=pk)
        .first()
    )
    if found is None or not tokens.matches(secret, found.secret_hash):
        return _invalid_link(request)
    if request.method == "POST":
        return _personal_action(request, found, secret)
    page = "registration_cancel" if "annuleren" in request.GET else "registration"
    return render(request, f"learning/public/{page}.html", _personal_context(found, secret=secret))


def _personal_action(request, found: Registration, secret: str):
    action = request.POST.get("actie")
    try:
        if action == "bevestigen":
            found = registrations.confirm(found)
            _status_message(request, found)
        elif action == "annuleren":
            registrations.cancel(found)
            messages.success(request, _("Your registration has been cancelled."))
        else:
            context = _personal_context(found, secret=secret)
            return render(request, "learning/public/registration.html", context, status=400)
    except ValidationError as refusal:
        found.refresh_from_db()
        context = _personal_context(found, secret=secret, error=" ".join(refusal.messages))
        return render(request, "learning/public/registration.html", context, status=400)
    return redirect(registrations.registration_url(found, secret))


# --- A member cancels from the session page ----------------------------------------------------------------------


@login_required
def unregister(request, programme, slug):
    session = get_visible_session(request, programme, slug)
    mine = member_registration(session, request.user)
    if mine is None:
        messages.info(request, _("You are not registered for this session."))
        return redirect(session.get_absolute_url())
    if request.method == "POST":
        try:
            registrations.cancel(mine, by=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect(session.get_absolute_url())
    return render(request, "learning/public/unregister.html", {"session": session, "registration": mine})


# --- Mijn leren ----------------------------------------------------------------------------------------------------


def _next_sessions(themes, now) -> dict[int, Session]:
    """Per theme, the first coming published session on it."""
    coming = (
        Session.objects.published()
        .filter(status=SessionStatus.GEPUBLICEERD, starts_at__gt=now, themes__in=themes)
        .select_related("programme")
        .prefetch_related("themes")
        .order_by("starts_at", "pk")
        .distinct()[:200]
    )
    found: dict[int, Session] = {}
    for session in coming:
        for theme in session.themes.all():
            found.setdefault(theme.pk, session)
    return found


@login_required
def mine(request):
    now = timezone.now()
    mine = list(
        Registration.objects.filter(user=request.user)
        .exclude(status=RegistrationStatus.GEANNULEERD)
        .select_related("session", "session__programme")
        .prefetch_related("session__themes")
        .order_by("-session__starts_at")[:MINE_LIMIT]
    )
    coming = sorted((r for r in mine if not r.session.has_ended(now)), key=lambda r: r.session.starts_at)
    past = [r for r in mine if r.session.has_ended(now)]
    covered = {theme.pk for r in past if r.attended for theme in r.session.themes.all()}
    themes = default_themes()
    next_up = _next_sessions([t for t in themes if t.pk not in covered], now)
    rows = [(theme, theme.pk in covered, next_up.get(theme.pk)) for theme in themes]
    context = {"coming": coming, "past": past, "themes": rows, "covered_count": len(covered & {t.pk for t in themes})}
    return render(request, "learning/public/mine.html", context)
