"""The upload wizard: an officer brings a file of units or footfall into an area's register, in four steps.

1. upload: what the file holds, the count date and the file (kept as a :class:`PendingUpload`);
2. columns (CSV and Excel of units only): a preview of the first rows and, for each of our fields, the column
   that holds it, proposed from the headers (misspelt ones too) and changeable;
3. check: the file is read with that mapping and checked completely; every problem is listed with its line and
   field, and a corrected file can be uploaded with the same mapping;
4. import: the operation writes everything in one transaction, and the officer lands on the area's dashboard.

Only staff of the area's municipality and administrators may upload; an unpublished area does not exist for
anyone else (404). A pending upload belongs to the person who uploaded it and is removed after a day.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kernkompas.accounts.permissions import can_manage_gemeente
from kernkompas.core.problems import ImportRejected, Problem
from kernkompas.monitor.actions.footfall import import_footfall
from kernkompas.monitor.actions.unit_checks import validate_units
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.actions.vocabulary import ChoiceError, resolve_names
from kernkompas.monitor.importers.detect import file_format, read_osm_for, read_table_of, read_units
from kernkompas.monitor.importers.footfall import read_footfall
from kernkompas.monitor.importers.mapping import FIELDS, propose
from kernkompas.monitor.models import FunctionGroup, ImportKind, ImportRun, PendingUpload
from kernkompas.monitor.presentation.imports import result_counts_text
from kernkompas.monitor.upload_branches import step_for
from kernkompas.monitor.upload_confirm import comparison_for, unconfirmed
from kernkompas.monitor.upload_forms import (
    MappingForm,
    ReplaceFileForm,
    UploadForm,
    file_suffix,
    is_tabular,
    max_upload_mb,
)
from kernkompas.places.models import Gebied

PREVIEW_ROWS = 10
PREVIEW_CELL_CHARS = 200
PENDING_LIFETIME = timedelta(days=1)


# --- Permission and look-up helpers -----------------------------------------------------------------------------


def _area_for_upload(request, gemeente: str, kern: str, gebied: str) -> Gebied:
    """The area if the user may bring data into it; 404 when it is unpublished and not theirs, 403 otherwise."""
    area = get_object_or_404(
        Gebied.objects.select_related("kern__gemeente"), kern__gemeente__slug=gemeente, kern__slug=kern, slug=gebied
    )
    if can_manage_gemeente(request.user, area.gemeente):
        return area
    if not area.is_public:
        raise Http404
    if not request.user.is_authenticated:
        raise _LoginNeeded
    raise PermissionDenied


class _LoginNeeded(Exception):
    pass


def _pending_for(request, area: Gebied, pk: int) -> PendingUpload:
    """A pending upload of this area, only for the person who uploaded it."""
    return get_object_or_404(PendingUpload, pk=pk, gebied=area, created_by=request.user)


def _area_view(view):
    """Look up the area (with its permission check) and hand it to the view instead of the three slugs."""

    @functools.wraps(view)
    def wrapped(request, gemeente, kern, gebied, **kwargs):
        try:
            area = _area_for_upload(request, gemeente, kern, gebied)
        except _LoginNeeded:
            return redirect_to_login(request.get_full_path())
        return view(request, area, **kwargs)

    return wrapped


def _body_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > (max_upload_mb() + 1) * 1024 * 1024  # one MB of room for the other fields


def _slugs(area: Gebied) -> dict:
    return {"gemeente": area.kern.gemeente.slug, "kern": area.kern.slug, "gebied": area.slug}


def _step_url(name: str, area: Gebied, pending: PendingUpload | None = None) -> str:
    kwargs = _slugs(area)
    if pending is not None:
        kwargs["pk"] = pending.pk
    return reverse(f"monitor:{name}", kwargs=kwargs)


def dashboard_url(area: Gebied) -> str:
    return reverse("monitor:gebied", kwargs=_slugs(area))


# --- Pending uploads --------------------------------------------------------------------------------------------


def cleanup_pending_uploads(now=None) -> int:
    """Remove pending uploads (and their files) older than a day; returns how many went."""
    cutoff = (now or timezone.now()) - PENDING_LIFETIME
    old = list(PendingUpload.objects.filter(created_at__lt=cutoff))
    for pending in old:
        _remove(pending)
    return len(old)


def _remove(pending: PendingUpload) -> None:
    pending.file.delete(save=False)
    pending.delete()


def _store(pending: PendingUpload, upload) -> None:
    """Keep the file under a random name (it may hold owner contacts; it is stored outside MEDIA_ROOT too)."""
    pending.file_name = Path(upload.name).name[:300]
    pending.file.save(f"{uuid.uuid4().hex}{file_suffix(upload.name)}", upload, save=True)


def _sha256(pending: PendingUpload) -> str:
    digest = hashlib.sha256()
    with pending.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _format(pending: PendingUpload) -> str:
    if pending.kind == ImportKind.FOOTFALL:
        return "xlsx" if file_suffix(pending.file_name) == ".xlsx" else "csv"
    return file_format(Path(pending.file.path))


# --- Reading with the readers, writing with the actions ---------------------------------------------------------


def _read(pending: PendingUpload, remarks: list[str] | None = None):
    """Records (and counting points for footfall) of the file, or ImportRejected with every problem. ``remarks``
    (optional) receives what the officer should know about the reading (objects of an extract left out)."""
    path = Path(pending.file.path)
    if pending.kind == ImportKind.FOOTFALL:
        return read_footfall(path, file_name=pending.file_name)
    if file_format(path) in ("osm", "osm.pbf"):
        records, remark = read_osm_for(path, pending.gebied, file_name=pending.file_name)
        if remark and remarks is not None:
            remarks.append(remark)
        return records, []
    records = read_units(
        path, gemeente=pending.gebied.gemeente, mapping=pending.mapping or None, file_name=pending.file_name
    )
    return records, []


def _write(pending: PendingUpload, records, points, *, by):
    common = {"by": by, "file_name": pending.file_name, "sha256": _sha256(pending), "format": _format(pending)}
    if pending.kind == ImportKind.FOOTFALL:
        return import_footfall(pending.gebied, records, points, **common)
    return import_units(pending.gebied, records, count_date=pending.count_date, **common)


def _check(pending: PendingUpload, remarks: list[str] | None = None) -> tuple[list, list[Problem]]:
    """Read the whole file and check its units against the database (taxonomy, ids used twice, places far
    outside the municipality) without writing anything: the records, or every problem."""
    try:
        records, points = _read(pending, remarks)
        if pending.kind == ImportKind.UNITS:
            validate_units(pending.gebied, records, file_name=pending.file_name)
    except ImportRejected as rejected:
        return [], list(rejected.problems)
    return records, []


def _summary(pending: PendingUpload, records) -> list[tuple[str, int]]:
    """What the file holds, for the officer to recognise it: units per function group, or figures per point."""
    if not records:
        return []
    if pending.kind == ImportKind.FOOTFALL:
        return sorted(Counter(r.point for r in records).items())
    names = dict(
        FunctionGroup.objects.filter(Q(gemeente=None) | Q(gemeente=pending.gebied.kern.gemeente_id)).values_list(
            "code", "name"
        )
    )
    found = Counter(r.group for r in records)
    order = {code: i for i, code in enumerate(names)}
    return [(names.get(code, code), n) for code, n in sorted(found.items(), key=lambda item: order.get(item[0], 999))]


def _imported_before(pending: PendingUpload) -> bool:
    runs = ImportRun.objects.filter(gebied=pending.gebied, kind=pending.kind, sha256=_sha256(pending), undone_at=None)
    if pending.kind == ImportKind.UNITS:
        runs = runs.filter(count__date=pending.count_date)
    return runs.exists()


def _table(pending: PendingUpload):
    return read_table_of(Path(pending.file.path), file_name=pending.file_name)


def _preview(table) -> list[tuple[int, list[str]]]:
    """The first rows with their line in the file (or their number, in a GeoJSON file)."""
    numbers = table.line_numbers or range(1, len(table.rows) + 1)
    rows = [[_short(cell) for cell in row] for row in table.rows[:PREVIEW_ROWS]]
    return list(zip(numbers, rows, strict=False))


def _short(cell: str) -> str:
    """A cell as the preview shows it: a long text (up to the readers' 10.000 characters) cut to a line's worth."""
    return cell if len(cell) <= PREVIEW_CELL_CHARS else cell[:PREVIEW_CELL_CHARS] + "…"


# --- Views ------------------------------------------------------------------------------------------------------


def _page(request, area, template, step, status=200, **context):
    return render(
        request,
        f"monitor/{template}",
        {
            "gebied": area,
            "kern": area.kern,
            "gemeente": area.kern.gemeente,
            "step": step,
            "dashboard_url": dashboard_url(area),
            **context,
        },
        status=status,
    )


@_area_view
def upload(request, area: Gebied):
    """Step 1: the file, what it holds and (for units) the count date."""
    cleanup_pending_uploads()
    if request.method == "POST" and _body_too_large(request):
        # Said from the Content-Length, before the form handles the file. (The CSRF check has read the body by
        # then; a proxy in front should cap request bodies at about the same size.)
        return _page(request, area, "upload.html", 1, status=413, form=UploadForm(), too_large=max_upload_mb())
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        pending = PendingUpload(
            gebied=area,
            kind=form.cleaned_data["kind"],
            count_date=form.cleaned_data["count_date"],
            created_by=request.user,
        )
        _store(pending, form.cleaned_data["file"])
        if is_tabular(pending.kind, pending.file_name):
            return redirect(_step_url("upload_columns", area, pending))
        return redirect(_step_url("upload_check", area, pending))
    return _page(request, area, "upload.html", 1, form=form)


@_area_view
def columns(request, area: Gebied, pk: int):
    """Step 2: which column holds what, with the first rows of the file to see it."""
    pending = _pending_for(request, area, pk)
    if not is_tabular(pending.kind, pending.file_name):
        return redirect(_step_url("upload_check", area, pending))
    try:
        table = _table(pending)
    except ImportRejected as rejected:
        return _page(
            request,
            area,
            "upload_check.html",
            3,
            pending=pending,
            problems=rejected.problems,
            replace_form=ReplaceFileForm(kind=pending.kind),
            can_map=False,
        )
    initial = pending.mapping or propose(table.headers)
    form = MappingForm(
        request.POST or None,
        fields=FIELDS,
        headers=table.headers,
        initial={MappingForm.PREFIX + name: header for name, header in initial.items() if header in table.headers},
    )
    if request.method == "POST" and form.is_valid():
        pending.mapping = form.mapping()
        pending.save(update_fields=["mapping"])
        return redirect(_step_url("upload_check", area, pending))
    return _page(
        request,
        area,
        "upload_columns.html",
        2,
        pending=pending,
        form=form,
        table=table,
        preview=_preview(table),
        proposed=initial,
    )


@_area_view
def check(request, area: Gebied, pk: int):
    """Step 3: the whole file checked with the chosen mapping; the problems, or what an import will do."""
    pending = _pending_for(request, area, pk)
    remarks: list[str] = []
    records, problems = _check(pending, remarks)
    for remark in remarks:
        messages.info(request, remark)
    branch_step = step_for(pending, problems=problems)
    if branch_step is not None and branch_step.form is not None:
        return _branch_page(request, area, pending, branch_step, problems)
    # Right after the choices were saved, "recognised from your earlier choices" would only repeat them.
    if branch_step is not None and branch_step.report.recognised and "gekozen" not in request.GET:
        messages.info(request, _recognised_message(branch_step.report.recognised))
    return _page(
        request,
        area,
        "upload_check.html",
        3,
        pending=pending,
        problems=problems,
        records=records,
        already_imported=not problems and _imported_before(pending),
        summary=_summary(pending, records),
        replace_form=ReplaceFileForm(kind=pending.kind),
        can_map=is_tabular(pending.kind, pending.file_name),
        comparison=comparison_for(pending, records),
    )


@require_POST
@_area_view
def replace(request, area: Gebied, pk: int):
    """Step 3 again with a corrected file: same kind, count date and column mapping."""
    pending = _pending_for(request, area, pk)
    form = ReplaceFileForm(request.POST, request.FILES, kind=pending.kind)
    if not form.is_valid():
        records, problems = _check(pending)
        return _page(
            request,
            area,
            "upload_check.html",
            3,
            pending=pending,
            problems=problems,
            records=records,
            replace_form=form,
            can_map=is_tabular(pending.kind, pending.file_name),
        )
    old_name = pending.file.name
    _store(pending, form.cleaned_data["file"])
    pending.file.storage.delete(old_name)
    return redirect(_step_url("upload_check", area, pending))


def _branch_page(request, area: Gebied, pending: PendingUpload, branch_step, problems, status=200):
    """Step 3 while the file has names the taxonomy does not know: the choices first, with the file's other
    problems (those about the names are answered by the choices)."""
    return _page(
        request,
        area,
        "upload_branches.html",
        3,
        status=status,
        pending=pending,
        branch_step=branch_step,
        problems=branch_step.other_problems(problems),
        replace_form=ReplaceFileForm(kind=pending.kind),
        can_map=is_tabular(pending.kind, pending.file_name),
    )


def _recognised_message(count: int) -> str:
    return ngettext(
        "%(n)s name recognised from your earlier choices.", "%(n)s names recognised from your earlier choices.", count
    ) % {"n": count}


@require_POST
@_area_view
def branches(request, area: Gebied, pk: int):
    """Step 3, the names: save what each unknown name means (remembered for the municipality), then check again."""
    pending = _pending_for(request, area, pk)
    branch_step = step_for(pending, request.POST)
    if branch_step is None or branch_step.form is None:
        return redirect(_step_url("upload_check", area, pending))
    if branch_step.form.is_valid():
        try:
            saved = resolve_names(area.kern.gemeente, branch_step.form.choices(), by=request.user)
        except ChoiceError as error:
            branch_step.form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "Your choice for %(n)s name was saved; the file was checked again.",
                    "Your choices for %(n)s names were saved; the file was checked again.",
                    len(saved),
                )
                % {"n": len(saved)},
            )
            return redirect(_step_url("upload_check", area, pending) + "?gekozen=1")
    _records, problems = _check(pending)
    return _branch_page(request, area, pending, branch_step, problems)


@require_POST
@_area_view
def confirm(request, area: Gebied, pk: int):
    """Step 4: import, then show the dashboard with what changed."""
    pending = _pending_for(request, area, pk)
    try:
        records, points = _read(pending)
        comparison = unconfirmed(request, pending, records)
        if comparison is not None:  # far fewer units or a sharp change of vacancy, and no tick: nothing is written
            return _page(
                request,
                area,
                "upload_check.html",
                3,
                status=400,
                pending=pending,
                problems=[],
                records=records,
                summary=_summary(pending, records),
                replace_form=ReplaceFileForm(kind=pending.kind),
                can_map=is_tabular(pending.kind, pending.file_name),
                comparison=comparison,
                confirmation_missing=True,
            )
        result = _write(pending, records, points, by=request.user)
    except ImportRejected as rejected:
        return _page(
            request,
            area,
            "upload_check.html",
            3,
            pending=pending,
            problems=rejected.problems,
            replace_form=ReplaceFileForm(kind=pending.kind),
            can_map=is_tabular(pending.kind, pending.file_name),
        )
    messages.success(request, result_message(pending, result))
    for remark in result.messages:
        messages.info(request, remark)
    _remove(pending)
    return redirect(dashboard_url(area))


@require_POST
@_area_view
def cancel(request, area: Gebied, pk: int):
    """Throw the pending upload away and start again."""
    _remove(_pending_for(request, area, pk))
    messages.info(request, _("The uploaded file was removed; nothing was imported."))
    return redirect(_step_url("upload", area))


def result_message(pending: PendingUpload, result) -> str:
    """What the import did, in one sentence for the dashboard."""
    if result.rows and not result.created and not result.updated:
        if pending.kind == ImportKind.FOOTFALL:
            return _("These footfall figures were imported before; nothing has changed.")
        return _("This count was imported before; nothing has changed.")
    numbers = {"rows": result.rows, "created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    if pending.kind == ImportKind.FOOTFALL:
        return _("Footfall imported: %(created)s new figures, %(updated)s changed, %(unchanged)s unchanged.") % numbers
    # "40 units: 0 new, 40 recognised, 3 changed" (since the previous count); a corrected file for a count that
    # existed also says what it did to that count's states.
    return _("Count of %(date)s imported: %(counts)s") % {
        "date": formats.date_format(pending.count_date, "SHORT_DATE_FORMAT"),
        "counts": result_counts_text(result),
    }
