"""Forms of the upload wizard: the file (step 1), the column mapping (step 2), a corrected file (step 3).

They only parse and validate; reading the file is the readers' business and writing the operations'.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kernkompas.accounts.forms import AccessibleFormMixin
from kernkompas.monitor.models import ImportKind

# What the readers understand (kernkompas.monitor.importers.detect and .footfall), by the end of the file name.
UNIT_SUFFIXES = (".csv", ".txt", ".xlsx", ".geojson", ".json", ".osm", ".pbf")
FOOTFALL_SUFFIXES = (".csv", ".txt", ".xlsx")
# Files whose columns (GeoJSON: properties) the officer maps to our fields in step 2.
TABULAR_SUFFIXES = (".csv", ".txt", ".xlsx", ".geojson", ".json")
DEFAULT_MAX_UPLOAD_MB = 50


def max_upload_mb() -> int:
    return int(getattr(settings, "MONITOR_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB))


def file_suffix(name: str) -> str:
    """The part of a file name that says its format: ".csv", ".osm.pbf", … (lower case)."""
    lower = name.lower()
    if lower.endswith(".osm.pbf"):
        return ".osm.pbf"
    return Path(lower).suffix


def is_tabular(kind: str, name: str) -> bool:
    return kind == ImportKind.UNITS and file_suffix(name) in TABULAR_SUFFIXES


class FileInput(forms.ClearableFileInput):
    """A plain file input that tells the browser which files to offer."""

    def __init__(self, attrs=None):
        super().__init__({"accept": ",".join(UNIT_SUFFIXES), **(attrs or {})})


def check_file(upload, kind: str) -> None:
    """Refuse files that are too large or of a kind no reader understands, before they are stored."""
    limit = max_upload_mb()
    if upload.size > limit * 1024 * 1024:
        raise forms.ValidationError(
            _("The file is %(size)s MB; files of at most %(limit)s MB can be uploaded. Split it or leave columns out."),
            code="too_large",
            params={"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","), "limit": limit},
        )
    if upload.size == 0:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    allowed = UNIT_SUFFIXES if kind == ImportKind.UNITS else FOOTFALL_SUFFIXES
    if file_suffix(upload.name) not in allowed:
        raise forms.ValidationError(
            _("Files ending in %(suffix)s cannot be read. Choose a file ending in %(allowed)s."),
            code="suffix",
            params={"suffix": file_suffix(upload.name) or _("(nothing)"), "allowed": ", ".join(allowed)},
        )


class UploadForm(AccessibleFormMixin, forms.Form):
    """Step 1: what the file holds, the count date, the file."""

    kind = forms.ChoiceField(
        label=_("What is in the file?"),
        choices=[
            (ImportKind.UNITS, _("Units (premises) of one count: address, function, floor area, occupant")),
            (ImportKind.FOOTFALL, _("Footfall: passers-by per counting point, per hour or per day")),
        ],
        initial=ImportKind.UNITS,
        widget=forms.RadioSelect,
    )
    count_date = forms.DateField(
        label=_("Count date"),
        required=True,
        help_text=_("Only for units: the day on which the units were counted, e.g. 31-12-2024."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"required": _("Enter the date on which the units were counted.")},
    )
    file = forms.FileField(
        label=_("File"),
        widget=FileInput,
        error_messages={"required": _("Choose the file to upload.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV or Excel (.csv, .txt, .xlsx), GeoJSON (.geojson, .json) or OpenStreetMap (.osm, .osm.pbf); "
            "at most %(limit)s MB."
        ) % {"limit": max_upload_mb()}
        # The count date belongs to units; footfall figures carry their own dates and hours.
        if self.data.get("kind") == ImportKind.FOOTFALL:
            self.fields["count_date"].required = False

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        kind = cleaned.get("kind")
        if upload is not None and kind:
            try:
                check_file(upload, kind)
            except forms.ValidationError as error:
                self.add_error("file", error)
        if kind == ImportKind.FOOTFALL:
            cleaned["count_date"] = None
        return cleaned


class ReplaceFileForm(AccessibleFormMixin, forms.Form):
    """Step 3: a corrected file, read with the same kind, count date and column mapping."""

    file = forms.FileField(
        label=_("Corrected file"),
        widget=FileInput(attrs={"id": "id_corrected_file"}),
        error_messages={"required": _("Choose the corrected file.")},
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_file(upload, self.kind)
        return upload


class MappingForm(AccessibleFormMixin, forms.Form):
    """Step 2: for each of our fields, the column of the file that holds it (or none)."""

    PREFIX = "column_"

    def __init__(self, *args, fields, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.model_fields = list(fields)
        choices = [("", _("— not in the file —"))] + [(h, h) for h in dict.fromkeys(headers) if h]
        for field in self.model_fields:
            self.fields[self.PREFIX + field.name] = forms.ChoiceField(
                label=field.label,
                required=field.required,
                choices=choices,
                error_messages={
                    "required": _("Choose the column that holds “%(label)s”; it is needed.") % {"label": field.label}
                },
            )

    def bound_fields(self):
        """Pairs of our field and its select, in the order of ``FIELDS``."""
        return [(field, self[self.PREFIX + field.name]) for field in self.model_fields]

    def clean(self):
        cleaned = super().clean()
        used: dict[str, str] = {}
        for field in self.model_fields:
            header = cleaned.get(self.PREFIX + field.name)
            if not header:
                continue
            if header in used:
                self.add_error(
                    self.PREFIX + field.name,
                    _("Column “%(header)s” is already chosen for “%(other)s”; a column can hold one thing only.")
                    % {"header": header, "other": used[header]},
                )
            else:
                used[header] = str(field.label)
        # The function group follows from the branch, so one of the two is enough (as on the command line).
        group, branch = self.PREFIX + "group", self.PREFIX + "branch"
        if group in self.fields and branch in self.fields and not cleaned.get(group) and not cleaned.get(branch):
            self.add_error(
                group,
                _("Choose the column with the function group, or the one with the branch; one of them is needed."),
            )
        return cleaned

    def mapping(self) -> dict[str, str]:
        """The chosen columns as the readers want them: {field name: header}."""
        return {
            field.name: self.cleaned_data[self.PREFIX + field.name]
            for field in self.model_fields
            if self.cleaned_data.get(self.PREFIX + field.name)
        }
