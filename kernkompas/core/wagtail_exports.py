"""Wagtail's own spreadsheet downloads written by :mod:`kernkompas.lib.spreadsheet`, so that they are as safe to open
as ours (issue 9, finding 4).

Every CSV and Excel download of the back office comes from Wagtail's ``SpreadsheetExportMixin``: the reports (site
history, page history, ageing and locked pages, workflows), every listing with ``list_export`` (snippets and model
viewsets, ours to come included) and the submissions of a form page. Wagtail writes the CSV with the ``csv``
module's minimal quoting and the Excel file with openpyxl, and only stops openpyxl from making ``=…`` a formula:
a page title ``=HYPERLINK(…)`` in the CSV, or a visitor's form answer, becomes a live formula in a spreadsheet, and a
``;`` inside an unquoted value starts a new cell for a Dutch Excel.

:func:`install` (called from ``CoreConfig.ready``) replaces the mixin's two writers, the only code that turns rows
into a file. What goes into a cell is still Wagtail's choice (``list_export``, ``to_row_dict``, the headings and the
per-field and per-type preprocessing, dates made naive for Excel), so each view keeps its columns; only the writing
is ours. A test walks every subclass of the mixin and fails when one writes a file its own way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils import translation
from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin

from kernkompas.lib import spreadsheet

# The mixin's methods that turn rows into a file. Ours replace the first two; the last two are Wagtail's per-row
# writers that only its own (replaced) writers call: a view that overrides any of them writes past the sanitiser.
WRITERS = ("stream_csv", "write_xlsx", "write_csv_row", "generate_xlsx_row")


def stream_csv(view: SpreadsheetExportMixin, queryset) -> Iterator[bytes]:
    """The CSV download line by line, for Wagtail's ``StreamingHttpResponse``: in Dutch ``;``-separated with
    decimal commas, as a Dutch or Flemish Excel opens it (the headings are already in the user's language)."""
    dutch = translation.get_language() == "nl"
    return spreadsheet.csv_lines(_headings(view, queryset), _rows(view, queryset, view.FORMAT_CSV), dutch=dutch)


def write_xlsx(view: SpreadsheetExportMixin, queryset, output) -> None:
    """The Excel download, with Wagtail's date-and-time format for the user's language."""
    spreadsheet.write_xlsx(
        output,
        _headings(view, queryset),
        _rows(view, queryset, view.FORMAT_XLSX),
        sheet=view.get_filename(),
        datetime_format=ExcelDateFormatter().get(),
    )


def install() -> None:
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.write_xlsx = write_xlsx


def _headings(view: SpreadsheetExportMixin, queryset) -> list[str]:
    # A form field's label is the heading of its column in a form's submissions, and an editor writes it.
    return [view.get_heading(queryset, field) for field in view.list_export]


def _rows(view: SpreadsheetExportMixin, queryset: Iterable, export_format: str) -> Iterator[list]:
    for item in queryset:
        row = view.to_row_dict(item)
        yield [view.preprocess_field_value(field, row.get(field), export_format) for field in view.list_export]
