"""Issue 11, "safe changes" in the Kernmonitor: what was wrong on main, one test (or a few) each.

1. A 3-row file was accepted as "volledig en juist" and replaced a 60-unit count with no warning: the wizard and
   ``import-units`` now compare with the previous count and need an explicit tick (``--bevestig``).
2. There was no undo: the last units import of an area can be undone, exactly, by its staff and administrators.
3. The report said "40 panden, 40 nieuw" style counts only: it now reads "N panden: X nieuw, Y herkend, Z gewijzigd".
4. "Maak openbaar" acted in one click: it now asks first, saying what becomes public.
5. A threshold saved without recipients gave no warning: now the monitor page and the back office warn.

Marktplein (Maasdijk) has the two counts of ``dashboard_fixtures`` (6 and 7 units) unless a test says otherwise.
"""

from __future__ import annotations

import dataclasses
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.import_undo import NothingToUndo, undo_last_import, undoable_import
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.records import OwnerRecord, UnitRecord
from kernkompas.monitor.models import (
    AreaIndicators,
    Count,
    ImportRun,
    OwnerContact,
    PendingUpload,
    Threshold,
    ThresholdCrossing,
    Unit,
    UnitLink,
    UnitState,
)
from kernkompas.monitor.tests.dashboard_fixtures import COUNT_2, SLUGS, first_count, load_register, second_count

pytestmark = pytest.mark.django_db

INSIDERS = {"gemeente", "begeleider", "beheerder"}
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
COUNT_3 = datetime.date(2024, 10, 1)
HEADER = "Pandnr;Straat;Huisnummer;Branchegroep"
MAPPING = {"external_id": "Pandnr", "street": "Straat", "house_number": "Huisnummer", "group": "Branchegroep"}


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "uploads"


@pytest.fixture
def register(cast):
    load_register(cast.markt)
    return cast


def csv(rows: list[str]) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252")


SMALL = csv(["M1;Markt;1;Dagelijks", "M2;Markt;2;Leegstand", "M5;Markt;5;Dagelijks"])  # 3 of the 7 units
FULL = csv(  # the 7 units of the second count, one more: nothing striking
    [
        "M1;Markt;1;Dagelijks",
        "M2;Markt;2;Leegstand",
        "M3;Markt;3;Leegstand",
        "M4;Markt;4;Mode & Luxe",
        "M5;Markt;5;Dagelijks",
        "M8;Markt;8;Mode & Luxe",
        "M6;Markt;6;Wonen",
        "M7;Markt;7;Diensten",
    ]
)


def url(name: str, **extra) -> str:
    return reverse(f"monitor:{name}", kwargs={**SLUGS, **extra})


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def login(client, cast, role):
    user = cast.by_role()[role]
    if user is not None:
        client.force_login(user)
    return user


def upload_and_check(client, content: bytes, count_date=COUNT_3):
    response = client.post(
        url("upload"),
        {"kind": "units", "count_date": count_date.isoformat(), "file": SimpleUploadedFile("p.csv", content)},
    )
    assert response.status_code == 302, response.content.decode()
    pending = PendingUpload.objects.latest("pk")
    response = client.post(url("upload_columns", pk=pending.pk), {f"column_{k}": v for k, v in MAPPING.items()})
    assert response.status_code == 302, response.context["form"].errors
    return pending, client.get(url("upload_check", pk=pending.pk))


# --- 1. Compare before writing ------------------------------------------------------------------------------------


def test_a_small_file_asks_whether_it_is_the_whole_area_and_is_not_imported_without_the_tick(client, register):
    """On main a 3-row file went straight in over a 7-unit count ("volledig en juist", no warning)."""
    client.force_login(register.ellen)
    pending, check = upload_and_check(client, SMALL)
    html = check.content.decode()
    assert check.context["comparison"].needs_confirmation
    assert "Deze telling heeft 3 panden, de vorige (01-10-2023) 7. Is dit het hele gebied?" in html
    assert 'name="hele_gebied"' in html
    # Without the tick (a hand-made POST too) nothing is written.
    response = client.post(url("upload_confirm", pk=pending.pk))
    assert response.status_code == 400
    assert response.context["confirmation_missing"]
    assert not Count.objects.filter(gebied=register.markt, date=COUNT_3).exists()
    assert ImportRun.objects.filter(gebied=register.markt).count() == 2
    # With it the count is imported.
    response = client.post(url("upload_confirm", pk=pending.pk), {"hele_gebied": "1"})
    assert response.status_code == 302
    assert UnitState.objects.filter(count__gebied=register.markt, count__date=COUNT_3).count() == 3


def test_a_file_that_replaces_a_count_of_the_same_date_says_so(client, register):
    client.force_login(register.ellen)
    _pending, check = upload_and_check(client, SMALL, count_date=COUNT_2)
    comparison = check.context["comparison"]
    assert comparison.replaces and comparison.needs_confirmation
    assert "vervangt de telling van 01-10-2023" in check.content.decode()


def test_a_sharp_change_of_vacancy_asks_too(client, register):
    # All 7 units, but 5 of the 6 commercial ones vacant (was 2 of 6, 33 %): more than 10 points up.
    content = csv(
        [
            "M1;Markt;1;Leegstand",
            "M2;Markt;2;Leegstand",
            "M3;Markt;3;Leegstand",
            "M4;Markt;4;Leegstand",
            "M5;Markt;5;Leegstand",
            "M6;Markt;6;Wonen",
            "M7;Markt;7;Diensten",
        ]
    )
    client.force_login(register.ellen)
    _pending, check = upload_and_check(client, content)
    comparison = check.context["comparison"]
    assert not comparison.drops_units and comparison.vacancy_jumps
    assert "De leegstand gaat van 33,3 % bij de vorige telling (01-10-2023) naar 83,3 % in dit bestand." in (
        check.content.decode()
    )


def test_an_ordinary_next_count_needs_no_tick(client, register):
    client.force_login(register.ellen)
    pending, check = upload_and_check(client, FULL)
    assert not check.context["comparison"].needs_confirmation
    assert 'name="hele_gebied"' not in check.content.decode()
    assert client.post(url("upload_confirm", pk=pending.pk)).status_code == 302
    assert Count.objects.filter(gebied=register.markt, date=COUNT_3).exists()


def test_the_command_line_refuses_the_same_case_unless_confirmed(register, tmp_path):
    """On main ``import-units`` wrote a 3-row file over a 7-unit count without a word."""
    path = tmp_path / "klein.csv"
    path.write_bytes(SMALL)
    args = [str(path), "--area", "maasdijk/centrum/marktplein", "--date", "2024-10-01", "--no-progress"]
    with pytest.raises(CommandError) as refused:
        call_command("import_units", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert "Deze telling heeft 3 panden, de vorige (01-10-2023) 7. Is dit het hele gebied?" in str(refused.value)
    assert "--bevestig" in str(refused.value)
    assert not Count.objects.filter(gebied=register.markt, date=COUNT_3).exists()
    out = io.StringIO()
    call_command("import_units", *args, "--bevestig", stdout=out, stderr=io.StringIO())
    assert UnitState.objects.filter(count__date=COUNT_3, count__gebied=register.markt).count() == 3
    # All three lost their floor area (the file has none), M1 and M5 their branch too: 3 changed.
    assert "3 panden: 0 nieuw, 3 herkend, 3 gewijzigd." in out.getvalue()


# --- 2. Undo ------------------------------------------------------------------------------------------------------


def fingerprint(gebied) -> dict:
    """Everything an import changes and undo must put back (state rows without their own ids, which nothing
    refers to)."""
    fields = ("unit_id", "count_id", "group_id", "branch_id", "is_vacant", "floor_area", "occupant", "is_chain")
    return {
        "units": sorted(Unit.objects.filter(gebied=gebied).values_list()),
        "states": sorted(
            UnitState.objects.filter(count__gebied=gebied).values_list(
                *fields, "occupied_since", "vacant_since", "vacant_since_open"
            ),
            key=repr,
        ),
        "counts": sorted(Count.objects.filter(gebied=gebied).values_list("pk", "date", "source")),
        "indicators": sorted(
            AreaIndicators.objects.filter(gebied=gebied).values_list("count_id", "date", "values"), key=repr
        ),
        "links": sorted(UnitLink.objects.filter(count__gebied=gebied).values_list("predecessor", "successor", "kind")),
        "contacts": sorted(OwnerContact.objects.filter(unit__gebied=gebied).values_list()),
        "crossings": sorted(
            ThresholdCrossing.objects.filter(threshold__gebied=gebied).values_list(
                "threshold_id", "opened_count_id", "closed_count_id", "value", "notified_at"
            ),
            key=repr,
        ),
    }


def third_count() -> list[UnitRecord]:
    """A year later: a new unit, a unit that moved, a merge of two into one, an owner for a known unit."""
    return [
        UnitRecord(where="regel 2", external_id="M1", street="Markt", house_number="1a", group="dagelijks",
                   branch="supermarkt", floor_area=450, occupant="Buurtsuper", is_chain=True),
        UnitRecord(where="regel 3", external_id="M23", street="Markt", house_number="2-3", group="mode-luxe",
                   branch="kleding", floor_area=200, occupant="Modehuis", previous_ids=["M2", "M3"]),
        UnitRecord(where="regel 4", external_id="M4", street="Markt", house_number="4", group="leegstand",
                   owner=OwnerRecord(name="Piet Pand", email="piet@example.org")),
        UnitRecord(where="regel 5", external_id="M5", street="Markt", house_number="5", group="dagelijks",
                   branch="bakker", floor_area=60, occupant="Bakkerij Peeters", is_chain=False),
        UnitRecord(where="regel 6", external_id="M8", street="Markt", house_number="8", group="leisure",
                   occupant="Café Nieuw"),
    ]  # fmt: skip


def vacancy_threshold(cast) -> Threshold:
    threshold = Threshold.objects.create(gebied=cast.markt, indicator="vacancy_rate", direction="above", value=0.3)
    threshold.recipients.set([cast.ellen])
    return threshold


def test_undo_of_a_new_count_puts_everything_back_exactly(client, register):
    """On main an import could not be undone at all."""
    from kernkompas.monitor.actions.thresholds import check_thresholds

    vacancy_threshold(register)
    check_thresholds(register.markt)  # open at the second count (33 %), e-mailed
    before = fingerprint(register.markt)
    import_units(register.markt, third_count(), count_date=COUNT_3, file_name="telling-2024.csv", sha256="t3",
                 format="csv", by=register.ellen)  # fmt: skip
    assert fingerprint(register.markt) != before
    client.force_login(register.ellen)
    page = client.get(url("undo_import"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "(bestand telling-2024.csv, 5 panden) wordt ongedaan gemaakt" in html
    assert "De telling van 01-10-2024 verdwijnt." in html
    response = client.post(url("undo_import"), {"import": page.context["run"].pk})
    assert response.status_code == 302
    assert any("is ongedaan gemaakt" in text for text in texts(response))
    assert fingerprint(register.markt) == before
    event = AuditEvent.objects.get(action="monitor.import_undone")
    assert event.actor == register.ellen and event.gemeente == register.maasdijk
    assert ImportRun.objects.latest("created_at").undone_at is not None


def test_undo_of_a_corrected_file_for_the_same_date_brings_that_count_back(register):
    vacancy_threshold(register)
    from kernkompas.monitor.actions.thresholds import check_thresholds

    check_thresholds(register.markt)
    before = fingerprint(register.markt)
    # A corrected file for the second count: units 6 and 7 left out, unit 2 in use again, unit 1 with a new address.
    corrected = [r for r in second_count() if r.external_id not in ("M6", "M7")]
    corrected[1] = dataclasses.replace(corrected[1], group="mode-luxe", branch="kleding", occupant="Mode Anna")
    corrected[0] = dataclasses.replace(corrected[0], postcode="9998")
    result = import_units(register.markt, corrected, count_date=COUNT_2, file_name="verbeterd.csv", sha256="c2",
                          format="csv", by=register.anton)  # fmt: skip
    assert result.updated and fingerprint(register.markt) != before
    undo_last_import(register.markt, undoable_import(register.markt).pk, by=register.anton)
    assert fingerprint(register.markt) == before


def test_only_the_last_import_can_be_undone_and_only_once(client, register):
    first, second = ImportRun.objects.filter(gebied=register.markt).order_by("created_at", "pk")
    assert first.undo is None  # a newer import forgets what undoing the older one needed
    assert undoable_import(register.markt) == second
    with pytest.raises(NothingToUndo):
        undo_last_import(register.markt, first.pk, by=register.ellen)
    undo_last_import(register.markt, second.pk, by=register.ellen)
    assert undoable_import(register.markt) is None
    client.force_login(register.ellen)
    assert "al ongedaan gemaakt" in client.get(url("undo_import")).content.decode()
    before = fingerprint(register.markt)
    response = client.post(url("undo_import"), {"import": first.pk})
    assert any("kan niet meer ongedaan" in text for text in texts(response))
    assert fingerprint(register.markt) == before


def test_an_undone_file_can_be_imported_again(register):
    run = undoable_import(register.markt)
    undo_last_import(register.markt, run.pk, by=register.ellen)
    again = import_units(register.markt, second_count(), count_date=COUNT_2, file_name="telling-2023.csv",
                         sha256=run.sha256, format="csv")  # fmt: skip
    assert not again.already_imported
    assert again.units_new == 1 and again.units_recognised == 6


@pytest.mark.parametrize("role", ROLES)
def test_only_the_area_team_and_administrators_undo(client, register, role):
    register.markt.is_public = True  # public, so that a 404 comes from the undo page's own check
    register.markt.save()
    user = login(client, register, role)
    run = undoable_import(register.markt)
    page = client.get(url("undo_import"))
    response = client.post(url("undo_import"), {"import": run.pk})
    if role in INSIDERS:
        assert page.status_code == 200 and response.status_code == 302
        assert AuditEvent.objects.get(action="monitor.import_undone").actor == user
        assert not Count.objects.filter(gebied=register.markt, date=COUNT_2).exists()
    else:
        assert page.status_code == 404 and response.status_code == 404
        assert undoable_import(register.markt) == run
        assert Count.objects.filter(gebied=register.markt, date=COUNT_2).exists()


def test_the_dashboard_and_the_register_link_to_the_undo_and_list_the_imports(client, register):
    client.force_login(register.ellen)
    assert url("undo_import") in client.get(url("gebied")).content.decode()
    html = client.get(url("register")).content.decode()
    assert url("undo_import") in html
    # 3. The history counts as the wizard does: the second count has 7 units, 1 new, 6 recognised, 2 changed
    # (the clothes shop closed, the café became a shoe shop).
    assert "7 panden: 1 nieuw, 6 herkend, 2 gewijzigd" in html
    assert "6 panden: 6 nieuw, 0 herkend, 0 gewijzigd" in html


# --- 3. Counts in the report ------------------------------------------------------------------------------------


def test_the_wizard_reports_new_recognised_and_changed_units(client, cast):
    """On main the message had no "changed" since the previous count."""
    import_units(cast.markt, first_count(), count_date=datetime.date(2022, 10, 1), file_name="t1.csv", sha256="1",
                 format="csv")  # fmt: skip
    client.force_login(cast.ellen)
    content = csv(
        [
            "M1;Markt;1;Dagelijks",
            "M2;Markt;2;Leegstand",
            "M3;Markt;3;Leegstand",
            "M4;Markt;4;Mode & Luxe",
            "M5;Markt;5;Dagelijks",
            "M6;Markt;6;Wonen",
            "M7;Markt;7;Diensten",
        ]
    )
    pending, _check = upload_and_check(client, content, count_date=COUNT_2)
    # Vacancy goes from 20 % to 33,3 %: the tick is needed.
    response = client.post(url("upload_confirm", pk=pending.pk), {"hele_gebied": "1"})
    message = texts(response)[0]
    # M2 closed; M4 became a fashion shop; M1, M3 and M5 lose their floor area (the file has none): 5 changed;
    # M6 (housing) is the same.
    assert message == "Telling van 1-10-2023 geïmporteerd: 7 panden: 1 nieuw, 6 herkend, 5 gewijzigd.", message
    run = ImportRun.objects.latest("created_at")
    assert (run.units_new, run.units_recognised, run.units_changed) == (1, 6, 5)


# --- 4. Publishing asks first -----------------------------------------------------------------------------------


def test_make_public_asks_first_and_says_what_becomes_public(client, register):
    """On main one click on "Maak openbaar" published the dashboard, with no confirmation."""
    client.force_login(register.ellen)
    dashboard = client.get(url("gebied")).content.decode()
    assert url("visibility") + "?is_public=1" in dashboard
    client.post(url("visibility"), {"is_public": "1"})  # the old one-click form
    register.markt.refresh_from_db()
    assert not register.markt.is_public
    page = client.get(url("visibility"), {"is_public": "1"}).content.decode()
    for what in ("de downloads", "de publieke API", "de kaart en de tabel van de panden", "Wat privé blijft"):
        assert what in page, what
    response = client.post(url("visibility"), {"is_public": "1", "confirm": "1"})
    register.markt.refresh_from_db()
    assert register.markt.is_public
    assert texts(response) == [
        "Het dashboard van Marktplein is nu openbaar. Iedereen kan nu de cijfers, de kaart van de panden, de "
        "downloads en de cijfers in de API zien."
    ]


def test_make_private_asks_first_too(client, register):
    register.markt.is_public = True
    register.markt.save()
    client.force_login(register.ellen)
    page = client.get(url("visibility"), {"is_public": "0"})
    assert "alleen nog zichtbaar voor de medewerkers van Maasdijk" in page.content.decode()
    register.markt.refresh_from_db()
    assert register.markt.is_public
    client.post(url("visibility"), {"is_public": "0", "confirm": "1"})
    register.markt.refresh_from_db()
    assert not register.markt.is_public


@pytest.mark.parametrize("role", ROLES)
def test_only_the_area_team_sees_the_publishing_confirmation(client, register, role):
    login(client, register, role)
    page = client.get(url("visibility"), {"is_public": "1"})
    # The municipality decides what is public: its facilitator sees the dashboard's team pages, not this one.
    expected = 200 if role in {"gemeente", "beheerder"} else 403 if role in INSIDERS else 404
    assert page.status_code == expected


# --- 5. A threshold without recipients ----------------------------------------------------------------------------


def test_a_threshold_without_recipients_warns_that_nobody_is_mailed(client, register):
    """On main it was saved with only "De drempelwaarde is opgeslagen."."""
    client.force_login(register.ellen)
    response = client.post(url("thresholds"), {"indicator": "vacancy_rate", "direction": "above", "value": "40"})
    assert response.status_code == 302
    warning = texts(response)[-1]
    assert warning.startswith("Niemand krijgt een e-mail als “leegstand boven 40,0 %” wordt overschreden")
    assert "Gebiedsteam" in warning
    page = client.get(url("thresholds")).content.decode()
    assert "1 drempelwaarde mailt niemand" in page
    threshold = Threshold.objects.get()
    assert reverse("wagtailsnippets_monitor_threshold:edit", args=[threshold.pk]) in page


def test_a_threshold_with_recipients_does_not_warn(client, register):
    client.force_login(register.ellen)
    response = client.post(
        url("thresholds"),
        {"indicator": "vacancy_rate", "direction": "above", "value": "40", "recipients": [register.ellen.pk]},
    )
    assert not any("Niemand" in text for text in texts(response))
    assert "mailt niemand" not in client.get(url("thresholds")).content.decode()


def test_the_back_office_warns_about_a_threshold_without_recipients(client, register):
    client.force_login(register.ellen)
    response = client.post(
        reverse("wagtailsnippets_monitor_threshold:add"),
        {"gebied": register.markt.pk, "indicator": "vacancy_rate", "direction": "above", "value": "0.4",
         "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    assert any(text.startswith("Niemand krijgt een e-mail") for text in texts(response))


def test_undo_of_a_file_that_only_moved_a_unit_puts_the_address_back_and_keeps_the_states(register):
    before = fingerprint(register.markt)
    moved = second_count()
    moved[0] = dataclasses.replace(moved[0], postcode="9998", lat=51.2)
    result = import_units(register.markt, moved, count_date=COUNT_2, file_name="verplaatst.csv", sha256="m",
                          format="csv")  # fmt: skip
    assert result.updated == 1 and not result.created
    run = undoable_import(register.markt)
    assert run.undo["states"] is None and len(run.undo["units_before"]) == 1  # only what changed is kept
    undo_last_import(register.markt, run.pk, by=register.ellen)
    assert fingerprint(register.markt) == before
