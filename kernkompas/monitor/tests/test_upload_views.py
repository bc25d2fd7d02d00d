"""The upload wizard: who may use it, what step 1 accepts, whose pending uploads are whose, and the clean-up."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kernkompas.monitor import upload_views
from kernkompas.monitor.models import PendingUpload

CSV = "Adres;Huisnummer;Branchegroep;WVO\r\nMarkt;1;Dagelijks;85,5\r\n".encode("cp1252")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "uploads"
    return settings.MONITOR_UPLOAD_ROOT


def url(name: str, area, **extra) -> str:
    kwargs = {"gemeente": area.kern.gemeente.slug, "kern": area.kern.slug, "gebied": area.slug, **extra}
    return reverse(f"monitor:{name}", kwargs=kwargs)


def csv_file(name: str = "panden.csv", content: bytes = CSV) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def upload(client, area, **data):
    payload = {"kind": "units", "count_date": "2025-03-01", "file": csv_file(), **data}
    return client.post(url("upload", area), payload)


# --- Who may upload -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, private_status, public_status",
    [
        ("bezoeker", 404, 302),  # anonymous: a public area sends to the log-in page, a private one does not exist
        ("lid", 404, 403),
        ("gemeente", 200, 200),
        ("gemeente_andere", 404, 403),
        ("begeleider", 200, 200),  # facilitators work for the municipality, like its staff
        ("redactie", 404, 403),
        ("beheerder", 200, 200),
    ],
)
def test_only_staff_of_the_municipality_and_administrators_open_the_wizard(
    client, cast, role, private_status, public_status
):
    user = cast.by_role()[role]
    if user:
        client.force_login(user)
    assert client.get(url("upload", cast.markt)).status_code == private_status
    cast.markt.is_public = True
    cast.markt.save()
    response = client.get(url("upload", cast.markt))
    assert response.status_code == public_status
    if role == "bezoeker":
        assert reverse("accounts:login") in response["Location"]


def test_an_officer_of_another_municipality_cannot_upload_into_it(client, cast):
    client.force_login(cast.sofie)
    assert upload(client, cast.markt).status_code == 404
    assert not PendingUpload.objects.exists()


def test_an_unknown_area_is_404(client, cast):
    client.force_login(cast.ellen)
    response = client.get(
        reverse("monitor:upload", kwargs={"gemeente": "maasdijk", "kern": "centrum", "gebied": "nergens"})
    )
    assert response.status_code == 404


# --- Step 1 ------------------------------------------------------------------------------------------------------


def test_the_upload_page_has_labelled_inputs_and_no_count_date_filled_in(client, cast):
    client.force_login(cast.ellen)
    html = client.get(url("upload", cast.markt)).content.decode()
    assert '<label for="id_count_date">' in html
    assert '<label for="id_file">' in html
    assert 'accept=".csv,.txt,.xlsx,.geojson,.json,.osm,.pbf"' in html
    assert 'name="count_date" value=' not in html
    assert 'enctype="multipart/form-data"' in html


def test_a_units_file_without_a_count_date_is_refused_with_a_summary_that_links_to_the_date(client, cast):
    client.force_login(cast.ellen)
    response = upload(client, cast.markt, count_date="")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_count_date"' in html
    assert "data-error-summary" in html
    assert not PendingUpload.objects.exists()


def test_a_footfall_file_needs_no_count_date(client, cast):
    client.force_login(cast.ellen)
    content = b"date,hour,Markt\r\n2025-03-01,9:00-9:59,120\r\n"
    response = upload(client, cast.markt, kind="footfall", count_date="", file=csv_file("tellingen.csv", content))
    pending = PendingUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("upload_check", cast.markt, pk=pending.pk)
    assert pending.kind == "footfall" and pending.count_date is None


def test_a_file_of_an_unknown_kind_is_refused(client, cast):
    client.force_login(cast.ellen)
    response = upload(client, cast.markt, file=csv_file("panden.docx", b"PK\x03\x04"))
    assert response.status_code == 200
    assert ".docx" in response.context["form"].errors["file"][0]
    assert not PendingUpload.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, cast, settings):
    settings.MONITOR_MAX_UPLOAD_MB = 1
    client.force_login(cast.ellen)
    big = CSV + b"Markt;2;Dagelijks;10\r\n" * 60_000
    response = upload(client, cast.markt, file=csv_file("groot.csv", big))
    assert response.status_code == 200
    assert "1 MB" in response.context["form"].errors["file"][0]
    assert not PendingUpload.objects.exists()


def test_a_csv_of_units_is_kept_under_a_random_name_and_goes_to_the_column_step(client, cast, media):
    client.force_login(cast.ellen)
    response = upload(client, cast.markt)
    pending = PendingUpload.objects.get()
    assert response["Location"] == url("upload_columns", cast.markt, pk=pending.pk)
    assert pending.file_name == "panden.csv"
    assert pending.count_date == datetime.date(2025, 3, 1)
    assert pending.created_by == cast.ellen and pending.gebied == cast.markt
    assert "panden" not in pending.file.name  # not guessable, even though the folder is not served
    assert pending.file.name.endswith(".csv")
    assert (media / pending.file.name).read_bytes() == CSV
    assert not Path(pending.file.path).is_relative_to(settings.MEDIA_ROOT)  # never served as media


def test_a_geojson_file_goes_to_the_column_step_too(client, cast):
    client.force_login(cast.ellen)
    geojson = b'{"type": "FeatureCollection", "features": []}'
    response = upload(client, cast.markt, file=csv_file("panden.geojson", geojson))
    pending = PendingUpload.objects.get()
    assert response["Location"] == url("upload_columns", cast.markt, pk=pending.pk)


def test_an_openstreetmap_extract_has_no_columns_and_goes_to_the_check(client, cast):
    client.force_login(cast.ellen)
    osm = b'<?xml version="1.0"?><osm version="0.6"></osm>'
    response = upload(client, cast.markt, file=csv_file("centrum.osm", osm))
    pending = PendingUpload.objects.get()
    assert response["Location"] == url("upload_check", cast.markt, pk=pending.pk)


# --- Pending uploads belong to their uploader -------------------------------------------------------------------


def test_a_pending_upload_is_only_for_whoever_uploaded_it(client, cast):
    client.force_login(cast.ellen)
    upload(client, cast.markt)
    pending = PendingUpload.objects.get()
    client.force_login(cast.femke)  # works for Maasdijk too, but did not upload it
    for name in ("upload_columns", "upload_check"):
        assert client.get(url(name, cast.markt, pk=pending.pk)).status_code == 404
    for name in ("upload_confirm", "upload_replace", "upload_cancel"):
        assert client.post(url(name, cast.markt, pk=pending.pk)).status_code == 404
    assert PendingUpload.objects.filter(pk=pending.pk).exists()


def test_cancelling_removes_the_pending_upload_and_its_file(client, cast, media):
    client.force_login(cast.ellen)
    upload(client, cast.markt)
    pending = PendingUpload.objects.get()
    stored = media / pending.file.name
    response = client.post(url("upload_cancel", cast.markt, pk=pending.pk))
    assert response["Location"] == url("upload", cast.markt)
    assert not PendingUpload.objects.exists()
    assert not stored.exists()


def test_the_confirm_and_replace_steps_only_accept_a_post(client, cast):
    client.force_login(cast.ellen)
    upload(client, cast.markt)
    pending = PendingUpload.objects.get()
    assert client.get(url("upload_confirm", cast.markt, pk=pending.pk)).status_code == 405
    assert client.get(url("upload_replace", cast.markt, pk=pending.pk)).status_code == 405


def test_pending_uploads_older_than_a_day_are_removed_with_their_files(client, cast, media):
    client.force_login(cast.ellen)
    upload(client, cast.markt)
    upload(client, cast.markt)
    old, recent = PendingUpload.objects.order_by("pk")
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    old_file = media / old.file.name
    assert upload_views.cleanup_pending_uploads() == 1
    assert list(PendingUpload.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not old_file.exists()
    assert (media / recent.file.name).exists()


def test_opening_the_wizard_cleans_up_old_uploads(client, cast):
    client.force_login(cast.ellen)
    upload(client, cast.markt)
    PendingUpload.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    client.get(url("upload", cast.markt))
    assert not PendingUpload.objects.exists()


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, cast, settings):
    settings.MONITOR_MAX_UPLOAD_MB = 1
    client.force_login(cast.ellen)
    response = client.generic(
        "POST",
        url("upload", cast.markt),
        b"x" * (3 * 1024 * 1024),
        content_type="multipart/form-data; boundary=nothing",
    )
    assert response.status_code == 413
    assert 'href="#id_file"' in response.content.decode()
    assert not PendingUpload.objects.exists()
