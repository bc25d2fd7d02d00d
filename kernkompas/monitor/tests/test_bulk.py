"""monitor.bulk: ids reserved in the transaction, plain-row inserts and updates on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from kernkompas.monitor import bulk
from kernkompas.monitor.models import Count, FunctionGroup, Unit, UnitState

pytestmark = pytest.mark.django_db

UNIT_COLUMNS = ("id", "gebied_id", "external_id", "street", "house_number", "postcode", "place", "address_key")


def make_units(gebied, n, start=0):
    ids = bulk.reserve_ids(Unit, n)
    now = timezone.now()
    rows = [
        (pk, gebied.pk, f"B{start + i}", "Markt", str(start + i), "", "", f"markt {start + i}")
        for i, pk in enumerate(ids)
    ]
    bulk.insert(
        Unit,
        (*UNIT_COLUMNS, "lat", "lon", "geometry", "created_at"),
        [(*row, 51.1, 5.3, {"type": "Point", "coordinates": [5.3, 51.1]}, now) for row in rows],
    )
    return ids


def test_reserved_ids_are_the_ids_of_the_inserted_rows(cast):
    ids = make_units(cast.markt, 3)
    units = {u.pk: u for u in Unit.objects.filter(gebied=cast.markt)}
    assert sorted(units) == sorted(ids)
    unit = units[ids[0]]
    assert unit.external_id == "B0" and unit.lat == 51.1
    assert unit.geometry == {"type": "Point", "coordinates": [5.3, 51.1]}  # JSON written as JSON, read back
    assert unit.created_at is not None and abs((timezone.now() - unit.created_at).total_seconds()) < 600


def test_ids_of_deleted_rows_are_never_handed_out_again(cast):
    first = make_units(cast.markt, 2)
    Unit.objects.filter(pk=max(first)).delete()
    again = bulk.reserve_ids(Unit, 2)
    assert min(again) > max(first)
    # and the ORM's next id comes after the reserved ones once they are written
    now = timezone.now()
    bulk.insert(
        Unit, (*UNIT_COLUMNS, "created_at"), [(pk, cast.markt.pk, f"C{pk}", "", "", "", "", "", now) for pk in again]
    )
    later = Unit.objects.create(gebied=cast.markt, external_id="orm")
    assert later.pk > max(again)


def test_update_sets_columns_dates_and_booleans(cast):
    ids = make_units(cast.markt, 2)
    count = Count.objects.create(gebied=cast.markt, date=datetime.date(2024, 12, 31))
    group = FunctionGroup.objects.get(code="leegstand", gemeente=None)
    columns = ("count_id", "unit_id", "group_id", "is_vacant", "occupant", "occupied_since", "vacant_since_open")
    bulk.insert(UnitState, columns, [(count.pk, pk, group.pk, False, "", None, False) for pk in ids])
    states = list(UnitState.objects.filter(count=count).order_by("unit_id"))
    day = datetime.date(2020, 2, 29)
    bulk.update(UnitState, ("is_vacant", "occupied_since"), [(True, day, states[0].pk)])
    states = list(UnitState.objects.filter(count=count).order_by("unit_id"))
    assert (states[0].is_vacant, states[0].occupied_since) == (True, day)
    assert (states[1].is_vacant, states[1].occupied_since) == (False, None)


def test_nothing_to_write_writes_nothing(cast):
    assert bulk.reserve_ids(Unit, 0) == []
    assert bulk.insert(Unit, UNIT_COLUMNS, []) == 0
    assert bulk.update(Unit, ("street",), []) == 0
    assert not Unit.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_ids_are_only_reserved_inside_a_transaction():
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        bulk.reserve_ids(Unit, 1)
    with transaction.atomic():
        assert len(bulk.reserve_ids(Unit, 2)) == 2
    assert connection.vendor in {"sqlite", "postgresql"}
