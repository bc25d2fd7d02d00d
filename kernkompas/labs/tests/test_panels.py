"""The Binnenstadslab on the workspace and on the place pages, per role: a municipality's staff and facilitators see
its labs, plans and area approaches, drafts included; everyone else only the published plans and public reports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kernkompas.labs import links
from kernkompas.labs.models import ActionPlan, AreaApproach, Lab, Phase, Stakeholder
from kernkompas.places.models import Regio

PUBLIC_PLAN = "Actieplan Markt openbaar"
DRAFT_PLAN = "Actieplan Statiestraat concept"
PUBLIC_LAB = "Lab met openbaar verslag"
CLOSED_LAB = "Lab met intern verslag"
COMING_LAB = "Lab volgende maand"


@pytest.fixture
def labs(cast):
    now = timezone.now()
    ActionPlan.objects.create(
        gemeente=cast.maasdijk, kern=cast.centrum, title=PUBLIC_PLAN, is_published=True, vision="<b>Visie</b>"
    )
    ActionPlan.objects.create(gemeente=cast.maasdijk, kern=cast.centrum, title=DRAFT_PLAN)
    regional = Lab.objects.create(
        gemeente=cast.maasdijk,
        regio=Regio.objects.create(name="Testregio", slug="testregio"),
        title=PUBLIC_LAB,
        question="?",
        starts_at=now - timedelta(days=30),
        code="PUB001",
        phase=Phase.AFGESLOTEN,
        is_report_public=True,
    )
    regional.gemeenten.set([cast.maasdijk, cast.veldrode])
    Lab.objects.create(
        gemeente=cast.maasdijk,
        kern=cast.centrum,
        title=CLOSED_LAB,
        question="?",
        starts_at=now - timedelta(days=10),
        code="INT001",
        phase=Phase.AFGESLOTEN,
    )
    Lab.objects.create(
        gemeente=cast.maasdijk,
        kern=cast.centrum,
        title=COMING_LAB,
        question="?",
        starts_at=now + timedelta(days=30),
        code="NEW001",
    )
    approach = AreaApproach.objects.create(gebied=cast.markt, energy="veel", task_clarity="helder")
    Stakeholder.objects.create(approach=approach, name="OV Markt", kind="ondernemersvereniging")
    return cast


def page(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    "who, drafts",
    [
        (None, False),
        ("bram", False),
        ("sofie", False),
        ("eva", False),
        ("ellen", True),
        ("femke", True),
        ("anton", True),
    ],
)
def test_the_municipality_page_shows_published_plans_to_all_and_drafts_to_its_staff(client, labs, who, drafts):
    user = getattr(labs, who) if who else None
    html = page(client, user, labs.maasdijk.get_absolute_url()).content.decode()
    assert 'id="binnenstadslab"' in html
    assert PUBLIC_PLAN in html and PUBLIC_LAB in html
    assert "&lt;b&gt;Visie&lt;/b&gt;" in html  # a vision is text, never markup
    assert (DRAFT_PLAN in html) is drafts
    assert (CLOSED_LAB in html) is drafts
    assert (COMING_LAB in html) is drafts


@pytest.mark.parametrize("who, drafts", [(None, False), ("sofie", False), ("ellen", True)])
def test_the_core_page_shows_the_cores_own_plans_and_labs(client, labs, who, drafts):
    user = getattr(labs, who) if who else None
    html = page(client, user, labs.centrum.get_absolute_url()).content.decode()
    assert PUBLIC_PLAN in html
    assert PUBLIC_LAB not in html  # a regional lab belongs to the municipalities' pages, not to one core
    assert (DRAFT_PLAN in html) is drafts and (CLOSED_LAB in html) is drafts


def test_a_regional_lab_with_a_public_report_is_on_every_participating_municipalitys_page(client, labs):
    html = client.get(labs.veldrode.get_absolute_url()).content.decode()
    assert PUBLIC_LAB in html and "regionaal lab" in html
    assert PUBLIC_PLAN not in html and CLOSED_LAB not in html


def test_no_panel_where_there_is_nothing(client, cast):
    assert 'id="binnenstadslab"' not in client.get(cast.veldrode.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["ellen", "femke", "anton"])
def test_the_workspace_shows_labs_plans_and_area_approaches(client, labs, who):
    html = page(client, getattr(labs, who), reverse("site:workspace", kwargs={"slug": "maasdijk"})).content.decode()
    assert 'id="workspace-labs"' in html
    for title in (PUBLIC_PLAN, DRAFT_PLAN, PUBLIC_LAB, CLOSED_LAB, COMING_LAB, "Marktplein"):
        assert title in html
    assert "Komende labs" in html and "Eerdere labs" in html and "NEW001" in html
    assert "Nog geen actieplan" not in html


@pytest.mark.parametrize("who, status", [("sofie", 403), ("bram", 403), ("eva", 403)])
def test_the_workspace_is_only_for_the_municipalitys_staff(client, labs, who, status):
    response = page(client, getattr(labs, who), reverse("site:workspace", kwargs={"slug": "maasdijk"}))
    assert response.status_code == status
    assert DRAFT_PLAN not in response.content.decode()


def test_the_anonymous_visitor_is_sent_to_log_in(client, labs):
    response = client.get(reverse("site:workspace", kwargs={"slug": "maasdijk"}))
    assert response.status_code == 302 and DRAFT_PLAN not in response.content.decode()


def test_an_empty_workspace_offers_the_next_steps_when_the_pages_exist(client, cast):
    html = page(client, cast.sofie, reverse("site:workspace", kwargs={"slug": "veldrode"})).content.decode()
    assert 'id="workspace-labs"' in html
    assert "Nog geen actieplan" in html and "Geen lab gepland" in html


# --- Links to the Binnenstadslab's own pages -----------------------------------------------------------------------


def test_the_home_card_links_staff_to_their_labs_and_everyone_to_join_and_plans(client, labs):
    index = links.index_url()
    join = links.join_code_url()
    anonymous = client.get("/").content.decode()
    assert f'href="{join}"' in anonymous and "Doe mee met een code" in anonymous
    assert "De labs en plannen van je gemeente" not in anonymous
    assert "1 gepubliceerd actieplan" in anonymous and "1 openbaar labverslag" in anonymous
    client.force_login(labs.bram)
    assert "De labs en plannen van je gemeente" not in client.get("/").content.decode()
    client.force_login(labs.ellen)
    assert f'href="{index}"' in client.get("/").content.decode()


def test_the_place_panel_links_the_public_to_the_public_plan_and_staff_to_the_plan(client, labs):
    plan = ActionPlan.objects.get(title=PUBLIC_PLAN)
    public = links.public_plan_url(plan)
    own = links.plan_url(plan)
    html = client.get(labs.maasdijk.get_absolute_url()).content.decode()
    assert f'href="{public}"' in html and f'href="{own}"' not in html
    client.force_login(labs.ellen)
    assert f'href="{own}"' in client.get(labs.maasdijk.get_absolute_url()).content.decode()


def test_the_workspace_links_each_lab_and_offers_the_next_steps(client, cast):
    links.lab_new_url(cast.veldrode)
    client.force_login(cast.sofie)
    html = client.get(reverse("site:workspace", kwargs={"slug": "veldrode"})).content.decode()
    assert "Bereid een lab voor" in html and "Maak een actieplan" in html
