"""Editing the taxonomy in the back office brings the register up to date: vacancy flags, vacancy start, stored
indicators and thresholds of exactly the areas that use the edited group or branch.

The cast: Maasdijk's Marktplein counts housing with the default group "wonen"; Veldrode's Dorpsplein with
Veldrode's own group "wonen". Both have the register of dashboard_fixtures (count 2: six commercial units of which
two are vacant, plus one housing unit).
"""

from __future__ import annotations

import dataclasses

import pytest

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.models import AreaIndicators, Branch, FunctionGroup, Threshold, ThresholdCrossing, UnitState
from kernkompas.monitor.tests.dashboard_fixtures import COUNT_1, COUNT_2, first_count, load_register, second_count
from kernkompas.places.models import Gebied, Kern


@pytest.fixture
def registers(cast):
    load_register(cast.markt)
    cast.veldrode_wonen = FunctionGroup.objects.create(
        code="wonen", name="Wonen (Veldrode)", sector="wonen", colour="#cccccc", position=90, gemeente=cast.veldrode
    )
    kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp")
    cast.dorp = Gebied.objects.create(kern=kern, name="Dorpsplein", slug="dorpsplein")
    for day, records in ((COUNT_1, first_count()), (COUNT_2, second_count())):
        # The same register without the map positions, which lie in Maasdijk.
        records = [dataclasses.replace(r, lat=None, lon=None) for r in records]
        import_units(cast.dorp, records, count_date=day, file_name=f"{day}.csv", sha256=str(day), format="csv")
    return cast


def _rate(gebied, day) -> float:
    return AreaIndicators.objects.get(gebied=gebied, date=day).values["vacancy_rate"]


def _housing(gebied, day) -> UnitState:
    return UnitState.objects.get(count__gebied=gebied, count__date=day, unit__external_id="M6")


def _stored(gebied) -> list[tuple[int, dict]]:
    return list(AreaIndicators.objects.filter(gebied=gebied).order_by("date").values_list("pk", "values"))


def _edit(client, group: FunctionGroup, **changes):
    data = {
        "name": group.name,
        "code": group.code,
        "sector": group.sector,
        "colour": group.colour,
        "position": group.position,
        "gemeente": group.gemeente_id or "",
    }
    data.update(changes)
    return client.post(f"/beheer/monitor/functiegroepen/edit/{group.pk}/", data)


def test_the_registers_use_their_own_municipalitys_housing_group(registers):
    assert _housing(registers.markt, COUNT_2).group.gemeente is None
    assert _housing(registers.dorp, COUNT_2).group == registers.veldrode_wonen
    assert _rate(registers.markt, COUNT_2) == pytest.approx(2 / 6)
    assert _rate(registers.dorp, COUNT_2) == pytest.approx(2 / 6)


def test_housing_turned_vacant_by_its_municipality_counts_as_vacant_there_and_nowhere_else(client, registers):
    markt_before = _stored(registers.markt)
    client.force_login(registers.sofie)
    response = _edit(client, registers.veldrode_wonen, sector="leegstand")
    assert response.status_code == 302, response.content.decode()[:2000]

    first, second = _housing(registers.dorp, COUNT_1), _housing(registers.dorp, COUNT_2)
    assert first.is_vacant and second.is_vacant
    # Vacant at both counts, and at the first one already: the start is the first count, and may be earlier.
    assert (second.vacant_since, second.vacant_since_open) == (COUNT_1, True)
    assert _rate(registers.dorp, COUNT_1) == pytest.approx(2 / 6)
    assert _rate(registers.dorp, COUNT_2) == pytest.approx(3 / 7)

    assert _stored(registers.markt) == markt_before
    assert not _housing(registers.markt, COUNT_2).is_vacant
    event = AuditEvent.objects.get(action="monitor.functiongroup_changed", gemeente=registers.veldrode)
    assert event.changes["recomputed"] == {"areas": 1, "states": 2, "threshold_crossings": 0}


def test_a_default_group_made_commercial_by_an_administrator_changes_the_areas_that_use_it(client, registers):
    dorp_before = _stored(registers.dorp)
    default = FunctionGroup.objects.get(code="wonen", gemeente=None)
    client.force_login(registers.anton)
    assert _edit(client, default, sector="detailhandel").status_code == 302

    # Maasdijk uses the default group: its housing unit now counts as an occupied shop.
    assert not _housing(registers.markt, COUNT_2).is_vacant
    assert _rate(registers.markt, COUNT_2) == pytest.approx(2 / 7)
    assert _rate(registers.markt, COUNT_1) == pytest.approx(1 / 6)
    # Veldrode overrides "wonen" with its own group: nothing of it changed.
    assert _stored(registers.dorp) == dorp_before


def test_a_vacancy_group_made_non_commercial_clears_the_vacancy_flags_and_start(client, registers):
    vacancy = FunctionGroup.objects.get(code="leegstand", gemeente=None)
    client.force_login(registers.anton)
    assert _edit(client, vacancy, sector="wonen").status_code == 302

    assert not UnitState.objects.filter(is_vacant=True).exists()
    assert not UnitState.objects.exclude(vacant_since=None).exists()
    assert _rate(registers.markt, COUNT_2) == pytest.approx(0)
    assert _rate(registers.dorp, COUNT_2) == pytest.approx(0)


def test_a_threshold_crossed_by_the_edit_opens_a_crossing(client, registers):
    threshold = Threshold.objects.create(gebied=registers.dorp, indicator="vacancy_rate", direction="above", value=0.4)
    assert not ThresholdCrossing.objects.filter(threshold=threshold).exists()
    client.force_login(registers.sofie)
    assert _edit(client, registers.veldrode_wonen, sector="leegstand").status_code == 302

    crossing = ThresholdCrossing.objects.get(threshold=threshold)
    assert crossing.opened_count.date == COUNT_2
    assert crossing.value == pytest.approx(3 / 7)


def test_a_new_name_or_colour_recomputes_nothing(client, registers):
    before = _stored(registers.dorp)
    client.force_login(registers.sofie)
    assert _edit(client, registers.veldrode_wonen, name="Wonen en zorg", colour="#aaaaaa").status_code == 302

    assert _stored(registers.dorp) == before  # same rows, not even rewritten
    event = AuditEvent.objects.get(action="monitor.functiongroup_changed")
    assert "recomputed" not in event.changes


def test_a_branch_moved_to_another_group_takes_its_counted_units_along(client, registers):
    shoes = Branch.objects.get(code="schoenen", gemeente=None)
    daily = FunctionGroup.objects.get(code="dagelijks", gemeente=None)
    client.force_login(registers.anton)
    response = client.post(
        f"/beheer/monitor/branches/edit/{shoes.pk}/",
        {"group": daily.pk, "name": shoes.name, "code": shoes.code, "gemeente": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    state = UnitState.objects.get(count__gebied=registers.markt, count__date=COUNT_2, unit__external_id="M4")
    assert state.group == daily
    mix = AreaIndicators.objects.get(gebied=registers.markt, date=COUNT_2).values["mix"]
    assert mix.get("mode-luxe", 0) == 0
    assert mix["dagelijks"] == 3


def test_a_group_still_used_by_counts_cannot_be_deleted(client, registers):
    client.force_login(registers.sofie)
    response = client.post(f"/beheer/monitor/functiegroepen/delete/{registers.veldrode_wonen.pk}/", follow=True)
    assert response.status_code == 200
    assert FunctionGroup.objects.filter(pk=registers.veldrode_wonen.pk).exists()
    assert any("kan niet" in str(m) or "cannot" in str(m) for m in response.context["messages"])


# --- Who may edit which group -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("sofie", True), ("anton", True), ("ellen", False), ("femke", False), ("eva", False), ("bram", False)],
)
def test_only_the_municipalitys_staff_and_administrators_edit_its_own_group(client, registers, who, allowed):
    client.force_login(getattr(registers, who))
    response = _edit(client, registers.veldrode_wonen, sector="leegstand")
    registers.veldrode_wonen.refresh_from_db()
    assert (registers.veldrode_wonen.sector == "leegstand") is allowed
    assert _housing(registers.dorp, COUNT_2).is_vacant is allowed
    if allowed:
        assert response.status_code == 302
    else:
        assert response.status_code in (302, 403, 404)
        assert not response.headers.get("Location", "").startswith("/beheer/monitor/functiegroepen/")


@pytest.mark.parametrize("who", ["ellen", "sofie", "femke"])
def test_municipal_staff_cannot_edit_the_default_taxonomy(client, registers, who):
    default = FunctionGroup.objects.get(code="wonen", gemeente=None)
    client.force_login(getattr(registers, who))
    response = _edit(client, default, sector="leegstand")
    assert response.status_code in (302, 403, 404)
    default.refresh_from_db()
    assert default.sector == "wonen"
    assert not _housing(registers.markt, COUNT_2).is_vacant
