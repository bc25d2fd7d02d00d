"""The analysis page of a core (``/dna/kern/<gemeente>/<kern>/analyse/``, name ``dna:analysis``): every indicator
against a peer group the user chooses, the candidate strengths ("troeven") ranked with the numbers and the peers
behind them, the candidates withheld with the reason, a radar of the nine dimensions and a bar chart per dimension
(each with a table), and where the figures come from.

Public for any core: its figures are OpenStreetMap counts and the register counts of **public** areas only
(``profiling``). The peer group is chosen with GET parameters, so a comparison is a bookmarkable address:

- ``groep``: ``standaard`` (the default peers: the core's regions, else province, else country), ``regio`` (with
  ``regio=<slug>`` of one of the core's regions), ``vergelijkbaar`` (the cores of similar municipalities),
  ``provincie`` or ``keuze`` (the cores in ``kern=<id>``, repeated; ``q`` searches cores to add);
- at most :data:`profiling.MAX_PEERS` cores. Bad parameters (unknown ids, letters, too many) give a message on the
  page and the default peers, never an error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.accounts import permissions
from kernkompas.dna import analysis_extra, charts, profiling, selectors, vocabulary
from kernkompas.dna.models import FiguresSource
from kernkompas.lib.dna import profiles
from kernkompas.lib.dna.catalogue import DIMENSIONS
from kernkompas.places.models import Kern

GROUPS = ("standaard", "regio", "vergelijkbaar", "provincie", "keuze")
MAX_QUERY = 100


def number(value: float | None, decimals: int = 2) -> str:
    """A number in the page's language (Dutch: 1.234,56); a dash for an unknown value."""
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "–"
    return formats.number_format(round(value, decimals), decimals, force_grouping=True)


def signed(value: float | None) -> str:
    text = number(value)
    return f"+{text}" if value is not None and not math.isnan(value) and value > 0 else text


@dataclass
class PeerChoice:
    group: str = "standaard"
    regio_slug: str = ""
    ids: list[int] = field(default_factory=list)
    query: str = ""
    problems: list[str] = field(default_factory=list)
    description: str = ""


def parse_choice(params, kern: Kern) -> PeerChoice:
    """The peer group asked for in ``params`` (a QueryDict); problems are collected, never raised."""
    choice = PeerChoice()
    group = params.get("groep", "standaard")
    if group not in GROUPS:
        choice.problems.append(
            _("“%(value)s” is not a peer group this page knows; the default group is shown.") % {"value": group[:40]}
        )
        group = "standaard"
    choice.group = group
    choice.regio_slug = params.get("regio", "")[:160]
    choice.query = params.get("q", "")[:MAX_QUERY].strip()
    raw = params.getlist("kern")
    if len(raw) > profiling.MAX_PEERS:
        choice.problems.append(
            _("You chose %(n)s cores; a peer group holds at most %(max)s. Choose fewer cores.")
            % {"n": number(len(raw), 0), "max": profiling.MAX_PEERS}
        )
        raw = []
        if group == "keuze":
            choice.group = "standaard"
    bad = [value for value in raw if not (value.strip().isdigit() and len(value.strip()) < 12)]
    if bad:
        choice.problems.append(
            ngettext(
                "“%(values)s” is not the number of a core and was left out.",
                "“%(values)s” are not numbers of cores and were left out.",
                len(bad),
            )
            % {"values": ", ".join(value[:20] for value in bad[:5]) + (" …" if len(bad) > 5 else "")}
        )
    choice.ids = list(dict.fromkeys(int(value) for value in raw if value not in bad))
    return choice


def choose_peers(kern: Kern, choice: PeerChoice) -> tuple[list[Kern], list]:
    """The peers of the choice and the core's regions (for the chooser)."""
    regios = list(profiling.regios_of(kern))
    if choice.group == "regio":
        regio = next((r for r in regios if r.slug == choice.regio_slug), regios[0] if regios else None)
        if regio is None:
            choice.problems.append(_("This core belongs to no region; the default group is shown."))
            choice.group = "standaard"
        else:
            choice.regio_slug = regio.slug
            choice.description = _("the cores of the region %(name)s") % {"name": regio.name}
            return profiling.peers_in_regio(kern, regio), regios
    if choice.group == "vergelijkbaar":
        peers, similar = profiling.peers_of_similar_municipalities(kern)
        names = ", ".join(item.row["name_nl"] for item in similar)
        choice.description = _("the cores of municipalities similar to %(gemeente)s (%(names)s)") % {
            "gemeente": kern.gemeente.name_nl,
            "names": names or "–",
        }
        return peers, regios
    if choice.group == "provincie":
        if kern.gemeente.province_id:
            choice.description = _("the cores of the province %(name)s") % {"name": kern.gemeente.province.name_nl}
            return profiling.peers_in_province(kern), regios
        choice.problems.append(_("The municipality of this core has no province; the default group is shown."))
        choice.group = "standaard"
    if choice.group == "keuze":
        peers, unknown = profiling.peers_by_ids(kern, choice.ids)
        if unknown:
            choice.problems.append(
                ngettext(
                    "%(n)s chosen core does not exist or has no figures and was left out.",
                    "%(n)s chosen cores do not exist or have no figures and were left out.",
                    len(unknown),
                )
                % {"n": len(unknown)}
            )
        choice.description = _("the cores you chose")
        return peers, regios
    choice.group = "standaard"
    choice.description = _("the default group: the other cores of its region, else of its province or country")
    return list(
        profiling.default_peers(kern).select_related("gemeente").order_by("name", "pk")[: profiling.MAX_PEERS]
    ), regios


def _row(comparison: profiles.IndicatorComparison, provenance: profiling.Provenance | None) -> dict:
    indicator = comparison.indicator
    source = provenance.source_of(indicator.code) if provenance else FiguresSource.OSM
    return {
        "code": indicator.code,
        "label": vocabulary.label(indicator),
        "definition": vocabulary.definition(indicator),
        "unit": vocabulary.unit(indicator),
        "value": number(comparison.value),
        "count": number(comparison.count, 0),
        "count_n": comparison.count,
        "median": number(comparison.peer_median),
        "percentile": number(comparison.percentile, 0),
        "percentile_raw": None if math.isnan(comparison.percentile) else comparison.percentile,
        "z": signed(comparison.z),
        "n_peers": comparison.n_peers,
        "reason": vocabulary.reason(comparison),
        "source": FiguresSource(source).label,
        "withheld": comparison.withheld,
    }


def _peer_values(comparison: profiles.IndicatorComparison, kernen: dict[str, Kern]) -> list[dict]:
    rows = sorted(comparison.peers, key=lambda item: -item[1])
    return [{"kern": kernen[key], "value": number(value)} for key, value in rows]


def _mean(values: list[float]) -> float | None:
    known = [v for v in values if v is not None and not math.isnan(v)]
    return sum(known) / len(known) if known else None


def _also_measured(user, kern: Kern, peers: list[Kern]) -> dict:
    """The "also measured" section: footfall against the peers that have it, and the public survey results."""
    found = analysis_extra.footfall(kern, peers)
    own = found.own
    footfall = None
    if own is not None:
        footfall = {
            "mean": number(own.mean_per_day, 0),
            "days": own.days,
            "date_from": own.date_from,
            "date_to": own.date_to,
            "points": own.points,
            "n_peers": found.n_peers,
            "compared": found.compared,
            "median": number(found.peer_median, 0),
            "percentile": number(found.percentile, 0),
            "peers": [(peer, number(item.mean_per_day, 0)) for peer, item in found.peers],
        }
    surveys = analysis_extra.public_surveys(user, kern)
    for summary in surveys.values():
        for row in summary.rows:
            row.mean_text = number(row.mean, 1)
    return {
        "footfall": footfall,
        "peers_with_footfall": found.n_peers,
        "min_peers_footfall": profiles.MIN_PEERS,
        "place_standard": surveys.get("beleving"),
        "validation": surveys.get("validatie"),
    }


def analysis(request, gemeente: str, kern: str):
    found = selectors.kern_by_slugs(gemeente, kern)
    try:
        params = request.GET
    except TooManyFieldsSent:  # more parameters than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS): say so
        params = None
    choice = parse_choice(params if params is not None else QueryDict(), found)
    if params is None:
        choice.problems.append(
            _("The address holds too many parameters; a peer group holds at most %(max)s cores. Choose fewer cores.")
            % {"max": profiling.MAX_PEERS}
        )
    peers, regios = choose_peers(found, choice)
    result = profiling.analyse(found, peers)
    context = {
        "kern": found,
        "choice": choice,
        "regios": regios,
        "groups": GROUPS,
        "max_peers": profiling.MAX_PEERS,
        "search_results": [k for k in profiling.search_cores(choice.query) if k.pk != found.pk] if choice.query else [],
        "chosen": peers if choice.group == "keuze" else [],
        "can_manage": permissions.can_manage_gemeente(request.user, found.gemeente),
        "trajectories": list(selectors.visible(request.user).filter(kern=found).order_by("-created_at")[:3]),
        **_also_measured(request.user, found, peers),
    }
    comparison = result.comparison
    if comparison is None:
        return render(request, "dna/analysis.html", {**context, "has_figures": False})
    key = str(found.pk)
    provenance = result.provenance.get(key)
    rows = {row.indicator.code: row for row in comparison.rows}
    dimensions = []
    for dimension in DIMENSIONS:
        members = [row for row in comparison.rows if row.indicator.dimension == dimension.code]
        label = vocabulary.dimension(dimension.code)
        mean = _mean([row.percentile for row in members])
        table = [_row(row, provenance) for row in members]
        dimensions.append(
            {
                "code": dimension.code,
                "label": label,
                "mean": mean,
                "mean_text": number(mean, 0),
                "rows": table,
                "chart": charts.percentile_bars(
                    [(row["label"], row["percentile_raw"]) for row in table],
                    title=_("%(dimension)s: percentile of %(kern)s among its peers")
                    % {"dimension": label, "kern": found.name},
                    desc=_("One bar per indicator, from 0 to 100; the dashed line is the peers' median (50)."),
                    unknown=_("unknown"),
                ),
            }
        )
    radar = charts.dimensions_radar(comparison, found.name)
    strengths = [
        {
            **_row(row, provenance),
            "dimension": vocabulary.dimension(row.indicator.dimension),
            "peers": _peer_values(row, result.kernen),
        }
        for row in comparison.strengths
    ]
    withheld = [
        {**_row(row, provenance), "dimension": vocabulary.dimension(row.indicator.dimension)}
        for row in comparison.withheld
    ]
    context.update(
        {
            "has_figures": True,
            "comparison": comparison,
            "peers": result.peers,
            "dimensions": dimensions,
            "radar": radar,
            "strengths": strengths,
            "withheld": withheld,
            "provenance": provenance,
            "population": number(found.population, 0) if found.population else "–",
            "area": number(result.table.area_km2[result.table.index[key]]),
            "min_count": profiles.MIN_COUNT,
            "min_peers": profiles.MIN_PEERS,
            "rows": rows,
        }
    )
    return render(request, "dna/analysis.html", context)
