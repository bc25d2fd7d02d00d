"""The Kern-DNA's panel on a municipality's workspace: its trajectories, public or not, and "Start een
DNA-traject" (``DnaConfig.workspace_panels``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.core.workspace import NextStep, Panel
from kernkompas.dna import selectors, survey_selectors


def panels(request, gemeente) -> list[Panel]:
    trajectories = list(selectors.for_gemeente(gemeente).order_by("kern__name", "-created_at"))
    start_url = reverse("dna:start") + "?" + urlencode({"gemeente": gemeente.slug})
    next_steps = []
    if not trajectories:
        next_steps.append(
            NextStep(
                _("Start a DNA trajectory"),
                start_url,
                _("Find with your facilitator what makes a core unique, step by step (Naar de Kern)."),
            )
        )
    return [
        Panel(
            key="dna",
            title=_("Kern-DNA"),
            template="dna/workspace_panel.html",
            context={
                "trajectories": trajectories,
                "start_url": start_url,
                "open_surveys": survey_selectors.open_for_gemeente(gemeente),
            },
            next_steps=next_steps,
            order=30,
        )
    ]
