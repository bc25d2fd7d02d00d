"""Indicators by Vitrine theme, for the registry (``MonitorConfig.theme_indicators``): a case on the theme
"Leegstand" names the indicators that measure it and links to what each one means.

The mapping itself is in :mod:`kernkompas.monitor.indicator_catalogue` (each indicator's ``themes``).
"""

from __future__ import annotations

from django.urls import reverse

from kernkompas.core.parts import IndicatorLink
from kernkompas.monitor.indicator_catalogue import indicators_for_themes as catalogue_indicators


def indicator_url(code: str) -> str:
    """Where the Kernmonitor explains one indicator."""
    return reverse("monitor:indicators") + f"#indicator-{code}"


def indicators_for_themes(themes) -> list[IndicatorLink]:
    return [
        IndicatorLink(code=i.code, label=str(i.label), url=indicator_url(i.code), description=str(i.description))
        for i in catalogue_indicators(themes)
    ]
