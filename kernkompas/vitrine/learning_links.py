"""What the Vitrine gives Stedelijk leren's newsletter through the registry (``core.parts.recent_cases``): the live,
public cases published since the last issue. Stedelijk leren never imports this module; ``VitrineConfig`` names it.
"""

from __future__ import annotations

from kernkompas.core.parts import Publication
from kernkompas.vitrine.selectors import live_cases


def recent_cases(since, limit: int) -> list[Publication]:
    """Live, public cases first published at or after ``since`` (None: any time), newest first."""
    cases = live_cases().specific()
    if since is not None:
        cases = cases.filter(first_published_at__gte=since)
    found = cases.order_by("-first_published_at", "-pk")[: max(0, limit)]
    return [
        Publication(
            key=f"case:{case.pk}",
            title=case.title,
            summary=_summary(case),
            url=case.url,
            published_at=case.first_published_at,
        )
        for case in found
    ]


def _summary(case) -> str:
    place = getattr(case, "place_name", "")
    summary = getattr(case, "summary", "")
    return f"{summary} ({place})" if place and summary else summary or place
