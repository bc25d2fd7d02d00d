"""The Atom feed of any filter state of the list, and the sitemap: only published cases, newest first."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest

from kernkompas.vitrine.models import CasePage
from kernkompas.vitrine.tests.list_cases import ROWS, make_case, make_eight_cases


@pytest.fixture
def cases(db):
    return make_eight_cases()


def feed(client, query: str = ""):
    response = client.get("/en/vitrine/feed/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_the_feed_lists_published_cases_newest_first(client, cases):
    parsed = feed(client)
    assert [e.link for e in parsed.entries] == [f"http://testserver/en/vitrine/{row[0]}/" for row in reversed(ROWS)]
    first = parsed.entries[0]
    assert first.title == "Een centrummanager voor Heist"
    assert first.summary == "Een centrummanager voor Heist: wat er gebeurde en wat het opleverde."
    assert {t.term for t in first.tags} == {"Beleid & visie", "Samenwerking"}
    assert "Geheim concept" not in str(parsed)


def test_the_feed_follows_the_filters_of_the_list(client, cases):
    parsed = feed(client, "?theme=mobiliteit&sort=views")
    assert [e.title for e in parsed.entries] == ["Slim parkeren in Zutphen", "Een fietsstraat door het centrum van Mol"]
    assert parsed.feed.link == "http://testserver/en/vitrine/?theme=mobiliteit"
    assert parsed.feed.title == "Vitrine: new cases matching your filters"


def test_the_feed_holds_the_twenty_newest(client, db):
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    for i in range(22):
        case = make_case(f"case-{i}", f"Voorbeeld {i}", ["data"], ["ondernemers"], "lt10k", "dorpskern", "NL", "")
        CasePage.objects.filter(pk=case.pk).update(first_published_at=start + dt.timedelta(days=i))
    titles = [e.title for e in feed(client).entries]
    assert len(titles) == 20
    assert titles[0] == "Voorbeeld 21" and titles[-1] == "Voorbeeld 2"


def test_the_sitemap_has_the_vitrine_its_published_cases_and_theme_pages(client, cases):
    xml = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    assert "http://testserver/vitrine/" in locations
    assert "http://testserver/en/vitrine/" in locations
    for row in ROWS:
        assert f"http://testserver/vitrine/{row[0]}/" in locations
    assert "http://testserver/vitrine/thema/samenwerking/" in locations
    assert "http://testserver/vitrine/thema/trends-ontwikkelingen/" not in locations  # no published case
    assert not any("draft" in loc for loc in locations)
    assert 'hreflang="en" href="http://testserver/en/vitrine/lommel/"' in xml
