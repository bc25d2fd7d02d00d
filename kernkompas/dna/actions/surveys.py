"""Surveys of a DNA trajectory: creating and changing them, opening (which freezes the questions), closing,
renewing the public link, making the results public, and storing a response.

Staff actions own their transaction and write the audit log. A response is stored without an audit event: it is
anonymous (no actor to name), and a survey answered by hundreds would fill the log with nothing anyone needs.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from kernkompas.core import audit
from kernkompas.dna import survey_questions
from kernkompas.dna.models import (
    Answer,
    OpenAnswer,
    Response,
    Survey,
    SurveyKind,
    SurveyStatus,
    Trajectory,
    new_survey_token,
)


class SurveyClosed(Exception):
    """The survey is not open (any more): nothing was stored."""


class AlreadySubmitted(Exception):
    """This form (its one-time key) was sent before: nothing was stored twice."""


def _record(by, action: str, survey: Survey, **changes) -> None:
    audit.record(by, action, survey, gemeente=survey.trajectory.kern.gemeente, changes=changes or None)


@transaction.atomic
def create_survey(
    by, trajectory: Trajectory, *, kind: str, title: str, intro: str = "", version=None, open_questions=None
) -> Survey:
    if kind == SurveyKind.VALIDATIE and version is None:
        raise ValueError("a validation survey tests a DNA version")
    if open_questions is None:
        open_questions = survey_questions.default_questions(kind, trajectory.kern.name)
    survey = Survey.objects.create(
        trajectory=trajectory,
        kind=kind,
        title=title,
        intro=intro,
        version=version if kind == SurveyKind.VALIDATIE else None,
        open_questions=list(open_questions),
    )
    _record(by, "dna.survey_created", survey, kind=kind, version=version.number if version else None)
    return survey


EDITABLE = ("title", "intro", "version", "open_questions")


@transaction.atomic
def change_survey(by, survey: Survey, **values) -> Survey:
    """Title and introduction always; the version and the open questions only while it is a draft (after that
    the questions are frozen)."""
    changes = {}
    for name in EDITABLE:
        if name not in values:
            continue
        if name in ("version", "open_questions") and survey.status != SurveyStatus.CONCEPT:
            continue
        old, new = getattr(survey, name), values[name]
        if old != new:
            changes[name] = [str(old or ""), str(new or "")]
            setattr(survey, name, new)
    if changes:
        survey.save()
        _record(by, "dna.survey_changed", survey, **changes)
    return survey


@transaction.atomic
def open_survey(by, survey: Survey) -> Survey:
    """Open a draft (its questions are copied into the snapshot now) or open a closed survey again (with the
    snapshot it had)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.OPEN:
        return survey
    if survey.status == SurveyStatus.CONCEPT:
        survey.snapshot = survey_questions.take_snapshot(survey)
        survey.opened_at = timezone.now()
    survey.status = SurveyStatus.OPEN
    survey.closed_at = None
    survey.save()
    _record(by, "dna.survey_opened", survey, items=len(survey.snapshot.get("items", [])))
    return survey


@transaction.atomic
def close_survey(by, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.OPEN:
        return survey
    survey.status = SurveyStatus.GESLOTEN
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    _record(by, "dna.survey_closed", survey, responses=survey.responses.count())
    return survey


@transaction.atomic
def renew_link(by, survey: Survey) -> Survey:
    """A new public address; the old link and its QR code stop working."""
    survey.token = new_survey_token()
    survey.save(update_fields=["token"])
    _record(by, "dna.survey_link_renewed", survey)
    return survey


@transaction.atomic
def set_results_public(by, survey: Survey, public: bool) -> Survey:
    if survey.results_public != public:
        survey.results_public = public
        survey.save(update_fields=["results_public"])
        _record(by, "dna.survey_results_published" if public else "dna.survey_results_unpublished", survey)
    return survey


def submit_response(
    survey: Survey,
    *,
    group: str,
    scores: dict[str, int],
    texts: dict[str, str],
    nonce_hash: str,
    on=None,
    is_demo: bool = False,
) -> Response:
    """Store one response with its answers, all or nothing. The caller has validated every answer against the
    snapshot. Raises :class:`SurveyClosed` when the survey is not open and :class:`AlreadySubmitted` when the
    form's key was used before (also when two copies of it arrive at the same moment: the unique constraint
    decides)."""
    try:
        with transaction.atomic():
            if not Survey.objects.filter(pk=survey.pk, status=SurveyStatus.OPEN).exists():
                raise SurveyClosed
            if Response.objects.filter(survey=survey, nonce_hash=nonce_hash).exists():
                raise AlreadySubmitted
            response = Response.objects.create(
                survey=survey,
                group=group,
                submitted_on=on or timezone.localdate(),
                nonce_hash=nonce_hash,
                is_demo=is_demo,
            )
            Answer.objects.bulk_create(Answer(response=response, item=k, score=v) for k, v in scores.items())
            OpenAnswer.objects.bulk_create(
                OpenAnswer(response=response, question=k, text=v) for k, v in texts.items() if v
            )
    except IntegrityError as exc:
        raise AlreadySubmitted from exc
    return response
