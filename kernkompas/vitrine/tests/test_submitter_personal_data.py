"""A case sent through "Deel je voorbeeld" without an account: the personal-data commands find its submitter by
e-mail address or exact name, and erasing them leaves no copy of the name or address anywhere — not on the page, in
its revisions, Wagtail's history, the audit log or a search index — while the case itself stays published."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.timezone import now
from wagtail.admin.models import FormState
from wagtail.models import Revision, WorkflowState

from kernkompas.core.models import AuditEvent
from kernkompas.testing import stored_copies
from kernkompas.vitrine import operations
from kernkompas.vitrine.models import CasePage, SearchTerm
from kernkompas.vitrine.tests import personal_cases
from kernkompas.vitrine.tests.test_submission import URL, form_data

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Karel Peeters", "karel@example.org"


@pytest.fixture
def published(client, cast):
    """Karel sends a case without an account and Eva approves it in the back office, so the case has several
    revisions (Eva edits it after approving), a workflow history, log entries, unsaved forms and a place in both
    search indexes."""
    operations.ensure_editorial_workflow()
    operations.join_editorial_group(cast.eva)
    assert client.post(URL, form_data()).status_code == 302
    case = CasePage.objects.get()
    client.force_login(cast.eva)
    task_state = WorkflowState.objects.get(object_id=str(case.pk)).current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=(case.pk, "approve", task_state.pk))
    assert client.post(approve, {"comment": "Mooi voorbeeld"}).status_code in (200, 302)
    client.logout()
    case.refresh_from_db()
    case.summary = "Bewoners namen de laatste winkel over en houden hem open."
    case.save_revision(user=cast.eva, log_action=True).publish(user=cast.eva)
    # Eva previewed an edit that thanks Karel, and drafted a note elsewhere with his address (unsaved forms).
    unsaved = {"user": cast.eva, "content_type": ContentType.objects.get_for_model(CasePage), "last_updated_at": now()}
    FormState.objects.create(**unsaved, object_id=str(case.pk), data=urlencode({"tips": f"Dank {NAME}"}))
    FormState.objects.create(**unsaved, object_id="", data=urlencode({"contact": f"Vraag {EMAIL}"}))
    assert case.live and SearchTerm.objects.filter(page=case).exists()
    assert Revision.objects.page_revisions().filter(object_id=str(case.pk)).count() >= 2
    return case


def export(text, capsys) -> dict:
    call_command("export_personal_data", text)
    return json.loads(capsys.readouterr().out)


def test_an_anonymous_submitter_is_found_by_e_mail_address_in_the_export(published, capsys):
    result = export("Karel@Example.org", capsys)
    rows = result["data"]["vitrine.CasePage"]
    assert [(r["title"], r["submitter_name"], r["submitter_email"]) for r in rows] == [
        ("Een dorpswinkel die blijft", NAME, EMAIL)
    ]


def test_an_anonymous_submitter_is_found_by_exact_name_in_the_export(published, capsys):
    result = export("karel peeters", capsys)
    assert [r["submitter_email"] for r in result["data"]["vitrine.CasePage"]] == [EMAIL]


def test_erasing_an_anonymous_submitter_leaves_no_copy_and_keeps_the_case(published, client, capsys):
    assert stored_copies(NAME, EMAIL)  # the page, its revisions: what there is to erase
    with pytest.raises(CommandError, match="--yes"):
        call_command("delete_personal_data", EMAIL)

    call_command("delete_personal_data", EMAIL, "--yes")

    assert "vitrine.CasePage: 1" in capsys.readouterr().out
    assert stored_copies(NAME, EMAIL) == []
    assert not FormState.objects.exists()  # stored URL-encoded ("Karel+Peeters"), so looked at separately
    published.refresh_from_db()
    assert published.live and published.title == "Een dorpswinkel die blijft"
    assert (published.submitter_name, published.submitter_email) == ("", "")
    # The live page and its latest revision still agree, so the next edit starts from what is published.
    assert published.get_latest_revision_as_object().title == published.title
    assert client.get(published.url).status_code == 200
    erased = AuditEvent.objects.get(action="personal_data.erased")
    assert NAME not in erased.target_label and EMAIL not in json.dumps(erased.changes)
    with pytest.raises(CommandError, match=EMAIL):
        call_command("export_personal_data", EMAIL)


def test_erasing_by_name_finds_the_same_submission(published, capsys):
    call_command("delete_personal_data", NAME, "--yes")
    assert stored_copies(NAME, EMAIL) == []


def test_another_submitters_case_is_untouched(published, client, cast, capsys):
    client.post(URL, form_data(title="Een tweede winkel", contact_name="Lies Maes", contact_email="lies@example.org"))
    call_command("delete_personal_data", EMAIL, "--yes")
    other = CasePage.objects.get(title="Een tweede winkel")
    assert (other.submitter_name, other.submitter_email) == ("Lies Maes", "lies@example.org")


def test_the_contact_person_a_case_names_is_found_by_address_and_erased_from_that_field_only(cast, capsys):
    named = personal_cases.case(
        "Een pop-upwinkel", contact="Vraag het aan Lies Maes (lies@maasdijk.be), centrummanager."
    )
    other = personal_cases.case("Een markt", contact="Jan Claes, jan@veldrode.be")
    assert [r["title"] for r in export("LIES@maasdijk.be", capsys)["data"]["vitrine.CasePage"]] == ["Een pop-upwinkel"]

    call_command("delete_personal_data", "lies@maasdijk.be", "--yes")

    named.refresh_from_db()
    other.refresh_from_db()
    assert (named.contact, named.live, named.title) == ("", True, "Een pop-upwinkel")
    assert other.contact == "Jan Claes, jan@veldrode.be"
    assert stored_copies("lies@maasdijk.be", "Lies Maes") == []
