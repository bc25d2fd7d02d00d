"""The Vitrine's public pages: the list with facets, theme pages, the feed and the print view of a case.

The case page itself is a Wagtail page (template vitrine/case_page.html); what it needs beyond the page's own
fields comes from the template tags in templatetags/vitrine_tags.py.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.pagecache import cache_for_visitors
from kernkompas.vitrine.feeds import CaseFeed
from kernkompas.vitrine.models import Theme, VitrineIndexPage
from kernkompas.vitrine.search import highlight
from kernkompas.vitrine.selectors import CaseQuery, find_cases, live_cases, parse_query, vocabularies

PER_PAGE = 12
SORT_LABELS = {
    "relevance": gettext_lazy("Best match"),
    "newest": gettext_lazy("Newest first"),
    "views": gettext_lazy("Most viewed"),
}


@cache_for_visitors
def index(request):
    """/vitrine/ by name (``vitrine:index``): the one Vitrine index page, served as Wagtail would."""
    page = VitrineIndexPage.objects.live().first()
    if page is None:
        raise Http404(_("The Vitrine has not been set up yet."))
    return case_list(request, page)


def case_list(request, page):
    vocab = vocabularies()
    query = parse_query(request.GET, vocab=vocab)
    results = find_cases(query, per_page=PER_PAGE, vocab=vocab, html_cards=True)
    if query.q:
        add_highlights(results.page.object_list, query.q)
    context = {
        "page": page,
        "self": page,
        "results": results,
        "query": query,
        "facets": list(results.facets.values()),
        "selected": [v for facet in results.facets.values() for v in facet.selected],
        "sorts": sort_options(query),
        "pages": page_links(query, results.page),
        "feed_url": feed_url(query),
    }
    return render(request, "vitrine/case_list.html", context)


@cache_for_visitors
def theme_detail(request, slug):
    """A theme with its description and its cases: the list's selector with only this theme chosen."""
    theme = get_object_or_404(Theme, slug=slug)
    vocab = vocabularies()
    asked = parse_query(request.GET, vocab=vocab)
    sort = "newest" if asked.sort == "relevance" else asked.sort
    query = CaseQuery(themes=[theme.slug], sort=sort, page=asked.page)
    results = find_cases(query, per_page=PER_PAGE, vocab=vocab, html_cards=True)
    context = {
        "theme": theme,
        "results": results,
        "query": query,
        "sorts": sort_options(query),
        "pages": page_links(query, results.page),
        "feed_url": feed_url(query),
        "list_url": reverse("vitrine:index") + "?" + query.filter_urlencode(),
    }
    return render(request, "vitrine/theme.html", context)


@cache_for_visitors
def case_print(request, slug):
    """A case on paper: no navigation, with a QR code back to the page."""
    case = get_object_or_404(live_cases().select_related("hero_image"), slug=slug)
    return render(request, "vitrine/case_print.html", {"page": case, "self": case})


@cache_for_visitors
def feed(request):
    return CaseFeed(parse_query(request.GET))(request)


def add_highlights(cases, q: str) -> None:
    """The passage of each result that matches the search, with the matching words marked.

    The rich texts go in as they are: ``highlight`` takes the HTML out (paragraphs keep their word break) and
    remembers the passage per text and query, so a card seen before costs a lookup.
    """
    for case in cases:
        case.highlight = highlight(" ".join([case.summary, case.concept, case.approach, case.results]), q)


def sort_options(query: CaseQuery) -> list[dict]:
    """The sort menu. The default order has the empty value, so a new search typed on a list sorted by "newest"
    (the default without words) gets the default with words: best match."""
    sorts = ["relevance", "newest", "views"] if query.q else ["newest", "views"]
    return [
        {"value": "" if s == query.default_sort else s, "label": SORT_LABELS[s], "selected": s == query.sort}
        for s in sorts
    ]


def page_links(query: CaseQuery, page) -> dict:
    def url(number):
        return "?" + query.urlencode(page=number)

    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        "next": url(page.next_page_number()) if page.has_next() else None,
        "numbers": [
            # The elided range holds "…" (a lazy string) between the numbers: a gap has no address.
            {
                "number": n,
                "url": url(n) if isinstance(n, int) else None,
                "current": n == page.number,
                "gap": not isinstance(n, int),
            }
            for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ],
    }


def feed_url(query: CaseQuery) -> str:
    encoded = query.filter_urlencode()
    return reverse("vitrine:feed") + (f"?{encoded}" if encoded else "")
