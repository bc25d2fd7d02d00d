""" "Deel je voorbeeld" for a member: reachable from the Vitrine, filled in from the profile, a chosen photo kept
after an error, and a submission the editors can always approve."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from kernkompas.vitrine import submissions
from kernkompas.vitrine.actions import editorial
from kernkompas.vitrine.models import CasePage
from kernkompas.vitrine.tests.personal_cases import vitrine_index
from kernkompas.vitrine.tests.test_submission import URL, form_data, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "private-uploads"


def kept_files() -> list:
    folder = submissions.kept_photo_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


# --- Reachable --------------------------------------------------------------------------------------------------


def test_the_vitrine_list_links_to_the_submission_form(client, cast):
    """Nothing on the Vitrine led to "Deel je voorbeeld": only someone who knew the address found it."""
    vitrine_index()
    html = client.get(reverse("vitrine:index")).content.decode()
    assert f'href="{URL}"' in html


@pytest.mark.parametrize("page", ["vitrine:collections", "vitrine:saved_searches", "vitrine:index"])
def test_a_members_own_pages_link_to_the_submission_form(client, cast, page):
    vitrine_index()
    client.force_login(cast.bram)
    html = client.get(reverse(page)).content.decode()
    assert f'href="{URL}"' in html


# --- Filled in from the profile -------------------------------------------------------------------------------


def test_the_form_starts_with_what_a_members_profile_says(client, cast):
    """A member had to type their name, address and municipality again, although the profile has them."""
    cast.bram.organisation_name = "Fietsen Geerts"
    cast.bram.home_gemeente = cast.maasdijk
    cast.bram.save()
    client.force_login(cast.bram)
    form = client.get(URL).context["form"]
    assert form["contact_name"].value() == cast.bram.get_full_name()
    assert form["contact_email"].value() == cast.bram.email
    assert form["contact_organisation"].value() == "Fietsen Geerts"
    assert form["place_name"].value() == "Maasdijk"
    assert form["country"].value() == cast.maasdijk.country.code
    assert form["size_class"].value() == cast.maasdijk.size_class == "25k-50k"


def test_a_visitor_without_an_account_gets_an_empty_form(client, cast):
    form = client.get(URL).context["form"]
    assert not form["contact_name"].value() and not form["place_name"].value()


def test_the_organisation_is_stored_for_the_editors_and_erased_with_the_person(client, cast):
    from kernkompas.core import personal_data, privacy

    client.force_login(cast.bram)
    client.post(URL, form_data(contact_organisation="Fietsen Geerts"))
    case = CasePage.objects.get()
    assert case.submitter_organisation == "Fietsen Geerts"
    privacy.erase(personal_data.find("bram@example.org"), by=cast.anton)
    case.refresh_from_db()
    assert case.submitter_organisation == ""


# --- The chosen photo survives an error ---------------------------------------------------------------------


def test_a_chosen_photo_is_kept_after_an_error_and_goes_with_the_corrected_form(client, cast):
    """After any error the file field came back empty: the visitor had to find the photo again, and most sent
    the corrected form without it."""
    response = client.post(URL, form_data(title="", photo=image_file("plein.png"), photo_description="Het plein"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "plein.png" in html and 'name="kept_photo"' in html
    token = response.context["kept_photo"]["token"]
    assert len(kept_files()) == 1
    assert not get_image_model().objects.exists()

    response = client.post(URL, form_data(kept_photo=token, photo_description="Het plein"))
    assert response.status_code == 302
    case = CasePage.objects.get()
    assert case.hero_image is not None and case.hero_image.width == 40
    assert case.hero_image.alt_text == "Het plein"
    assert kept_files() == [], "the kept file is removed once the case has it"


def test_a_kept_photo_is_kept_again_after_a_second_error_and_can_be_left_out(client, cast):
    first = client.post(URL, form_data(title="", photo=image_file(), photo_description="Het plein"))
    token = first.context["kept_photo"]["token"]
    second = client.post(URL, form_data(title="", kept_photo=token, photo_description="Het plein"))
    assert second.context["kept_photo"]["token"] == token
    assert len(kept_files()) == 1
    client.post(URL, form_data(kept_photo=token, drop_photo="on"))
    assert CasePage.objects.get().hero_image is None


def test_a_new_photo_replaces_the_kept_one(client, cast):
    first = client.post(URL, form_data(title="", photo=image_file(size=(40, 30)), photo_description="Het plein"))
    token = first.context["kept_photo"]["token"]
    client.post(URL, form_data(kept_photo=token, photo=image_file(size=(60, 20)), photo_description="De straat"))
    assert CasePage.objects.get().hero_image.width == 60


def test_a_refused_photo_is_not_kept(client, cast):
    response = client.post(URL, form_data(title="", photo=image_file("beweging.gif", "GIF"), photo_description="x"))
    assert response.context["kept_photo"] is None
    assert kept_files() == []


@pytest.mark.parametrize(
    "token",
    [
        "../../secret_key",
        "not-signed",
        # Signed, but naming a file outside the folder of kept photos.
        pytest.param("signed-path", id="signed-path"),
    ],
)
def test_a_forged_kept_photo_reads_nothing(client, cast, token):
    from django.core import signing

    if token == "signed-path":
        token = signing.dumps({"file": "../secret_key", "name": "x.jpg"}, salt="kernkompas.vitrine.kept-photo")
    response = client.post(URL, form_data(kept_photo=token))
    assert response.status_code == 302
    assert CasePage.objects.get().hero_image is None


def test_the_kept_photos_stay_bounded(cast, monkeypatch):
    monkeypatch.setattr(submissions, "KEPT_PHOTO_MAX_FILES", 3)
    tokens = [submissions.keep_photo(image_file(f"foto-{n}.png"), "png") for n in range(5)]
    assert len(kept_files()) == 3
    assert submissions.kept_photo(tokens[-1]) is not None


# --- Approval never stops at a field the form did not ask -------------------------------------------------------


def edit_form(client, edit):
    """The back office's edit form as the browser sends it unchanged (stream fields are drawn by JavaScript; an
    empty one sends only its count)."""
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data.update({"key_figures-count": "0", "sources-count": "0"})
    return data


@pytest.fixture
def submitted_case(client, cast):
    editorial.ensure_editorial_workflow()
    editorial.join_editorial_group(cast.eva)
    client.post(URL, form_data(photo=image_file(), photo_description="Het plein"))
    return CasePage.objects.get()


def test_an_editor_approves_a_submission_from_its_edit_screen(client, cast, submitted_case):
    """The case made from a submission had no audiences, which the back office requires: the editor's "Approve"
    in the edit screen stopped at "This field is required" for a field the visitor had never been asked."""
    client.force_login(cast.eva)
    edit = reverse("wagtailadmin_pages:edit", args=(submitted_case.pk,))
    data = edit_form(client, edit)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    submitted_case.refresh_from_db()
    assert submitted_case.live is True
    assert not WorkflowState.objects.filter(
        object_id=str(submitted_case.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def test_the_back_office_form_of_a_submitted_case_is_complete(client, cast, submitted_case):
    """Every field the back office requires is filled by the submission form."""
    client.force_login(cast.eva)
    edit = reverse("wagtailadmin_pages:edit", args=(submitted_case.pk,))
    data = edit_form(client, edit)
    response = client.post(edit, data)  # "Save draft"
    assert response.status_code == 302, response.context["form"].errors


def test_the_editor_sees_what_a_submitted_case_still_lacks(client, cast, submitted_case):
    """The editor had no overview of what the visitor's form leaves empty; now it stands above the form."""
    client.force_login(cast.eva)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(submitted_case.pk,))).content.decode()
    panel = html.split("kk-still-to-complete", 1)[1].split("</div>", 1)[0]
    assert "Nog leeg" in panel
    assert "<li>Context</li>" in panel and "<li>Tips &amp; tricks</li>" in panel
    assert "Hoofdafbeelding" not in panel, "it was sent with a photo"


def test_an_editors_own_case_has_no_such_list(client, cast):
    from kernkompas.vitrine.panels import still_to_complete
    from kernkompas.vitrine.tests.personal_cases import case

    assert still_to_complete(case("Een eigen voorbeeld")) == []
