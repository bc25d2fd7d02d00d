"""What undoing an import will do, in sentences for its confirmation page and the import history."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.monitor.models import Count, ImportRun
from kernkompas.monitor.presentation.formats import date_text, moment_text
from kernkompas.monitor.presentation.imports import unit_counts_text


def run_moment(run: ImportRun) -> str:
    return moment_text(timezone.localtime(run.created_at))


def undo_summary(run: ImportRun) -> str:
    """ "The import of 4-12-2026 14:03 (file X, 40 units)" """
    return _("The import of %(moment)s (file %(file)s, %(units)s)") % {
        "moment": run_moment(run),
        "file": run.file_name,
        "units": ngettext("%(n)s unit", "%(n)s units", run.rows) % {"n": run.rows},
    }


def undo_consequences(run: ImportRun) -> list[str]:
    """What comes back and what goes, one sentence each."""
    data = run.undo or {}
    count = Count.objects.filter(pk=data.get("count")).only("date", "gebied_id").first()
    said = []
    if count is not None:
        if data.get("count_created"):
            earlier = Count.objects.filter(gebied_id=count.gebied_id, date__lt=count.date).order_by("-date").first()
            said.append(_("The count of %(date)s is removed.") % {"date": date_text(count.date)})
            if earlier is not None:
                said.append(
                    _("The count of %(date)s is again the latest one of the area.") % {"date": date_text(earlier.date)}
                )
        elif data.get("states") is not None:
            said.append(
                ngettext(
                    "The count of %(date)s comes back as it was before this import (%(n)s unit).",
                    "The count of %(date)s comes back as it was before this import (%(n)s units).",
                    len(data.get("states", [])),
                )
                % {"date": date_text(count.date), "n": len(data.get("states", []))}
            )
    created = len(data.get("units_created", []))
    if created:
        said.append(
            ngettext(
                "%(n)s unit that this import added to the register is removed.",
                "%(n)s units that this import added to the register are removed.",
                created,
            )
            % {"n": created}
        )
    changed = len(data.get("units_before", []))
    if changed:
        said.append(
            ngettext(
                "%(n)s unit gets back the address or location it had before.",
                "%(n)s units get back the address or location they had before.",
                changed,
            )
            % {"n": changed}
        )
    said.append(_("Vacancy, the indicators and the threshold notices are computed again."))
    return said


HISTORY_LENGTH = 10


def import_history(area) -> list[dict]:
    """The area's last imports, newest first, as the unit register lists them."""
    rows = []
    for run in area.import_runs.select_related("count").order_by("-created_at", "-pk")[:HISTORY_LENGTH]:
        if run.kind == "units":
            what = unit_counts_text(run.rows, run.units_new, run.units_recognised, run.units_changed)
        else:
            what = ngettext("%(n)s footfall figure", "%(n)s footfall figures", run.rows) % {"n": run.rows}
        rows.append(
            {
                "run": run,
                "moment": run_moment(run),
                "count_date": date_text(run.count.date) if run.count else "",
                "what": what,
                "undone": moment_text(timezone.localtime(run.undone_at)) if run.undone_at else "",
            }
        )
    return rows
