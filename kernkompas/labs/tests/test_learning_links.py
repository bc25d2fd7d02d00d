"""What the action plans give Stedelijk leren through the registry: a municipality's plans for a core as an
intervision's case material (``parts.place_plans``), and advice taken into one of them as an action or a note
(``parts.take_into_plan``), refused for a plan of another municipality or by someone who may not change it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kernkompas.core import parts
from kernkompas.core.models import AuditEvent
from kernkompas.labs.actions import plans as plan_actions
from kernkompas.labs.models import Action, Bottleneck, BottleneckKind
from kernkompas.places.models import Kern, KernKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(cast):
    core = plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Centrum 2030", kern=cast.centrum)
    plan_actions.add_bottleneck(cast.ellen, core, title="Leegstand")
    plan_actions.add_action(cast.ellen, core, title="Pop-ups")
    whole = plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Maasdijk breed")
    plan_actions.set_published(cast.ellen, whole, True)
    other_core = Kern(gemeente=cast.maasdijk, code="99001_2", name="Dorp", slug="dorp", kind=KernKind.DEELKERN)
    other_core.refresh_derived()
    other_core.save()
    elsewhere = plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Dorp", kern=other_core)
    veldrode = plan_actions.create_plan(cast.sofie, cast.veldrode, title="Veldrode Vooruit")
    return {"core": core, "whole": whole, "elsewhere": elsewhere, "veldrode": veldrode}


def test_the_plans_of_a_core_and_of_its_whole_municipality_the_cores_own_first(cast, plans):
    found = parts.place_plans(cast.maasdijk, cast.centrum, cast.markt, include_unpublished=True)
    assert [plan.title for plan in found] == ["Centrum 2030", "Maasdijk breed"]
    core = found[0]
    assert (core.id, core.bottlenecks, core.actions, core.url) == (plans["core"].pk, ("Leegstand",), ("Pop-ups",), "")


def test_the_core_is_taken_from_the_area(cast, plans):
    found = parts.place_plans(cast.maasdijk, None, cast.markt, include_unpublished=True)
    assert [plan.title for plan in found] == ["Centrum 2030", "Maasdijk breed"]


def test_only_published_plans_unless_asked(cast, plans):
    found = parts.place_plans(cast.maasdijk, cast.centrum, cast.markt)
    assert [plan.title for plan in found] == ["Maasdijk breed"]
    assert found[0].url == reverse("labs:plan_public", kwargs={"pk": plans["whole"].pk})


def test_no_municipality_no_plans():
    assert parts.place_plans(None) == []


def test_advice_becomes_an_action_through_the_plans_own_operation(cast, plans):
    url = parts.take_into_plan(
        cast.ellen, plans["core"].pk, "actie", "Kwartiermaker", "Zet er een in", gemeente=cast.maasdijk
    )
    action = Action.objects.get(title="Kwartiermaker")
    assert (action.plan, action.description) == (plans["core"], "Zet er een in")
    assert url == reverse("labs:action", kwargs={"pk": action.pk})
    assert AuditEvent.objects.filter(action="labs.action_added", actor=cast.ellen).count() == 2


def test_advice_becomes_a_note_an_opportunity_in_the_first_step(cast, plans):
    url = parts.take_into_plan(
        cast.femke, plans["core"].pk, "notitie", "Kwartiermaker", "Tekst", gemeente=cast.maasdijk
    )
    note = Bottleneck.objects.get(title="Kwartiermaker")
    assert (note.kind, note.description, note.evidence) == (BottleneckKind.KANS, "Tekst", "Advies uit een intervisie")
    assert url == reverse("labs:bottleneck_edit", kwargs={"pk": note.pk})


def test_a_plan_of_another_municipality_is_refused(cast, plans):
    with pytest.raises(PermissionDenied):
        parts.take_into_plan(cast.anton, plans["veldrode"].pk, "actie", "Via", "x", gemeente=cast.maasdijk)
    with pytest.raises(PermissionDenied):
        parts.take_into_plan(cast.anton, 999_999, "actie", "Bestaat niet", "x", gemeente=cast.maasdijk)
    assert not Action.objects.filter(title__in=["Via", "Bestaat niet"]).exists()


@pytest.mark.parametrize("who", ["sofie", "eva", "bram"])
def test_someone_who_may_not_change_the_plan_is_refused(cast, plans, who):
    with pytest.raises(PermissionDenied):
        parts.take_into_plan(getattr(cast, who), plans["core"].pk, "actie", "Ongevraagd", "x", gemeente=cast.maasdijk)
    assert not Action.objects.filter(title="Ongevraagd").exists()


def test_a_long_title_is_shortened_to_what_the_plan_holds(cast, plans):
    parts.take_into_plan(cast.ellen, plans["core"].pk, "actie", "x" * 500, "y" * 9000, gemeente=cast.maasdijk)
    action = Action.objects.exclude(title="Pop-ups").get()
    assert (len(action.title), len(action.description)) == (200, 4000)
