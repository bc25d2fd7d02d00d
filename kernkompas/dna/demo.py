"""Invented Kern-DNA data for the demo region (``kernkompas demo``): a published Naar de Kern trajectory for
Veldrode-Dorp, well under way, and an unpublished Compact trajectory for Maasdijk-Centrum that has just started.

Idempotent: a trajectory that exists (same core, same title) is left as it is, also when someone changed it.

The demo cores also get DNA figures: :mod:`kernkompas.dna.demo_figures` writes an invented OpenStreetMap extract
(marked as demo in its name) and measures it with the same action as ``kernkompas dna-figures``.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from kernkompas.dna import photos, survey_demo
from kernkompas.dna.actions import steps as step_actions
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.actions import versions as version_actions
from kernkompas.dna.actions.versions import BlockData
from kernkompas.dna.demo_figures import load_demo_figures
from kernkompas.dna.models import Method, StepStatus, Trajectory, TrajectoryStatus
from kernkompas.places.models import Kern


@dataclass
class DnaLoadSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class DemoStep:
    status: str
    start: date | None = None
    end: date | None = None
    participants: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DemoTrajectory:
    gemeente: str
    kern: str
    title: str
    method: str
    status: str
    published: bool
    steps: tuple[DemoStep, ...]


DONE, BUSY, PLANNED, SKIPPED = StepStatus.AFGEROND, StepStatus.BEZIG, StepStatus.GEPLAND, StepStatus.OVERGESLAGEN

TRAJECTORIES = (
    DemoTrajectory(
        "veldrode",
        "dorp",
        "Het DNA van Veldrode-Dorp",
        Method.NAAR_DE_KERN,
        TrajectoryStatus.LOPEND,
        True,
        (
            DemoStep(
                DONE,
                date(2026, 2, 3),
                date(2026, 2, 3),
                "Gemeente Veldrode, UNIZO Kempen",
                "Wandeling van Dorpsplein tot Kapelstraat; eerste bouwstenen: dorpsplein als huiskamer, "
                "ambachtelijke winkels, fietsknooppunt.",
            ),
            DemoStep(
                DONE,
                date(2026, 2, 16),
                date(2026, 3, 13),
                "Studenten toerisme en vrijetijd, handelaarsvereniging",
                "62 interviews op de wekelijkse markt en aan de school; workshop op 13 maart.",
            ),
            DemoStep(DONE, date(2026, 3, 26), date(2026, 3, 26), "Cultuurraad, jeugdraad, lokale kunstenaars"),
            DemoStep(
                DONE,
                date(2026, 4, 21),
                date(2026, 5, 5),
                "Werkgroep DNA, ontwerpbureau",
                "Toekomstbeeld: autoluw dorpsplein met terrassen op zondag.",
            ),
            DemoStep(DONE, date(2026, 5, 28), date(2026, 5, 28), "Twee retailexperts van de provincie"),
            DemoStep(
                BUSY,
                date(2026, 9, 15),
                date(2026, 10, 20),
                "Handelaarsvereniging Veldrode, horeca Dorpsplein",
                "Tweede avond gepland na de jaarmarkt.",
            ),
            DemoStep(PLANNED, date(2027, 1, 12), date(2027, 1, 12), "College, dienst citymarketing"),
            DemoStep(SKIPPED),
        ),
    ),
    DemoTrajectory(
        "maasdijk",
        "centrum",
        "Kernkompas Maasdijk-Centrum",
        Method.COMPACT,
        TrajectoryStatus.VOORBEREIDING,
        False,
        (
            DemoStep(
                BUSY,
                date(2026, 11, 17),
                date(2026, 12, 8),
                "Gemeente Maasdijk, begeleider",
                "Cijfers van de Kernmonitor (Marktplein, Statiestraat) als vertrekpunt.",
            ),
            *(DemoStep(PLANNED) for _ in range(6)),
        ),
    ),
)


def load_demo(by=None) -> DnaLoadSummary:
    summary = DnaLoadSummary()
    figures = load_demo_figures(by)
    if figures:
        summary.created["dna.CoreFigures"] += figures
    for plan in TRAJECTORIES:
        kern = Kern.objects.select_related("gemeente").filter(gemeente__slug=plan.gemeente, slug=plan.kern).first()
        if kern is None or Trajectory.objects.filter(kern=kern, title=plan.title).exists():
            continue
        trajectory = trajectory_actions.start_trajectory(by, kern=kern, title=plan.title, method=plan.method)
        trajectory_actions.change_trajectory(by, trajectory, status=plan.status)
        for step, demo in zip(trajectory.steps.order_by("order"), plan.steps, strict=True):
            step_actions.change_step(
                by,
                step,
                status=demo.status,
                start_date=demo.start,
                end_date=demo.end,
                participants=demo.participants,
                notes=demo.notes,
            )
        if plan.published:
            trajectory_actions.set_published(by, trajectory, True)
        summary.created["dna.Trajectory"] += 1
        summary.created["dna.Step"] += len(plan.steps)
    for plan in DNAS:
        _load_dna(by, plan, summary)
    survey_demo.load_demo(by, summary)  # last: the surveys test the DNA loaded above
    return summary


# --- The DNA itself: Veldrode-Dorp's is published, Maasdijk-Centrum's is a first draft ---------------------------


@dataclass(frozen=True)
class DemoDna:
    gemeente: str
    kern: str
    title: str
    tagline: str
    introduction: str
    blocks: tuple[BlockData, ...]
    ideas: tuple[tuple[int, str, str], ...]  # (block position, title, description)
    publish: bool


DNAS = (
    DemoDna(
        "veldrode",
        "dorp",
        "Het DNA van Veldrode-Dorp",
        "Veldrode: het groene dorp waar de markt de huiskamer is",
        "Vijf bouwstenen uit de kernwandeling, 62 gesprekken op de markt en twee werksessies met handelaars, "
        "verenigingen en inwoners (voorjaar 2026).",
        (
            BlockData(
                "Het dorpsplein als huiskamer",
                "Rond de linde op het Dorpsplein komen markt, terrassen en de kermis samen. Het plein is geen "
                "parking maar de plek waar Veldrode elkaar ziet.",
                ("markets", "cafes_bars", "event_venues"),
                "Op donderdagvoormiddag zie je hier het hele dorp.\nHet terras aan de linde is onze zomerzaal.",
            ),
            BlockData(
                "Ambacht met een gezicht",
                "Een bakker, een slager, een kaasboer en een fietsenmaker die hun klanten bij naam kennen: kleine, "
                "zelfstandige zaken die het dorp een eigen smaak geven.",
                ("daily_shops", "speciality_shops", "work_places"),
                "Je gaat hier niet gewoon brood halen, je gaat langs bij Jef.",
            ),
            BlockData(
                "Erfgoed om in te wonen",
                "De Sint-Martinuskerk, de oude pastorie en de gevels van de Kapelstraat vertellen de geschiedenis "
                "van het dorp, en er wordt gewoon in gewoond en gewerkt.",
                ("heritage", "culture_venues"),
                "De pastorie moet open blijven, voor iedereen.",
            ),
            BlockData(
                "Groen tot in de kern",
                "De Molenbeek, de pastorijtuin en de bomenrij langs de Statiestraat brengen het groen tot aan het "
                "plein.",
                ("parks_green", "water"),
                "Met de kinderen langs de beek naar school: dat wil ik houden.",
            ),
            BlockData(
                "Fietsdorp op het knooppunt",
                "Drie fietsknooppunten komen samen aan het plein. Recreatieve fietsers stoppen hier voor koffie, "
                "een ijsje of een herstelling.",
                ("bicycle_parking", "accommodation"),
                "Op zondag staan er meer fietsen dan auto's op het plein.",
            ),
        ),
        (
            (1, "Autoluw Dorpsplein op zondag", "Proef met een autoluw plein en terrassen van april tot oktober."),
            (1, "Overdekte marktkramen", "Een vaste luifel aan de linde zodat de markt ook bij regen doorgaat."),
            (2, "Etalage van het ambacht", "Een gezamenlijke zomerweek waarin de zaken tonen hoe ze werken."),
            (3, "Pastorie als dorpshuis", "De oude pastorie openstellen voor verenigingen en een dorpscafé."),
            (4, "Beekpad naar de school", "Een veilig wandelpad langs de Molenbeek tot aan de basisschool."),
            (5, "Fietshub aan het plein", "Overdekte fietsenstalling met laadpunten en een herstelzuil."),
        ),
        True,
    ),
    DemoDna(
        "maasdijk",
        "centrum",
        "Kernkompas Maasdijk-Centrum",
        "Maasdijk-Centrum: winkelen en wonen aan de Maas",
        "Eerste versie, te bespreken in de werksessie bouwstenen.",
        (
            BlockData("De Markt als ontmoetingsplek", "Het Marktplein met de wekelijkse markt.", ("markets",)),
            BlockData("Compact winkelhart", "Winkels op loopafstand tussen Markt en Statiestraat.", ("shop_density",)),
            BlockData("Aan de Maas", "De kade en het jaagpad.", ("water",)),
            BlockData("Station om de hoek", "Trein en bus op vijf minuten van de Markt.", ("public_transport",)),
            BlockData("Wonen boven de winkel", "Nieuwe appartementen boven de winkels.", ("apartments",)),
        ),
        ((1, "Marktavond in de zomer", ""),),
        False,
    ),
)


def _load_dna(by, plan: DemoDna, summary: DnaLoadSummary) -> None:
    """Once per trajectory: a trajectory that has a version (also one someone made by hand) is left as it is."""
    trajectory = Trajectory.objects.filter(
        kern__gemeente__slug=plan.gemeente, kern__slug=plan.kern, title=plan.title
    ).first()
    if trajectory is None or trajectory.versions.exists():
        return
    version = version_actions.save_version(
        by, trajectory, tagline=plan.tagline, introduction=plan.introduction, blocks=plan.blocks
    )
    blocks = {block.position: block for block in version.blocks.all()}
    for position, title, description in plan.ideas:
        version_actions.add_idea(by, blocks[position], title=title, description=description)
    if plan.publish:
        version_actions.add_photo(
            by,
            blocks[1],
            photo=photos.clean(_market_picture()),
            caption="Donderdagmarkt rond de linde op het Dorpsplein (tekening)",
            credit="Kernkompas-demo",
        )
        version_actions.publish(by, version)
    summary.created["dna.DnaVersion"] += 1
    summary.created["dna.BuildingBlock"] += len(plan.blocks)
    summary.created["dna.Idea"] += len(plan.ideas)


def _market_picture():
    """A drawn market square (the demo has no real photos): a lime tree, stalls with awnings, cobbles."""
    image = Image.new("RGB", (1200, 800), (196, 222, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 800), fill=(168, 160, 150))
    for x in range(0, 1200, 60):
        draw.line((x, 520, x - 80, 800), fill=(150, 142, 133), width=3)
    draw.rectangle((560, 300, 600, 540), fill=(101, 67, 33))
    draw.ellipse((430, 90, 730, 360), fill=(61, 122, 61))
    colours = [(11, 85, 99), (242, 177, 52), (168, 32, 26), (29, 107, 53)]
    for n, x in enumerate((60, 260, 760, 960)):
        draw.rectangle((x, 470, x + 170, 600), fill=(240, 232, 220))
        for stripe in range(0, 170, 34):
            draw.polygon(
                [(x + stripe, 420), (x + stripe + 34, 420), (x + stripe + 40, 480), (x + stripe - 6, 480)],
                fill=colours[(n + stripe // 34) % len(colours)],
            )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("markt.jpg", out.getvalue(), content_type="image/jpeg")
