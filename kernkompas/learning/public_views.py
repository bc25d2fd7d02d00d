"""The learning programme as participants see it: the overview of coming and past sessions, a programme, a theme,
a session (with its registration form), and the calendar files.

Everyone sees the published (and cancelled) sessions of public programmes; the staff who run a programme also see
its drafts (``access.visible_sessions``). What is not visible answers 404. The meeting link reaches the HTML only
for a member with a place, and only from ``Session.meeting_link_opens_at()`` until the end.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core import parts
from kernkompas.core.pagecache import cache_for_visitors
from kernkompas.learning import access, calendar
from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import (
    ACTIVE_STATUSES,
    LearningTheme,
    Material,
    MaterialKind,
    MaterialTiming,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    SessionKind,
    SessionStatus,
    ThemeFramework,
)
from kernkompas.learning.registration_forms import GuestRegistrationForm, MemberRegistrationForm, SessionFilterForm

COMING_LIMIT = 60
PAST_LIMIT = 12


def _with_places(sessions):
    """Sessions with their registered count and themes, ready for a list (places left in ``places_left``)."""
    return (
        sessions.select_related("programme")
        .prefetch_related("themes")
        .annotate(registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.INGESCHREVEN)))
    )


def _places(sessions) -> list[Session]:
    sessions = list(sessions)
    for session in sessions:
        session.places_left = None if session.capacity is None else max(0, session.capacity - session.registered)
    return sessions


def _recordings(sessions):
    public = Material.objects.filter(is_public=True, kind=MaterialKind.OPNAME).order_by("order", "pk")
    return sessions.prefetch_related(Prefetch("materials", queryset=public, to_attr="recordings"))


def default_themes():
    framework = ThemeFramework.objects.filter(is_default=True).first() or ThemeFramework.objects.first()
    return list(framework.themes.all()) if framework else []


def _public_programmes():
    return Programme.objects.filter(is_public=True).select_related("gemeente").order_by("title")


@cache_for_visitors
def index(request):
    now = timezone.now()
    themes = default_themes()
    programmes = list(_public_programmes())
    filters = SessionFilterForm(request.GET or None, themes=themes, programmes=programmes)
    published = Session.objects.published()
    coming = filters.apply(published.upcoming(now)).order_by("starts_at", "pk")
    past = published.filter(ends_at__lt=now, status=SessionStatus.GEPUBLICEERD).order_by("-starts_at", "-pk")
    context = {
        "filters": filters,
        "filtered": filters.is_bound and filters.is_valid() and any(filters.cleaned_data.values()),
        "coming": _places(_with_places(coming)[:COMING_LIMIT]),
        "past": list(_recordings(past.select_related("programme"))[:PAST_LIMIT]),
        "programmes": programmes,
        "themes": themes,
    }
    return render(request, "learning/public/index.html", context)


def _visible_programme(request, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("gemeente", "regio"), slug=slug)
    if not programme.is_public and not access.can_run_programme(request.user, programme):
        raise Http404
    return programme


@cache_for_visitors
def programme(request, slug):
    programme = _visible_programme(request, slug)
    now = timezone.now()
    sessions = access.visible_sessions(request.user).filter(programme=programme)
    context = {
        "programme": programme,
        "coming": _places(_with_places(sessions.upcoming(now)).order_by("starts_at", "pk")[:COMING_LIMIT]),
        "past": list(_recordings(sessions.filter(ends_at__lt=now)).order_by("-starts_at")[:PAST_LIMIT]),
        "runs_it": access.can_run_programme(request.user, programme),
    }
    return render(request, "learning/public/programme.html", context)


@cache_for_visitors
def theme(request, pk):
    theme = get_object_or_404(LearningTheme.objects.select_related("framework"), pk=pk)
    now = timezone.now()
    sessions = Session.objects.published().filter(themes=theme)
    materials = (
        Material.objects.filter(is_public=True, themes=theme, session__in=Session.objects.published())
        .select_related("session", "session__programme")
        .order_by("-session__starts_at", "timing", "order")[:50]
    )
    context = {
        "theme": theme,
        "coming": _places(_with_places(sessions.upcoming(now)).order_by("starts_at", "pk")[:COMING_LIMIT]),
        "past": list(sessions.filter(ends_at__lt=now).select_related("programme").order_by("-starts_at")[:PAST_LIMIT]),
        "materials": materials,
    }
    return render(request, "learning/public/theme.html", context)


def get_visible_session(request, programme: str, slug: str) -> Session:
    """The session if the user may see it (published in a public programme, or one she runs); 404 otherwise."""
    return get_object_or_404(
        access.visible_sessions(request.user).select_related("programme", "programme__gemeente", "gebied", "kern"),
        programme__slug=programme,
        slug=slug,
    )


def member_registration(session: Session, user) -> Registration | None:
    """The logged-in member's active registration for the session (by account, or by her address)."""
    if not user.is_authenticated:
        return None
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return Registration.objects.filter(mine, session=session, status__in=ACTIVE_STATUSES).first()


def materials_for(session: Session, *, registered: bool) -> dict[str, list[Material]]:
    """The session's materials before and after; the non-public ones only for someone with a place."""
    materials = session.materials.select_related("document").prefetch_related("themes")
    if not registered:
        materials = materials.filter(is_public=True)
    grouped = {MaterialTiming.VOORAF: [], MaterialTiming.ACHTERAF: []}
    for material in materials:
        grouped.setdefault(material.timing, []).append(material)
    return {"before": grouped[MaterialTiming.VOORAF], "after": grouped[MaterialTiming.ACHTERAF]}


def indicators_of(session: Session) -> list[tuple[str, str]]:
    """``(code, label)`` of the session's Kernmonitor indicators, labelled from the part that measures them."""
    labels = {code: label for code, label, *_rest in parts.indicator_catalogue()}
    return [(code, labels.get(code, code)) for code in session.indicator_codes[:20] if isinstance(code, str)]


def session_context(request, session: Session, *, form=None) -> dict:
    now = timezone.now()
    mine = member_registration(session, request.user)
    registered = bool(mine and mine.is_registered)
    try:
        registrations.check_open(session, now)
        closed_reason = ""
    except ValidationError as refusal:
        closed_reason = " ".join(refusal.messages)
    if form is None and not mine and not closed_reason:
        form = MemberRegistrationForm() if request.user.is_authenticated else GuestRegistrationForm()
    return {
        "session": session,
        "programme": session.programme,
        "themes": list(session.themes.all()),
        "speakers": session.speaker_list(),
        "places_left": registrations.places_left(session),
        "mine": mine,
        "show_meeting_link": registered and session.meeting_link_is_open(now),
        "materials": materials_for(session, registered=registered),
        "cases": parts.cases_by_ids(session.cases.values_list("pk", flat=True)[:20]),
        "indicators": indicators_of(session),
        "closed_reason": closed_reason,
        "form": form,
        "is_intervision": session.kind == SessionKind.INTERVISIE,
        "runs_it": access.can_run_programme(request.user, session.programme),
    }


@cache_for_visitors
def session(request, programme, slug):
    session = get_visible_session(request, programme, slug)
    return render(request, "learning/public/session.html", session_context(request, session))


# --- Calendars -----------------------------------------------------------------------------------------------------


def _ics(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=calendar.CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@cache_for_visitors
def session_ics(request, programme, slug):
    session = get_object_or_404(
        Session.objects.published().select_related("programme"), programme__slug=programme, slug=slug
    )
    return _ics(calendar.session_ics(session), f"{session.slug}.ics", attachment=True)


@cache_for_visitors
def programme_ics(request, slug):
    programme = get_object_or_404(Programme, slug=slug, is_public=True)
    sessions = Session.objects.published().filter(programme=programme)
    name = f"{programme.title} · {_('Urban learning')}"
    return _ics(
        calendar.feed_ics(sessions, name=name, description=programme.description), "agenda.ics", attachment=False
    )


@cache_for_visitors
def theme_ics(request, pk):
    theme = get_object_or_404(LearningTheme, pk=pk)
    sessions = Session.objects.published().filter(themes=theme).distinct()
    name = f"{theme.name} · {_('Urban learning')}"
    return _ics(calendar.feed_ics(sessions, name=name, description=theme.description), "agenda.ics", attachment=False)
