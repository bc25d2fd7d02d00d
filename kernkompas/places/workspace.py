"""The places panel on a municipality's workspace: its cores and areas, whether each area is public, links to
their pages and to the back office, and the first step when there is no area yet ("Maak je eerste gebied")."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.core.workspace import NextStep, Panel
from kernkompas.lib.text import natural_key
from kernkompas.places.models import Gebied, Kern, KernKind


def _add_area_url(kern: Kern | None) -> str:
    url = reverse("wagtailsnippets_places_gebied:add")
    return f"{url}?{urlencode({'kern': kern.pk})}" if kern is not None else url


def panels(request, gemeente) -> list[Panel]:
    user = request.user
    gebieden = Gebied.objects.order_by("name")
    kernen = list(
        Kern.objects.filter(gemeente=gemeente)
        .prefetch_related(Prefetch("gebieden", queryset=gebieden))
        .order_by("-kind", "name")
    )
    # The main core first: it is where a first area most likely belongs; then "kern 2" before "kern 10".
    kernen.sort(key=lambda kern: (kern.kind != KernKind.HOOFDKERN, natural_key(kern.name)))
    may_change_kern = user.has_perm("places.change_kern")
    may_add_gebied = user.has_perm("places.add_gebied")
    may_change_gebied = user.has_perm("places.change_gebied")
    rows = []
    for kern in kernen:
        areas = [
            {
                "gebied": gebied,
                "state": _("public") if gebied.is_public else _("not public: only your municipality sees it"),
                "edit_url": reverse("wagtailsnippets_places_gebied:edit", args=[gebied.pk])
                if may_change_gebied
                else "",
            }
            for gebied in kern.gebieden.all()
        ]
        rows.append(
            {
                "kern": kern,
                "areas": areas,
                "edit_url": reverse("wagtailsnippets_places_kern:edit", args=[kern.pk]) if may_change_kern else "",
                "add_area_url": _add_area_url(kern) if may_add_gebied else "",
            }
        )
    next_steps = []
    has_areas = any(row["areas"] for row in rows)
    if not has_areas and may_add_gebied:
        next_steps.append(
            NextStep(
                _("Create your first area"),
                _add_area_url(kernen[0] if kernen else None),
                _("An area (a shopping street, the core shopping area) is what the Kernmonitor counts in."),
            )
        )
    if not kernen and user.has_perm("places.add_kern"):
        next_steps.append(NextStep(_("Add a core"), reverse("wagtailsnippets_places_kern:add")))
    return [
        Panel(
            key="places",
            title=_("Cores and areas"),
            template="places/workspace_panel.html",
            context={
                "gemeente": gemeente,
                "has_areas": has_areas,
                # Cores with areas (and the main core) in full; a municipality of 23 cores lists the others briefly.
                "rows": [row for row in rows if row["areas"] or row["kern"].kind == KernKind.HOOFDKERN],
                "quiet_rows": [row for row in rows if not row["areas"] and row["kern"].kind != KernKind.HOOFDKERN],
                "add_kern_url": reverse("wagtailsnippets_places_kern:add") if user.has_perm("places.add_kern") else "",
            },
            next_steps=next_steps,
            order=10,
        )
    ]
