"""The Kernmonitor's area dashboard shows "Goals from action plans" (the registry's ``indicator_targets``, answered
by labs): actions of public plans for everyone, unpublished plans' actions only for staff of the municipality, each
with the value now against its start and target as text and a bar."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kernkompas.core import parts
from kernkompas.labs.models import ActionPlan
from kernkompas.labs.tests.plan_fixtures import HOSTILE, make_plan
from kernkompas.monitor.models import AreaIndicators, Count

pytestmark = pytest.mark.django_db

STAFF = {"femke", "ellen", "anton"}


@pytest.fixture
def dashboard(cast):
    cast.markt.is_public = True
    cast.markt.save()
    count = Count.objects.create(gebied=cast.markt, date=datetime.date(2026, 1, 1))
    AreaIndicators.objects.create(count=count, gebied=cast.markt, date=count.date, values={"vacancy_rate": 0.15})
    return reverse(
        "monitor:gebied",
        kwargs={"gemeente": cast.maasdijk.slug, "kern": cast.centrum.slug, "gebied": cast.markt.slug},
    )


def test_registry_answers_the_targets_of_an_area(cast):
    public = make_plan(cast)
    make_plan(cast, published=False, title="Concept")
    links = parts.indicator_targets(cast.markt)
    assert [(link.action_title, link.is_public) for link in links] == [
        ("Pop-upwinkels in lege panden", False),
        ("Pop-upwinkels in lege panden", True),
    ]
    link = next(link for link in links if link.is_public)
    assert link.indicator_code == "vacancy_rate" and link.target == pytest.approx(0.1)
    assert link.status_label == "lopend"
    assert link.url.endswith(f"/actieplannen/{public.plan.pk}/openbaar/#actie-{public.action.pk}")


@pytest.mark.parametrize("who", ["anonymous", "bram", "sofie", "eva", "femke", "ellen", "anton"])
def test_dashboard_panel_per_role(cast, client, dashboard, who):
    make_plan(cast, title="Openbaar plan")
    hidden = make_plan(cast, published=False, title="Geheim concept")
    hidden.action.title = "Verborgen actie"
    hidden.action.save()
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    response = client.get(dashboard)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Doelen uit actieplannen" in body
    assert "Pop-upwinkels in lege panden" in body and "Openbaar plan" in body
    # 0.20 → 0.10, now 0.15: half way
    assert "nu 15,0 %, van 20,0 % naar het doel 10,0 %" in body
    assert 'max="100" value="50"' in body
    assert "50% van de weg naar het doel" in body
    assert ("Verborgen actie" in body) == (who in STAFF)
    assert ("Geheim concept" in body) == (who in STAFF)


def test_no_panel_without_targets(cast, client, dashboard):
    assert "Doelen uit actieplannen" not in client.get(dashboard).content.decode()


def test_hostile_action_title_is_escaped_on_the_dashboard(cast, client, dashboard):
    found = make_plan(cast)
    found.action.title = HOSTILE
    found.action.save()
    body = client.get(dashboard).content.decode()
    assert HOSTILE not in body and "&lt;script&gt;" in body


def test_another_municipalitys_unpublished_plan_never_reaches_the_area(cast, client, dashboard):
    found = make_plan(cast, published=False, title="Plan van Veldrode")
    ActionPlan.objects.filter(pk=found.plan.pk).update(gemeente=cast.veldrode)
    assert parts.indicator_targets(cast.markt) == []
    client.force_login(cast.ellen)
    assert "Plan van Veldrode" not in client.get(dashboard).content.decode()
    ActionPlan.objects.filter(pk=found.plan.pk).update(is_published=True)
    assert [link.plan_title for link in parts.indicator_targets(cast.markt)] == ["Plan van Veldrode"]
