"""What a units import did, in the words the wizard, ``import-units`` and the import history share:
"40 panden: 0 nieuw, 40 herkend, 3 gewijzigd" (changed: recognised units with another function group, branch,
vacancy or floor area than at the area's previous count)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def unit_counts_text(rows: int, new: int, recognised: int, changed: int) -> str:
    return _("%(rows)s units: %(new)s new, %(recognised)s recognised, %(changed)s changed") % {
        "rows": rows,
        "new": new,
        "recognised": recognised,
        "changed": changed,
    }


def result_counts_text(result) -> str:
    """The counts of an ``ImportResult``, and when the count existed already, what the file did to its states."""
    text = unit_counts_text(result.rows, result.units_new, result.units_recognised, result.units_changed) + "."
    if result.created == result.rows:  # a count imported for the first time
        return text
    return (
        text
        + " "
        + _("This count existed already: %(created)s added, %(updated)s corrected, %(unchanged)s unchanged.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    )
