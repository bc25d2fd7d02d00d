"""Attachments on the steps of a DNA trajectory: who may upload, change and remove them, who may download which,
files checked by their content (not their name), photos without their EXIF data, rejected uploads that change
nothing, and files that leave the disk with their attachment."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kernkompas.core import personal_data, privacy
from kernkompas.core.models import AuditEvent
from kernkompas.dna import attachments
from kernkompas.dna.actions import attachments as attachment_actions
from kernkompas.dna.actions import steps as step_actions
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.models import StepAttachment

pytestmark = pytest.mark.django_db

ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
EDITORS = {"gemeente", "begeleider", "beheerder"}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def trajectory(cast):
    return trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")


@pytest.fixture
def step(trajectory):
    return trajectory.steps.get(order=1)


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def pdf(name="verslag.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add(by, step, name="verslag.pdf", content=PDF, **kwargs) -> StepAttachment:
    return attachment_actions.add_attachment(by, step, upload=attachments.check(pdf(name, content)), **kwargs)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 7.0, 30.0), 3: "E", 4: (5.0, 20.0, 10.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def urls(trajectory, step, attachment=None) -> dict[str, str]:
    found = {"add": reverse("dna:add_attachment", kwargs={"pk": trajectory.pk, "step_pk": step.pk})}
    if attachment is not None:
        kwargs = {"pk": trajectory.pk, "step_pk": step.pk, "attachment_pk": attachment.pk}
        found["change"] = reverse("dna:change_attachment", kwargs=kwargs)
        found["remove"] = reverse("dna:remove_attachment", kwargs=kwargs)
        found["download"] = reverse("dna:attachment", kwargs={"attachment_pk": attachment.pk})
    return found


def stored_files(settings) -> list[Path]:
    folder = Path(settings.MONITOR_UPLOAD_ROOT) / "dna-attachments"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- Checking files -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("verslag.pdf", PDF, "pdf"),
        ("nota.docx", zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "docx"),
        ("cijfers.xlsx", zipped({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "xlsx"),
        ("slides.pptx", zipped({"[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<x/>"}), "pptx"),
        ("tekst.odt", zipped({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        ("rekenblad.ods", zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods"),
        ("dia.odp", zipped({"mimetype": b"application/vnd.oasis.opendocument.presentation"}), "odp"),
        ("lijst.csv", b"naam;aantal\nmarkt;3\n", "csv"),
        ("LEESMIJ.TXT", "Één regel tekst".encode(), "txt"),
        ("foto.jpeg", jpeg_with_gps(), "jpg"),
    ],
)
def test_the_accepted_kinds_pass_with_our_content_type(name, content, extension):
    checked = attachments.check(SimpleUploadedFile(name, content, content_type="text/html"))
    assert checked.extension == extension
    assert checked.content_type == attachments.KINDS[extension][0]  # ours, not the browser's "text/html"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a program renamed .pdf
        ("pagina.html", b"<html><script>alert(1)</script></html>"),
        ("pagina.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("tekening.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("nota.docx", zipped({"iets.txt": b"geen office"})),
        ("tekst.odt", zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
        ("foto.png", jpeg_with_gps()),  # a JPEG called .png
        ("foto.jpg", b"\xff\xd8\xff niet echt"),
        ("programma.exe", b"MZ"),
        ("geen-extensie", PDF),
    ],
)
def test_files_that_are_not_what_they_say_are_refused_naming_the_file(name, content):
    with pytest.raises(attachments.AttachmentError) as refused:
        attachments.check(SimpleUploadedFile(name, content))
    assert name in str(refused.value)


def test_a_file_over_twenty_megabytes_is_refused():
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (21 * 1024 * 1024))
    with pytest.raises(attachments.AttachmentError, match="20 MB"):
        attachments.check(big)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("/etc/passwd.pdf", "passwd.pdf"),
        ('ver"slag<script>.pdf', "ver_slag_script.pdf"),
        ("regel\nbreuk\x00.pdf", "regelbreuk.pdf"),
        (".pdf", "bijlage.pdf"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_the_original_name_is_made_safe(given, expected):
    assert attachments.safe_name(given, "pdf") == expected


def test_a_photo_loses_its_exif_data(cast, step):
    upload = SimpleUploadedFile("foto.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert b"PhoneMaker" in upload.read()
    upload.seek(0)
    stored = attachment_actions.add_attachment(cast.ellen, step, upload=attachments.check(upload))
    with stored.file.open("rb") as handle:
        data = handle.read()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
    assert stored.size == len(data) and stored.content_type == "image/jpeg"


# --- Actions ------------------------------------------------------------------------------------------------------


def test_adding_changing_and_removing_are_logged_and_the_file_leaves_the_disk(
    cast, step, settings, django_capture_on_commit_callbacks
):
    stored = add(cast.femke, step, name="../../Verslag werksessie.pdf", title="")
    assert stored.original_name == "Verslag werksessie.pdf" and stored.title == "Verslag werksessie"
    assert stored.uploaded_by == cast.femke and not stored.is_public
    assert len(stored_files(settings)) == 1
    assert Path(stored.file.path).parent.name == "attachments"  # ours, under the private folder
    assert "Verslag" not in stored.file.name
    attachment_actions.change_attachment(cast.ellen, stored, title="Verslag 12 maart", is_public=True)
    stored.refresh_from_db()
    assert stored.title == "Verslag 12 maart" and stored.is_public
    with django_capture_on_commit_callbacks(execute=True):
        attachment_actions.remove_attachment(cast.ellen, stored)
    assert not StepAttachment.objects.exists()
    assert stored_files(settings) == []
    actions = list(AuditEvent.objects.filter(action__startswith="dna.attachment").values_list("action", flat=True))
    assert sorted(actions) == ["dna.attachment_added", "dna.attachment_changed", "dna.attachment_removed"]


def test_removing_the_step_removes_its_attachments_files(cast, step, settings, django_capture_on_commit_callbacks):
    add(cast.ellen, step)
    add(cast.ellen, step, name="tweede.pdf")
    assert len(stored_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        step_actions.remove_step(cast.ellen, step)
    assert stored_files(settings) == []


def test_a_step_holds_at_most_twenty_attachments(cast, step, settings):
    for n in range(attachments.MAX_PER_STEP):
        add(cast.ellen, step, name=f"d{n}.pdf")
    with pytest.raises(attachment_actions.AttachmentLimit):
        add(cast.ellen, step, name="een-te-veel.pdf")
    assert step.attachments.count() == attachments.MAX_PER_STEP
    assert len(stored_files(settings)) == attachments.MAX_PER_STEP  # the refused file was not left behind


def test_the_register_finds_and_erases_names_in_file_names(cast, step):
    stored = add(cast.ellen, step, name="Gesprek met Jan Peeters.pdf")
    entry = next(e for e in personal_data.registered() if e.model is StepAttachment)
    assert entry.rows(personal_data.Person(name="Jan Peeters")).filter(pk=stored.pk).exists()
    assert personal_data.covered(StepAttachment, "uploaded_by")
    privacy.erase(personal_data.Person(name="Jan Peeters"), by=cast.anton)
    stored.refresh_from_db()
    assert "Peeters" not in stored.original_name + stored.title
    assert attachments.safe_name(stored.original_name, stored.extension) == "bijlage.pdf"
    assert Path(stored.file.path).exists()  # the file is the municipality's record; only the names go


# --- Pages: upload ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_who_may_upload(client, cast, trajectory, step, who, settings):
    trajectory_actions.set_published(cast.ellen, trajectory, True)  # readable by all: outsiders get 403, not 404
    user = cast.by_role()[who]
    login(client, user)
    answer = client.post(urls(trajectory, step)["add"], {"file": pdf(), "title": "Verslag", "is_public": "on"})
    if who in EDITORS:
        assert answer.status_code == 302
        stored = step.attachments.get()
        assert stored.title == "Verslag" and stored.is_public and stored.uploaded_by == user
        edit = client.get(reverse("dna:edit_step", kwargs={"pk": trajectory.pk, "step_pk": step.pk}))
        assert "verslag.pdf" in edit.content.decode()
    else:
        assert answer.status_code == (302 if user is None else 403)
        if user is None:
            assert "login" in answer["Location"] or "inloggen" in answer["Location"]
        assert not StepAttachment.objects.exists() and stored_files(settings) == []


@pytest.mark.parametrize("who", ["lid", "gemeente_andere", "redactie"])
def test_outsiders_cannot_upload_to_an_unpublished_trajectory_nor_learn_it_exists(client, cast, trajectory, step, who):
    login(client, cast.by_role()[who])
    answer = client.post(urls(trajectory, step)["add"], {"file": pdf(), "title": "x"})
    assert answer.status_code == 404
    assert not StepAttachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 100, "setup.pdf"),
        ("pagina.html", b"<html></html>", "pagina.html"),
        ("../../x.pdf", b"MZ", "x.pdf"),
        ("groot.pdf", PDF + b"0" * (21 * 1024 * 1024), "20 MB"),
    ],
)
def test_a_refused_upload_changes_nothing_and_says_why_in_dutch(
    client, cast, step, trajectory, settings, name, content, says
):
    login(client, cast.ellen)
    before = AuditEvent.objects.count()
    answer = client.post(urls(trajectory, step)["add"], {"file": SimpleUploadedFile(name, content), "title": "x"})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert says in text and ("Het bestand" in text or "maximum" in text)
    assert not StepAttachment.objects.exists() and stored_files(settings) == []
    assert AuditEvent.objects.count() == before


def test_a_full_step_refuses_one_more_through_the_page(client, cast, step, trajectory):
    for n in range(attachments.MAX_PER_STEP):
        add(cast.ellen, step, name=f"d{n}.pdf")
    login(client, cast.ellen)
    answer = client.post(urls(trajectory, step)["add"], {"file": pdf(), "title": "x"})
    assert answer.status_code == 400
    assert step.attachments.count() == attachments.MAX_PER_STEP


# --- Pages: change and remove -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_who_may_change_and_remove(client, cast, trajectory, step, who, settings):
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    stored = add(cast.ellen, step)
    user = cast.by_role()[who]
    login(client, user)
    found = urls(trajectory, step, stored)
    change = client.post(found["change"], {"title": "Nieuwe titel", "is_public": "on"})
    confirm = client.get(found["remove"])
    if who in EDITORS:
        assert change.status_code == 302 and confirm.status_code == 200
        stored.refresh_from_db()
        assert stored.title == "Nieuwe titel" and stored.is_public
        assert "Nieuwe titel" in confirm.content.decode()
        assert StepAttachment.objects.exists()  # asking is not removing
        removed = client.post(found["remove"])
        assert removed.status_code == 302 and not StepAttachment.objects.exists()
    else:
        expected = 302 if user is None else 403
        assert change.status_code == expected and confirm.status_code == expected
        assert client.post(found["remove"]).status_code == expected
        stored.refresh_from_db()
        assert stored.title == "verslag" and not stored.is_public


def test_an_attachment_of_another_step_is_not_found(client, cast, trajectory):
    first, second = trajectory.steps.order_by("order")[:2]
    stored = add(cast.ellen, first)
    login(client, cast.ellen)
    kwargs = {"pk": trajectory.pk, "step_pk": second.pk, "attachment_pk": stored.pk}
    assert client.get(reverse("dna:remove_attachment", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("dna:change_attachment", kwargs=kwargs), {"title": "x"}).status_code == 404


def test_an_empty_title_is_refused_and_keeps_the_old_one(client, cast, trajectory, step):
    stored = add(cast.ellen, step, title="Oud")
    login(client, cast.ellen)
    client.post(urls(trajectory, step, stored)["change"], {"title": "  "})
    stored.refresh_from_db()
    assert stored.title == "Oud"


# --- Download and the trajectory page -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("published", [True, False])
def test_who_may_download_what(client, cast, trajectory, step, who, published):
    public = add(cast.ellen, step, name="openbaar.pdf", title="Openbaar verslag", is_public=True)
    private = add(cast.ellen, step, name="intern.pdf", title="Interne nota")
    if published:
        trajectory_actions.set_published(cast.ellen, trajectory, True)
    login(client, cast.by_role()[who])
    public_answer = client.get(urls(trajectory, step, public)["download"])
    private_answer = client.get(urls(trajectory, step, private)["download"])
    page = client.get(trajectory.get_absolute_url())
    if who in EDITORS:
        assert public_answer.status_code == 200 and private_answer.status_code == 200
        text = page.content.decode()
        assert "Openbaar verslag" in text and "Interne nota" in text
    else:
        assert private_answer.status_code == 404  # not public: it does not exist for outsiders
        assert public_answer.status_code == (200 if published else 404)  # a public file of a private trajectory
        if published:
            text = page.content.decode()
            assert "Openbaar verslag" in text and "Interne nota" not in text
        else:
            assert page.status_code == 404


def test_a_download_is_an_attachment_with_a_safe_name_and_our_type(client, cast, trajectory, step):
    stored = add(cast.ellen, step, name='../../ver"slag\r\nX-Evil: 1.pdf', is_public=True)
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    answer = client.get(urls(trajectory, step, stored)["download"])
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in answer["Content-Security-Policy"]  # even opened directly, it cannot run as a page of ours
    disposition = answer["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "/" not in disposition and "\n" not in disposition and "\r" not in disposition and ".." not in disposition
    assert "X-Evil" not in answer.headers or answer.headers.get("X-Evil") is None
    assert b"".join(answer.streaming_content) == PDF


def test_a_private_download_is_not_cached(client, cast, trajectory, step):
    stored = add(cast.ellen, step)
    login(client, cast.ellen)
    answer = client.get(urls(trajectory, step, stored)["download"])
    assert "no-store" in answer["Cache-Control"]


def test_the_edit_page_lists_attachments_and_marks_the_private_ones(client, cast, trajectory, step):
    add(cast.ellen, step, name="intern.pdf", title="Interne nota")
    login(client, cast.ellen)
    page = client.get(reverse("dna:edit_step", kwargs={"pk": trajectory.pk, "step_pk": step.pk}))
    text = page.content.decode()
    assert "intern.pdf" in text and "niet openbaar" in text.lower()
    assert 'enctype="multipart/form-data"' in text
