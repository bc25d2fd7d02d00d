"""What else is measured about a core, beside its indicator profile ("Ook gemeten" on the analysis page and
``footfall`` in the profile API): the Kernmonitor's footfall and the public results of the core's own surveys.

- **Footfall** comes through the parts registry (:func:`kernkompas.core.parts.core_footfall`; the Kern-DNA never
  imports the Kernmonitor): the mean passers-by per complete day over the most recent complete weeks, summed over the
  counting points of the core's public areas. Against the chosen peers that have footfall too: their median and the
  core's percentile (the same mean-rank percentile as the indicators), only with at least
  :data:`kernkompas.lib.dna.profiles.MIN_PEERS` of them. It is not per inhabitant, so it stays out of the profile.
- **Survey results**: the latest Place Standard survey (mean per theme, with its radar) and the latest DNA
  validation (mean recognition per building block) whose results the municipality made public, of a published
  trajectory of this core, open or closed. The same numbers for everyone; only the link to the full results page
  depends on who asks (the trajectory's editors).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.urls import reverse

from kernkompas.core import parts
from kernkompas.dna import selectors, survey_charts, survey_selectors
from kernkompas.dna.models import Survey, SurveyKind, SurveyStatus
from kernkompas.lib.dna import profiles, stats


@dataclass
class FootfallComparison:
    own: parts.CoreFootfall | None
    n_peers: int  # peers with footfall
    peer_median: float | None = None  # only with at least MIN_PEERS peers with footfall
    percentile: float | None = None
    peers: list[tuple] = field(default_factory=list)  # (kern, CoreFootfall), busiest first

    @property
    def compared(self) -> bool:
        return self.peer_median is not None


def footfall(kern, peers) -> FootfallComparison:
    """The core's footfall against those of its peers (one call of the registry for all of them)."""
    peers = [peer for peer in peers if peer.pk != kern.pk]
    found = parts.core_footfall([kern, *peers])
    own = found.get(kern.pk)
    with_footfall = sorted(
        ((peer, found[peer.pk]) for peer in peers if peer.pk in found), key=lambda item: -item[1].mean_per_day
    )
    result = FootfallComparison(own, len(with_footfall), peers=with_footfall)
    if own is not None and len(with_footfall) >= profiles.MIN_PEERS:
        values = [item.mean_per_day for _peer, item in with_footfall]
        result.peer_median = stats.median(values)
        result.percentile = stats.percentile_rank(own.mean_per_day, values)
    return result


@dataclass
class SurveyRow:
    label: str
    n: int
    mean: float | None
    mean_text: str = ""  # the mean as the page writes it


@dataclass
class PublicSurvey:
    survey: Survey
    rows: list[SurveyRow]
    respondents: int
    radar: str | None = None
    results_url: str = ""  # only for those who may see the results page


def _latest_public(kern, kind: str) -> Survey | None:
    return (
        Survey.objects.select_related("trajectory")
        .filter(
            trajectory__kern=kern,
            trajectory__is_published=True,
            results_public=True,
            kind=kind,
            status__in=(SurveyStatus.OPEN, SurveyStatus.GESLOTEN),
        )
        .order_by("-opened_at", "-pk")
        .first()
    )


def _summary(user, survey: Survey, item_type: str) -> PublicSurvey:
    found = survey_selectors.results(survey)
    items = [r for r in found.items if r.item.type == item_type]
    rows = [SurveyRow(r.item.label, r.overall.n, r.overall.mean) for r in items]
    radar = None
    if item_type == "theme" and len(items) >= 2:
        radar = survey_charts.place_standard_radar(
            [(r.item.label, r.overall.mean, r.item.low, r.item.high) for r in items]
        )
    url = ""
    if user is not None and selectors.can_edit(user, survey.trajectory):
        url = reverse("dna:survey_results", kwargs={"pk": survey.trajectory_id, "survey_pk": survey.pk})
    return PublicSurvey(survey, rows, found.respondents, radar, url)


def public_surveys(user, kern) -> dict[str, PublicSurvey]:
    """``{"beleving": …, "validatie": …}``: the latest survey of each kind with public results (left out when none)."""
    out = {}
    for kind, item_type in ((SurveyKind.BELEVING, "theme"), (SurveyKind.VALIDATIE, "block")):
        survey = _latest_public(kern, kind)
        if survey is not None:
            out[str(kind)] = _summary(user, survey, item_type)
    return out


def rounded(value: float | None, decimals: int = 6) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), decimals)
