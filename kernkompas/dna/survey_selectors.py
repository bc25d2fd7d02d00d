"""Reading surveys: who may see which, and their results (aggregated by ``kernkompas.lib.dna.survey_stats``).

- The public form: anyone with the link, while the survey is open or closed; a draft only for those who may edit
  the trajectory (a preview), 404 for everyone else. The link is the access right: an open survey can test a DNA
  that is not public yet.
- The staff pages (create, open and close, results, open answers, CSV): the trajectory's editors
  (``selectors.can_edit``: staff and facilitators of the municipality, administrators); 404 for those who may not
  see the trajectory, 403 for those who only may read it.
- The API: aggregates of surveys whose results the municipality made public, of published trajectories.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from kernkompas.dna import selectors, survey_questions
from kernkompas.dna.models import Answer, OpenAnswer, RespondentGroup, Response, Survey, SurveyStatus
from kernkompas.lib.dna import survey_stats

GROUPS = tuple(RespondentGroup.values)
# How the results name the groups (the form asks "Ik woon hier", the results say "inwoners").
GROUP_NAMES = {
    RespondentGroup.INWONER: _("residents"),
    RespondentGroup.WERKT: _("people who work here"),
    RespondentGroup.ONDERNEMER: _("entrepreneurs"),
    RespondentGroup.BEZOEKER: _("visitors"),
}


def surveys_of(trajectory) -> list[Survey]:
    return list(trajectory.surveys.annotate(response_total=Count("responses")).order_by("-created_at"))


def open_surveys_of(trajectory) -> list[Survey]:
    return list(trajectory.surveys.filter(status=SurveyStatus.OPEN).order_by("-opened_at"))


def open_for_gemeente(gemeente) -> list[Survey]:
    """The open surveys of a municipality's trajectories with their response counts (the workspace panel)."""
    return list(
        Survey.objects.filter(trajectory__kern__gemeente=gemeente, status=SurveyStatus.OPEN)
        .select_related("trajectory__kern")
        .annotate(response_total=Count("responses"))
        .order_by("-opened_at")
    )


def editable_survey(user, pk: int, survey_pk: int) -> tuple:
    """(trajectory, survey) for the trajectory's editors; 404/403 as ``selectors.editable_trajectory``."""
    trajectory = selectors.editable_trajectory(user, pk)
    survey = get_object_or_404(Survey.objects.select_related("version"), pk=survey_pk, trajectory=trajectory)
    survey.trajectory = trajectory
    return trajectory, survey


def public_survey(user, token: str) -> Survey:
    survey = (
        Survey.objects.select_related("trajectory__kern__gemeente", "version").filter(token=token).first()
        if token
        else None
    )
    if survey is None:
        raise Http404
    if survey.status == SurveyStatus.CONCEPT and not selectors.can_edit(user, survey.trajectory):
        raise Http404
    return survey


def questions_of(survey: Survey) -> dict:
    """The snapshot the form asks: frozen once opened; for a draft's preview, what it would freeze now."""
    if survey.status == SurveyStatus.CONCEPT:
        if survey.kind == "validatie" and survey.version is None:
            return {"items": [], "questions": []}
        return survey_questions.take_snapshot(survey)
    return survey.snapshot


def public_results_survey(survey_id: int) -> Survey:
    survey = (
        Survey.objects.select_related("trajectory__kern__gemeente")
        .filter(
            pk=survey_id,
            results_public=True,
            trajectory__is_published=True,
            status__in=(SurveyStatus.OPEN, SurveyStatus.GESLOTEN),
        )
        .first()
    )
    if survey is None:
        raise Http404
    return survey


# --- Results ------------------------------------------------------------------------------------------------------


@dataclass
class ItemResult:
    item: survey_questions.Item
    overall: survey_stats.Summary
    groups: dict[str, survey_stats.Summary] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        return survey_questions.item_heading(self.item)

    def rows(self):
        """(group code or "", Summary) for the table: overall first, then each group in a fixed order."""
        return [("", self.overall), *((g, self.groups[g]) for g in GROUPS)]


@dataclass
class Results:
    survey: Survey
    items: list[ItemResult]
    respondents: int
    by_group: dict[str, int]


def results(survey: Survey) -> Results:
    """n, mean, 95 % interval and distribution of every item, overall and per respondent group (two queries)."""
    snapshot_items = survey_questions.items(survey.snapshot)
    scores: dict[str, list[int]] = defaultdict(list)
    group_scores: dict[tuple[str, str], list[int]] = defaultdict(list)
    for group, item, score in Answer.objects.filter(response__survey=survey).values_list(
        "response__group", "item", "score"
    ):
        scores[item].append(score)
        group_scores[(item, group)].append(score)
    found = []
    for item in snapshot_items:
        low, high = item.low, item.high
        overall = survey_stats.summarise([s for s in scores[item.key] if low <= s <= high], low, high)
        groups = {
            g: survey_stats.summarise([s for s in group_scores[(item.key, g)] if low <= s <= high], low, high)
            for g in GROUPS
        }
        found.append(ItemResult(item, overall, groups))
    by_group = dict.fromkeys(GROUPS, 0)
    for group in Response.objects.filter(survey=survey).values_list("group", flat=True):
        by_group[group] = by_group.get(group, 0) + 1
    return Results(survey, found, sum(by_group.values()), by_group)


@dataclass
class QuestionAnswers:
    question: survey_questions.Question
    answers: list  # (group label, date, text)


def open_answers(survey: Survey, group: str = "") -> list[QuestionAnswers]:
    """The open answers per question in the snapshot's order, newest first; only ``group``'s when given."""
    found = OpenAnswer.objects.filter(response__survey=survey).select_related("response")
    if group:
        found = found.filter(response__group=group)
    by_question = defaultdict(list)
    labels = GROUP_NAMES
    for answer in found.order_by("-response__submitted_on", "-response_id"):
        by_question[answer.question].append(
            (labels.get(answer.response.group, answer.response.group), answer.response.submitted_on, answer.text)
        )
    return [
        QuestionAnswers(question, by_question.get(question.key, []))
        for question in survey_questions.questions(survey.snapshot)
    ]
