"""A small action plan of Maasdijk (the cast's municipality) for the tests of the public page, feed, downloads,
API, invitations and the monitor's panel."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from kernkompas.labs.models import (
    Action,
    ActionFunding,
    ActionPlan,
    Bottleneck,
    BottleneckKind,
    Goal,
    Party,
    PartyKind,
    ProgressUpdate,
    SteeringRole,
)

HOSTILE = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("https://evil.example","Klik")'


@dataclass
class PlanSet:
    plan: ActionPlan
    ondernemers: Party
    provincie: Party
    action: Action  # owned by the entrepreneurs
    other: Action  # owned by the province, the entrepreneurs are partners
    update: ProgressUpdate


def make_plan(cast, *, published: bool = True, title: str = "Samen naar een levendig centrum") -> PlanSet:
    plan = ActionPlan.objects.create(
        gemeente=cast.maasdijk,
        kern=cast.centrum,
        title=title,
        vision="In 2030 is ons centrum de ontmoetingsplek van de regio.",
        horizon_year=2030,
        is_published=published,
    )
    goal = Goal.objects.create(plan=plan, order=1, text="Minder leegstand in de Marktstraat")
    Bottleneck.objects.create(
        plan=plan, title="Leegstand rond de markt", consequence="Het centrum loopt verder leeg", evidence="Kernmonitor"
    )
    Bottleneck.objects.create(plan=plan, kind=BottleneckKind.KANS, title="Sterke weekmarkt")
    ondernemers = Party.objects.create(plan=plan, name="Ondernemersvereniging Maasdijk", kind=PartyKind.ONDERNEMERS)
    provincie = Party.objects.create(plan=plan, name="Provincie Zuid", kind=PartyKind.PROVINCIE)
    role = SteeringRole.objects.filter(gemeente=None).first() or SteeringRole.objects.create(name="regisseur")
    action = Action.objects.create(
        plan=plan,
        order=1,
        title="Pop-upwinkels in lege panden",
        description="Tijdelijke huur voor starters.",
        goal=goal,
        owner=ondernemers,
        municipal_role=role,
        deadline=datetime.date(2027, 6, 30),
        status="lopend",
        indicator_code="vacancy_rate",
        indicator_gebied=cast.markt,
        indicator_baseline=0.20,
        indicator_target=0.10,
        target_date=datetime.date(2028, 1, 1),
    )
    ActionFunding.objects.create(action=action, payer="gemeente", amount=Decimal("25000.00"))
    ActionFunding.objects.create(action=action, payer="ondernemers", amount=Decimal("5000.50"))
    other = Action.objects.create(plan=plan, order=2, title="Fietsroute naar het centrum", owner=provincie)
    other.partners.add(ondernemers)
    update = ProgressUpdate.objects.create(
        action=action,
        date=datetime.date(2026, 3, 1),
        text="Drie panden zijn verhuurd aan starters.",
        status="lopend",
        author=cast.ellen,
        party=ondernemers,
    )
    return PlanSet(plan, ondernemers, provincie, action, other, update)
