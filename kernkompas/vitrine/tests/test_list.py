"""The Vitrine's list: search, facets with counts, sort, pages, and every filter state in the address."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, Site

from kernkompas.core.models import SiteImage
from kernkompas.vitrine import search as search_module
from kernkompas.vitrine import views
from kernkompas.vitrine.models import CasePage, Theme, VitrineIndexPage
from kernkompas.vitrine.selectors import DIMENSIONS, CaseQuery, find_cases, parse_query, vocabularies
from kernkompas.vitrine.templatetags.vitrine_tags import _address_key
from kernkompas.vitrine.tests.list_cases import ROWS, make_case, make_eight_cases, vitrine_index

LIST = "/en/vitrine/"


@pytest.fixture
def cases(db):
    return make_eight_cases()


def counts(results, facet: str) -> dict[str, int]:
    return {v.value: v.count for v in results.facets[facet].values if v.count}


def titles(results) -> list[str]:
    return [case.slug for case in results.page.object_list]


def search(querystring: str, **kwargs):
    return find_cases(parse_query(QueryDict(querystring)), **kwargs)


# --- Filters and counts -------------------------------------------------------------------------------------


def test_without_filters_it_lists_every_published_case_and_counts_each_value(cases):
    results = search("")
    assert results.total == 8
    assert counts(results, "theme") == {
        "samenwerking": 4,
        "mobiliteit": 2,
        "data": 2,
        "beleving-aantrekking": 2,
        "ruimtelijke-ordening": 1,
        "duurzaamheid": 1,
        "beleid-visie": 1,
    }
    assert counts(results, "country") == {"BE": 5, "NL": 3}
    assert counts(results, "size") == {"25k-50k": 5, "10k-25k": 2, "50k-100k": 1}
    assert counts(results, "audience") == {"lokale-besturen": 6, "ondernemers": 3, "vastgoed": 1}


def test_each_facet_counts_with_the_other_facets_applied_but_not_its_own(cases):
    results = search("theme=samenwerking&country=BE")
    assert sorted(titles(results)) == ["heist", "lommel", "tongeren"]
    # Themes: only country=BE applies (lommel, tongeren, mol, bree, heist).
    assert counts(results, "theme") == {
        "samenwerking": 3,
        "ruimtelijke-ordening": 1,
        "beleving-aantrekking": 2,
        "mobiliteit": 1,
        "duurzaamheid": 1,
        "beleid-visie": 1,
    }
    # Countries: only theme=samenwerking applies (lommel, tongeren, gemert, heist).
    assert counts(results, "country") == {"BE": 3, "NL": 1}
    # Other facets: both apply.
    assert counts(results, "core") == {"stadskern": 2, "binnenstad": 1}
    assert counts(results, "cost") == {"10k-50k": 2, "lt10k": 1}


def test_values_of_one_facet_are_alternatives_and_a_case_with_both_is_listed_once(cases):
    results = search("theme=mobiliteit&theme=data")
    assert sorted(titles(results)) == ["mol", "veenendaal", "zutphen"]
    assert results.total == 3


def test_unknown_values_sorts_and_pages_are_ignored(cases):
    query = parse_query(QueryDict("theme=bestaat-niet&theme=data&country=FR&sort=drop&page=abc&cost=gratis"))
    assert query == CaseQuery(themes=["data"], sort="newest", page=1)
    assert search("theme=bestaat-niet").total == 8


def test_a_page_past_the_end_shows_the_last_page(cases):
    results = search("page=99", per_page=3)
    assert results.page.number == 3
    assert titles(results) == ["tongeren", "lommel"]


def test_the_drafts_are_never_listed_nor_counted(cases):
    results = search("theme=samenwerking")
    assert "draft" not in titles(results)
    assert results.total == 4
    assert counts(results, "cost").get("lt10k") == 2  # tongeren and gemert, not the draft


def test_a_case_in_a_private_section_is_not_listed(cases):
    PageViewRestriction.objects.create(page=cases["mol"], restriction_type=PageViewRestriction.LOGIN)
    assert "mol" not in titles(search(""))


# --- Sorting and pages --------------------------------------------------------------------------------------


def test_newest_first_by_default_and_most_viewed_on_request(cases):
    assert titles(search("")) == [row[0] for row in reversed(ROWS)]
    assert titles(search("sort=views")) == [
        "tongeren",
        "zutphen",
        "heist",
        "veenendaal",
        "lommel",
        "bree",
        "mol",
        "gemert",
    ]


def test_a_search_is_sorted_by_relevance_with_the_best_match_first(cases, monkeypatch):
    ranked = [(cases["mol"].pk, 3.0), (cases["zutphen"].pk, 1.0), (cases["draft"].pk, 9.0)]
    monkeypatch.setattr(search_module, "cached_search_case_ids", lambda q: ranked)
    results = search("q=fiets")
    assert results.query.sort == "relevance"
    assert titles(results) == ["mol", "zutphen"]
    assert titles(search("q=fiets&sort=newest")) == ["zutphen", "mol"]


def test_relevance_without_a_search_falls_back_to_newest(cases):
    assert parse_query(QueryDict("sort=relevance")).sort == "newest"


def test_pages_of_results_link_to_each_other_keeping_the_filters(client, cases, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 3)
    html = client.get(LIST + "?country=BE&sort=views").content.decode()
    assert 'href="?country=BE&amp;sort=views&amp;page=2" rel="next"' in html
    html = client.get(LIST + "?country=BE&sort=views&page=2").content.decode()
    assert 'href="?country=BE&amp;sort=views" rel="prev"' in html
    assert 'aria-current="page">2</a>' in html


# --- The page -----------------------------------------------------------------------------------------------


def test_every_filter_state_round_trips_through_the_address(cases):
    query = CaseQuery(
        q="lege panden", themes=["data", "mobiliteit"], countries=["NL"], cost_classes=["lt10k"], sort="views", page=2
    )
    assert parse_query(QueryDict(query.urlencode())) == query


def test_the_form_shows_the_filter_state_and_counts_of_the_address(client, cases):
    html = client.get(LIST + "?theme=samenwerking&country=BE").content.decode()
    assert re.search(
        r'name="theme" value="samenwerking" checked>\s*<label[^>]*>Samenwerking <span class="facet-count">\(3', html
    )
    assert re.search(r'name="country" value="NL">\s*<label[^>]*>Netherlands <span class="facet-count">\(1', html)
    assert '<p class="result-count" role="status" aria-live="polite">3 cases</p>' in html
    # A chosen filter can be removed with one link that keeps the other.
    assert 'href="?country=BE" class="chip">Samenwerking' in html


def test_each_facet_is_a_fieldset_with_a_legend_and_labelled_boxes(client, cases):
    html = client.get(LIST).content.decode()
    assert html.count('<fieldset class="facet">') == 6
    assert html.count("<legend>") == 6
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)"', html)
    assert boxes and all(f'<label for="{box}">' in html for box in boxes)


def test_the_cards_show_title_place_summary_themes_and_link_to_the_case(client, cases):
    html = client.get(LIST).content.decode()
    assert '<a href="/en/vitrine/lommel/">Leegstand te lijf in Lommel</a>' in html
    assert "Lommel · Belgium" in html
    assert "Leegstand te lijf in Lommel: wat er gebeurde en wat het opleverde." in html
    assert '<a href="/en/vitrine/thema/ruimtelijke-ordening/">Ruimtelijke ordening</a>' in html
    assert "Geheim concept" not in html


def test_a_search_shows_the_matching_passage_highlighted(client, db):
    make_case(
        "veurne", "Winkelen in Veurne", ["samenwerking"], ["ondernemers"], "10k-25k", "stadskern", "BE", "lt10k",
        concept="<p>De stad pakte de <strong>leegstand</strong> aan met tijdelijke winkels.</p>",
    )  # fmt: skip
    html = client.get(LIST + "?q=leegstand").content.decode()
    assert "<mark>leegstand</mark>" in html
    assert '<p class="result-count" role="status" aria-live="polite">1 case for “leegstand”</p>' in html


def test_the_passage_keeps_the_break_between_paragraphs(client, db):
    make_case(
        "bree", "Een leegstandsmonitor in Bree", ["data"], ["lokale-besturen"], "10k-25k", "stadskern", "BE", "lt10k",
        concept="<p>Bree telt elk kwartaal de leegstand.</p><p>Passanten worden op zes punten geteld.</p>",
    )  # fmt: skip
    html = client.get(LIST + "?q=leegstand").content.decode()
    assert "<mark>leegstand</mark>. Passanten worden" in html


def test_a_script_in_a_case_title_is_shown_as_text(client, db):
    make_case("xss", '<script>alert("x")</script>', ["data"], ["ondernemers"], "lt10k", "dorpskern", "NL", "lt10k")
    html = client.get(LIST).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_list_offers_the_feed_of_its_own_filter_state(client, cases):
    html = client.get(LIST + "?theme=data&country=NL&sort=views&page=1").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New cases in the Vitrine (this selection)" '
        'href="/en/vitrine/feed/?theme=data&amp;country=NL">'
    ) in html


def test_the_main_menu_and_the_home_page_lead_to_the_vitrine(client, cases):
    html = client.get("/en/").content.decode()
    assert re.search(r'<nav class="main-nav".*<a href="/en/vitrine/"\s*>Vitrine</a>', html, re.S)
    assert '<h3><a href="/en/vitrine/">Vitrine</a></h3>' in html
    assert "8 published cases" in html
    assert 'aria-current="page">Vitrine</a>' in client.get(LIST).content.decode()


def test_the_dutch_list_lives_at_the_wagtail_address_too(client, cases):
    assert client.get("/vitrine/").status_code == 200
    assert client.get("/vitrine/?theme=data").context["results"].total == 2


def move_the_index_page_to(slug: str) -> VitrineIndexPage:
    """Away from /vitrine/, the Vitrine's own address: there only Wagtail's page serving reaches the page."""
    index = vitrine_index()
    index.slug = slug
    index.save_revision().publish()
    return index


def test_wagtail_serves_the_index_page_as_the_list_wherever_it_sits_in_the_page_tree(client, cases):
    move_the_index_page_to("etalage")
    response = client.get("/en/etalage/?theme=data")
    assert response.status_code == 200
    assert response.context["results"].total == 2
    assert 'id="vitrine-filters"' in response.content.decode()


def test_a_private_index_page_served_by_wagtail_still_asks_for_a_log_in_first(client, cases):
    index = move_the_index_page_to("etalage")
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/etalage/")
    assert response.status_code == 302
    assert "next=/en/etalage/" in response["Location"]


# --- Queries ------------------------------------------------------------------------------------------------


def add_illustrated_cases(n: int, start: int = 0):
    for i in range(start, start + n):
        image = SiteImage.objects.create(
            title=f"Foto {i}", alt_text=f"Marktplein {i} met terrassen", file=get_test_image_file()
        )
        row = (f"case-{i}", f"Voorbeeld {i}", ["data", "samenwerking"], ["ondernemers"], "lt10k", "dorpskern", "NL")
        make_case(*row, "lt10k", hero_image=image)


def queries_for(client, url: str) -> int:
    client.get(url)  # the first visit makes the image renditions; count the second
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_a_page_of_twelve_costs_as_many_queries_as_a_page_of_three(client, db, django_assert_max_num_queries):
    add_illustrated_cases(3)
    few = queries_for(client, LIST)
    add_illustrated_cases(9, start=3)
    many = queries_for(client, LIST)
    assert many == few
    html = client.get(LIST).content.decode()
    assert html.count('loading="lazy"') == 12
    assert 'alt="Marktplein 7 met terrassen"' in html
    assert "srcset=" in html
    with django_assert_max_num_queries(20):
        client.get(LIST + "?theme=data&country=NL&sort=views")


# --- A search counts in Python what the database counts without one ---------------------------------------


@pytest.mark.parametrize(
    "filters",
    ["", "theme=samenwerking", "theme=samenwerking&country=BE", "size=25k-50k&core=stadskern&audience=ondernemers",
     "theme=data&theme=mobiliteit&cost=50k-250k", "country=NL&size=10k-25k"],
)  # fmt: skip
def test_a_search_matching_every_case_gives_the_same_counts_and_cases_as_no_search(cases, filters):
    # Every case's approach speaks of "ondernemers": the search selects them all, so the counts computed from
    # the search's ids must equal the database's grouped counts over all published cases.
    assert search("q=ondernemers").total == 8
    found, plain = search(f"q=ondernemers&sort=newest&{filters}"), search(filters)
    assert found.total == plain.total
    assert titles(found) == titles(plain)
    for facet in plain.facets:
        assert counts(found, facet) == counts(plain, facet), facet


def test_a_search_sees_a_case_published_or_taken_offline_after_the_same_search_ran(cases):
    # Search results are cached under the index version: publishing, unpublishing and restricting must show.
    assert titles(search("q=fiets")) == ["mol"]
    new = make_case("tiel", "Fietsparkeren in Tiel", ["mobiliteit"], ["lokale-besturen"], "25k-50k", "stadskern",
                    "NL", "lt10k")  # fmt: skip
    again = search("q=fiets&country=NL")
    assert titles(again) == ["tiel"]
    assert counts(again, "country") == {"NL": 1, "BE": 1}
    new.unpublish()
    assert titles(search("q=fiets")) == ["mol"]
    PageViewRestriction.objects.create(page=cases["mol"], restriction_type=PageViewRestriction.LOGIN)
    restricted = search("q=fiets")
    assert titles(restricted) == [] and restricted.total == 0
    assert counts(restricted, "country") == {}


# --- Cards remembered between requests --------------------------------------------------------------------


def test_a_remembered_card_is_the_card_the_template_draws(client, db):
    add_illustrated_cases(1)
    client.get(LIST)  # makes the renditions and remembers the card
    html = client.get(LIST).content.decode()
    case = find_cases(parse_query(QueryDict("")), html_cards=True).page.object_list[0]
    request = RequestFactory().get(LIST)
    assert render_to_string("vitrine/includes/case_card.html", {"case": case, "request": request}) in html


def test_a_remembered_card_follows_the_case_its_themes_and_its_image(client, db):
    add_illustrated_cases(1)
    client.get(LIST)
    case = CasePage.objects.get(slug="case-0")
    new_path = case.url_path.replace("/case-0/", "/nieuw-adres/")
    CasePage.objects.filter(pk=case.pk).update(title="Een nieuwe titel", place_name="Elders", url_path=new_path)
    Theme.objects.filter(slug="data").update(name="Gegevens")
    SiteImage.objects.filter(pk=case.hero_image_id).update(alt_text="Een lege winkelstraat")
    html = client.get(LIST).content.decode()
    assert '<a href="/en/vitrine/nieuw-adres/">Een nieuwe titel</a>' in html and "Elders · Netherlands" in html
    assert '<a href="/en/vitrine/thema/data/">Gegevens</a>' in html
    assert 'alt="Een lege winkelstraat"' in html and "Marktplein 0 met terrassen" not in html


def test_a_card_depends_on_the_site_asked_for_only_when_there_are_several(db):
    assert Site.objects.count() == 1
    assert _address_key(RequestFactory().get(LIST))[-1] is None  # one site: the path alone, whatever the host
    root = Page.objects.get(depth=1)
    Site.objects.create(hostname="other.example.org", root_page=root.get_children().first(), is_default_site=False)
    default = Site.objects.get(is_default_site=True)
    assert _address_key(RequestFactory().get(LIST))[-1] == default.pk


@pytest.mark.parametrize(
    "querystring",
    ["", "q=lege+panden", "q=caf%C3%A9+%26+co&theme=data&theme=mobiliteit&country=NL&sort=views&page=3",
     "size=25k-50k&core=stadskern&audience=ondernemers&cost=lt10k&sort=newest", "q=x%3Dy&cost=lt10k&page=2"],
)  # fmt: skip
def test_the_facet_links_are_the_query_with_one_value_toggled(db, querystring):
    vocab = vocabularies()
    query = parse_query(QueryDict(querystring), vocab=vocab)
    for dimension in DIMENSIONS:
        values = [value for value, _label in vocab[dimension.attr]]
        expected = {value: query.toggled(dimension.attr, value).urlencode() for value in values}
        assert query.toggled_urls(dimension.attr, values) == expected


def test_a_facet_label_is_shown_as_text(client, cases):
    Theme.objects.filter(slug="data").update(name='Data & <b>"meten"</b>')
    html = client.get(LIST).content.decode()
    assert 'Data &amp; &lt;b&gt;&quot;meten&quot;&lt;/b&gt; <span class="facet-count">(2' in html
    assert '<input type="checkbox" id="f-theme-data" name="theme" value="data">' in html
    assert (
        '<input type="checkbox" id="f-theme-data" name="theme" value="data" checked>'
        in client.get(LIST + "?theme=data").content.decode()
    )
