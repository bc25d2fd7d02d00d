"""Undoing an area's last units import: a confirmation page that says what will be undone, then the operation
(:func:`kernkompas.monitor.actions.import_undo.undo_last_import`). Staff of the area's municipality and
administrators only; everyone else gets a 404, as for the unit register."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kernkompas.monitor import selectors
from kernkompas.monitor.actions.import_undo import NothingToUndo, last_units_import, undo_last_import, undoable_import
from kernkompas.monitor.presentation import panels
from kernkompas.monitor.presentation.undo import undo_consequences, undo_summary


def undo_import(request, gemeente, kern, gebied):
    area = selectors.get_gebied_for_staff(request.user, gemeente, kern, gebied)
    if request.method == "POST":
        return _undo(request, area)
    run = undoable_import(area)
    context = {
        "gebied": area,
        "kern": area.kern,
        "gemeente": area.kern.gemeente,
        "run": run,
        "last": last_units_import(area),
        "summary": undo_summary(run) if run else "",
        "consequences": undo_consequences(run) if run else [],
    }
    return render(request, "monitor/undo_import.html", context)


def _undo(request, area):
    run = undoable_import(area)
    try:
        run_id = int(request.POST.get("import", ""))
        summary = undo_summary(run) if run is not None and run.pk == run_id else ""
        undo_last_import(area, run_id, by=request.user)
    except (ValueError, NothingToUndo):
        messages.error(
            request,
            _(
                "This import can no longer be undone: only the last import of an area can be undone, once. "
                "Nothing was changed."
            ),
        )
        return redirect("monitor:undo_import", **panels.area_slugs(area))
    messages.success(request, _("%(summary)s has been undone.") % {"summary": summary})
    return redirect("monitor:gebied", **panels.area_slugs(area))
