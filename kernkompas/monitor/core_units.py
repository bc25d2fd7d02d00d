"""The register's units per core for other parts (``MonitorConfig.core_unit_counts``, see core/parts.py): the
Kern-DNA counts its shopping, horeca and culture indicators with them.

Only **public** areas count (``Gebied.is_public``), so a municipality's private register never shapes a profile
that the public sees; per area only its most recent count, and only occupied units (vacant ones are no offer). Two
queries, whatever the number of cores.

And the footfall per core (:func:`core_footfall`) for the analysis page's "also measured": the mean passers-by per
complete day over the most recent complete weeks, counting points of public areas only.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count as CountOf
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils import timezone

from kernkompas.core.parts import CoreFootfall, UnitCounts
from kernkompas.monitor import footfall
from kernkompas.monitor.models import Count, CountingPoint, UnitState


def core_unit_counts(kernen) -> dict[int, UnitCounts]:
    pks = [kern.pk for kern in kernen]
    latest = Count.objects.filter(gebied=OuterRef("gebied")).order_by("-date").values("date")[:1]
    counts = list(
        Count.objects.filter(gebied__kern_id__in=pks, gebied__is_public=True, date=Subquery(latest)).values_list(
            "pk", "gebied__kern_id", "gebied__name", "date"
        )
    )
    found: dict[int, UnitCounts] = {}
    for _pk, kern_id, area, on in sorted(counts, key=lambda row: (row[1], row[2])):
        core = found.setdefault(kern_id, UnitCounts())
        core.areas += (area,)
        core.measured_on = on if core.measured_on is None else max(core.measured_on, on)
    rows = (
        UnitState.objects.filter(count_id__in=[row[0] for row in counts], is_vacant=False)
        .values_list("count__gebied__kern_id", "group__code", "branch__code")
        .annotate(n=CountOf("pk"))
        .order_by()
    )
    for kern_id, group, branch, n in rows:
        key = (group, branch or "")
        found[kern_id][key] = found[kern_id].get(key, 0) + n
    return found


# --- Footfall per core (``MonitorConfig.core_footfall``) ----------------------------------------------------------

FOOTFALL_WEEKS = 12  # the period: the most recent complete weeks ...
FOOTFALL_MIN_DAYS = 14  # ... of which at least this many days are complete, else the core has no footfall figure


def core_footfall(kernen) -> dict[int, CoreFootfall]:
    """The mean passers-by per complete day of each core, summed over the counting points of its **public** areas.

    The period ends on the last Sunday on or before the most recent counted day (never today: it is not over), and
    spans :data:`FOOTFALL_WEEKS` weeks, or less when the counts start later; only complete days count (every point
    all its hours or its day count, ``footfall.daily_totals``), and a core with fewer than
    :data:`FOOTFALL_MIN_DAYS` complete days is left out. Two queries, then one per core that has counting points.
    """
    pks = [kern.pk for kern in kernen]
    points = list(
        CountingPoint.objects.filter(gebied__kern_id__in=pks, gebied__is_public=True)
        .annotate(last=Max("footfall__start"), first=Min("footfall__start"))
        .filter(last__isnull=False)
        .values_list("pk", "gebied__kern_id", "name", "first", "last")
        .order_by("gebied__kern_id", "name", "pk")
    )
    by_kern: dict[int, list[tuple]] = defaultdict(list)
    for row in points:
        by_kern[row[1]].append(row)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    found: dict[int, CoreFootfall] = {}
    for kern_id, rows in by_kern.items():
        last = min(max(row[4] for row in rows).astimezone(datetime.UTC).date(), yesterday)
        last -= datetime.timedelta(days=(last.weekday() + 1) % 7)  # back to a Sunday: whole weeks
        first = max(
            last - datetime.timedelta(days=7 * FOOTFALL_WEEKS - 1),
            min(row[3] for row in rows).astimezone(datetime.UTC).date(),
        )
        if (last - first).days + 1 < FOOTFALL_MIN_DAYS:
            continue
        days = [day for day in footfall.daily_totals([row[0] for row in rows], first, last) if day.complete]
        if len(days) < FOOTFALL_MIN_DAYS:
            continue
        found[kern_id] = CoreFootfall(
            mean_per_day=sum(day.total for day in days) / len(days),
            days=len(days),
            date_from=days[0].date,
            date_to=days[-1].date,
            points=tuple(dict.fromkeys(row[2] for row in rows)),
        )
    return found
