"""Invented Kern-DNA data for the demo region (``kernkompas demo``): a published Naar de Kern trajectory for
Veldrode-Dorp, well under way, and an unpublished Compact trajectory for Maasdijk-Centrum that has just started.

Idempotent: a trajectory that exists (same core, same title) is left as it is, also when someone changed it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from kernkompas.dna import survey_demo
from kernkompas.dna.actions import steps as step_actions
from kernkompas.dna.actions import trajectories as trajectory_actions
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
    survey_demo.load_demo(by, summary)  # last: the surveys test the DNA loaded above
    return summary
