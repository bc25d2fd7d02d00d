"""The panels of a dashboard beside its map and charts: indicator cards, vacancy by duration, churn, the threshold
notices and the download links.

Whether a rise is an improvement comes from the indicator's definition (``INDICATORS``,
``higher_is_better``), so a card and the indicator never disagree.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kernkompas.core import parts
from kernkompas.monitor import downloads, selectors
from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import Threshold
from kernkompas.monitor.presentation.formats import date_text, fmt_difference, fmt_value, trend

# The indicator cards, in order: (code, label, kind).
CARDS = (
    ("units", gettext_lazy("Commercial units"), "count"),
    ("vacancy_rate", gettext_lazy("Vacancy (share of units)"), "share"),
    ("vacancy_rate_area", gettext_lazy("Vacancy (share of floor area)"), "share"),
    ("diversity", gettext_lazy("Diversity of the retail offer"), "index"),
    ("independent_share", gettext_lazy("Independent businesses"), "share"),
)
CHURN = (
    ("openings", gettext_lazy("openings")),
    ("closures", gettext_lazy("closures")),
    ("function_changes", gettext_lazy("changes of function")),
)
DOWNLOAD_FORMATS = {"csv": "CSV", "xlsx": "Excel", "geojson": "GeoJSON"}


def _higher_is_better(code: str) -> bool | None:
    """The indicator definition's better direction: True, False or None (neither, no judgement)."""
    meta = INDICATORS.get(code)
    return meta.higher_is_better if meta else None


def build_cards(current, previous, comparison: dict) -> list[dict]:
    """The indicator cards of ``current`` (``AreaIndicators`` or a core's), each with its trend since ``previous``
    and what similar areas and the region show."""
    if current is None:
        return []
    values, before = current.values or {}, (previous.values if previous else None) or {}
    since = date_text(previous.date) if previous else None
    cards = []
    for code, label, kind in CARDS:
        meta = INDICATORS.get(code)
        earlier = before.get(code) if previous else None
        cards.append(
            {
                "code": code,
                "label": label,
                "value": fmt_value(values.get(code), kind),
                "trend": trend(values.get(code), earlier, kind, meta.higher_is_better if meta else None, since),
                "compare": _comparison_for(code, kind, comparison),
                "description": getattr(meta, "description", "") if meta else "",
            }
        )
    return cards


def _comparison_for(code: str, kind: str, comparison: dict) -> list[dict]:
    """What similar areas and the region show for this indicator, as far as the indicators module gives it."""
    rows = []
    for key, label in (("similar", _("similar areas")), ("region", _("the region"))):
        part = comparison.get(key) or {}
        value = (part.get("medians") or {}).get(code)
        if value is None or not part.get("n"):
            continue
        if key == "region" and part.get("names"):
            label = ", ".join(part["names"])
        rows.append({"label": label, "value": fmt_value(value, kind), "n": part["n"]})
    return rows


# National orders of magnitude of vacancy by units (domain.md: Belgium about 10 % around 2020, the Netherlands about
# 7 % on 1 January 2020), used only when no comparable area can be read.
NATIONAL_VACANCY = {"BE": 0.10, "NL": 0.07}


def weak_against(code: str, value, comparison: dict, country: str = "") -> dict | None:
    """Whether an indicator's value is weak, and against what: worse than the median of similar areas (same kind of
    area, municipalities of the same size class), else than that of the region's areas, else (vacancy by units)
    than the national order of magnitude. None when it is not worse, or nothing can be compared.

    ``{"reference": value, "against": words, "n": areas or None}``.
    """
    meta = INDICATORS.get(code)
    if meta is None or meta.higher_is_better is None or value is None:
        return None
    for key, against in (("similar", _("similar areas")), ("region", _("the areas of the region"))):
        part = comparison.get(key) or {}
        reference = (part.get("medians") or {}).get(code)
        if reference is not None and part.get("n"):
            worse = value < reference if meta.higher_is_better else value > reference
            return {"reference": reference, "against": against, "n": part["n"]} if worse else None
    reference = NATIONAL_VACANCY.get(country) if code == "vacancy_rate" else None
    if reference is not None and value > reference:
        return {"reference": reference, "against": _("the national level around 2020"), "n": None}
    return None


def add_case_links(cards: list[dict], current, comparison: dict, gemeente) -> None:
    """Give each card whose indicator is weak (``weak_against``) and belongs to a Vitrine theme a ``weak`` entry:
    what it was compared with and the cases on that theme for municipalities of the same size class."""
    values = (current.values or {}) if current else {}
    country = gemeente.country.code if gemeente.country_id else ""
    found: dict[tuple[str, ...], parts.CaseLinks | None] = {}  # vacancy by units and by area share a theme
    for card in cards:
        meta = INDICATORS.get(card["code"])
        if meta is None or not meta.themes:
            continue
        weak = weak_against(card["code"], meta.value(values), comparison, country)
        if weak is None:
            continue
        if meta.themes not in found:
            found[meta.themes] = parts.find_cases(meta.themes, gemeente.size_class)
        cases = found[meta.themes]
        if cases is None:
            continue
        words = {"against": weak["against"], "value": fmt_value(weak["reference"], meta.unit)}
        if weak["n"]:
            reason = ngettext(
                "Weaker than %(against)s: median %(value)s (%(n)s area).",
                "Weaker than %(against)s: median %(value)s (%(n)s areas).",
                weak["n"],
            ) % {**words, "n": weak["n"]}
        else:
            reason = _("Weaker than %(against)s: about %(value)s.") % words
        card["weak"] = {"reason": reason, "cases": cases, "themes": ", ".join(cases.theme_names).lower()}


def duration_card(current, previous) -> dict | None:
    """Vacant units per duration class, each with its trend, and how many of them are "at least" that long."""
    if current is None:
        return None
    now = (current.values or {}).get("vacancy_duration") or {}
    before = ((previous.values or {}).get("vacancy_duration") or {}) if previous else {}
    since = date_text(previous.date) if previous else None
    rows = []
    for code, label in selectors.DURATIONS:
        better = _higher_is_better(f"{code}_vacancy")
        rows.append(
            {
                "code": code,
                "label": label,
                "value": now.get(code),
                "trend": trend(now.get(code), before.get(code) if previous else None, "count", better, since),
            }
        )
    return {"rows": rows, "lower_bound": now.get("lower_bound")}


def churn_card(current) -> dict | None:
    """Openings, closures and changes of function since the previous count; None at an area's first count."""
    churn = (current.values or {}).get("churn") if current else None
    if not churn or churn.get("previous_date") is None:
        return None
    since = churn.get("previous_date")
    if isinstance(since, str):
        since = date_text(date.fromisoformat(since))
    return {"since": since, "rows": [(label, churn.get(code)) for code, label in CHURN]}


def add_vacancy_text(rows) -> None:
    """Give each overview row (``selectors.OverviewRow``) its latest vacancy as the table writes it."""
    for row in rows:
        row.vacancy_text = fmt_value((row.latest.values or {}).get("vacancy_rate"), "share") if row.latest else ""


def threshold_notices(crossings) -> list[dict]:
    """The open threshold crossings in words: which indicator, which limit, since which count, the value then."""
    notices = []
    for crossing in crossings:
        threshold = crossing.threshold
        meta = INDICATORS.get(threshold.indicator)
        kind = meta.unit if meta else "count"
        values = {
            "limit": _limit_text(threshold, kind),
            "date": date_text(crossing.opened_count.date),
            "value": fmt_value(crossing.value, kind),
        }
        notices.append(
            {
                "label": str(meta.label).capitalize() if meta else threshold.indicator,
                "text": _("%(limit)s since the count of %(date)s (then %(value)s).") % values,
            }
        )
    return notices


def _limit_text(threshold: Threshold, kind: str) -> str:
    if threshold.direction == Threshold.Direction.RISING:
        return _("rose by more than %(value)s") % {"value": fmt_difference(threshold.value, kind).lstrip("+±")}
    if threshold.direction == Threshold.Direction.BELOW:
        return _("below %(value)s") % {"value": fmt_value(threshold.value, kind)}
    return _("above %(value)s") % {"value": fmt_value(threshold.value, kind)}


def threshold_rows(thresholds, form, crossings) -> list[dict]:
    """The area's thresholds as its page lists them: the indicator, the value as it is typed (``ThresholdForm``)
    and whether the area is over it now."""
    labels = form.indicator_labels()
    crossed = {c.threshold_id for c in crossings}
    return [
        {
            "threshold": t,
            "label": labels.get(t.indicator, t.indicator),
            "value": form.display_value(t),
            "crossed": t.pk in crossed,
        }
        for t in thresholds
    ]


def area_slugs(area) -> dict:
    """The three slugs of an area's addresses."""
    return {"gemeente": area.kern.gemeente.slug, "kern": area.kern.slug, "gebied": area.slug}


def download_links(area, filters: selectors.UnitFilters) -> list[dict]:
    """The area's downloads: its indicators at every count, and the units of this count with the filters. Each
    in CSV and Excel for people (named columns, Dutch number format in Dutch) and for software
    (``?kolommen=machine``: snake_case names, decimal points), the units also as GeoJSON."""
    slugs = area_slugs(area)
    links = []
    for kind, label in (
        ("indicatoren", _("Indicators for every count")),
        ("panden", _("Units of this count (with the filters)")),
    ):
        params = filters.params() if kind == "panden" else []
        formats, for_software = [], []
        for fmt in downloads.KINDS[kind]:
            url = reverse("monitor:download", kwargs={**slugs, "kind": kind, "fmt": fmt})
            formats.append((DOWNLOAD_FORMATS[fmt], url + _query(params)))
            if fmt != "geojson":
                machine = [*params, (downloads.MACHINE_PARAMETER, downloads.MACHINE_VALUE)]
                for_software.append((DOWNLOAD_FORMATS[fmt], url + _query(machine)))
        links.append({"label": label, "formats": formats, "for_software": for_software})
    return links


def _query(params: list[tuple[str, str]]) -> str:
    return "?" + urlencode(params) if params else ""
