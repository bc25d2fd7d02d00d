"""The CSV download of a survey's responses: one row per response, columns in a fixed, documented order.

Columns, always in this order:

1. ``response``: the response's number within the survey (1, 2, 3, … in the order they came in);
2. ``submitted_on``: the date (no time of day is stored);
3. ``group``: inwoner, werkt, ondernemer or bezoeker;
4. one column per scored item, in the snapshot's order (the form's order): ``blok-1`` … ``blok-5``, then
   ``idee-<id>`` per idea, block by block; or ``thema-bewegen`` … ``thema-invloed`` for the Place Standard;
5. one column per open question in the snapshot's order (``opmerking-<theme>`` for the Place Standard comments,
   then ``vraag-1`` …).

An empty cell is a question not answered. For people (default) the columns are named in the page's language and,
in Dutch, the file is ``;``-separated with decimal commas; with ``?kolommen=machine`` the names above are used,
comma-separated (as the Kernmonitor downloads do). Every text goes through :mod:`kernkompas.lib.spreadsheet`,
which neutralises a text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

from kernkompas.dna import survey_questions
from kernkompas.dna.models import RespondentGroup, Response, Survey
from kernkompas.lib import spreadsheet

FIXED = ("response", "submitted_on", "group")


def columns(survey: Survey, *, machine: bool) -> list[str]:
    items = survey_questions.items(survey.snapshot)
    questions = survey_questions.questions(survey.snapshot)
    if machine:
        return [*FIXED, *(i.key for i in items), *(q.key for q in questions)]
    return [
        gettext("response"),
        gettext("submitted on"),
        gettext("respondent group"),
        *(survey_questions.item_heading(i) for i in items),
        *(q.text for q in questions),
    ]


def rows(survey: Survey, *, machine: bool):
    items = [i.key for i in survey_questions.items(survey.snapshot)]
    questions = [q.key for q in survey_questions.questions(survey.snapshot)]
    labels = dict(RespondentGroup.choices)
    responses = Response.objects.filter(survey=survey).order_by("pk").prefetch_related("answers", "open_answers")
    for number, response in enumerate(responses.iterator(chunk_size=500), start=1):
        scores = {a.item: a.score for a in response.answers.all()}
        texts = {o.question: o.text for o in response.open_answers.all()}
        group = response.group if machine else str(labels.get(response.group, response.group))
        yield [
            number,
            response.submitted_on,
            group,
            *(scores.get(key) for key in items),
            *(texts.get(key, "") for key in questions),
        ]


def csv_lines(survey: Survey, *, machine: bool):
    dutch = not machine and translation.get_language() == "nl"
    return spreadsheet.csv_lines(columns(survey, machine=machine), rows(survey, machine=machine), dutch=dutch)
