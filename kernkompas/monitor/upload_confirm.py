"""The wizard's comparison with the previous count (see :mod:`kernkompas.monitor.import_compare`): shown in the
check step, and a tick the import step requires when the file would drop many units or move the vacancy sharply.

Kept apart from ``upload_views`` so that the steps themselves stay as they are; the check step puts
:func:`comparison_for` in its context, the import step asks :func:`unconfirmed` before it writes.
"""

from __future__ import annotations

from kernkompas.monitor.import_compare import Comparison, compare_with_previous
from kernkompas.monitor.models import ImportKind, PendingUpload

# The checkbox of the import form (templates/monitor/_upload_compare.html).
CONFIRM_FIELD = "hele_gebied"


def comparison_for(pending: PendingUpload, records) -> Comparison | None:
    """The file next to the area's previous count; None for footfall, a file with problems, or a first count."""
    if pending.kind != ImportKind.UNITS or not records or pending.count_date is None:
        return None
    return compare_with_previous(pending.gebied, records, pending.count_date)


def unconfirmed(request, pending: PendingUpload, records) -> Comparison | None:
    """The comparison when it needs the officer's tick and the request does not carry it; else None (import)."""
    comparison = comparison_for(pending, records)
    if comparison is None or not comparison.needs_confirmation:
        return None
    if request.POST.get(CONFIRM_FIELD) == "1":
        return None
    return comparison
