"""The parts of Kernkompas and what each brings to the site, so that the site collects them instead of naming them.

A part is an app whose configuration (``apps.py``) is a :class:`PartConfig`. It says, as dotted paths, what it
brings: its pages (a URL module mounted under a prefix in both languages), its router in the public API, its
``sitemap.xml`` entries and its demo data. The site (:mod:`kernkompas.site`, :mod:`kernkompas.api`) asks this
registry; adding a part is adding it to ``INSTALLED_APPS``. Dotted paths, not objects, because a part's URLs and
API import its views and models, which may not be imported while the apps are still loading.

Back-office menus, personal data and search are registered the way their frameworks already ask: Wagtail hooks
(``wagtail_hooks.py``), :mod:`kernkompas.core.personal_data`, and each part's own signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.apps import AppConfig, apps
from django.urls import include, path
from django.utils.module_loading import import_string


class PartConfig(AppConfig):
    """An app configuration that tells the site what the part brings. Leave out what the part does not have."""

    #: Where the part's pages live, e.g. ``"vitrine/"``; its URL module is ``<app>.urls``.
    url_prefix: str | None = None
    #: The part's router in the public API, e.g. ``"kernkompas.vitrine.api.router"``, mounted at ``api_prefix``.
    api_router: str | None = None
    api_prefix: str | None = None
    #: A dict of ``sitemap.xml`` sections, e.g. ``"kernkompas.vitrine.sitemaps.SITEMAPS"``.
    sitemaps: str | None = None
    #: A function ``load(by) -> summary`` that puts the part's demo data in place (``kernkompas demo``); the summary
    #: has ``created`` and optionally ``updated`` (counters per model label). Parts load in ``demo_order``, after the
    #: demo region's places and people.
    demo_loader: str | None = None
    demo_order: int = 100
    #: Links about an area (places.Gebied) that the part offers, e.g. ``"kernkompas.monitor.links.area_links"``:
    #: a function ``(gebied, user) -> list[(label, url)]``; the back office shows them after saving an area.
    area_links: str | None = None

    # --- The municipality's workspace (issue 11) ---
    #: A function ``panels(request, gemeente) -> list[core.workspace.Panel]`` giving the part's panels on the
    #: workspace of a municipality (/werkplek/<gemeente>/), e.g. ``"kernkompas.monitor.workspace.panels"``. It is
    #: only called for someone who may manage that municipality; a panel may still leave out what a role may not do.
    workspace_panels: str | None = None
    # --- Links between the parts (see "Links between the parts" below) ---------------------------------------
    #: A function ``(request, place) -> list[Panel]``: what the part shows on a municipality's or core's page.
    place_panels: str | None = None
    #: A function ``(themes, size_class, limit) -> CaseLinks``: the Vitrine's cases on these themes.
    case_finder: str | None = None
    #: A function ``(themes) -> list[IndicatorLink]``: the indicators that measure these themes.
    theme_indicators: str | None = None
    #: A function ``(kernen) -> {kern_pk: {(group_code, branch_code): n}}``: the number of current units per
    #: function group and branch in the **public** areas of these cores (the Kernmonitor register), so that the
    #: Kern-DNA can count them without importing the Kernmonitor; a private register never shapes a public profile.
    core_unit_counts: str | None = None
    #: A function ``(kernen) -> {kern_pk: CoreFootfall}``: the mean passers-by per day over the most recent complete
    #: weeks, summed over the counting points of the **public** areas of these cores (the Kernmonitor's footfall), so
    #: that the Kern-DNA's analysis can show it without importing the Kernmonitor.
    core_footfall: str | None = None
    # --- The action plan's links (issue 13) ---
    #: A function ``() -> list[(code, label, unit, higher_is_better)]``: the indicators an action or a bottleneck of
    #: an action plan may be linked to (the Kernmonitor's catalogue), so that the plan offers them as choices.
    indicator_catalogue: str | None = None
    #: A function ``(gebied_ids, codes) -> {(gebied_id, code): (value, date, formatted)}``: the latest value of
    #: each of these indicators in each of these areas (pairs without a value are left out).
    indicator_values: str | None = None
    #: A function ``(limit) -> list[(page_id, title, url)]``: the live, public cases an action may name as its
    #: inspiration, newest first.
    case_choices: str | None = None
    #: A function ``(gebied) -> list[TargetLink]``: the targets of actions of action plans on indicators measured in
    #: this area, so that the Kernmonitor's dashboard shows progress against them without importing the plans.
    indicator_targets: str | None = None
    # --- What a Binnenstadslab shows its participants (issue 13) ---
    #: A function ``(places, include_private=False) -> {place_key(place): PlaceFigures}``: the current key figures
    #: of municipalities, cores or areas (vacancy, units, function mix, footfall), of their **public** areas unless
    #: the caller says the user may see the private ones; places without any figure are left out.
    place_figures: str | None = None
    #: A function ``(kernen) -> {kern_pk: DnaSummary}``: the **published** DNA of each core (tagline, blocks).
    place_dna: str | None = None
    #: A function ``(ids) -> list[CaseLink]``: the live, public cases among these page ids, in the order given.
    cases_by_ids: str | None = None
    #: A function ``(text, limit) -> list[CaseLink]``: live, public cases matching a search text.
    case_search: str | None = None
    # --- Stedelijk leren (issue 14): suggestions ---
    #: A function ``(gemeente, kern, gebied, include_unpublished) -> list[PlanSummary]``: the action plans of a
    #: municipality for one of its cores (the core's own plans, then the municipality's plans without a core), so
    #: that an intervision shows them as case material and its advice can be taken into one of them.
    place_plans: str | None = None
    #: A function ``(user, plan_id, kind, title, text, gemeente) -> url``: add a piece of advice to an action plan of
    #: ``gemeente`` as an action (``kind="actie"``) or a note (``"notitie"``), as ``user``; the url of what was added.
    #: Raises ``PermissionDenied`` when the plan is not ``gemeente``'s or the user may not change it.
    take_into_plan: str | None = None
    # --- Stedelijk leren (issue 14): digest ---
    #: A function ``(user, since, until, places) -> list[DigestSection]``: what is new for this member in the part
    #: in the window (since, until] (a section may keep its own windows, e.g. the Vitrine's saved searches), for
    #: the personal digest; ``places`` is the member's :class:`DigestPlaces`.
    digest_sections: str | None = None
    #: A function ``(user_ids) -> set[int]``: those of these members whose personal digest takes over the parts'
    #: own alert e-mails (the Vitrine's saved-search alerts then leave them to the digest).
    digest_takes_over: str | None = None
    # --- Stedelijk leren (issue 14): newsletter ---
    #: A function ``(since, limit) -> list[Publication]``: the live, public Vitrine cases first published at or
    #: after ``since`` (None: any time), newest first; what an editor may put into the quarterly newsletter.
    recent_cases: str | None = None
    #: A function ``(since, limit) -> list[Publication]``: the action plans made public at or after ``since``
    #: (None: any time) and still public, newest first.
    recent_plans: str | None = None


def all_parts() -> list[PartConfig]:
    """The installed parts, in the order of ``INSTALLED_APPS``."""
    return [config for config in apps.get_app_configs() if isinstance(config, PartConfig)]


def url_patterns() -> list:
    """Each part's pages under its prefix (the site puts them inside its language prefixes)."""
    return [path(part.url_prefix, include(f"{part.name}.urls")) for part in all_parts() if part.url_prefix is not None]


def api_routers() -> Iterator[tuple[str, Any]]:
    """``(prefix, router)`` of every part that has an API."""
    for part in all_parts():
        if part.api_router:
            yield part.api_prefix or f"/{part.label}", import_string(part.api_router)


def sitemaps() -> dict[str, Any]:
    """All sitemap sections of all parts, by section name."""
    sections: dict[str, Any] = {}
    for part in all_parts():
        if part.sitemaps:
            sections.update(import_string(part.sitemaps))
    return sections


def demo_loaders() -> list[tuple[PartConfig, Callable]]:
    """``(part, load)`` of every part with demo data, in the order they load."""
    with_demo = [part for part in all_parts() if part.demo_loader]
    return [(part, import_string(part.demo_loader)) for part in sorted(with_demo, key=lambda part: part.demo_order)]


# --- The municipality's workspace (issue 11) ---------------------------------------------------------------------


def workspace_panels(request, gemeente) -> list[Any]:
    """Every part's panels for the workspace of ``gemeente``, in the order of their ``order``."""
    panels = []
    for part in all_parts():
        if part.workspace_panels:
            panels.extend(import_string(part.workspace_panels)(request, gemeente))
    return sorted(panels, key=lambda panel: panel.order)


# --- Links between the parts --------------------------------------------------------------------------------------
# Places sit below the Kernmonitor and the Vitrine, and those two never import each other; yet a place page shows
# its dashboards and cases, a weak indicator leads to cases on its theme and a case names the indicators that
# measure it. Each part names a function here (a PartConfig attribute above) and the others ask the registry.


@dataclass(frozen=True)
class Panel:
    """A block on a place page: its template is rendered with ``panel`` (this object) in the context."""

    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    slug: str = ""  # the block's id on the page


@dataclass(frozen=True)
class CaseLink:
    title: str
    url: str


@dataclass(frozen=True)
class CaseLinks:
    """Cases on some themes for places of one size class: the first few, their number and the filtered list."""

    url: str  # the Vitrine's list with the same filters
    count: int
    cases: tuple[CaseLink, ...] = ()
    size_class: str = ""  # the size class the cases fit, "" when no case fits it and the themes alone were asked
    theme_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorLink:
    code: str
    label: str
    url: str
    description: str = ""


def place_panels(request, place) -> list[Panel]:
    """Every part's panels for a municipality or core page, in their order."""
    panels: list[Panel] = []
    for part in all_parts():
        if part.place_panels:
            panels += import_string(part.place_panels)(request, place)
    return sorted(panels, key=lambda panel: panel.order)


def find_cases(themes, size_class: str = "", limit: int = 3) -> CaseLinks | None:
    """Cases on these themes for places of this size class, from the part that has cases (None without one)."""
    for part in all_parts():
        if part.case_finder and themes:
            return import_string(part.case_finder)(list(themes), size_class, limit)
    return None


def theme_indicators(themes) -> list[IndicatorLink]:
    """The indicators that measure these themes, from every part that measures."""
    links: list[IndicatorLink] = []
    for part in all_parts():
        if part.theme_indicators and themes:
            links += import_string(part.theme_indicators)(list(themes))
    return links


class UnitCounts(dict):
    """``{(group code, branch code): n}`` of one core, with where they come from: ``measured_on`` (the date of the
    most recent count) and ``areas`` (the names of the public areas counted)."""

    def __init__(self, *args, measured_on=None, areas: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.measured_on = measured_on
        self.areas = tuple(areas)


def core_unit_counts(kernen) -> dict[int, UnitCounts]:
    """Per core (pk), the current units of its public areas per ``(group code, branch code)`` from the part that
    keeps a register (cores without any are left out; without such a part, nothing)."""
    kernen = list(kernen)
    if not kernen:
        return {}
    for part in all_parts():
        if part.core_unit_counts:
            return import_string(part.core_unit_counts)(kernen)
    return {}


@dataclass(frozen=True)
class CoreFootfall:
    """The footfall of one core: the mean passers-by per complete day (``mean_per_day``) over ``days`` complete
    days from ``date_from`` to ``date_to``, summed over the counting points named in ``points`` (of its public
    areas only). Not per inhabitant: passers-by are visitors as much as residents."""

    mean_per_day: float
    days: int
    date_from: Any  # datetime.date
    date_to: Any
    points: tuple[str, ...] = ()


def core_footfall(kernen) -> dict[int, CoreFootfall]:
    """Per core (pk), its footfall from the part that counts passers-by (cores without enough counts are left out;
    without such a part, nothing)."""
    kernen = list(kernen)
    if not kernen:
        return {}
    for part in all_parts():
        if part.core_footfall:
            return import_string(part.core_footfall)(kernen)
    return {}


# --- Links about one place, offered by the parts that show it (issue 11) ---------------------------------------


def area_links(gebied, user) -> list[tuple[str, str]]:
    """``(label, url)`` of what every part offers about an area that the user may open (its dashboard, its import
    wizard), in the order of ``INSTALLED_APPS``; places shows them without knowing the parts."""
    found: list[tuple[str, str]] = []
    for part in all_parts():
        if part.area_links:
            found.extend(import_string(part.area_links)(gebied, user))
    return found


# --- What an action plan links to (issue 13) ------------------------------------------------------------------


def indicator_catalogue() -> list[tuple[str, str, str, bool | None]]:
    """``(code, label, unit, higher_is_better)`` of every indicator a plan may link to, from the part that measures
    (empty without one)."""
    for part in all_parts():
        if part.indicator_catalogue:
            return list(import_string(part.indicator_catalogue)())
    return []


def indicator_values(gebied_ids, codes) -> dict[tuple[int, str], tuple[Any, Any, str]]:
    """``{(gebied_id, code): (value, date, formatted)}``: the latest value of each indicator in each area."""
    gebied_ids, codes = [pk for pk in set(gebied_ids) if pk], [code for code in set(codes) if code]
    if not gebied_ids or not codes:
        return {}
    for part in all_parts():
        if part.indicator_values:
            return import_string(part.indicator_values)(gebied_ids, codes)
    return {}


def case_choices(limit: int = 200) -> list[tuple[int, str, str]]:
    """``(page_id, title, url)`` of the live, public cases, from the part that has cases (empty without one)."""
    for part in all_parts():
        if part.case_choices:
            return list(import_string(part.case_choices)(limit))
    return []


@dataclass(frozen=True)
class TargetLink:
    """An action of an action plan with a target on an indicator measured in an area. ``is_public``: the plan is
    published (the dashboard shows the others only to staff of the plan's municipality)."""

    action_title: str
    plan_title: str
    indicator_code: str
    baseline: float | None
    target: float | None
    target_date: Any  # datetime.date | None
    status_label: str
    url: str
    is_public: bool


def indicator_targets(gebied) -> list[TargetLink]:
    """The targets of every part's actions on this area's indicators (public and not: the caller filters)."""
    found: list[TargetLink] = []
    for part in all_parts():
        if part.indicator_targets:
            found.extend(import_string(part.indicator_targets)(gebied))
    return found


# --- What a Binnenstadslab shows its participants (issue 13) ---------------------------------------------------


def place_key(place) -> str:
    """The key of a municipality, core or area in :func:`place_figures`'s answer, e.g. ``"kern:12"``."""
    return f"{place._meta.model_name}:{place.pk}"


@dataclass(frozen=True)
class Figure:
    """One key figure of a place: its label, its value as the pages write it (Dutch formatting), and its date."""

    label: str
    value: str
    date: Any = None  # datetime.date of the measurement, None when not dated


@dataclass(frozen=True)
class PlaceFigures:
    """The current key figures of one place and the dashboard that shows them (``url`` may be "")."""

    name: str
    figures: tuple[Figure, ...]
    url: str = ""
    date: Any = None  # the most recent date among the figures


def place_figures(places, *, include_private: bool = False) -> dict[str, PlaceFigures]:
    """The key figures of these places (municipalities, cores or areas) from the part that measures them, keyed by
    :func:`place_key`; only their public areas unless ``include_private`` (the caller checked the user may)."""
    places = [place for place in places if place is not None]
    if not places:
        return {}
    for part in all_parts():
        if part.place_figures:
            return import_string(part.place_figures)(places, include_private=include_private)
    return {}


@dataclass(frozen=True)
class DnaSummary:
    """The published DNA of a core: its tagline, the names of its building blocks and its public page."""

    tagline: str
    blocks: tuple[str, ...]
    url: str


def place_dna(kernen) -> dict[int, DnaSummary]:
    """Per core (pk), its published DNA from the part that keeps DNA (cores without one are left out)."""
    kernen = [kern for kern in kernen if kern is not None]
    if not kernen:
        return {}
    for part in all_parts():
        if part.place_dna:
            return import_string(part.place_dna)(kernen)
    return {}


def cases_by_ids(ids) -> list[CaseLink]:
    """The live, public cases among these ids, in the order given (others, and drafts, are left out)."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    for part in all_parts():
        if part.cases_by_ids:
            return import_string(part.cases_by_ids)(ids)
    return []


def search_cases(text: str, limit: int = 10) -> list[CaseLink]:
    """Live, public cases matching ``text`` from the part that has cases (nothing without one or without text)."""
    text = (text or "").strip()[:200]
    if not text:
        return []
    for part in all_parts():
        if part.case_search:
            return import_string(part.case_search)(text, limit)
    return []


# --- Stedelijk leren (issue 14): suggestions ---------------------------------------------------------------------

#: What an intervision shows of one plan at most: enough to understand it, not the whole plan.
PLAN_SUMMARY_ITEMS = 20


@dataclass(frozen=True)
class PlanSummary:
    """An action plan as case material: its title, the titles of its bottlenecks and actions (at most
    :data:`PLAN_SUMMARY_ITEMS` each), and its public page (``url`` is "" while the plan is not published)."""

    id: int
    title: str
    url: str
    bottlenecks: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    is_published: bool = False


def place_plans(gemeente, kern=None, gebied=None, *, include_unpublished: bool = False) -> list[PlanSummary]:
    """The action plans of ``gemeente`` for this core (or the core of ``gebied``) from the part that keeps plans;
    only published ones unless ``include_unpublished`` (the caller checked the municipality shares them)."""
    if gemeente is None:
        return []
    for part in all_parts():
        if part.place_plans:
            return list(import_string(part.place_plans)(gemeente, kern, gebied, include_unpublished))
    return []


class NoPlans(Exception):
    """No installed part keeps action plans."""


def take_into_plan(user, plan_id: int, kind: str, title: str, text: str, *, gemeente) -> str:
    """Add advice to action plan ``plan_id`` of ``gemeente`` as an action or a note; the url of what was added.
    ``PermissionDenied`` when the plan is not that municipality's or ``user`` may not change it; ``NoPlans``
    without a part that keeps plans."""
    for part in all_parts():
        if part.take_into_plan:
            return import_string(part.take_into_plan)(user, plan_id, kind, title, text, gemeente)
    raise NoPlans


# --- Stedelijk leren (issue 14): digest ---------------------------------------------------------------------------
# The personal digest (learning) collects what is new for a member from every part, and the parts' own alert
# e-mails leave a member with a digest to it, so nobody gets two e-mails for one event.


class DigestItem(NamedTuple):
    title: str
    url: str  # a path or an absolute address
    summary: str = ""


@dataclass(frozen=True)
class DigestPlaces:
    """The places a member follows in the digest (ids of municipalities and cores)."""

    gemeente_ids: frozenset[int] = frozenset()
    kern_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DigestSection:
    """One section of a digest. ``done(until)`` is called in the transaction that sends the digest, only when the
    section had items, so a section with windows of its own (saved searches) moves them with the sending."""

    title: str
    items: tuple[DigestItem, ...]
    done: Callable[[Any], None] | None = None
    order: int = 100
    slug: str = ""


def digest_sections(user, since, until, places: DigestPlaces) -> list[DigestSection]:
    """Every part's digest sections for this member and window, sections without items left out, in their order."""
    sections: list[DigestSection] = []
    for part in all_parts():
        if part.digest_sections:
            sections.extend(import_string(part.digest_sections)(user, since, until, places))
    return sorted((section for section in sections if section.items), key=lambda section: section.order)


def digest_takes_over(user_ids) -> set[int]:
    """Those of these members whose personal digest takes over the parts' alert e-mails (none without a digest)."""
    user_ids = {int(pk) for pk in user_ids}
    if not user_ids:
        return set()
    taken: set[int] = set()
    for part in all_parts():
        if part.digest_takes_over:
            taken |= set(import_string(part.digest_takes_over)(user_ids))
    return taken


# --- Stedelijk leren (issue 14): newsletter ---------------------------------------------------------------------


@dataclass(frozen=True)
class Publication:
    """Something a part has published that a newsletter may announce. ``key`` names it across the parts
    (``"case:12"``), so that an issue holds it once; ``url`` is a path on the site or an absolute address."""

    key: str
    title: str
    summary: str
    url: str
    published_at: Any  # an aware datetime


def _recent(attribute: str, since, limit: int) -> list[Publication]:
    for part in all_parts():
        if getattr(part, attribute):
            return list(import_string(getattr(part, attribute))(since, max(0, int(limit))))
    return []


def recent_cases(since=None, limit: int = 20) -> list[Publication]:
    """Live, public cases published since ``since`` (None: any time), newest first (empty without a Vitrine)."""
    return _recent("recent_cases", since, limit)


def recent_plans(since=None, limit: int = 20) -> list[Publication]:
    """Action plans made public since ``since`` (None: any time), newest first (empty without action plans)."""
    return _recent("recent_plans", since, limit)
