"""The Kernmonitor's pages: overview, core and area dashboards, unit register, downloads, thresholds, visibility.

Views parse the request, ask :mod:`kernkompas.monitor.selectors` (which applies the municipality scope: an area
that is not public is a 404 for everyone outside its municipality) and hand the result to
:mod:`kernkompas.monitor.presentation`, which makes of it what a page shows: cards with their trend, GeoJSON for
the map, table rows, and inline SVG charts with table alternatives.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.accounts.models import Role
from kernkompas.core import parts
from kernkompas.core.pagecache import cache_for_visitors
from kernkompas.monitor import downloads, indicators, plan_targets, selectors
from kernkompas.monitor.actions.import_undo import undoable_import
from kernkompas.monitor.actions.thresholds import save_threshold
from kernkompas.monitor.actions.visibility import set_area_public
from kernkompas.monitor.forms import ThresholdForm
from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import Threshold
from kernkompas.monitor.presentation import dashboard_charts, panels, units
from kernkompas.monitor.presentation.formats import date_text
from kernkompas.monitor.presentation.thresholds import back_office_url, no_recipients_text, recipients_text
from kernkompas.monitor.presentation.undo import import_history
from kernkompas.places import selectors as place_selectors


@cache_for_visitors
def index(request):
    groups = selectors.overview(request.user)
    for group in groups:
        for kern in group["kernen"]:
            panels.add_vacancy_text(kern["rows"])
    return render(request, "monitor/index.html", {"groups": groups, "start": _how_to_begin(request.user, groups)})


@cache_for_visitors
def indicators_explained(request):
    """What each indicator means, and for those that a Vitrine theme is about, the cases on it."""
    rows = []
    for indicator in INDICATORS.values():
        cases = parts.find_cases(indicator.themes, limit=0) if indicator.themes else None
        rows.append({"indicator": indicator, "cases": cases})
    return render(request, "monitor/indicators.html", {"rows": rows})


def _how_to_begin(user, groups) -> dict | None:
    """For municipal staff whose municipality has no areas yet: where to make a core and an area (the overview
    showed only the demo and no hint)."""
    # Municipal staff only: facilitators and administrators do not make a municipality's cores and areas.
    own = permissions.roles_of(user).get(Role.GEMEENTE)
    if not own:
        return None
    if any(group["gemeente"].pk in own for group in groups):
        return None
    return {
        "add_kern_url": reverse("wagtailsnippets_places_kern:add"),
        "add_gebied_url": reverse("wagtailsnippets_places_gebied:add"),
        "kernen_url": reverse("wagtailsnippets_places_kern:list"),
    }


def _follow_renames(view):
    """An address with an old slug of a renamed municipality, core or area redirects (301) to the current one
    (places keeps the old slugs: places.selectors.find_kern / find_gebied). Looked up only when the address is
    not found, so a current address costs nothing more."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if request.method not in ("GET", "HEAD"):
                raise
            target = _renamed_address(request, kwargs)
            if target is None:
                raise
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    return wrapped


def _renamed_address(request, kwargs: dict) -> str | None:
    if "gebied" in kwargs:
        visible = selectors.visible_gebieden(request.user)
        found, renamed = place_selectors.find_gebied(kwargs["gemeente"], kwargs["kern"], kwargs["gebied"], visible)
        current = {"gemeente": found.kern.gemeente.slug, "kern": found.kern.slug, "gebied": found.slug} if found else {}
    else:
        found, renamed = place_selectors.find_kern(kwargs["gemeente"], kwargs["kern"])
        current = {"gemeente": found.gemeente.slug, "kern": found.slug} if found else {}
    if not (found and renamed):
        return None
    return reverse(request.resolver_match.view_name, kwargs={**kwargs, **current})


@cache_for_visitors
@_follow_renames
def kern_dashboard(request, gemeente, kern):
    found, gebieden = selectors.get_kern(request.user, gemeente, kern)
    can_manage = permissions.can_manage_gemeente(request.user, found.gemeente)
    data = selectors.kern_page(found, gebieden)
    panels.add_vacancy_text(data["areas"])
    # The core's totals include every area; outside the municipality they are shown only when all are public.
    all_public = all(g.is_public for g in found.gebieden.all())
    series = data["series"] if (can_manage or all_public) else []
    groups = selectors.functiongroups_for(found.gemeente_id)
    current = series[-1] if series else None
    previous = series[-2] if len(series) > 1 else None
    context = {
        "kern": found,
        "gemeente": found.gemeente,
        "can_manage": can_manage,
        "areas": data["areas"],
        "series": series,
        "totals_hidden": bool(data["series"]) and not series,
        "cards": panels.build_cards(current, previous, {}),
        "durations": panels.duration_card(current, previous),
        "current": current,
        "vacancy_chart": dashboard_charts.vacancy_chart(series),
        "mix_chart": dashboard_charts.mix_chart(series, groups),
        "map_json": units.rows_map_json(gebieden, data["rows"]),
        "unit_tbody": units.unit_table_body(data["rows"]),
        "rows": data["rows"],
        "groups": groups,
        "duration_choices": selectors.DURATIONS,
    }
    return render(request, "monitor/kern.html", context)


@cache_for_visitors
@_follow_renames
def area_dashboard(request, gemeente, kern, gebied):
    area = selectors.get_gebied(request.user, gemeente, kern, gebied)
    filters = selectors.UnitFilters.from_query(request.GET)
    page = selectors.area_page(area, request.user, filters, values=True)
    units.shown_lines(page, filters)
    cards = panels.build_cards(page.current, page.previous, page.comparison)
    panels.add_case_links(cards, page.current, page.comparison, area.kern.gemeente)
    context = {
        "gebied": area,
        "kern": area.kern,
        "gemeente": area.kern.gemeente,
        "page": page,
        "filters": filters,
        "can_manage": permissions.can_manage_gemeente(request.user, area.kern.gemeente),
        "can_publish": permissions.can_publish(request.user, area.kern.gemeente),
        "cards": cards,
        "durations": panels.duration_card(page.current, page.previous),
        "churn": panels.churn_card(page.current),
        "notices": panels.threshold_notices(page.crossings),
        "map_json": units.lines_map_json([area], page.shown),
        "unit_tbody": units.lines_table_body(page.shown),
        "vacancy_chart": dashboard_charts.vacancy_chart(page.series),
        "mix_chart": dashboard_charts.mix_chart(page.series, page.groups),
        "footfall": dashboard_charts.footfall_charts(page.footfall),
        "duration_choices": selectors.DURATIONS,
        "download_links": panels.download_links(area, filters),
        "count_date": date_text(page.count.date) if page.count else "",
        "plan_targets": plan_targets.target_rows(area, request.user),
    }
    if context["can_manage"]:
        context["undoable_import"] = undoable_import(area)
    return render(request, "monitor/gebied.html", context)


@_follow_renames
def register(request, gemeente, kern, gebied):
    """The unit register with owner contacts: staff of the municipality and administrators only."""
    area = selectors.get_gebied_for_staff(request.user, gemeente, kern, gebied)
    filters = selectors.UnitFilters.from_query(request.GET)
    page = selectors.area_page(area, request.user, filters, with_footfall=False)
    contacts = selectors.owner_contacts(page.shown)
    for row in page.shown:
        row.contacts = contacts.get(row.unit.pk, [])
    context = {
        "gebied": area,
        "kern": area.kern,
        "gemeente": area.kern.gemeente,
        "page": page,
        "filters": filters,
        "rows": page.shown,
        "unit_tbody": units.unit_table_body(page.shown, with_contacts=True),
        "duration_choices": selectors.DURATIONS,
        "count_date": date_text(page.count.date) if page.count else "",
        "imports": import_history(area),
        "undoable": undoable_import(area),
    }
    return render(request, "monitor/register.html", context)


@_follow_renames
def download(request, gemeente, kern, gebied, kind, fmt):
    area = selectors.get_gebied(request.user, gemeente, kern, gebied)
    if fmt not in downloads.KINDS.get(kind, ()):
        raise Http404
    filters = selectors.UnitFilters.from_query(request.GET)
    machine = request.GET.get(downloads.MACHINE_PARAMETER) == downloads.MACHINE_VALUE
    name = f"{area.kern.gemeente.slug}-{area.kern.slug}-{area.slug}-{kind}"
    if kind == "indicatoren":
        groups = selectors.functiongroups_for(area.kern.gemeente_id)
        columns, rows = downloads.indicator_table(list(indicators.series(area)), groups)
    else:
        page = selectors.area_page(area, request.user, filters, with_footfall=False)
        if page.count is None:
            raise Http404
        name += f"-{page.count.date.isoformat()}"
        if fmt == "geojson":
            return _file(downloads.units_geojson(page.shown, gebied=area), fmt, name)
        columns, rows = downloads.unit_table(page.shown)
    if fmt == "csv":
        return _file(downloads.as_csv(columns, rows, machine=machine), fmt, name)
    return _file(downloads.as_xlsx(columns, rows, sheet=kind, machine=machine), fmt, name)


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=downloads.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@_follow_renames
def thresholds(request, gemeente, kern, gebied):
    """The area's thresholds: staff of the municipality set them; crossings raise a notice and an e-mail."""
    area = selectors.get_gebied_for_staff(request.user, gemeente, kern, gebied)
    existing = list(
        Threshold.objects.filter(gebied=area).prefetch_related("recipients").order_by("indicator", "direction")
    )
    if request.method == "POST":
        form = ThresholdForm(request.POST, gebied=area)
        if form.is_valid():
            try:
                saved = save_threshold(area, by=request.user, **form.operation_kwargs())
            except ValidationError as error:
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                messages.success(request, _("The threshold was saved."))
                if not saved.recipients.exists():
                    messages.warning(request, no_recipients_text(saved))
                return redirect("monitor:thresholds", **panels.area_slugs(area))
    else:
        form = ThresholdForm(gebied=area)
    context = {
        "gebied": area,
        "kern": area.kern,
        "gemeente": area.kern.gemeente,
        "form": form,
        "rows": panels.threshold_rows(existing, form, selectors.open_crossings(area)),
    }
    for row in context["rows"]:
        row["recipients"] = recipients_text(row["threshold"])
        row["back_office_url"] = back_office_url(row["threshold"])
    context["without_recipients"] = sum(1 for row in context["rows"] if not row["recipients"])
    return render(request, "monitor/thresholds.html", context)


@_follow_renames
def visibility(request, gemeente, kern, gebied):
    """Make the dashboard public or private, in two steps: a page that says what becomes public (or stops being
    so), then the confirmed POST. A POST without the confirmation shows that page and changes nothing."""
    area = selectors.get_gebied_for_staff(request.user, gemeente, kern, gebied)
    if not permissions.can_publish(request.user, area.kern.gemeente):
        raise PermissionDenied  # a facilitator prepares the dashboard; the municipality publishes it
    data = request.POST if request.method == "POST" else request.GET
    make_public = data.get("is_public", "1" if not area.is_public else "0") == "1"
    if request.method != "POST" or data.get("confirm") != "1":
        context = {"gebied": area, "kern": area.kern, "gemeente": area.kern.gemeente, "make_public": make_public}
        return render(request, "monitor/visibility_confirm.html", context)
    if set_area_public(area, make_public, by=request.user):
        if make_public:
            messages.success(
                request,
                _("The dashboard of %(name)s is now public.") % {"name": area.name}
                + " "
                + _("Everyone can now see its figures, its map of units, its downloads and its figures in the API."),
            )
        else:
            messages.success(
                request, _("The dashboard of %(name)s is now only visible to your municipality.") % {"name": area.name}
            )
    else:
        messages.info(request, _("Nothing changed: the dashboard already was as you chose."))
    return redirect("monitor:gebied", **panels.area_slugs(area))
