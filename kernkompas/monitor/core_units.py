"""The register's units per core for other parts (``MonitorConfig.core_unit_counts``, see core/parts.py): the
Kern-DNA counts its shopping, horeca and culture indicators with them.

Only **public** areas count (``Gebied.is_public``), so a municipality's private register never shapes a profile
that the public sees; per area only its most recent count, and only occupied units (vacant ones are no offer). Two
queries, whatever the number of cores.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import OuterRef, Subquery

from kernkompas.core.parts import UnitCounts
from kernkompas.monitor.models import Count, UnitState


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
