"""Complementarity in a region: the cores of a ``places.Regio`` (or any chosen set) side by side, so that they
"versterken elkaar in plaats van elkaar te beconcurreren" (issue 12).

The numbers come from :func:`kernkompas.lib.dna.profiles.complementarity` on the cores' figures
(:func:`kernkompas.dna.profiling.profile_table`): a similarity matrix, per core its top strengths, what only it has
(unique), where it overlaps and with whom, and a warning when two cores have the same strong top strength. This
module adds what the lib cannot know:

- which cores a region holds (its own cores and every core of its municipalities);
- the cores without figures, listed as such (they get no strengths, and are left out of the matrix);
- **warnings from the DNA itself**: two cores whose building blocks rest on the same indicator. A core's DNA counts
  as the public sees it (the published version of a published trajectory) and, for someone who may edit that
  core's municipality (its staff and facilitators, administrators), also its newest draft. Scope is a security
  boundary: another municipality's draft never shows, not even as "someone overlaps with you";
- the words: a short text per core in the reader's language.

Reads only; every query is bounded by the number of cores (at most :data:`MAX_CORES`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.dna import vocabulary
from kernkompas.dna.models import CoreFigures, DnaVersion
from kernkompas.dna.profiling import profile_table
from kernkompas.lib.dna import profiles
from kernkompas.lib.dna.catalogue import BY_CODE
from kernkompas.lib.text import fold
from kernkompas.places.models import Kern, Regio

MIN_CORES = 2
MAX_CORES = 300
SEARCH_LIMIT = 30
SIMILAR_N = 3


# --- Which cores ----------------------------------------------------------------------------------------------------


def _kernen() -> QuerySet[Kern]:
    return Kern.objects.select_related("gemeente")


def region_kernen(regio: Regio) -> list[Kern]:
    """The cores of a region: those it names and every core of the municipalities it names."""
    found = _kernen().filter(Q(regios=regio) | Q(gemeente__regios=regio)).distinct()
    return list(found.order_by("gemeente__name_nl", "name", "pk")[: MAX_CORES + 1])


def chosen_kernen(pks: Sequence[int]) -> list[Kern]:
    """The cores with these ids that exist, in the order of their names (unknown ids drop out)."""
    return list(_kernen().filter(pk__in=pks).order_by("gemeente__name_nl", "name", "pk"))


def search_kernen(query: str, *, exclude: Iterable[int] = ()) -> tuple[list[Kern], set[int]]:
    """Cores whose name or municipality's name contains the query (accents and case do not matter), and which of
    them have figures."""
    folded = fold(query)
    if not folded:
        return [], set()
    found = (
        _kernen()
        .filter(Q(search_text__contains=folded) | Q(gemeente__search_text__contains=folded))
        .exclude(pk__in=list(exclude))
        .order_by("gemeente__name_nl", "name", "pk")[:SEARCH_LIMIT]
    )
    found = list(found)
    with_figures = set(
        CoreFigures.objects.filter(kern__in=[k.pk for k in found]).values_list("kern_id", flat=True).distinct()
    )
    return found, with_figures


# --- The report -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Strength:
    code: str
    label: str
    value: float
    unit: str
    count: int
    z: float
    percentile: float

    @property
    def rank_words(self) -> str:
        return percentile_words(self.percentile)


@dataclass(frozen=True)
class Overlap:
    code: str
    label: str
    kernen: tuple[Kern, ...]


@dataclass
class CoreReport:
    kern: Kern
    key: str
    label: str  # the name as the matrix shows it (with the municipality when two cores share a name)
    strengths: list[Strength] = field(default_factory=list)
    unique: list[Strength] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    similar: list[tuple[Kern, float]] = field(default_factory=list)
    analysis_url: str = ""

    @property
    def sentences(self) -> list[str]:
        return core_sentences(self)


@dataclass(frozen=True)
class NumberWarning:
    """The lib's OverlapWarning with the cores behind the keys."""

    code: str
    label: str
    kernen: tuple[tuple[Kern, float], ...]  # (core, z), strongest first


@dataclass(frozen=True)
class BlockUse:
    kern: Kern
    block: str
    version: int
    draft: bool


@dataclass(frozen=True)
class BlockWarning:
    """Two or more cores whose DNA (building blocks) rests on the same indicator."""

    code: str
    label: str
    uses: tuple[BlockUse, ...]


@dataclass
class RegionReport:
    kernen: list[Kern]  # every chosen core
    cores: list[CoreReport]  # the cores with figures, in the order of the matrix
    without_figures: list[Kern]
    similarity: np.ndarray | None  # None when fewer than two cores have figures
    warnings: list[NumberWarning]
    block_warnings: list[BlockWarning]

    @property
    def too_few_for_strengths(self) -> bool:
        """With fewer cores with figures than a strength needs peers (plus the core itself), none can have one."""
        return 0 < len(self.cores) <= profiles.MIN_PEERS

    @property
    def labels(self) -> list[str]:
        return [core.label for core in self.cores]

    @property
    def matrix_rows(self) -> list[tuple[CoreReport, list[float]]]:
        if self.similarity is None:
            return []
        return [(core, [float(v) for v in self.similarity[row]]) for row, core in enumerate(self.cores)]


def complementarity_report(kernen: Sequence[Kern], user) -> RegionReport:
    """The chosen cores side by side (see the module text); ``user`` decides which DNA drafts count."""
    table, by_key, _provenance = profile_table(kernen)
    keys = list(table.keys)
    labels = _labels([by_key[key] for key in keys])
    without = [kern for kern in kernen if str(kern.pk) not in by_key]
    block_warnings = dna_block_warnings(kernen, user)
    if len(keys) < MIN_CORES:
        cores = [CoreReport(by_key[k], k, labels[k], analysis_url=analysis_url(by_key[k])) for k in keys]
        return RegionReport(list(kernen), cores, without, None, [], block_warnings)
    region = profiles.complementarity(table)
    cores = [_core_report(table, region, by_key, key, labels[key]) for key in keys]
    warnings = [
        NumberWarning(w.code, vocabulary.label(w.code), tuple((by_key[k], z) for k, z in zip(w.keys, w.z, strict=True)))
        for w in region.warnings
    ]
    return RegionReport(list(kernen), cores, without, region.similarity, warnings, block_warnings)


def _labels(kernen: list[Kern]) -> dict[str, str]:
    names = defaultdict(int)
    for kern in kernen:
        names[kern.name] += 1
    return {
        str(kern.pk): kern.name if names[kern.name] == 1 else f"{kern.name} ({kern.gemeente.name_nl})"
        for kern in kernen
    }


def _core_report(table, region: profiles.Region, by_key, key: str, label: str) -> CoreReport:
    row = region.index[key]

    def strength(code: str) -> Strength:
        column = region.codes.index(code)
        return Strength(
            code,
            vocabulary.label(code),
            float(table.values[row, column]),
            vocabulary.unit(code),
            int(table.counts[row, column]),
            float(region.z[row, column]),
            float(region.percentile[row, column]),
        )

    report = CoreReport(by_key[key], key, label, analysis_url=analysis_url(by_key[key]))
    report.strengths = [strength(code) for code in region.top[key]]
    report.unique = [strength(code) for code in region.unique[key]]
    report.overlaps = [
        Overlap(code, vocabulary.label(code), tuple(by_key[k] for k in others))
        for code, others in region.overlaps(key).items()
    ]
    # "Most like" only where the profiles point the same way (cosine above 0).
    report.similar = [(by_key[k], value) for k, value in region.most_similar(key, SIMILAR_N) if value > 0]
    return report


def analysis_url(kern: Kern) -> str:
    """The core's DNA analysis page."""
    return reverse("dna:analysis", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug})


# --- Warnings from the building blocks --------------------------------------------------------------------------


def dna_block_warnings(kernen: Sequence[Kern], user) -> list[BlockWarning]:
    """Indicators that the DNA of two or more of the cores rests on, as ``user`` may see those DNAs."""
    uses: dict[str, dict[int, list[BlockUse]]] = defaultdict(dict)
    for version in visible_versions(kernen, user):
        kern = version.trajectory.kern
        for block in version.blocks.all():
            for code in dict.fromkeys(block.indicators or []):
                if not isinstance(code, str) or code not in BY_CODE:
                    continue  # a code the catalogue no longer has
                use = BlockUse(kern, block.name, version.number, not version.is_published)
                uses[code].setdefault(kern.pk, []).append(use)
    warnings = [
        BlockWarning(code, vocabulary.label(code), tuple(u for per_kern in by_kern.values() for u in per_kern))
        for code, by_kern in uses.items()
        if len(by_kern) >= 2
    ]
    return sorted(warnings, key=lambda w: (-len({u.kern.pk for u in w.uses}), fold(w.label)))


def visible_versions(kernen: Sequence[Kern], user) -> list[DnaVersion]:
    """Per core, the DNA the public sees (the published version of its newest published trajectory) and, when the
    user may edit the core's municipality, also its newest draft. Two queries whatever the number of cores."""
    staff = permissions.staff_gemeente_ids(user)  # None: an administrator, who sees every draft
    by_pk = {kern.pk: kern for kern in kernen}
    versions = (
        DnaVersion.objects.filter(trajectory__kern__in=list(by_pk))
        .select_related("trajectory")
        .prefetch_related("blocks")
        .order_by("-trajectory__created_at", "-trajectory_id", "-number")
    )
    public: dict[int, DnaVersion] = {}
    draft: dict[int, DnaVersion] = {}
    for version in versions:
        kern_pk = version.trajectory.kern_id
        version.trajectory.kern = by_pk[kern_pk]
        if version.is_published:
            if version.trajectory.is_published:
                public.setdefault(kern_pk, version)
        elif staff is None or by_pk[kern_pk].gemeente_id in staff:
            draft.setdefault(kern_pk, version)
    return [*public.values(), *draft.values()]


# --- Words ----------------------------------------------------------------------------------------------------------


def number(value: float, decimals: int = 1) -> str:
    """A number in the reader's language: 2,4 in Dutch, 2.4 in English; a real minus sign."""
    text = formats.number_format(round(value, decimals), decimals, use_l10n=True)
    return text.replace("-", "\u2212")


def percentile_words(percentile: float) -> str:
    if percentile >= 90:
        return _("among the best 10 %")
    if percentile >= 75:
        return _("among the best 25 %")
    if percentile >= 50:
        return _("in the upper half")
    return _("in the lower half")


def lower_first(label: str) -> str:
    """An indicator's label inside a sentence: "Winkels" → "winkels", but "OV-haltes" stays as it is."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def join(items: Sequence[str]) -> str:
    """'a, b and c' in the reader's language."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(list)s and %(last)s") % {"list": ", ".join(items[:-1]), "last": items[-1]}


def strength_words(strength: Strength) -> str:
    return _("%(label)s (z = %(z)s, %(rank)s)") % {
        "label": lower_first(strength.label),
        "z": number(strength.z),
        "rank": strength.rank_words,
    }


def core_sentences(core: CoreReport) -> list[str]:
    """The short text per core: its top strengths, what only it has, where it overlaps, whom it is most like."""
    name = core.kern.name
    sentences = []
    if core.strengths:
        sentences.append(
            _("%(name)s stands out for %(list)s.")
            % {"name": name, "list": join([strength_words(s) for s in core.strengths])}
        )
    else:
        sentences.append(
            _(
                "No figure of %(name)s stands out clearly against the other cores, or the counts are too small to "
                "say so."
            )
            % {"name": name}
        )
    if core.unique:
        sentences.append(
            _("Only %(name)s has %(list)s among its top strengths: that is what it adds to the region.")
            % {"name": name, "list": join([lower_first(s.label) for s in core.unique])}
        )
    for overlap in core.overlaps:
        sentences.append(
            _("It shares %(strength)s with %(others)s.")
            % {"strength": lower_first(overlap.label), "others": join([k.name for k in overlap.kernen])}
        )
    if core.similar:
        sentences.append(
            _("Its profile is most like that of %(list)s (similarity from −1 to 1).")
            % {"list": join([f"{kern.name} ({number(value, 2)})" for kern, value in core.similar])}
        )
    return sentences
