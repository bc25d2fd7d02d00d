"""The public Vitrine API: only published cases, never personal data, documented, paged and filterable."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from kernkompas.core.models import SiteImage
from kernkompas.vitrine import search
from kernkompas.vitrine.models import Audience, CaseGalleryImage, CasePage, Theme, VitrineIndexPage

API = "/api/v1"
SECRET_EMAIL = "indiener-geheim@example.org"


@pytest.fixture
def index(db):
    return VitrineIndexPage.objects.get()


def make_case(index, title, *, live=True, themes=("samenwerking",), audiences=("lokale-besturen",), **fields):
    defaults = {
        "summary": f"{title}: wat er gebeurde.",
        "place_name": "Maasdijk, Markt",
        "country": "BE",
        "size_class": "25k-50k",
        "core_type": "stadskern",
        "concept": "<p>Het concept.</p>",
        "approach": "<p>De aanpak.</p>",
        "submitter_name": "Iemand Indiener",
        "submitter_email": SECRET_EMAIL,
    }
    defaults.update(fields)
    case = CasePage(title=title, slug=title.lower().replace(" ", "-"), live=False, **defaults)
    case.themes = list(Theme.objects.filter(slug__in=themes))
    case.audiences = list(Audience.objects.filter(slug__in=audiences))
    index.add_child(instance=case)
    if live:
        case.save_revision().publish()
    return CasePage.objects.get(pk=case.pk)


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


# --- Documentation ----------------------------------------------------------------------------------------------


def test_the_openapi_schema_lists_every_vitrine_endpoint(client, db):
    schema = get_json(client, f"{API}/openapi.json")

    assert schema["info"]["title"] == "Kernkompas API"
    for path in ("/vitrine/cases", "/vitrine/cases/{case_id}", "/vitrine/themes", "/vitrine/audiences"):
        assert f"/api/v1{path}" in schema["paths"]
        assert list(schema["paths"][f"/api/v1{path}"]) == ["get"], "the public API is read-only"


def test_the_schema_documents_the_case_fields(client, db):
    schema = get_json(client, f"{API}/openapi.json")

    detail = schema["components"]["schemas"]["CaseDetail"]["properties"]
    assert detail["summary"]["description"] == "One line: what was done, where."
    assert "concept" in detail and "municipalities" in detail and "video_url" in detail


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files_only(client, db):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in addresses
    assert "/static/ninja/swagger-ui.css" in addresses
    assert all(address.startswith("/static/ninja/") for address in addresses), addresses
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html, "no badge loaded from validator.swagger.io"
    assert '"url": "/api/v1/openapi.json"' in html


# --- Only what is public ----------------------------------------------------------------------------------------


def test_the_list_shows_published_cases_and_hides_drafts(client, index):
    make_case(index, "Leegstandsteam")
    make_case(index, "Geheim concept", live=False)

    data = get_json(client, f"{API}/vitrine/cases")

    assert [case["title"] for case in data["results"]] == ["Leegstandsteam"]
    assert data["count"] == 1


def test_a_draft_case_answers_404_with_a_reason(client, index):
    draft = make_case(index, "Geheim concept", live=False)

    data = get_json(client, f"{API}/vitrine/cases/{draft.pk}", status=404)

    assert str(draft.pk) in data["detail"]


def test_an_unpublished_case_disappears_from_the_api(client, index):
    case = make_case(index, "Eerst zichtbaar")
    get_json(client, f"{API}/vitrine/cases/{case.pk}")

    case.unpublish()

    get_json(client, f"{API}/vitrine/cases/{case.pk}", status=404)
    assert get_json(client, f"{API}/vitrine/cases")["count"] == 0


def test_a_case_behind_a_password_is_not_public(client, index):
    case = make_case(index, "Achter slot")
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.PASSWORD, password="x")

    get_json(client, f"{API}/vitrine/cases/{case.pk}", status=404)


def test_the_submitter_email_never_appears(client, index):
    case = make_case(index, "Leegstandsteam")

    answers = [
        client.get(f"{API}/vitrine/cases").content,
        client.get(f"{API}/vitrine/cases/{case.pk}").content,
        client.get(f"{API}/openapi.json").content,
    ]

    for content in answers:
        assert SECRET_EMAIL.encode() not in content
        assert b"Iemand Indiener" not in content
        assert b"submitter" not in content


# --- The full case ----------------------------------------------------------------------------------------------


def test_the_full_case_has_html_lists_vocabularies_municipalities_and_images(client, index, cast):
    photo = SiteImage.objects.create(title="Markt", alt_text="De markt met terrassen", file=get_test_image_file())
    related = make_case(index, "Buurman")
    case = make_case(
        index,
        "Leegstandsteam",
        size_class="10k-25k",
        core_type="dorpskern",
        cost_class="lt10k",
        hero_image=photo,
        results='<p>Zie <a href="https://example.org/verslag">het verslag</a>.</p>',
        dos="Begin klein\n\nBetrek eigenaars",
        partners="Gemeente\nUNIZO",
        video_url="https://www.youtube.com/watch?v=abc",
        key_figures=[("figure", {"value": "-40 %", "label": "leegstand"})],
        sources=[("source", {"title": "Verslag", "url": "https://example.org/verslag"})],
        themes=("samenwerking", "data"),
    )
    case.gemeenten.set([cast.maasdijk])
    case.related_cases.set([related])
    CaseGalleryImage.objects.create(page=case, image=photo, caption="Op marktdag", sort_order=0)
    case.save_revision().publish()

    data = get_json(client, f"{API}/vitrine/cases/{case.pk}")

    assert data["results"] == '<p>Zie <a href="https://example.org/verslag">het verslag</a>.</p>'
    assert data["dos"] == ["Begin klein", "Betrek eigenaars"]
    assert data["partners"] == ["Gemeente", "UNIZO"]
    assert data["key_figures"] == [{"value": "-40 %", "label": "leegstand"}]
    assert data["sources"] == [{"title": "Verslag", "url": "https://example.org/verslag"}]
    assert data["size_class"]["code"] == "10k-25k"
    assert data["cost_class"]["code"] == "lt10k"
    assert {t["slug"] for t in data["themes"]} == {"samenwerking", "data"}
    assert data["municipalities"] == [
        {"code": "99001", "name": "Maasdijk", "country": "BE", "url": "http://testserver/plaatsen/maasdijk/"}
    ]
    assert data["hero_image"]["alt"] == "De markt met terrassen"
    assert data["hero_image"]["thumbnail"]["url"].startswith("http://testserver/media/")
    assert (data["hero_image"]["thumbnail"]["width"], data["hero_image"]["thumbnail"]["height"]) == (480, 300)
    assert data["gallery"][0]["caption"] == "Op marktdag"
    assert data["video_url"] == "https://www.youtube.com/watch?v=abc"
    assert data["url"] == "http://testserver/vitrine/leegstandsteam/"
    assert data["related_cases"][0]["title"] == "Buurman"
    assert data["api_url"] == f"http://testserver/api/v1/vitrine/cases/{case.pk}"


def test_a_related_case_that_was_unpublished_is_left_out(client, index):
    related = make_case(index, "Buurman")
    case = make_case(index, "Leegstandsteam")
    case.related_cases.set([related])
    case.save_revision().publish()
    related.unpublish()

    data = get_json(client, f"{API}/vitrine/cases/{case.pk}")

    assert data["related_cases"] == []


# --- Filters and pages ------------------------------------------------------------------------------------------


def test_filters_narrow_the_list_and_repeat_as_or(client, index):
    make_case(index, "Klein dorp", size_class="lt10k", themes=("samenwerking",))
    make_case(index, "Middelgroot", size_class="10k-25k", themes=("samenwerking",))
    make_case(index, "Grote stad", size_class="gte100k", themes=("samenwerking",))
    make_case(index, "Ander thema", size_class="lt10k", themes=("mobiliteit",))

    one = get_json(client, f"{API}/vitrine/cases?size_class=lt10k&theme=samenwerking")
    two = get_json(client, f"{API}/vitrine/cases?size_class=lt10k&size_class=10k-25k&theme=samenwerking")

    assert [c["title"] for c in one["results"]] == ["Klein dorp"]
    assert sorted(c["title"] for c in two["results"]) == ["Klein dorp", "Middelgroot"]
    assert two["count"] == 2


def test_the_list_carries_facet_counts(client, index):
    make_case(index, "Klein dorp", size_class="lt10k")
    make_case(index, "Nog een dorp", size_class="lt10k")

    facets = get_json(client, f"{API}/vitrine/cases")["facets"]

    size_counts = {value["value"]: value["count"] for value in facets["size_class"]}
    assert size_counts["lt10k"] == 2


def test_pages_come_with_a_total_and_links_to_the_next_and_previous_page(client, index):
    for number in range(5):
        make_case(index, f"Voorbeeld {number}")

    first = get_json(client, f"{API}/vitrine/cases?limit=2&sort=newest")
    second = get_json(client, first["next"].replace("http://testserver", ""))
    last = get_json(client, second["next"].replace("http://testserver", ""))

    assert first["count"] == 5
    assert first["previous"] is None
    assert "offset=2" in first["next"] and "limit=2" in first["next"] and "sort=newest" in first["next"]
    assert "offset=0" in second["previous"]
    assert len(last["results"]) == 1 and last["next"] is None
    titles = [c["title"] for page in (first, second, last) for c in page["results"]]
    assert sorted(titles) == [f"Voorbeeld {n}" for n in range(5)], "every case once"


def test_an_offset_between_pages_still_gives_the_right_cases(client, index):
    for number in range(5):
        make_case(index, f"Voorbeeld {number}")
    everything = [c["id"] for c in get_json(client, f"{API}/vitrine/cases?limit=5&sort=newest")["results"]]

    window = get_json(client, f"{API}/vitrine/cases?limit=2&offset=1&sort=newest")

    assert [c["id"] for c in window["results"]] == everything[1:3]


def test_an_offset_past_the_end_gives_an_empty_page(client, index):
    make_case(index, "Voorbeeld")

    data = get_json(client, f"{API}/vitrine/cases?offset=12")

    assert data["results"] == [] and data["count"] == 1 and data["next"] is None


def test_more_than_100_cases_per_page_is_refused(client, db):
    data = get_json(client, f"{API}/vitrine/cases?limit=101", status=422)

    assert data["errors"][0]["loc"] == ["query", "limit"]
    assert data["problems"] == ["limit: mag hoogstens 100 zijn"]


def test_the_list_costs_the_same_number_of_queries_for_6_and_24_cases(client, index):
    photo = SiteImage.objects.create(title="Markt", alt_text="De markt", file=get_test_image_file())
    for number in range(24):
        make_case(index, f"Voorbeeld {number}", hero_image=photo, themes=("samenwerking", "data"))
    client.get(f"{API}/vitrine/cases?limit=24")  # renditions are made once, on the first request

    counts = {}
    for limit in (6, 24):
        with CaptureQueriesContext(connection) as queries:
            assert len(get_json(client, f"{API}/vitrine/cases?limit={limit}")["results"]) == limit
        counts[limit] = len(queries)

    assert counts[6] == counts[24]


def test_a_search_finds_a_case_by_a_word_of_its_text(client, index):
    make_case(index, "Leegstandsteam", concept="<p>Een team pakt lege winkelpanden aan.</p>")
    make_case(index, "Fietsstraat", concept="<p>Fietsers krijgen voorrang.</p>")
    search.rebuild_index()  # as publishing does; explicit so this test does not depend on the signal wiring

    data = get_json(client, f"{API}/vitrine/cases?q=Leegstandsteam")

    assert [c["title"] for c in data["results"]] == ["Leegstandsteam"]


# --- Vocabularies -----------------------------------------------------------------------------------------------


def test_themes_come_in_site_order_with_counts_of_published_cases_only(client, index):
    make_case(index, "Eén", themes=("samenwerking", "data"))
    make_case(index, "Twee", themes=("samenwerking",))
    make_case(index, "Draft", themes=("samenwerking",), live=False)

    themes = get_json(client, f"{API}/vitrine/themes")

    assert [t["slug"] for t in themes] == list(Theme.objects.order_by("order", "name").values_list("slug", flat=True))
    counts = {t["slug"]: t["case_count"] for t in themes}
    assert counts["samenwerking"] == 2 and counts["data"] == 1 and counts["mobiliteit"] == 0
    assert "description" in themes[0]


def test_audiences_come_with_counts_of_published_cases(client, index):
    make_case(index, "Eén", audiences=("ondernemers",))
    make_case(index, "Draft", audiences=("ondernemers",), live=False)

    audiences = get_json(client, f"{API}/vitrine/audiences")

    assert audiences[0]["slug"] == "lokale-besturen"
    assert {a["slug"]: a["case_count"] for a in audiences}["ondernemers"] == 1


def test_vocabulary_values_come_as_a_code_with_the_label_of_the_site(client, index):
    make_case(index, "Klein dorp", size_class="lt10k")

    response = client.get(f"{API}/vitrine/cases")

    assert response["Content-Type"].startswith("application/json")
    case = json.loads(response.content)["results"][0]
    assert case["size_class"]["code"] == "lt10k" and case["size_class"]["label"]
