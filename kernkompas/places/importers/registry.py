"""The formats Kernkompas reads. To add one: copy a module of this package, adapt it, and list it here."""

from __future__ import annotations

from kernkompas.places.importers import (
    cbs_gemeenten,
    cbs_indeling_gemeenten,
    cbs_indeling_provincies,
    statbel_mergers,
    statbel_population,
    statbel_topojson,
    vl_gemeenten_2025,
    vl_kernen,
)
from kernkompas.places.importers.base import BaseFormat, Document

FORMATS: tuple[BaseFormat, ...] = tuple(
    module.Format()
    for module in (
        statbel_topojson,
        statbel_population,
        vl_gemeenten_2025,
        cbs_gemeenten,
        statbel_mergers,
        cbs_indeling_gemeenten,
        cbs_indeling_provincies,
        vl_kernen,
    )
)

# Values of the ``source`` field that an import wrote, and how much weight each carries (see base.RANK_*).
SOURCE_RANKS: dict[str, int] = {}
for _format in FORMATS:
    SOURCE_RANKS[_format.source] = max(SOURCE_RANKS.get(_format.source, 0), _format.rank)


def detect(document: Document) -> BaseFormat | None:
    """The format of a document, recognised from its content (columns, properties), not from its name."""
    return next((fmt for fmt in FORMATS if fmt.kind == document.kind and fmt.detect(document)), None)


def rank_of(source: str) -> int:
    """The rank of the import that last described a row; 0 for rows entered by hand or by the demo."""
    return SOURCE_RANKS.get(source, 0)
