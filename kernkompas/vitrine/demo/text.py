"""The shape of a demo case and small helpers to write its rich text (simple HTML) without noise."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_MARK = "Fictief demovoorbeeld"
# Put in front of every context, so that a case read on its own still says it is invented.
DEMO_CONTEXT = (
    f"<p><strong>{DEMO_MARK}.</strong> Deze case is geschreven voor de demo van Kernkompas: de plaats, de cijfers "
    "en de betrokkenen zijn verzonnen, de aanpak is geïnspireerd op wat in Vlaanderen en Nederland gangbaar is.</p>"
)


@dataclass(frozen=True)
class DemoCase:
    """One invented case, written to teach like a real one. Themes and audiences: slugs of the seeded vocabularies."""

    slug: str
    title: str
    summary: str  # one line; the loader appends "(fictief demovoorbeeld)"
    place_name: str
    country: str  # "BE" or "NL"
    size_class: str  # places.models.SizeClass
    core_type: str  # vitrine.models.CoreType
    year_started: int
    themes: tuple[str, ...]
    audiences: tuple[str, ...]
    concept: str
    context: str
    approach: str
    results: str
    key_figures: tuple[tuple[str, str], ...]
    learnings: str
    tips: str
    dos: tuple[str, ...]
    donts: tuple[str, ...]
    cost_class: str  # vitrine.models.CostClass
    cost_note: str
    duration: str
    partners: tuple[str, ...]
    contact: str
    sources: tuple[str, ...]
    video_url: str = ""
    gemeenten: tuple[str, ...] = ()  # codes of the demo municipalities (DEMO1 …) the case happened in
    extras: tuple[str, ...] = ()  # what the illustration should show besides the street: see images.py
    gallery: int = 0  # how many extra illustrations, 0–2
    view_count: int = 0

    @property
    def full_summary(self) -> str:
        return f"{self.summary} ({DEMO_MARK.lower()})"

    @property
    def full_context(self) -> str:
        return DEMO_CONTEXT + self.context


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def yt(n: int) -> str:
    """A YouTube-style link with an obviously invented id: nothing loads until a visitor clicks play."""
    return f"https://www.youtube.com/watch?v=DEMOfictf{n:02d}"
