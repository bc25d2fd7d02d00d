"""Before a units file is written: how it compares with the area's previous count.

A file that holds far fewer units than the count it replaces (or the latest earlier count), or that moves the
vacancy rate sharply, is often a part of the area or the wrong file. The wizard and ``import-units`` then ask for
explicit confirmation before they write (see docs/kernmonitor.md, "Safe changes"). Read-only: nothing is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kernkompas.monitor.models import AreaIndicators, Count, Sector, UnitState
from kernkompas.monitor.presentation.formats import date_text, fmt_value, whole
from kernkompas.monitor.taxonomy import groups_and_branches

# Ask for confirmation when the file holds fewer than this share of the previous count's units …
UNITS_KEPT_SHARE = 0.5
# … or more than this many units fewer than the previous count …
UNITS_GONE = 100
# … or when the vacancy rate (vacant ÷ commercial units) moves by more than this (0.10 = 10 percentage points).
VACANCY_JUMP = 0.10

NOT_COMMERCIAL = (Sector.WONEN, Sector.WERKEN)


@dataclass(frozen=True)
class Comparison:
    """A file of units next to the area's previous count."""

    previous_date: datetime.date
    replaces: bool  # the file is for the very date of that count, which it will replace
    previous_units: int
    units: int
    previous_vacancy: float | None
    vacancy: float | None

    @property
    def drops_units(self) -> bool:
        gone = self.previous_units - self.units
        return gone > 0 and (self.units < self.previous_units * UNITS_KEPT_SHARE or gone > UNITS_GONE)

    @property
    def vacancy_jumps(self) -> bool:
        if self.previous_vacancy is None or self.vacancy is None:
            return False
        # Rounded to whole tenths of a percentage point: 10.0 points exactly is not "more than 10".
        return round(abs(self.vacancy - self.previous_vacancy), 4) > VACANCY_JUMP

    @property
    def needs_confirmation(self) -> bool:
        return self.drops_units or self.vacancy_jumps

    def warnings(self) -> list[str]:
        """What is striking, in sentences for the officer (empty when nothing is)."""
        said = []
        if self.drops_units:
            said.append(
                _("This count has %(units)s units, the previous one (%(date)s) %(previous)s. Is this the whole area?")
                % {"units": whole(self.units), "previous": whole(self.previous_units), "date": self.date_text}
            )
        if self.vacancy_jumps:
            said.append(
                _(
                    "Vacancy goes from %(previous)s at the previous count (%(date)s) to %(vacancy)s in this file. "
                    "Is that right?"
                )
                % {
                    "previous": fmt_value(self.previous_vacancy, "share"),
                    "vacancy": fmt_value(self.vacancy, "share"),
                    "date": self.date_text,
                }
            )
        return said

    def consequence(self) -> str:
        """What importing it anyway means."""
        if self.replaces:
            return _(
                "Importing replaces the count of %(date)s: units that are not in this file are taken out of that "
                "count, and the dashboard, downloads and API show only the %(units)s units of this file."
            ) % {"date": self.date_text, "units": whole(self.units)}
        return _(
            "Importing adds a count with %(units)s units: the dashboard will show %(gone)s units fewer than at "
            "%(date)s, as closures of the area."
        ) % {
            "units": whole(self.units),
            "gone": whole(max(self.previous_units - self.units, 0)),
            "date": self.date_text,
        }

    @property
    def date_text(self) -> str:
        return date_text(self.previous_date)


def compare_with_previous(gebied, records, count_date: datetime.date) -> Comparison | None:
    """The file's units next to the count it replaces, else the area's latest earlier count; None when the
    area has no such count."""
    previous = Count.objects.filter(gebied=gebied, date__lte=count_date).order_by("-date").only("pk", "date").first()
    if previous is None:
        return None
    stored = AreaIndicators.objects.filter(count=previous).values_list("values", flat=True).first() or {}
    return Comparison(
        previous_date=previous.date,
        replaces=previous.date == count_date,
        previous_units=UnitState.objects.filter(count=previous).count(),
        units=len(records),
        previous_vacancy=stored.get("vacancy_rate"),
        vacancy=_vacancy_rate(gebied, records),
    )


def _vacancy_rate(gebied, records) -> float | None:
    """Vacant ÷ commercial units of the file, as the indicator ``vacancy_rate`` computes it for a count."""
    groups, _branches = groups_and_branches(gebied.kern.gemeente)
    commercial = vacant = 0
    for r in records:
        group = groups.get(r.group)
        if group is None or group.sector in NOT_COMMERCIAL:
            continue
        commercial += 1
        vacant += group.sector == Sector.LEEGSTAND
    return vacant / commercial if commercial else None
