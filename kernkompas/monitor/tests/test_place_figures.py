"""The Kernmonitor's key figures for a lab's participants (``core.parts.place_figures``): the latest count of the
place's areas together, Dutch formatting, private areas only when the caller says so."""

from __future__ import annotations

import datetime

import pytest

from kernkompas.core import parts
from kernkompas.monitor.models import AreaIndicators, Count
from kernkompas.places.models import Gebied

pytestmark = pytest.mark.django_db


def indicators(gebied, day, **values):
    count = Count.objects.create(gebied=gebied, date=day)
    return AreaIndicators.objects.create(count=count, gebied=gebied, date=day, values=values)


@pytest.fixture
def counted(cast):
    cast.markt.is_public = True
    cast.markt.save()
    hidden = Gebied.objects.create(kern=cast.centrum, name="Achterstraat", slug="achterstraat")
    indicators(cast.markt, datetime.date(2025, 3, 1), units=10, vacant_units=1, mix={"dagelijks": 5})
    indicators(cast.markt, datetime.date(2026, 3, 1), units=40, vacant_units=5, mix={"dagelijks": 10, "horeca": 12})
    indicators(hidden, datetime.date(2026, 2, 1), units=60, vacant_units=20, mix={"dagelijks": 30})
    return cast, hidden


def texts(found: parts.PlaceFigures) -> list[tuple[str, str]]:
    return [(str(f.label), f.value) for f in found.figures]


def test_public_figures_of_core_municipality_and_area(counted):
    cast, hidden = counted
    found = parts.place_figures([cast.centrum, cast.maasdijk, cast.markt, hidden, cast.veldrode])
    assert set(found) == {f"kern:{cast.centrum.pk}", f"gemeente:{cast.maasdijk.pk}", f"gebied:{cast.markt.pk}"}
    kern = found[parts.place_key(cast.centrum)]
    # only the latest count of the public area: 5 of 40 vacant
    assert texts(kern)[:2] == [("Panden", "40"), ("Leegstand", "12,5 %")]
    assert kern.date == datetime.date(2026, 3, 1)
    assert kern.url == "/monitor/maasdijk/centrum/"
    assert texts(kern)[2][0] == "Grootste branchegroep"
    assert texts(kern)[2][1].endswith("(30,0 % van de panden)")  # horeca, 12 of 40
    assert texts(found[parts.place_key(cast.maasdijk)])[:2] == [("Panden", "40"), ("Leegstand", "12,5 %")]


def test_private_areas_only_when_asked(counted):
    cast, _hidden = counted
    found = parts.place_figures([cast.centrum], include_private=True)
    # 40 + 60 units, 5 + 20 vacant
    assert texts(found[parts.place_key(cast.centrum)])[:2] == [("Panden", "100"), ("Leegstand", "25,0 %")]


def test_nothing_without_places():
    assert parts.place_figures([]) == {}


def test_the_largest_function_group_is_one_in_use_not_vacancy(cast):
    cast.markt.is_public = True
    cast.markt.save()
    indicators(cast.markt, datetime.date(2026, 3, 1), units=40, vacant_units=20, mix={"leegstand": 20, "horeca": 8})
    found = parts.place_figures([cast.markt])[parts.place_key(cast.markt)]
    assert texts(found)[2][1].endswith("(20,0 % van de panden)")  # horeca, 8 of 40; vacancy has its own line
    assert not texts(found)[2][1].lower().startswith("leegstand")
