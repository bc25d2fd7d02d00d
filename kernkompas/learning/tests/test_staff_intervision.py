"""Intervision sessions: the area at the centre must belong to a municipality the programme is for, and what the
area shares (dashboard, DNA, action plan) is decided by staff of that area's municipality or an administrator,
not by an editor or a facilitator who sets the session up."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from kernkompas.learning.actions import programme as operations
from kernkompas.learning.models import Session, SessionKind
from kernkompas.learning.tests.test_staff_fixtures import at, client_for, make_world, session_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, monkeypatch):
    return make_world(cast, monkeypatch)


def intervision(**changes) -> dict:
    return {
        "kind": SessionKind.INTERVISIE,
        "title": "Intervisie Marktplein",
        "starts_at": at(2030, 5, 1, 10),
        "ends_at": at(2030, 5, 1, 12),
        "format": "online",
        "meeting_url": "https://meet.example.org/markt",
        **changes,
    }


def test_an_intervision_needs_an_area(world):
    with pytest.raises(ValidationError) as error:
        operations.create_session(world.ellen, world.programme, intervision())
    assert "gebied" in error.value.message_dict


def test_an_area_of_another_municipality_is_refused(world):
    with pytest.raises(ValidationError) as error:
        operations.create_session(world.ellen, world.programme, intervision(gebied=world.station))
    assert "gebied" in error.value.message_dict
    assert not Session.objects.filter(title="Intervisie Marktplein").exists()


def test_the_form_does_not_offer_an_area_of_another_municipality(world):
    data = session_data(kind="intervisie", gebied=str(world.station.pk))
    response = client_for(world.ellen).post(reverse("learning:session_new", args=[world.programme.pk]), data)
    assert response.status_code == 400
    assert "gebied" in response.context["form"].errors


def test_ellen_shares_her_own_areas_material(world):
    session = operations.create_session(
        world.ellen, world.programme, intervision(gebied=world.markt, share_dashboard=True, share_plan=True)
    )
    assert session.kern == world.centrum
    assert (session.share_dashboard, session.share_dna, session.share_plan) == (True, False, True)


def test_an_editor_sets_up_an_intervision_but_shares_nothing(world):
    session = operations.create_session(world.eva, world.programme, intervision(gebied=world.markt))
    assert (session.share_dashboard, session.share_dna, session.share_plan) == (False, False, False)
    with pytest.raises(ValidationError) as error:
        operations.change_session(world.eva, session, {"share_dashboard": True})
    assert "share_dashboard" in error.value.message_dict


def test_a_facilitator_cannot_turn_sharing_on(world):
    session = operations.create_session(world.femke, world.programme, intervision(gebied=world.markt))
    with pytest.raises(ValidationError):
        operations.change_session(world.femke, session, {"share_plan": True})
    session.refresh_from_db()
    assert not session.share_plan


def test_the_areas_staff_and_an_administrator_turn_sharing_on(world):
    session = operations.create_session(world.eva, world.programme, intervision(gebied=world.markt))
    operations.change_session(world.ellen, session, {"share_dashboard": True})
    operations.change_session(world.anton, session, {"share_dna": True})
    session.refresh_from_db()
    assert (session.share_dashboard, session.share_dna) == (True, True)


def test_anyone_who_runs_the_session_may_turn_sharing_off(world):
    session = operations.create_session(world.ellen, world.programme, intervision(gebied=world.markt, share_dna=True))
    operations.change_session(world.eva, session, {"share_dna": False})
    session.refresh_from_db()
    assert not session.share_dna


def test_the_share_choices_are_shown_only_to_who_decides(world):
    session = operations.create_session(world.eva, world.programme, intervision(gebied=world.markt))
    url = reverse("learning:session_edit", args=[session.pk])
    assert "share_dashboard" in client_for(world.ellen).get(url).context["form"].fields
    assert "share_dashboard" not in client_for(world.eva).get(url).context["form"].fields
    assert "share_dashboard" not in client_for(world.femke).get(url).context["form"].fields


def test_a_platform_wide_programme_may_put_any_area_at_its_centre(world):
    session = operations.create_session(world.eva, world.platform, intervision(gebied=world.station))
    assert session.gebied == world.station


def test_the_staff_page_of_an_intervision_links_to_its_advice_when_that_page_exists(world):
    session = operations.create_session(world.ellen, world.programme, intervision(gebied=world.markt))
    response = client_for(world.ellen).get(reverse("learning:session_manage", args=[session.pk]))
    assert response.status_code == 200
    try:
        advice = reverse("learning:advice_manage", args=[session.pk])
    except NoReverseMatch:  # the suggestions helper's page is not on this branch
        return
    assert advice in response.content.decode()
