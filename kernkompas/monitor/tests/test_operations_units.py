"""import_units: validation against the database, matching, idempotence, replacement, links, audit."""

from __future__ import annotations

import datetime

import pytest

from kernkompas.core import privacy
from kernkompas.core.models import AuditEvent
from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.actions.unit_checks import address_key
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.records import OwnerRecord
from kernkompas.monitor.models import Count, ImportRun, OwnerContact, Unit, UnitLink, UnitState
from kernkompas.monitor.tests.fixture_counts import DATES, count_1, import_all, unit

pytestmark = pytest.mark.django_db


def run(gebied, records, day=DATES[0], sha="a", by=None):
    return import_units(gebied, records, count_date=day, by=by, file_name="telling.csv", sha256=sha, format="csv")


@pytest.mark.parametrize(
    ("street", "number", "postcode", "expected"),
    [
        ("Markt", "12 A", "", "markt 12a"),
        ("markt", "12a", "", "markt 12a"),
        ("Markt", "12-a", "", "markt 12a"),
        ("Grote Markt", "12 bus 3", "", "grote markt 12/3"),
        ("Grote  Markt", "12/3", "", "grote markt 12/3"),
        ("Grote Markt", "12 bte 3", "", "grote markt 12/3"),
        ("Rue de l'Église", "4", "", "rue de l eglise 4"),
        ("", "12", "1234 AB", "1234ab 12"),
        ("", "", "1234 AB", ""),
    ],
)
def test_address_key(street, number, postcode, expected):
    assert address_key(street, number, postcode) == expected


def test_everything_wrong_is_reported_and_nothing_written(cast):
    records = [
        unit(1, "dagelijks", "supermarkt", 1000),
        unit(2, "mode-luxx", "", 100),  # unknown group
        unit(3, "dagelijks", "kleding", 100),  # branch of another group
        unit(4, "dagelijks", "onbekend", 100),  # unknown branch
        unit(1, "diensten", "", 50, street="Kerkstraat"),  # own id twice
        unit(6, "diensten", "", 50, external_id="", house_number="2"),  # address of U2, no own id
        unit(13, "diensten", "", 50, external_id="U13", house_number="1"),  # shares U1's address: has own id, fine
        unit(7, "diensten", "", 50, lat=52.37, lon=4.89),  # Amsterdam, far outside Maasdijk
        unit(8, "diensten", "", 50, lat=5.36, lon=51.14),  # swapped
        unit(9, "diensten", "", 250_000),  # absurd floor area
        unit(10, "", "", 50),  # no group
        unit(11, "diensten", "", 50, external_id="", street="", house_number=""),  # not recognisable
        unit(12, "diensten", "", 50, previous_ids=("X9",)),  # unknown predecessor
    ]
    with pytest.raises(ImportRejected) as caught:
        run(cast.markt, records)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "telling.csv, regel 3" in text and "mode-luxx" in text
    assert "regel 4" in text and ("hoort niet" in text or "does not belong" in text)
    assert "onbekend" in text
    assert "U1" in text and "regel 2" in text  # the other place is named
    assert "regel 7" in text and "regel 3" in text  # Markt 2 twice
    assert "52.37" in text and "Maasdijk" in text
    assert "swapped" in text or "verwisseld" in text
    assert "250.000" in text or "250000" in text
    assert "X9" in text
    assert len(caught.value.problems) == 11
    assert not Unit.objects.exists() and not Count.objects.exists() and not AuditEvent.objects.exists()


def test_same_file_twice_changes_nothing(cast):
    first = run(cast.markt, count_1(), by=cast.ellen)
    assert (first.created, first.updated, first.unchanged, first.already_imported) == (10, 0, 0, False)
    second = run(cast.markt, count_1(), by=cast.ellen)
    assert (second.created, second.updated, second.unchanged, second.already_imported) == (0, 0, 10, True)
    assert Unit.objects.count() == 10 and UnitState.objects.count() == 10
    assert ImportRun.objects.count() == 2
    run_row = ImportRun.objects.first()
    assert (run_row.rows, run_row.sha256, run_row.kind) == (10, "a", "units")
    event = AuditEvent.objects.filter(action="monitor.import_units").first()
    assert event.actor == cast.ellen and event.gemeente == cast.maasdijk
    assert event.changes["created"] == 0 and event.changes["unchanged"] == 10


def test_corrected_file_replaces_the_count(cast):
    run(cast.markt, count_1())
    corrected = count_1()[:8]  # U9 and U10 were not in this area after all
    corrected[0].floor_area = 1100  # and U1 is larger
    result = run(cast.markt, corrected, sha="b")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 7)
    assert result.messages and "2" in result.messages[0]
    count = Count.objects.get()
    assert UnitState.objects.filter(count=count).count() == 8
    assert UnitState.objects.get(unit__external_id="U1").floor_area == 1100
    # The units themselves stay (they may appear in other counts); they just have no state in this one.
    assert Unit.objects.count() == 10
    assert count.indicators.values["all_units"] == 8


def test_units_matched_by_address_keep_their_identity(cast):
    import_all(cast.markt)
    # U4 ("Markt 4a") and U8 came without own id in count 3 and were matched by address.
    assert UnitState.objects.filter(unit__external_id="U4").count() == 3
    assert UnitState.objects.filter(unit__external_id="U8").count() == 3
    assert Unit.objects.count() == 11


def test_split_and_owner_contacts(cast):
    run(cast.markt, count_1())
    # U2 is split into U2a and U2b; Piet de Vries's contact is updated, a new owner for U1 is added.
    records = count_1()
    records[1] = unit(21, "mode-luxe", "kleding", 100, external_id="U2a", house_number="2a", previous_ids=("U2",))
    records.append(unit(22, "mode-luxe", "kleding", 100, external_id="U2b", house_number="2b", previous_ids=("U2",)))
    records[4].owner = OwnerRecord("Piet de Vries", phone="012 34 56 78", email="piet@example.org")
    records[0].owner = OwnerRecord("Vastgoed BV", organisation="Vastgoed BV")
    run(cast.markt, records, day=DATES[1], sha="b")
    links = {(k.predecessor.external_id, k.successor.external_id, k.kind) for k in UnitLink.objects.all()}
    assert links == {("U2", "U2a", "split"), ("U2", "U2b", "split")}
    contacts = {(c.unit.external_id, c.name, c.email, c.phone) for c in OwnerContact.objects.all()}
    assert contacts == {
        ("U5", "Piet de Vries", "piet@example.org", "012 34 56 78"),
        ("U1", "Vastgoed BV", "", ""),
    }


def test_owner_contacts_export_and_erase(cast):
    from kernkompas.core import personal_data

    run(cast.markt, count_1())
    exported = privacy.export(personal_data.find("PIET@example.org"), by=cast.anton)["monitor.OwnerContact"]
    assert exported == [
        {
            "pk": OwnerContact.objects.get().pk,
            "name": "Piet de Vries",
            "organisation": "",
            "email": "piet@example.org",
            "phone": "",
            "note": "",
            "updated_at": exported[0]["updated_at"],
            "unit": "Markt 5",
            "area": "Marktplein",
            "municipality": "Maasdijk",
        }
    ]
    assert privacy.export(personal_data.find("nobody@example.org")) == {}
    assert privacy.erase(personal_data.find("Piet de Vries"), by=cast.anton) == {"monitor.OwnerContact": 1}
    assert not OwnerContact.objects.exists()
    event = AuditEvent.objects.get(action="personal_data.erased", gemeente__isnull=False)
    assert event.gemeente == cast.maasdijk and "Piet" not in str(event.changes)


def test_a_vacancy_run_broken_by_use_starts_again(cast):
    day = [datetime.date(2020, 1, 1), datetime.date(2021, 1, 1), datetime.date(2022, 1, 1), datetime.date(2023, 1, 1)]
    groups = ["diensten", "leegstand", "diensten", "leegstand"]
    for n, (d, g) in enumerate(zip(day, groups, strict=True)):
        run(cast.markt, [unit(1, g, "", 100)], day=d, sha=str(n))
    vacant = list(UnitState.objects.filter(is_vacant=True).order_by("count__date"))
    assert [(s.vacant_since, s.vacant_since_open) for s in vacant] == [(day[1], False), (day[3], False)]
    # Importing a corrected middle count (vacant after all) joins the two runs.
    run(cast.markt, [unit(1, "leegstand", "", 100)], day=day[2], sha="fix")
    vacant = list(UnitState.objects.filter(is_vacant=True).order_by("count__date"))
    assert [s.vacant_since for s in vacant] == [day[1], day[1], day[1]]
