"""The Kernmonitor's panel on a municipality's or core's page: its area dashboards (through the registry,
``MonitorConfig.place_panels``; places never import the monitor).

Read per request with the visitor's scope, never cached: a visitor sees the public dashboards, staff of the
municipality (and administrators) also its other ones, marked as not public.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core.parts import Panel
from kernkompas.monitor import selectors
from kernkompas.monitor.models import AreaIndicators
from kernkompas.monitor.presentation import panels as presentation
from kernkompas.places.models import Kern


def panels(request, place) -> list[Panel]:
    """One panel "Kernmonitor dashboards", or none when the user may see no area of this place."""
    is_kern = isinstance(place, Kern)
    gemeente = place.gemeente if is_kern else place
    scope = {"kern": place} if is_kern else {"kern__gemeente": place}
    areas = selectors.visible_gebieden(request.user).filter(**scope)
    rows = _with_latest(list(areas.order_by("kern__name", "name")))
    can_manage = permissions.can_manage_gemeente(request.user, gemeente)
    if not rows and not can_manage:
        return []
    kernen: list[dict] = []
    for row in rows:
        if not kernen or kernen[-1]["kern"].pk != row.gebied.kern_id:
            kernen.append({"kern": row.gebied.kern, "rows": []})
        kernen[-1]["rows"].append(row)
    context = {
        "gemeente": gemeente,
        "kernen": kernen,
        "count": len(rows),
        "private": sum(1 for row in rows if not row.gebied.is_public),
        "can_manage": can_manage,
    }
    return [
        Panel(
            title=_("Kernmonitor dashboards"),
            template="monitor/includes/place_dashboards.html",
            context=context,
            order=10,
            slug="monitor-dashboards",
        )
    ]


def _with_latest(gebieden) -> list[selectors.OverviewRow]:
    """Each area with its latest indicators (one query), and its vacancy as the overview writes it."""
    latest_date = AreaIndicators.objects.filter(gebied=OuterRef("gebied")).order_by("-date").values("date")[:1]
    latest = {
        row.gebied_id: row
        for row in AreaIndicators.objects.filter(gebied__in=[g.pk for g in gebieden], date=Subquery(latest_date))
    }
    rows = [selectors.OverviewRow(gebied, latest.get(gebied.pk)) for gebied in gebieden]
    presentation.add_vacancy_text(rows)
    return rows
