"""The Kernmonitor's panel on a municipality's workspace: per area its dashboard, last count, thresholds and import
link; the uploads still waiting in the wizard; and "Importeer een telling" for an area without a count."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count as Counted
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.workspace import NextStep, Panel
from kernkompas.monitor.models import PendingUpload
from kernkompas.places.models import Gebied

# The wizard removes uploads older than this (monitor/upload_views.py); older ones are no longer open.
OPEN_UPLOAD_AGE = timedelta(days=1)


def _slugs(gebied: Gebied) -> dict[str, str]:
    return {"gemeente": gebied.kern.gemeente.slug, "kern": gebied.kern.slug, "gebied": gebied.slug}


def panels(request, gemeente) -> list[Panel]:
    areas = list(
        Gebied.objects.filter(kern__gemeente=gemeente)
        .select_related("kern__gemeente")
        .annotate(
            count_total=Counted("counts", distinct=True),
            last_count=Max("counts__date"),
            threshold_total=Counted("thresholds", filter=Q(thresholds__is_active=True), distinct=True),
        )
        .order_by("kern__name", "name")
    )
    rows = [
        {
            "gebied": area,
            "dashboard_url": reverse("monitor:gebied", kwargs=_slugs(area)),
            "import_url": reverse("monitor:upload", kwargs=_slugs(area)),
            "thresholds_url": reverse("monitor:thresholds", kwargs=_slugs(area)),
        }
        for area in areas
    ]
    kernen = {area.kern for area in areas}
    core_links = [
        {"kern": kern, "url": reverse("monitor:kern", kwargs={"gemeente": gemeente.slug, "kern": kern.slug})}
        for kern in sorted(kernen, key=lambda kern: kern.name)
    ]
    since = timezone.now() - OPEN_UPLOAD_AGE
    uploads = [
        {
            "upload": upload,
            "mine": upload.created_by_id == request.user.pk,
            "continue_url": reverse("monitor:upload_columns", kwargs={**_slugs(upload.gebied), "pk": upload.pk}),
        }
        for upload in PendingUpload.objects.filter(gebied__kern__gemeente=gemeente, created_at__gte=since)
        .select_related("gebied__kern__gemeente", "created_by")
        .order_by("-created_at")
    ]
    next_steps = [
        NextStep(
            _("Import a count for %(area)s") % {"area": row["gebied"].name},
            row["import_url"],
            _("Upload the register of units as your municipality has it (Excel, CSV, GeoJSON)."),
        )
        for row in rows
        if not row["gebied"].count_total
    ]
    return [
        Panel(
            key="monitor",
            title=_("Kernmonitor"),
            template="monitor/workspace_panel.html",
            context={"rows": rows, "core_links": core_links, "uploads": uploads},
            next_steps=next_steps,
            order=20,
        )
    ]
