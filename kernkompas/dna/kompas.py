"""What the Kernkompas page (and the API) shows of a DNA version: its blocks with the numbers behind them.

The evidence of a block is the indicators it names, each as the core's value with its unit against the median of
its peers and the share of peers it is above (``profiling.analyse``: the core against its default peer group).
A figure the analysis withholds (too few features or peers) is shown with its reason instead of a comparison.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kernkompas.dna import charts, profiling, vocabulary
from kernkompas.dna.models import CoreFigures, DnaVersion
from kernkompas.lib.dna.catalogue import BY_CODE


@dataclass(frozen=True)
class Evidence:
    code: str
    label: str
    unit: str
    definition: str
    value: float | None = None
    peer_median: float | None = None
    percentile: float | None = None
    n_peers: int = 0
    note: str = ""  # why there is no comparison, when there is none

    @property
    def words(self) -> str:
        """The percentile in words: "hoger dan bij 80 % van de 8 vergelijkbare kernen"."""
        if self.percentile is None:
            return self.note
        return vocabulary.compared_words(self.percentile, self.n_peers)


@dataclass
class BlockView:
    block: object
    evidence: list[Evidence] = field(default_factory=list)
    ideas: list = field(default_factory=list)
    photos: list = field(default_factory=list)


@dataclass
class Kompas:
    version: DnaVersion
    blocks: list[BlockView]
    evidence: list[Evidence]  # every indicator the blocks name, once, in block order
    population: int | None
    area_km2: float | None
    peer_count: int
    radar: str = ""  # the nine dimensions against the peers (dna.charts), when the core has figures

    @property
    def has_figures(self) -> bool:
        """Whether any indicator of the blocks has a value (the core has figures); without, the page says so once."""
        return any(e.value is not None for e in self.evidence)


def _number(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def evidence_for(code: str, rows: dict) -> Evidence:
    indicator = BY_CODE[code]
    base = {
        "code": code,
        "label": vocabulary.label(indicator),
        "unit": vocabulary.unit(indicator),
        "definition": vocabulary.definition(indicator),
    }
    row = rows.get(code)
    if row is None:
        return Evidence(**base, note=_("no figures for this core yet"))
    value = _number(row.value)
    if row.withheld is not None:
        return Evidence(**base, value=value, n_peers=row.n_peers, note=vocabulary.reason(row))
    return Evidence(
        **base,
        value=value,
        peer_median=_number(row.peer_median),
        percentile=_number(row.percentile),
        n_peers=row.n_peers,
    )


def build(version: DnaVersion) -> Kompas:
    """The page's content for ``version`` (any version: the public one or a preview)."""
    kern = version.trajectory.kern
    blocks = list(version.blocks.prefetch_related("photos").order_by("position"))
    ideas = list(version.ideas.order_by("block__position", "position", "pk"))
    codes = list(dict.fromkeys(code for b in blocks for code in b.indicators if code in BY_CODE))
    rows, peer_count, radar = {}, 0, ""
    analysis = profiling.analyse(kern)
    if analysis.comparison is not None:
        rows = {row.indicator.code: row for row in analysis.comparison.rows}
        peer_count = len(analysis.comparison.peer_keys)
        if peer_count:
            radar = charts.dimensions_radar(analysis.comparison, kern.name)
    by_code = {code: evidence_for(code, rows) for code in codes}
    views = [
        BlockView(
            block,
            [by_code[c] for c in dict.fromkeys(block.indicators) if c in by_code],
            [i for i in ideas if i.block_id == block.pk],
            list(block.photos.all()),
        )
        for block in blocks
    ]
    figures = CoreFigures.objects.filter(kern=kern, area_km2__isnull=False).values_list("area_km2", flat=True).first()
    area = figures or profiling.outline_area_km2(kern)
    return Kompas(version, views, list(by_code.values()), kern.population, area, peer_count, radar)
