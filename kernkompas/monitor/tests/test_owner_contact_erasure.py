"""Owner contacts in the audit log: recorded by type and number, never by name, and after an erasure no event —
older ones that still carried the name, and other events that mention it — shows the name or address to the
municipality's staff. The events themselves stay, so the log still says that something happened."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.models import OwnerContact
from kernkompas.monitor.tests.fixture_counts import DATES, count_1
from kernkompas.testing import stored_copies

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Piet de Vries", "piet@example.org"
AUDIT_LOG = "/beheer/auditlog/"


@pytest.fixture
def piet(cast):
    """Maasdijk's register names Piet de Vries as the owner of Markt 5."""
    import_units(cast.markt, count_1(), count_date=DATES[0], file_name="a.csv", sha256="a", format="csv")
    return OwnerContact.objects.get(name=NAME)


def edit_in_the_back_office(client, contact, **changes):
    data = {
        "unit": contact.unit_id,
        "name": contact.name,
        "organisation": contact.organisation,
        "email": contact.email,
        "phone": contact.phone,
        "note": contact.note,
        **changes,
    }
    response = client.post(f"/beheer/monitor/eigenaars/edit/{contact.pk}/", data, follow=True)
    assert response.redirect_chain, response.content.decode()[:2000]  # saved (the message is shown on the way)


def test_the_back_office_records_an_owner_contact_by_type_and_number(client, cast, piet):
    client.force_login(cast.ellen)
    edit_in_the_back_office(client, piet, phone="0470 12 34 56")
    event = AuditEvent.objects.get(action="monitor.ownercontact_changed")
    assert event.target_label == f"eigenaar/contact #{piet.pk}"
    assert event.changes == {"fields": ["phone"]}
    assert NAME not in client.get(AUDIT_LOG).content.decode()


def test_after_erasure_no_audit_event_shows_the_owners_name_or_address(client, cast, piet):
    client.force_login(cast.ellen)
    edit_in_the_back_office(client, piet, note="Belt liever na vijven")
    # As main wrote them before: an event labelled with the name, and another app's event that mentions it.
    AuditEvent.objects.create(
        actor=cast.ellen,
        actor_label="ellen",
        action="monitor.ownercontact_changed",
        target_type="monitor.ownercontact",
        target_id=str(piet.pk),
        target_label=NAME,
        gemeente=cast.maasdijk,
        changes={"fields": {"phone": "0470 12 34 56", "email": EMAIL}},
    )
    AuditEvent.objects.create(
        actor=cast.ellen,
        actor_label="ellen",
        action="monitor.threshold_changed",
        target_label="Leegstand Marktplein",
        gemeente=cast.maasdijk,
        changes={"fields": {"note": f"Afgesproken met {NAME} (piet@EXAMPLE.org)"}},
    )
    # A street named after someone else is not the erased person (Veldrode's, so Ellen's page does not show it).
    unrelated = AuditEvent.objects.create(
        actor=cast.sofie, action="monitor.unit_changed", target_label="Piet de Vrieslaan 4", gemeente=cast.veldrode
    )
    page = client.get(AUDIT_LOG).content.decode()
    assert NAME in page  # what there is to erase
    events = AuditEvent.objects.count()

    call_command("delete_personal_data", NAME, "--yes")

    page = client.get(AUDIT_LOG).content.decode()
    assert NAME not in page and EMAIL not in page.lower()
    assert "0470 12 34 56" not in page  # the erased contact's own details, wherever its events kept them
    assert f"eigenaar/contact #{piet.pk}" in page
    assert stored_copies(NAME, EMAIL) == []
    # Nothing is lost from the log but the person: every event is still there, with a neutral marker.
    assert AuditEvent.objects.count() == events + 2  # and the erasure itself, for the log and for Maasdijk
    mention = AuditEvent.objects.get(action="monitor.threshold_changed")
    assert mention.changes == {"fields": {"note": "Afgesproken met [verwijderd] ([verwijderd])"}}
    unrelated.refresh_from_db()
    assert unrelated.target_label == "Piet de Vrieslaan 4"
    erasure = AuditEvent.objects.get(action="personal_data.erased", gemeente=cast.maasdijk)
    assert erasure.changes == {"rows": {"monitor.OwnerContact": 1}}


def test_a_thresholds_recipients_are_logged_by_id_not_by_address(client, cast):
    client.force_login(cast.ellen)
    data = {"gebied": cast.markt.pk, "indicator": "vacancy_rate", "direction": "above", "value": "12"}
    response = client.post("/beheer/monitor/drempels/add/", {**data, "is_active": "on", "recipients": [cast.ellen.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="monitor.threshold_created")
    assert event.changes["fields"]["recipients"] == [cast.ellen.pk]
    assert "ellen" not in str(event.changes)  # the account's user name


def test_a_file_waiting_in_the_wizard_that_names_the_owner_goes_with_the_erasure(
    client, cast, piet, settings, tmp_path, django_capture_on_commit_callbacks
):
    from kernkompas.monitor.models import PendingUpload
    from kernkompas.monitor.tests.test_upload_flow import HEADER, start

    settings.MONITOR_UPLOAD_ROOT = tmp_path / "uploads"
    client.force_login(cast.ellen)
    with_owner = f"{HEADER};Eigenaar\r\nP5;Markt 5;3600;Maasdijk;Leegstand;;;60;51,154;5,354;Piet de Vries\r\n"
    naming, _ = start(client, cast.markt, with_owner.encode("cp1252"), name="met-eigenaars.csv")
    other, _ = start(client, cast.markt, f"{HEADER}\r\nP1;Markt 1;3600;Maasdijk;Dagelijks;Bakker;;85;;\r\n".encode())
    named_file = tmp_path / "uploads" / naming.file.name
    assert named_file.exists()

    with django_capture_on_commit_callbacks(execute=True):  # files go once the erasure is committed
        call_command("delete_personal_data", NAME, "--yes")

    assert not PendingUpload.objects.filter(pk=naming.pk).exists() and not named_file.exists()
    assert PendingUpload.objects.filter(pk=other.pk).exists()
    assert (tmp_path / "uploads" / other.file.name).exists()


def test_erasing_an_officers_account_removes_their_waiting_files(
    client, cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    from kernkompas.monitor.tests.test_upload_flow import GOOD, start

    settings.MONITOR_UPLOAD_ROOT = tmp_path / "uploads"
    client.force_login(cast.ellen)
    pending, _ = start(client, cast.markt, GOOD)
    waiting = tmp_path / "uploads" / pending.file.name
    assert waiting.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_personal_data", "ellen@example.org", "--yes")
    assert not waiting.exists()
