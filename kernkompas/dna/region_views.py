"""The region view of the Kern-DNA: cores side by side (/dna/regio/<slug>/ for a ``places.Regio``, /dna/regio/ with
``?kern=…&kern=…`` for any chosen set). Public: the figures are public data; the warnings from building blocks show
only the DNAs the reader may see (:func:`kernkompas.dna.regions.visible_versions`)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kernkompas.dna import heatmap, regions
from kernkompas.places.models import Regio

MAX_QUERY = 100  # characters of the search box


def region(request, slug: str):
    regio = get_object_or_404(Regio, slug=slug)
    kernen = regions.region_kernen(regio)
    context = {"regio": regio, "chosen_pks": [k.pk for k in kernen]}
    if len(kernen) > regions.MAX_CORES:
        context["error"] = _("This region has more than %(max)s cores: choose the cores to compare yourself.") % {
            "max": regions.MAX_CORES
        }
        return render(request, "dna/region.html", context)
    context.update(_report_context(regions.complementarity_report(kernen, request.user)))
    return render(request, "dna/region.html", context)


def choose(request):
    """Compare any set of cores: the regions to start from, a search box to add cores, and the comparison."""
    query = request.GET.get("q", "").strip()
    pks, error = _chosen_pks(request.GET.getlist("kern"))
    if len(query) > MAX_QUERY:
        error = _("Search with at most %(max)s characters.") % {"max": MAX_QUERY}
    context = {"regios": list(Regio.objects.order_by("name")), "query": query[:MAX_QUERY], "picker": True}
    if error:
        context.update(error=error, chosen=[])
        return render(request, "dna/region.html", context, status=400)
    chosen = regions.chosen_kernen(pks)
    context["chosen"] = chosen
    context["chosen_pks"] = [k.pk for k in chosen]
    context["unknown"] = len(pks) - len(chosen)
    if query:
        context["results"], context["results_with_figures"] = regions.search_kernen(query, exclude=pks)
    if len(chosen) >= regions.MIN_CORES:
        context.update(_report_context(regions.complementarity_report(chosen, request.user)))
    return render(request, "dna/region.html", context)


def _chosen_pks(values: list[str]) -> tuple[list[int], str]:
    """The core ids of ``?kern=``, in order and without repeats; or an error for text that is no id or too many."""
    if len(values) > regions.MAX_CORES:
        return [], _("Choose at most %(max)s cores.") % {"max": regions.MAX_CORES}
    pks = []
    for value in values:
        value = value.strip()
        if not value.isdigit() or len(value) > 12:
            return [], _("“%(value)s” is not a core: choose the cores in the list.") % {"value": value[:20]}
        pks.append(int(value))
    return list(dict.fromkeys(pks)), ""


def _report_context(report: regions.RegionReport) -> dict:
    context = {"report": report}
    if report.similarity is not None:
        context["heatmap"] = heatmap.heatmap(
            report.labels,
            report.similarity,
            title=_("How alike the profiles of the cores are"),
            desc=_(
                "Heat map of the similarity of every two cores, from −1 (purple: opposite profiles) through 0 "
                "(white: unrelated) to 1 (orange: the same profile). The table below gives the same numbers."
            ),
            low_label=_("different"),
            high_label=_("alike"),
            fmt=lambda value: regions.number(value, 2),
        )
        context["table_rows"] = _table_rows(report)
    return context


def _table_rows(report: regions.RegionReport) -> SafeString:
    """The rows of the table alternative, built here rather than in the template: 300 cores are 90,000 cells, which
    a template loop with ``floatformat`` takes seconds to render. Labels escaped; numbers in the reader's format."""
    separator = formats.get_format("DECIMAL_SEPARATOR")
    rows = []
    for core, values in report.matrix_rows:
        cells = "".join(
            f'<td class="number">{f"{value:.2f}".replace("-", "−").replace(".", separator)}</td>' for value in values
        )
        rows.append(f'<tr><th scope="row">{escape(core.label)}</th>{cells}</tr>')
    return mark_safe("".join(rows))  # noqa: S308 — labels escaped, the rest numbers
