"""Survey results in the API (``GET /api/v1/dna/surveys/{id}/results``): aggregates only.

Only surveys whose results the municipality made public (``results_public``, set by those who may publish), of a
published trajectory, and opened at least once; anything else is a 404, so an id does not reveal that a survey
exists. The answer holds numbers per item and respondent group (n, mean, 95 % interval, distribution), never the
open answers (people's own words) and never single responses.
"""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kernkompas.core.api import ErrorOut, object_id
from kernkompas.dna import survey_questions, survey_selectors
from kernkompas.dna.models import Survey
from kernkompas.lib.dna import survey_stats

router = Router(tags=["Kern-DNA"])


class SummaryOut(Schema):
    n: int = Field(description="Number of answers to the item.")
    mean: float | None = Field(description="Mean score; null without answers.")
    ci_low: float | None = Field(
        description="Lower end of the 95 % interval (Student's t, clipped to the scale); null when n < 2."
    )
    ci_high: float | None = Field(description="Upper end of the 95 % interval; null when n < 2.")
    distribution: dict[str, int] = Field(description="Count of answers per score, lowest score first.")


class GroupSummaryOut(SummaryOut):
    group: str = Field(description="inwoner, werkt, ondernemer or bezoeker.")


class ItemOut(Schema):
    key: str = Field(description="blok-<position>, idee-<id> or thema-<theme>: the CSV download's column name.")
    type: str = Field(description="block, idea or theme.")
    label: str
    scale: list[int] = Field(description="Lowest and highest score.")
    overall: SummaryOut
    groups: list[GroupSummaryOut]


class SurveyResultsOut(Schema):
    id: int
    title: str
    kind: str = Field(description="validatie (the DNA) or beleving (Place Standard).")
    status: str = Field(description="open or gesloten.")
    trajectory: int
    kern: str
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    respondents: int
    respondents_by_group: dict[str, int]
    method: str
    items: list[ItemOut]


METHOD = (
    "Mean ± t(0.975, n−1) · s/√n with the sample standard deviation s (Student's t), clipped to the scale; "
    "no interval with fewer than two answers."
)


def _summary(summary: survey_stats.Summary) -> dict:
    return {
        "n": summary.n,
        "mean": None if summary.mean is None else round(summary.mean, 4),
        "ci_low": None if summary.ci_low is None else round(summary.ci_low, 4),
        "ci_high": None if summary.ci_high is None else round(summary.ci_high, 4),
        "distribution": {str(score): count for score, count in zip(summary.scores, summary.distribution, strict=True)},
    }


@router.get(
    "/surveys/{survey_id}/results",
    response={200: SurveyResultsOut, 404: ErrorOut},
    url_name="dna_survey_results",
    summary="Results of a DNA survey (aggregates)",
)
def survey_results(request, survey_id: int = object_id(Survey, "The survey's number.")):
    """n, mean, 95 % interval and distribution per item, overall and per respondent group, of a survey whose
    results the municipality made public. No open answers, no single responses."""
    try:
        survey = survey_selectors.public_results_survey(survey_id)
    except Http404:
        return Status(
            404, {"detail": _("There are no public results of a survey with number %(id)s.") % {"id": survey_id}}
        )
    found = survey_selectors.results(survey)
    return Status(
        200,
        {
            "id": survey.pk,
            "title": survey.title,
            "kind": survey.kind,
            "status": survey.status,
            "trajectory": survey.trajectory_id,
            "kern": survey.trajectory.kern.name,
            "opened_at": survey.opened_at,
            "closed_at": survey.closed_at,
            "respondents": found.respondents,
            "respondents_by_group": found.by_group,
            "method": METHOD,
            "items": [
                {
                    "key": r.item.key,
                    "type": r.item.type,
                    "label": survey_questions.item_heading(r.item),
                    "scale": [r.item.low, r.item.high],
                    "overall": _summary(r.overall),
                    "groups": [{"group": g, **_summary(s)} for g, s in r.groups.items()],
                }
                for r in found.items
            ],
        },
    )
