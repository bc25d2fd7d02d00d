"""The survey pages: the public form (``/dna/enquete/<token>/``) and, for the trajectory's editors, creating a
survey, opening and closing it, its link and QR code, the results and the CSV download.

Thin views: reads and permission checks in ``survey_selectors``, changes in ``actions.surveys``, the one-time key
and the answers' validation in ``survey_forms``. See docs/dna.md, "Aftoetsen: the surveys".
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kernkompas.core import ratelimit
from kernkompas.core.qr import qr_svg
from kernkompas.dna import selectors, survey_charts, survey_export, survey_questions, survey_selectors
from kernkompas.dna.actions import surveys as survey_actions
from kernkompas.dna.models import RespondentGroup, SurveyKind, SurveyStatus
from kernkompas.dna.survey_forms import NonceProblem, ResponseForm, SurveyForm, new_nonce, nonce_hash
from kernkompas.dna.views import _staff_only

COOKIE_PREFIX = "kk_enquete_"
COOKIE_AGE = 180 * 24 * 60 * 60  # half a year
RATE_NAME = "dna_survey"


def _cookie_name(survey) -> str:
    return f"{COOKIE_PREFIX}{survey.pk}"


def public_url(request, survey) -> str:
    return request.build_absolute_uri(survey.get_public_url())


# --- Public -------------------------------------------------------------------------------------------------------


def _form_page(request, survey, form, *, status: int = 200, preview: bool = False, notice: str = ""):
    context = {
        "survey": survey,
        "form": form,
        "preview": preview,
        "notice": notice,
        "kern": survey.trajectory.kern,
        "validation": survey.kind == SurveyKind.VALIDATIE,
    }
    response = render(request, "dna/survey_form.html", context, status=status)
    response["Cache-Control"] = "no-store"  # a page with a one-time key must not come from a cache
    return response


def _message_page(request, survey, kind: str, status: int = 200):
    response = render(request, "dna/survey_message.html", {"survey": survey, "kind": kind}, status=status)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def survey_form(request, token: str):
    survey = survey_selectors.public_survey(request.user, token)
    if survey.status == SurveyStatus.GESLOTEN:
        return _message_page(request, survey, "closed")
    preview = survey.status == SurveyStatus.CONCEPT
    snapshot = survey_selectors.questions_of(survey)
    if not preview and request.COOKIES.get(_cookie_name(survey)):
        return _message_page(request, survey, "answered")
    if request.method != "POST":
        form = ResponseForm(initial={"nonce": new_nonce(survey)}, snapshot=snapshot)
        return _form_page(request, survey, form, preview=preview)
    if preview:
        raise PermissionDenied  # a draft can be looked at, not answered
    try:
        ratelimit.attempt(request, RATE_NAME)
    except ratelimit.Limited as limited:
        return ratelimit.ratelimited_response(request, limited)
    form = ResponseForm(request.POST, snapshot=snapshot)
    try:
        hashed = nonce_hash(survey, request.POST.get("nonce", ""))
    except NonceProblem as problem:
        # Keep what they filled in; a fresh key, and say why they must send it again.
        data = request.POST.copy()
        data["nonce"] = new_nonce(survey)
        form = ResponseForm(data, snapshot=snapshot)
        form.is_valid()
        notice = (
            _("This form was open too long. Check your answers and send them again.")
            if problem.expired
            else _("This form could not be checked. Check your answers and send them again.")
        )
        return _form_page(request, survey, form, status=400, notice=notice)
    if not form.is_valid():
        return _form_page(request, survey, form, status=400)
    try:
        survey_actions.submit_response(
            survey, group=form.cleaned_data["group"], scores=form.scores(), texts=form.texts(), nonce_hash=hashed
        )
    except survey_actions.AlreadySubmitted:
        return _message_page(request, survey, "replayed", status=409)
    except survey_actions.SurveyClosed:
        return _message_page(request, survey, "closed", status=409)
    response = redirect("dna:survey_thanks", token=survey.token)
    response.set_cookie(
        _cookie_name(survey),
        "1",  # a flag, nothing that tells one person from another
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@never_cache
def survey_thanks(request, token: str):
    survey = survey_selectors.public_survey(request.user, token)
    return _message_page(request, survey, "thanks")


def survey_qr(request, token: str):
    survey = survey_selectors.public_survey(request.user, token)
    svg = qr_svg(public_url(request, survey), _("QR code to the survey “%(title)s”") % {"title": survey.title})
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


# --- Staff --------------------------------------------------------------------------------------------------------


@_staff_only
def survey_create(request, pk: int):
    trajectory = selectors.editable_trajectory(request.user, pk)
    kind = request.POST.get("kind", request.GET.get("soort", SurveyKind.VALIDATIE))
    if kind not in SurveyKind.values:
        kind = SurveyKind.VALIDATIE
    versions = survey_questions.versions_with_all_blocks(trajectory)
    initial = {
        "title": _("What do you think of the DNA of %(kern)s?") % {"kern": trajectory.kern.name}
        if kind == SurveyKind.VALIDATIE
        else _("How is life in %(kern)s?") % {"kern": trajectory.kern.name},
        "open_questions": "\n".join(survey_questions.default_questions(kind, trajectory.kern.name)),
        "version": versions.first(),
    }
    form = SurveyForm(request.POST or None, kind=kind, trajectory=trajectory, initial=initial)
    if request.method == "POST" and form.is_valid():
        survey = survey_actions.create_survey(
            request.user,
            trajectory,
            kind=kind,
            title=form.cleaned_data["title"],
            intro=form.cleaned_data["intro"],
            version=form.cleaned_data.get("version"),
            open_questions=form.cleaned_data["open_questions"],
        )
        messages.success(request, _("The survey was made. It is a draft: nobody can answer it until you open it."))
        return redirect(survey.get_absolute_url())
    context = {
        "trajectory": trajectory,
        "form": form,
        "kind": kind,
        "kind_label": SurveyKind(kind).label,
        "no_versions": kind == SurveyKind.VALIDATIE and not versions.exists(),
    }
    return render(request, "dna/survey_edit.html", context)


@_staff_only
def survey_edit(request, pk: int, survey_pk: int):
    trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    frozen = survey.status != SurveyStatus.CONCEPT
    initial = {
        "title": survey.title,
        "intro": survey.intro,
        "version": survey.version,
        "open_questions": "\n".join(survey.open_questions),
    }
    form = SurveyForm(request.POST or None, kind=survey.kind, trajectory=trajectory, frozen=frozen, initial=initial)
    if request.method == "POST" and form.is_valid():
        survey_actions.change_survey(request.user, survey, **form.cleaned_data)
        messages.success(request, _("The survey was saved."))
        return redirect(survey.get_absolute_url())
    context = {"trajectory": trajectory, "survey": survey, "form": form, "frozen": frozen}
    return render(request, "dna/survey_edit.html", context)


@_staff_only
def survey_detail(request, pk: int, survey_pk: int):
    trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    url = public_url(request, survey)
    qr = ""
    if survey.status != SurveyStatus.CONCEPT:
        qr = qr_svg(url, _("QR code to the survey"))
    context = {
        "trajectory": trajectory,
        "survey": survey,
        "public_url": url,
        "qr": qr,
        "response_total": survey.responses.count(),
        "can_publish": selectors.can_publish(request.user, trajectory),
        "validation": survey.kind == SurveyKind.VALIDATIE,
    }
    return render(request, "dna/survey_detail.html", context)


@_staff_only
def survey_print(request, pk: int, survey_pk: int):
    trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    url = public_url(request, survey)
    context = {
        "trajectory": trajectory,
        "survey": survey,
        "public_url": url,
        "qr": qr_svg(url, _("QR code to the survey")),
    }
    return render(request, "dna/survey_print.html", context)


@_staff_only
@require_POST
def survey_status(request, pk: int, survey_pk: int):
    trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    wanted = request.POST.get("status")
    if wanted == SurveyStatus.OPEN:
        if survey.kind == SurveyKind.VALIDATIE and (
            survey.version is None
            or not survey_questions.versions_with_all_blocks(trajectory).filter(pk=survey.version_id).exists()
        ):
            messages.error(request, _("The DNA version this survey tests no longer has five building blocks."))
            return redirect(survey.get_absolute_url())
        survey_actions.open_survey(request.user, survey)
        messages.success(request, _("The survey is open: everyone with the link or QR code can answer it."))
    elif wanted == SurveyStatus.GESLOTEN:
        survey_actions.close_survey(request.user, survey)
        messages.success(request, _("The survey is closed: the link now says so."))
    return redirect(survey.get_absolute_url())


@_staff_only
@require_POST
def survey_new_link(request, pk: int, survey_pk: int):
    _trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    survey_actions.renew_link(request.user, survey)
    messages.success(request, _("The survey has a new link. The old link and QR code no longer work."))
    return redirect(survey.get_absolute_url())


@_staff_only
@require_POST
def survey_results_public(request, pk: int, survey_pk: int):
    trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    if not selectors.can_publish(request.user, trajectory):
        raise PermissionDenied  # the municipality decides what is public
    public = request.POST.get("public") == "1"
    survey_actions.set_results_public(request.user, survey, public)
    if public:
        messages.success(request, _("The results (numbers only, no open answers) are public in the API."))
    else:
        messages.success(request, _("The results are no longer public."))
    return redirect(survey.get_absolute_url())


def _group_filter(request) -> str:
    group = request.GET.get("groep", "")
    return group if group in RespondentGroup.values else ""


@_staff_only
def survey_results(request, pk: int, survey_pk: int):
    trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    if survey.status == SurveyStatus.CONCEPT:
        messages.info(request, _("A draft has no results yet: open the survey first."))
        return redirect(survey.get_absolute_url())
    found = survey_selectors.results(survey)
    group = _group_filter(request)
    rows = []
    for result in found.items:
        summary = result.groups[group] if group else result.overall
        rows.append(
            (
                result,
                summary,
                survey_charts.distribution_bars(_("Distribution: %(item)s") % {"item": result.heading}, summary),
            )
        )
    scales = {(r.item.low, r.item.high) for r in found.items}
    low, high = min(s[0] for s in scales) if scales else 1, max(s[1] for s in scales) if scales else 5
    chart = survey_charts.mean_bars(
        _("Mean score per question, with the interval of 95 percent"),
        [(r.item.label, (r.groups[group] if group else r.overall)) for r in found.items],
        low=low,
        high=high,
    )
    radar = None
    if survey.kind == SurveyKind.BELEVING and found.items:
        # The Place Standard's own picture: one spoke per theme, the mean from 1 (centre) to 7 (the edge).
        radar = survey_charts.place_standard_radar(
            [
                (r.item.label, (r.groups[group] if group else r.overall).mean, r.item.low, r.item.high)
                for r in found.items
            ]
        )
    context = {
        "trajectory": trajectory,
        "survey": survey,
        "results": found,
        "rows": rows,
        "chart": chart,
        "radar": radar,
        "group": group,
        "group_label": survey_selectors.GROUP_NAMES.get(group, ""),
        "groups": list(survey_selectors.GROUP_NAMES.items()),
        "group_counts": [
            (code, label, found.by_group.get(code, 0)) for code, label in survey_selectors.GROUP_NAMES.items()
        ],
        "open_answers": survey_selectors.open_answers(survey, group),
        "csv_url": reverse("dna:survey_csv", kwargs={"pk": trajectory.pk, "survey_pk": survey.pk}),
        "validation": survey.kind == SurveyKind.VALIDATIE,
    }
    return render(request, "dna/survey_results.html", context)


@_staff_only
def survey_csv(request, pk: int, survey_pk: int):
    _trajectory, survey = survey_selectors.editable_survey(request.user, pk, survey_pk)
    if survey.status == SurveyStatus.CONCEPT:
        raise PermissionDenied
    machine = request.GET.get("kolommen") == "machine"
    body = b"".join(survey_export.csv_lines(survey, machine=machine))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enquete-{survey.pk}.csv"'
    return response
