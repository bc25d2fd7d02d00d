"""Carrying a lab's notes and clusters into an action plan: the operation (kinds, evidence, links, no duplicates,
scope) and the page (every role, another municipality's plan refused, a new plan made)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.labs.actions.carry import CarryItem, carry_into_plan, create_plan_for
from kernkompas.labs.models import Action, ActionPlan, Bottleneck, BottleneckKind
from kernkompas.labs.tests.test_report import client_as, filled_lab, make_lab

STATUS = {
    "bezoeker": 302,
    "lid": 404,
    "gemeente": 200,
    "gemeente_andere": 404,
    "begeleider": 200,
    "redactie": 404,
    "beheerder": 200,
}


def plan_of(gemeente, title="Actieplan Maasdijk") -> ActionPlan:
    return ActionPlan.objects.create(gemeente=gemeente, title=title)


def test_carry_makes_bottlenecks_opportunities_and_actions(cast):
    lab, notes = filled_lab(cast.maasdijk)
    plan = plan_of(cast.maasdijk)
    items = [
        CarryItem("knelpunt", dots=4, note=notes["n1"]),
        CarryItem("kans", dots=3, cluster=notes["c1"]),
        CarryItem("actie", dots=1, note=notes["n5"]),
    ]
    result = carry_into_plan(cast.ellen, lab, plan, items)
    assert len(result.bottlenecks) == 2 and len(result.actions) == 1 and not result.skipped
    knelpunt = Bottleneck.objects.get(plan=plan, source_note=notes["n1"])
    assert knelpunt.kind == BottleneckKind.KNELPUNT and knelpunt.title == "Te veel leegstand"
    assert knelpunt.evidence == "Binnenstadslab Lab Maasdijk, 12 maart 2026: 4 stippen"
    kans = Bottleneck.objects.get(plan=plan, source_cluster=notes["c1"])
    assert kans.kind == BottleneckKind.KANS and kans.title == "Markt op zondag"
    assert Action.objects.get(plan=plan).source_note == notes["n5"]
    assert list(plan.labs.all()) == [lab]
    assert AuditEvent.objects.filter(action="labs.lab_carried_into_plan").count() == 1


def test_carrying_twice_adds_nothing(cast):
    lab, notes = filled_lab(cast.maasdijk)
    plan = plan_of(cast.maasdijk)
    items = [CarryItem("knelpunt", dots=4, note=notes["n1"]), CarryItem("actie", dots=3, cluster=notes["c1"])]
    carry_into_plan(cast.ellen, lab, plan, items)
    again = carry_into_plan(cast.femke, lab, plan, [*items, CarryItem("kans", dots=1, note=notes["n1"])])
    assert not again.bottlenecks and not again.actions and len(again.skipped) == 3
    assert Bottleneck.objects.filter(plan=plan).count() == 1
    assert Action.objects.filter(plan=plan).count() == 1


def test_carry_refuses_another_municipality_and_foreign_items(cast):
    lab, notes = filled_lab(cast.maasdijk)
    other_plan = plan_of(cast.veldrode, "Actieplan Veldrode")
    with pytest.raises(PermissionDenied):
        carry_into_plan(cast.ellen, lab, other_plan, [CarryItem("knelpunt", note=notes["n1"])])
    with pytest.raises(PermissionDenied):
        carry_into_plan(cast.sofie, lab, plan_of(cast.maasdijk), [CarryItem("knelpunt", note=notes["n1"])])
    with pytest.raises(PermissionDenied):
        create_plan_for(cast.bram, lab)
    plan = plan_of(cast.maasdijk)
    with pytest.raises(ValidationError):  # a hidden note is never carried
        carry_into_plan(cast.ellen, lab, plan, [CarryItem("knelpunt", note=notes["n4"])])
    elsewhere = make_lab(cast.maasdijk, code="OTHER1")
    with pytest.raises(ValidationError):  # a note of another lab
        carry_into_plan(cast.ellen, elsewhere, plan, [CarryItem("knelpunt", note=notes["n1"])])
    with pytest.raises(ValidationError):
        carry_into_plan(cast.ellen, lab, plan, [CarryItem("wens", note=notes["n1"])])
    assert not Bottleneck.objects.exists() and not Action.objects.exists()


@pytest.mark.parametrize("role", list(STATUS))
def test_carry_page_per_role(cast, client, role):
    lab, _notes = filled_lab(cast.maasdijk)
    client_as(client, cast.by_role()[role])
    response = client.get(reverse("labs:carry", kwargs={"pk": lab.pk}))
    assert response.status_code == STATUS[role]
    if STATUS[role] == 200:
        page = response.content.decode()
        assert "GEHEIM-VERBORGEN" not in page  # hidden notes are never offered
        assert "&lt;script&gt;" in page and "<script>alert" not in page
        # sorted by dots: the merged note's target (4) before the cluster (3)
        assert page.index("Te veel leegstand") < page.index("Markt op zondag")


def test_carry_page_creates_a_plan_and_skips_duplicates(cast, client):
    lab, notes = filled_lab(cast.maasdijk, title="Lab Centrum", kern=cast.centrum)
    client.force_login(cast.ellen)
    url = reverse("labs:carry", kwargs={"pk": lab.pk})
    data = {
        "plan": "nieuw",
        "item": [f"note-{notes['n1'].pk}", f"cluster-{notes['c1'].pk}"],
        f"kind-note-{notes['n1'].pk}": "knelpunt",
        f"kind-cluster-{notes['c1'].pk}": "actie",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert plan.gemeente == cast.maasdijk and plan.title == "Actieplan Maasdijk-Centrum"
    assert Bottleneck.objects.get().evidence.endswith("4 stippen")
    assert Action.objects.get().source_cluster == notes["c1"]
    data["plan"] = str(plan.pk)
    response = client.post(url, data, follow=True)
    assert "2 punten stonden al in dit plan" in response.content.decode()
    assert Bottleneck.objects.count() == 1 and Action.objects.count() == 1


def test_carry_page_refuses_another_municipalitys_plan(cast, client):
    lab, notes = filled_lab(cast.maasdijk)
    other_plan = plan_of(cast.veldrode, "Actieplan Veldrode")
    client.force_login(cast.ellen)
    response = client.post(
        reverse("labs:carry", kwargs={"pk": lab.pk}),
        {"plan": str(other_plan.pk), "item": [f"note-{notes['n1'].pk}"]},
    )
    assert response.status_code == 400
    assert "Kies een van de actieplannen van Maasdijk" in response.content.decode()
    assert not Bottleneck.objects.exists()


def test_carry_page_needs_an_item(cast, client):
    lab, _notes = filled_lab(cast.maasdijk)
    client.force_login(cast.femke)
    response = client.post(reverse("labs:carry", kwargs={"pk": lab.pk}), {"plan": "nieuw"})
    assert response.status_code == 400
    assert "Kies minstens één notitie of cluster" in response.content.decode()
    assert not ActionPlan.objects.exists()
