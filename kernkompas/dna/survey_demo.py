"""Demo surveys for Veldrode-Dorp (``kernkompas demo``): an open DNA validation survey with 40 invented responses
and an open Place Standard survey with 30, all marked as demo data, both with public results. Idempotent: a survey
that exists (same trajectory, kind and title) is left as it is, with its responses.

The validation survey tests Veldrode-Dorp's published DNA. When the demo has none (the building-blocks demo is
loaded by ``demo.load_demo`` before this), a DNA version with the same five blocks is made here first, so the
survey demo never depends on the order in which parts were merged.
"""

from __future__ import annotations

import datetime
import hashlib
import random

from django.utils import timezone

from kernkompas.dna import survey_questions
from kernkompas.dna.actions import surveys as survey_actions
from kernkompas.dna.models import (
    BuildingBlock,
    DnaVersion,
    Idea,
    RespondentGroup,
    Survey,
    SurveyKind,
    Trajectory,
)

TRAJECTORY = ("veldrode", "dorp", "Het DNA van Veldrode-Dorp")
VALIDATION_TITLE = "Herken jij het DNA van Veldrode-Dorp?"
PLACE_STANDARD_TITLE = "Hoe is het leven in Veldrode-Dorp?"
SEED = 1204

BLOCKS = (
    ("Het dorpsplein als huiskamer", "Rond de linde op het Dorpsplein komen markt, terrassen en de kermis samen."),
    ("Ambacht met een gezicht", "Een bakker, een slager, een kaasboer en een fietsenmaker die hun klanten kennen."),
    ("Erfgoed om in te wonen", "De Sint-Martinuskerk, de oude pastorie en de gevels van de Kapelstraat."),
    ("Groen tot in de kern", "De Molenbeek, de pastorijtuin en de bomenrij langs de Statiestraat."),
    ("Fietsdorp op het knooppunt", "Drie fietsknooppunten komen samen aan het plein."),
)
IDEAS = (
    (1, "Autoluw Dorpsplein op zondag", "Proef met een autoluw plein en terrassen van april tot oktober."),
    (1, "Overdekte marktkramen", "Een vaste luifel aan de linde zodat de markt ook bij regen doorgaat."),
    (2, "Etalage van het ambacht", "Een gezamenlijke zomerweek waarin de zaken tonen hoe ze werken."),
    (3, "Pastorie als dorpshuis", "De oude pastorie openstellen voor verenigingen en een dorpscafé."),
    (4, "Beekpad naar de school", "Een veilig wandelpad langs de Molenbeek tot aan de basisschool."),
    (5, "Fietshub aan het plein", "Overdekte fietsenstalling met laadpunten en een herstelzuil."),
)
# How the invented respondents lean: a mean per block (1–5) and per Place Standard theme (1–7).
BLOCK_LEAN = (4.4, 3.9, 3.4, 3.8, 4.1)
THEME_LEAN = (4.6, 2.6, 3.2, 4.4, 5.6, 4.0, 3.6, 3.4, 4.2, 5.0, 5.4, 5.8, 4.3, 3.0)
GROUPS = ([RespondentGroup.INWONER] * 9 + [RespondentGroup.WERKT] * 4 + [RespondentGroup.ONDERNEMER] * 3) + [
    RespondentGroup.BEZOEKER
] * 4
EXCITED = (
    "De markt op donderdag, dan zie je iedereen.",
    "Het terras onder de linde in de zomer.",
    "Dat de bakker en de slager nog zelf bakken en kappen.",
    "De fietsroutes langs de Molenbeek.",
    "De kermis en de jaarmarkt.",
    "Dat het zo rustig en groen is, zo dicht bij het plein.",
)
MISSING = (
    "Een plek om te zitten zonder iets te moeten kopen.",
    "Meer fietsenstallingen aan het plein.",
    "De pastorie staat te vaak leeg.",
    "Minder auto's op het plein op zondag.",
    "Een bus die ook 's avonds rijdt.",
)
IMPROVE = (
    "De bus: na zes uur kom je niet meer weg.",
    "Veiliger oversteken aan de Statiestraat.",
    "Meer te doen voor jongeren.",
    "Minder geparkeerde auto's op het plein.",
)


def _version_for(trajectory: Trajectory) -> DnaVersion:
    """The version the validation survey tests: the published one with five blocks, else the newest with five,
    else one made here (the same five blocks and six ideas as the building-blocks demo)."""
    versions = survey_questions.versions_with_all_blocks(trajectory)
    found = versions.filter(is_published=True).first() or versions.first()
    if found is not None:
        return found
    number = (trajectory.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    published = not trajectory.versions.filter(is_published=True).exists()
    version = DnaVersion.objects.create(
        trajectory=trajectory,
        number=number,
        tagline="Veldrode: het groene dorp waar de markt de huiskamer is",
        is_published=published,
        published_at=timezone.now() if published else None,
        frozen=published,
    )
    blocks = {}
    for position, (name, explanation) in enumerate(BLOCKS, start=1):
        blocks[position] = BuildingBlock.objects.create(
            version=version, position=position, name=name, explanation=explanation
        )
    for index, (position, title, description) in enumerate(IDEAS):
        Idea.objects.create(
            version=version, block=blocks[position], title=title, description=description, position=index
        )
    return version


def _score(rng: random.Random, lean: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.gauss(lean, 0.9))))


def _seed_responses(survey: Survey, count: int, rng: random.Random, *, texts) -> None:
    items = survey_questions.items(survey.snapshot)
    questions = survey_questions.questions(survey.snapshot)
    first = datetime.date(2026, 11, 16)
    block_lean = dict(zip((f"blok-{n}" for n in range(1, 6)), BLOCK_LEAN, strict=True))
    theme_lean = dict(zip((f"thema-{t.key}" for t in survey_questions.PLACE_STANDARD), THEME_LEAN, strict=True))
    for number in range(count):
        group = GROUPS[number % len(GROUPS)]
        scores = {}
        for item in items:
            lean = block_lean.get(item.key) or theme_lean.get(item.key) or block_lean.get(item.block, 3.8)
            if group == RespondentGroup.BEZOEKER and item.type != "theme":
                lean -= 0.4  # visitors recognise the village a little less
            scores[item.key] = _score(rng, lean, item.low, item.high)
        answers = {}
        for question, pool in zip([q for q in questions if not q.theme], texts, strict=False):
            if rng.random() < 0.45:
                answers[question.key] = rng.choice(pool)
        digest = hashlib.sha256(f"demo:{survey.pk}:{number}".encode()).hexdigest()
        survey_actions.submit_response(
            survey,
            group=group,
            scores=scores,
            texts=answers,
            nonce_hash=digest,
            on=first + datetime.timedelta(days=rng.randrange(0, 18)),
            is_demo=True,
        )


def load_demo(by, summary) -> None:
    gemeente, kern, title = TRAJECTORY
    trajectory = Trajectory.objects.filter(kern__gemeente__slug=gemeente, kern__slug=kern, title=title).first()
    if trajectory is None:
        return
    rng = random.Random(SEED)
    if not Survey.objects.filter(trajectory=trajectory, kind=SurveyKind.VALIDATIE, title=VALIDATION_TITLE).exists():
        version = _version_for(trajectory)
        survey = survey_actions.create_survey(
            by,
            trajectory,
            kind=SurveyKind.VALIDATIE,
            title=VALIDATION_TITLE,
            intro="Vijf bouwstenen en zes ideeën voor het dorp: zeg hoe goed jij ze herkent. Het duurt vijf minuten.",
            version=version,
            open_questions=["Waar word je enthousiast van in Veldrode-Dorp?", "Wat mis je nog?"],
        )
        Survey.objects.filter(pk=survey.pk).update(is_demo=True)
        survey = survey_actions.open_survey(by, survey)
        _seed_responses(survey, 40, rng, texts=(EXCITED, MISSING))
        Survey.objects.filter(pk=survey.pk).update(results_public=True)  # the API shows its aggregates
        summary.created["dna.Survey"] += 1
        summary.created["dna.Response"] += 40
    if not Survey.objects.filter(trajectory=trajectory, kind=SurveyKind.BELEVING, title=PLACE_STANDARD_TITLE).exists():
        survey = survey_actions.create_survey(
            by,
            trajectory,
            kind=SurveyKind.BELEVING,
            title=PLACE_STANDARD_TITLE,
            intro="Veertien thema's van de Place Standard: hoe goed is Veldrode-Dorp nu, en wat kan beter?",
            open_questions=["Wat zou je als eerste verbeteren in Veldrode-Dorp?"],
        )
        Survey.objects.filter(pk=survey.pk).update(is_demo=True)
        survey = survey_actions.open_survey(by, survey)
        _seed_responses(survey, 30, rng, texts=(IMPROVE,))
        # Public results: the API and the core's analysis page ("also measured") show the means per theme.
        Survey.objects.filter(pk=survey.pk).update(results_public=True)
        summary.created["dna.Survey"] += 1
        summary.created["dna.Response"] += 30
