"""The staff pages of Stedelijk leren: what a user runs, theme frameworks (editors), programmes, sessions and their
materials.

Anonymous visitors go to the login page; anything outside the user's scope answers 404 (``learning.access``).
Views stay thin: a form reads, one operation in ``learning.actions.programme`` saves (transaction, audit log, mail).
Links to pages of the other helpers of the part (attendance, intervision advice, suggestions, newsletters) are made
only when those pages exist, so this part works on its own.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.forms.utils import ErrorDict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.accounts import permissions
from kernkompas.core import parts
from kernkompas.learning import access
from kernkompas.learning.actions import programme as operations
from kernkompas.learning.actions import suggestions as suggestion_actions
from kernkompas.learning.models import (
    LearningTheme,
    Material,
    MaterialTiming,
    RegistrationStatus,
    Session,
    SessionKind,
    SessionStatus,
    SuggestionStatus,
    ThemeFramework,
    ThemeSuggestion,
)
from kernkompas.learning.staff_forms import (
    CASE_SEARCH,
    FrameworkForm,
    MaterialForm,
    ProgrammeForm,
    SessionForm,
    ThemeForm,
)

FORM_TEMPLATE = "learning/staff/form.html"
CONFIRM_TEMPLATE = "learning/staff/confirm.html"


# --- Helpers -----------------------------------------------------------------------------------------------------


def optional_url(name: str, *args) -> str:
    """A link to a page of another helper of the part, or "" while that page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


def _save(form, save) -> bool:
    """Run ``save()`` for a valid form; an operation's refusal goes onto the form, next to its field."""
    if not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        fields = set(form.fields)
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


def _form_page(request, form, *, title, back, save, crumbs=(), intro="", multipart=False):
    """One form on a page: on a valid POST, ``save()`` returns where to go. The case search button shows the form
    again with fewer cases to choose from and saves nothing."""
    searching = request.method == "POST" and CASE_SEARCH in request.POST
    if request.method == "POST" and not searching:
        target = []
        if _save(form, lambda: target.append(save())):
            messages.success(request, _("Saved."))
            return redirect(target[0] or back)
    context = {
        "form": form,
        "title": title,
        "back": back,
        "crumbs": crumbs,
        "intro": intro,
        "multipart": multipart,
        "case_search": CASE_SEARCH if "casus_zoekterm" in form.fields else "",
    }
    if searching:
        form._errors = ErrorDict()  # a search is not a save: no "required" errors on fields not filled in yet
    failed = request.method == "POST" and not searching
    return render(request, FORM_TEMPLATE, context, status=400 if failed else 200)


def _confirm_page(request, *, title, question, button, back, act, crumbs=(), danger=True):
    """Ask first; on POST do it (an operation's refusal is shown as a message) and go back."""
    if request.method == "POST":
        try:
            done = act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        if done:
            messages.success(request, done)
        return redirect(back)
    context = {"title": title, "question": question, "button": button, "back": back, "crumbs": crumbs}
    return render(request, CONFIRM_TEMPLATE, context | {"danger": danger})


def _crumbs(*items):
    return [(_("Stedelijk leren: management"), reverse("learning:manage")), *items]


def _programme_crumbs(programme):
    return _crumbs((programme.title, reverse("learning:programme_manage", args=[programme.pk])))


def _session_crumbs(session):
    here = (session.title, reverse("learning:session_manage", args=[session.pk]))
    return [*_programme_crumbs(session.programme), here]


def _may_manage_anything(user) -> bool:
    return access.can_create_programmes(user)


# --- Overview ----------------------------------------------------------------------------------------------------


def _with_counts(sessions):
    return sessions.annotate(
        registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.INGESCHREVEN)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WACHTLIJST)),
    )


@login_required
def manage(request):
    user = request.user
    _require(_may_manage_anything(user))
    programmes = (
        access.programmes_run_by(user)
        .select_related("gemeente", "regio")
        .annotate(session_total=Count("sessions"))
        .order_by("gemeente__name_nl", "title")
    )
    run = access.programmes_run_by(user)
    coming = _with_counts(
        Session.objects.filter(programme__in=run, ends_at__gte=timezone.now())
        .exclude(status=SessionStatus.GEANNULEERD)
        .select_related("programme")
        .order_by("starts_at", "pk")  # a GROUP BY query ignores Meta.ordering
    )[:50]
    editor = permissions.is_redactie(user)
    context = {
        "programmes": programmes,
        "coming": coming,
        "is_editor": editor,
        "suggestions_url": optional_url("learning:suggestions_manage") if editor else "",
        "open_suggestions": ThemeSuggestion.objects.filter(status=SuggestionStatus.OPEN).count() if editor else 0,
        "newsletters_url": optional_url("learning:newsletters") if editor else "",
    }
    return render(request, "learning/staff/manage.html", context)


# --- Theme frameworks and themes (editors) -------------------------------------------------------------------


def _editor_only(request) -> None:
    _require(access.can_manage_frameworks(request.user))


def _frameworks_crumbs():
    return _crumbs((_("Theme frameworks"), reverse("learning:frameworks")))


@login_required
def frameworks(request):
    _editor_only(request)
    found = (
        ThemeFramework.objects.prefetch_related("themes")
        .annotate(programme_total=Count("programmes"))
        .order_by("order", "name")  # a GROUP BY query ignores Meta.ordering
    )
    return render(request, "learning/staff/frameworks.html", {"frameworks": found, "crumbs": _crumbs()})


@login_required
def framework_new(request):
    _editor_only(request)
    form = FrameworkForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New theme framework"),
        back=reverse("learning:frameworks"),
        crumbs=_frameworks_crumbs(),
        save=lambda: operations.create_framework(request.user, form.cleaned_data) and None,
    )


@login_required
def framework_edit(request, pk: int):
    _editor_only(request)
    framework = get_object_or_404(ThemeFramework, pk=pk)
    initial = {name: getattr(framework, name) for name in operations.FRAMEWORK_FIELDS}
    form = FrameworkForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        title=_("Change theme framework “%(name)s”") % {"name": framework.name},
        back=reverse("learning:frameworks"),
        crumbs=_frameworks_crumbs(),
        save=lambda: operations.change_framework(request.user, framework, form.cleaned_data),
    )


@login_required
def framework_remove(request, pk: int):
    _editor_only(request)
    framework = get_object_or_404(ThemeFramework, pk=pk)

    def act():
        operations.remove_framework(request.user, framework)
        return _("The theme framework has been removed.")

    return _confirm_page(
        request,
        title=_("Remove theme framework “%(name)s”?") % {"name": framework.name},
        question=_("Its themes are removed too; sessions and materials lose these tags. This cannot be undone."),
        button=_("Remove"),
        back=reverse("learning:frameworks"),
        crumbs=_frameworks_crumbs(),
        act=act,
    )


@login_required
def theme_new(request, pk: int):
    _editor_only(request)
    framework = get_object_or_404(ThemeFramework, pk=pk)
    form = ThemeForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New theme in “%(name)s”") % {"name": framework.name},
        back=reverse("learning:frameworks"),
        crumbs=_frameworks_crumbs(),
        save=lambda: operations.create_theme(request.user, framework, form.cleaned_data) and None,
    )


@login_required
def theme_edit(request, pk: int):
    _editor_only(request)
    theme = get_object_or_404(LearningTheme.objects.select_related("framework"), pk=pk)
    form = ThemeForm(request.POST or None, initial={name: getattr(theme, name) for name in operations.THEME_FIELDS})
    return _form_page(
        request,
        form,
        title=_("Change theme “%(name)s”") % {"name": theme.name},
        back=reverse("learning:frameworks"),
        crumbs=_frameworks_crumbs(),
        save=lambda: operations.change_theme(request.user, theme, form.cleaned_data),
    )


@login_required
def theme_remove(request, pk: int):
    _editor_only(request)
    theme = get_object_or_404(LearningTheme, pk=pk)

    def act():
        operations.remove_theme(request.user, theme)
        return _("The theme has been removed.")

    return _confirm_page(
        request,
        title=_("Remove theme “%(name)s”?") % {"name": theme.name},
        question=_("Sessions and materials lose this tag. This cannot be undone."),
        button=_("Remove"),
        back=reverse("learning:frameworks"),
        crumbs=_frameworks_crumbs(),
        act=act,
    )


# --- Programmes --------------------------------------------------------------------------------------------------


@login_required
def programme_new(request):
    _require(access.can_create_programmes(request.user))
    form = ProgrammeForm(request.POST or None, user=request.user)

    def save():
        programme = operations.create_programme(request.user, form.cleaned_data)
        return reverse("learning:programme_manage", args=[programme.pk])

    return _form_page(
        request, form, title=_("New programme"), back=reverse("learning:manage"), crumbs=_crumbs(), save=save
    )


@login_required
def programme_manage(request, pk: int):
    programme = access.get_programme_for_staff(request, pk)
    sessions = _with_counts(programme.sessions.all()).order_by("-starts_at")
    context = {
        "programme": programme,
        "sessions": sessions,
        "crumbs": _crumbs(),
        "public_url": _public_programme_url(programme),
    }
    return render(request, "learning/staff/programme.html", context)


def _public_programme_url(programme) -> str:
    if not programme.is_public:
        return ""
    try:
        return programme.get_absolute_url()
    except NoReverseMatch:
        return ""


@login_required
def programme_edit(request, pk: int):
    programme = access.get_programme_for_staff(request, pk)
    initial = {name: getattr(programme, name) for name in operations.PROGRAMME_FIELDS}
    form = ProgrammeForm(request.POST or None, user=request.user, initial=initial)
    back = reverse("learning:programme_manage", args=[programme.pk])
    return _form_page(
        request,
        form,
        title=_("Change programme “%(title)s”") % {"title": programme.title},
        back=back,
        crumbs=_programme_crumbs(programme),
        save=lambda: operations.change_programme(request.user, programme, form.cleaned_data),
    )


# --- Sessions ----------------------------------------------------------------------------------------------------


def _suggestion(request) -> ThemeSuggestion | None:
    """The theme suggestion named by ``?voorstel=`` (a session planned from it), if it is still open and this user
    decides on it (another programme's suggestion, or one of a programme that is not public, is not prefilled)."""
    raw = request.GET.get("voorstel", "")
    if not raw.isdigit() or len(raw) > 12:
        return None
    return suggestion_actions.suggestions_to_decide(request.user).filter(pk=int(raw)).first()


@login_required
def session_new(request, pk: int):
    programme = access.get_programme_for_staff(request, pk)
    suggestion = _suggestion(request)
    initial = {}
    if suggestion is not None:
        initial = {"title": suggestion.title, "description": suggestion.description}
        if suggestion.theme_id:
            initial["themes"] = [suggestion.theme_id]
    form = SessionForm(request.POST or None, user=request.user, programme=programme, initial=initial)

    def save():
        values, relations = form.values()
        session = operations.create_session(request.user, programme, values, relations)
        plan_url = optional_url("learning:suggestion_plan", suggestion.pk) if suggestion is not None else ""
        if plan_url:
            return f"{plan_url}?sessie={session.pk}"
        return reverse("learning:session_manage", args=[session.pk])

    intro = _("Planned from the suggestion “%(title)s”.") % {"title": suggestion.title} if suggestion else ""
    return _form_page(
        request,
        form,
        title=_("New session in “%(title)s”") % {"title": programme.title},
        back=reverse("learning:programme_manage", args=[programme.pk]),
        crumbs=_programme_crumbs(programme),
        save=save,
        intro=intro,
    )


def _session_initial(session: Session) -> dict:
    initial = {name: getattr(session, name) for name in (*operations.SESSION_FIELDS, *operations.SHARE_FIELDS)}
    initial["starts_at"] = timezone.localtime(session.starts_at)
    initial["ends_at"] = timezone.localtime(session.ends_at)
    initial["themes"] = list(session.themes.values_list("pk", flat=True))
    initial["cases"] = [str(pk) for pk in session.cases.values_list("pk", flat=True)]
    initial["indicator_codes"] = list(session.indicator_codes)
    return initial


@login_required
def session_edit(request, pk: int):
    session = access.get_session_for_staff(request, pk)
    form = SessionForm(
        request.POST or None,
        user=request.user,
        programme=session.programme,
        session=session,
        initial=_session_initial(session),
    )

    def save():
        values, relations = form.values()
        operations.change_session(request.user, session, values, relations)

    intro = ""
    if session.is_published:
        intro = _("This session is published: a new date, time or place is sent to calendar apps as a change.")
    return _form_page(
        request,
        form,
        title=_("Change session “%(title)s”") % {"title": session.title},
        back=reverse("learning:session_manage", args=[session.pk]),
        crumbs=_session_crumbs(session),
        save=save,
        intro=intro,
    )


def _session_links(session: Session) -> dict:
    links = {
        "attendance_url": optional_url("learning:attendance", session.pk),
        "advice_url": optional_url("learning:advice_manage", session.pk)
        if session.kind == SessionKind.INTERVISIE
        else "",
        "public_url": "",
    }
    if session.status != SessionStatus.CONCEPT and session.programme.is_public:
        try:
            links["public_url"] = session.get_absolute_url()
        except NoReverseMatch:
            pass
    return links


@login_required
def session_manage(request, pk: int):
    session = access.get_session_for_staff(request, pk)
    counts = dict(
        session.registrations.values_list("status").annotate(total=Count("pk")).values_list("status", "total")
    )
    materials = list(session.materials.select_related("document").prefetch_related("themes"))
    context = {
        "session": session,
        "crumbs": _programme_crumbs(session.programme),
        "registered": counts.get(RegistrationStatus.INGESCHREVEN, 0),
        "waiting": counts.get(RegistrationStatus.WACHTLIJST, 0),
        "unconfirmed": counts.get(RegistrationStatus.WACHT_OP_BEVESTIGING, 0),
        "cancelled_registrations": counts.get(RegistrationStatus.GEANNULEERD, 0),
        "before": [m for m in materials if m.timing == MaterialTiming.VOORAF],
        "after": [m for m in materials if m.timing == MaterialTiming.ACHTERAF],
        "themes": session.themes.all(),
        "cases": session.cases.all(),
        "indicators": _indicator_labels(session.indicator_codes),
        "may_publish": access.can_publish_in(request.user, session.programme),
        **_session_links(session),
    }
    return render(request, "learning/staff/session.html", context)


def _indicator_labels(codes) -> list[str]:
    labels = {code: label for code, label, _unit, _higher in parts.indicator_catalogue()}
    return [labels.get(code, code) for code in codes]


def _publisher_session(request, pk: int) -> Session:
    """The session if the user runs it (else 404) and may publish in its programme (else 403: she sees it)."""
    session = access.get_session_for_staff(request, pk)
    if not access.can_publish_in(request.user, session.programme):
        raise PermissionDenied
    return session


@login_required
@require_POST
def session_publish(request, pk: int):
    session = _publisher_session(request, pk)
    try:
        operations.publish_session(request.user, session)
    except ValidationError as error:
        messages.error(request, _("Not published: %(reason)s") % {"reason": " ".join(error.messages)})
    else:
        messages.success(request, _("The session is published; registration is open."))
    return redirect("learning:session_manage", pk=session.pk)


@login_required
def session_cancel(request, pk: int):
    session = _publisher_session(request, pk)

    def act():
        notified = operations.cancel_session(request.user, session)
        return _("The session has been cancelled; %(n)s people have been told by e-mail.") % {"n": notified}

    question = _("Everyone registered or on the waiting list gets an e-mail that the session is cancelled.")
    return _confirm_page(
        request,
        title=_("Cancel session “%(title)s”?") % {"title": session.title},
        question=question,
        button=_("Cancel the session"),
        back=reverse("learning:session_manage", args=[session.pk]),
        crumbs=_session_crumbs(session),
        act=act,
    )


# --- Materials ---------------------------------------------------------------------------------------------------


def _material_for_staff(request, pk: int) -> Material:
    material = get_object_or_404(Material.objects.select_related("session__programme__gemeente"), pk=pk)
    _require(access.can_run_programme(request.user, material.session.programme))
    return material


@login_required
def material_new(request, pk: int):
    session = access.get_session_for_staff(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None, programme=session.programme)

    def save():
        values, relations, upload = form.values()
        operations.add_material(request.user, session, values, relations, upload)

    return _form_page(
        request,
        form,
        title=_("New material for “%(title)s”") % {"title": session.title},
        back=reverse("learning:session_manage", args=[session.pk]) + "#materiaal",
        crumbs=_session_crumbs(session),
        save=save,
        multipart=True,
    )


@login_required
def material_edit(request, pk: int):
    material = _material_for_staff(request, pk)
    session = material.session
    initial = {name: getattr(material, name) for name in operations.MATERIAL_FIELDS}
    initial["themes"] = list(material.themes.values_list("pk", flat=True))
    initial["cases"] = [str(pk) for pk in material.cases.values_list("pk", flat=True)]
    form = MaterialForm(
        request.POST or None, request.FILES or None, programme=session.programme, material=material, initial=initial
    )

    def save():
        values, relations, upload = form.values()
        operations.change_material(request.user, material, values, relations, upload)

    return _form_page(
        request,
        form,
        title=_("Change material “%(title)s”") % {"title": material.title},
        back=reverse("learning:session_manage", args=[session.pk]) + "#materiaal",
        crumbs=_session_crumbs(session),
        save=save,
        multipart=True,
    )


@login_required
def material_remove(request, pk: int):
    material = _material_for_staff(request, pk)

    def act():
        operations.remove_material(request.user, material)
        return _("The material has been removed.")

    return _confirm_page(
        request,
        title=_("Remove material “%(title)s”?") % {"title": material.title},
        question=_("This cannot be undone."),
        button=_("Remove"),
        back=reverse("learning:session_manage", args=[material.session_id]) + "#materiaal",
        crumbs=_session_crumbs(material.session),
        act=act,
    )


@login_required
@require_POST
def material_move(request, pk: int):
    material = _material_for_staff(request, pk)
    operations.move_material(request.user, material, -1 if request.POST.get("richting") == "op" else 1)
    return redirect(reverse("learning:session_manage", args=[material.session_id]) + "#materiaal")
