""" "Deel je voorbeeld": a public submission becomes a draft case in the editors' queue, never live by itself."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Revision, WorkflowState

from kernkompas.core import personal_data, privacy
from kernkompas.core.models import AuditEvent
from kernkompas.vitrine.actions.editorial import EDITORIAL_WORKFLOW
from kernkompas.vitrine.models import Audience, CasePage, Theme
from kernkompas.vitrine.submissions import form_token, paragraphs_html, plain_text

pytestmark = pytest.mark.django_db

URL = "/vitrine/deel-je-voorbeeld/"


def earlier_token(seconds: int = 120) -> str:
    """A token as the form would have carried it when opened ``seconds`` ago."""
    with time_machine.travel(timezone.now() - dt.timedelta(seconds=seconds), tick=False):
        return form_token()


def image_file(name="plein.png", fmt="PNG", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 90)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


def form_data(**changes) -> dict:
    data = {
        "title": "Een dorpswinkel die blijft",
        "summary": "Bewoners namen de laatste winkel van het dorp over.",
        "place_name": "Veldrode, Dorpsstraat",
        "country": "BE",
        "size_class": "10k-25k",
        "core_type": "dorpskern",
        "themes": [Theme.objects.get(slug="samenwerking").pk],
        "audiences": [Audience.objects.get(slug="lokale-besturen").pk],
        "concept": "Een coöperatie van bewoners.\n\nZe kochten het pand samen.",
        "approach": "Eerst een bewonersavond, dan een crowdfunding.",
        "results": "",
        "learnings": "",
        "contact_name": "Karel Peeters",
        "contact_email": "Karel@Example.org",
        "consent": "on",
        "started": earlier_token(),
    }
    data.update(changes)
    return data


def test_a_submission_becomes_a_draft_case_in_the_editors_queue(client, cast):
    response = client.post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == reverse("vitrine:submit_thanks")
    case = CasePage.objects.get(title="Een dorpswinkel die blijft")
    assert case.live is False
    assert case.first_published_at is None
    assert case.submitter_name == "Karel Peeters" and case.submitter_email == "karel@example.org"
    assert case.get_parent().specific_class.__name__ == "VitrineIndexPage"
    assert list(case.themes.values_list("slug", flat=True)) == ["samenwerking"]
    assert case.concept == "<p>Een coöperatie van bewoners.</p><p>Ze kochten het pand samen.</p>"
    state = WorkflowState.objects.get(object_id=str(case.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == EDITORIAL_WORKFLOW
    assert AuditEvent.objects.filter(action="vitrine.case_submitted", target_id=str(case.pk)).exists()
    # Never public: the page answers 404 to visitors.
    assert client.get(case.url or f"/vitrine/{case.slug}/").status_code == 404


def test_script_in_a_submission_is_stripped_and_escaped(client, cast):
    data = form_data(
        title='<script>alert("x")</script>Dorpswinkel',
        summary="<b>Vet</b> & <i>schuin</i>",
        concept='<img src=x onerror=alert(1)>Tekst met <a href="javascript:alert(1)">link</a> & 3 < 4',
        approach="<script>document.cookie</script>Stap 1",
    )
    client.post(URL, data)
    case = CasePage.objects.get()
    assert case.title == "Dorpswinkel"
    assert case.summary == "Vet & schuin"
    assert "<img" not in case.concept and "javascript" not in case.concept and "<a" not in case.concept
    assert case.concept == "<p>Tekst met link &amp; 3 &lt; 4</p>"
    assert case.approach == "<p>Stap 1</p>"


def test_a_field_with_only_code_is_refused(client, cast):
    response = client.post(URL, form_data(title="<script>alert(1)</script>"))
    assert response.status_code == 400
    assert not CasePage.objects.exists()


def test_a_photo_is_checked_and_stored_with_its_description(client, cast):
    client.post(URL, form_data(photo=image_file(), photo_description="Het dorpsplein met de winkel"))
    case = CasePage.objects.get()
    assert case.hero_image is not None
    assert case.hero_image.alt_text == "Het dorpsplein met de winkel"
    assert case.hero_image.width == 40


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("groot.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024)), "5 MB"),
        (SimpleUploadedFile("tekst.jpg", b"dit is geen foto"), "JPG, PNG"),
        (image_file("bewegend.gif", "GIF"), "GIF"),
    ],
    ids=["oversized", "not-an-image", "gif"],
)
def test_an_oversized_or_wrong_type_photo_is_refused_and_nothing_is_created(client, cast, upload, message):
    response = client.post(URL, form_data(photo=upload, photo_description="Een foto"))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CasePage.objects.exists()
    assert not get_image_model().objects.exists()


def test_a_photo_needs_a_description(client, cast):
    response = client.post(URL, form_data(photo=image_file()))
    assert response.status_code == 400
    assert not CasePage.objects.exists()


def test_consent_is_required(client, cast):
    data = form_data()
    del data["consent"]
    assert client.post(URL, data).status_code == 400
    assert not CasePage.objects.exists()


def test_the_honeypot_pretends_success_and_stores_nothing(client, cast):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response["Location"] == reverse("vitrine:submit_thanks")
    assert not CasePage.objects.exists()


def test_a_form_sent_right_after_opening_it_is_refused(client, cast):
    response = client.post(URL, form_data(started=form_token()))
    assert response.status_code == 400
    assert not CasePage.objects.exists()


def test_a_forged_start_time_is_refused(client, cast):
    response = client.post(URL, form_data(started="1700000000:forged"))
    assert response.status_code == 400
    assert not CasePage.objects.exists()


def test_submissions_are_rate_limited_per_address(client, cast):
    for _attempt in range(5):
        client.post(URL, form_data(title="Poging"))
    response = client.post(URL, form_data(title="Eén te veel"))
    assert response.status_code == 429
    assert not CasePage.objects.filter(title="Eén te veel").exists()


def test_the_form_page_carries_a_start_time_and_a_hidden_honeypot(client):
    html = client.get(URL).content.decode()
    assert 'name="started" value="' in html
    assert 'class="hp-field" aria-hidden="true"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_logged_in_member_is_remembered_as_the_submitter(client, cast):
    client.force_login(cast.bram)
    client.post(URL, form_data())
    assert CasePage.objects.get().submitter_user == cast.bram


def test_plain_text_helpers_keep_no_markup():
    assert plain_text("<p>Hallo<br>wereld</p><style>p{}</style>") == "Hallo\nwereld"
    assert paragraphs_html("Regel 1\nRegel 2\n\n<b>Twee</b>") == "<p>Regel 1<br>Regel 2</p><p>Twee</p>"


def test_erasing_a_members_data_removes_them_as_submitter_but_keeps_the_case(client, cast):
    client.force_login(cast.bram)
    client.post(URL, form_data())
    case = CasePage.objects.get()
    bram = personal_data.find("bram@example.org")
    assert privacy.export(bram)["vitrine.CasePage"][0]["submitter_name"] == "Karel Peeters"
    privacy.erase(bram, by=cast.anton)
    case.refresh_from_db()  # the case stays, without its submitter
    assert (case.submitter_name, case.submitter_email, case.submitter_user) == ("", "", None)
    revision = Revision.objects.page_revisions().get(object_id=str(case.pk))
    assert revision.content["submitter_email"] == ""
