"""A visitor uses the Vitrine in a real browser: search in Dutch, filter, open a case, share it, follow the feed,
and get examples "Voor jou" with the reasons. axe-core checks every page on the way."""

import feedparser
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def vitrine_demo(browser_db):
    from kernkompas.site.demo import load_demo_data

    return load_demo_data()


def test_a_visitor_searches_filters_opens_and_shares_a_case(page, vitrine_demo, dutch, assert_accessible):
    page.goto("/vitrine/")
    assert page.get_by_role("heading", level=1).inner_text() == dutch("Vitrine")
    assert_accessible(page, "the Vitrine list")

    # Dutch word forms: "leegstaande panden" finds cases about "leegstand" and "pand", with the passage marked.
    page.get_by_label(dutch("Search the cases")).fill("leegstaande panden")
    page.get_by_label(dutch("Search the cases")).press("Enter")
    page.wait_for_url("**/vitrine/?q=*")
    results = page.locator(".results .case-card")
    assert results.count() > 0
    assert page.locator(".case-card-highlight mark").count() > 0
    assert_accessible(page, "a search in the Vitrine")

    # A facet keeps the search and lands in the address, so the state can be shared.
    before = results.count()
    with page.expect_navigation():
        page.locator("#facets input[name=country]").first.check()  # the list updates when a box is ticked
    assert "country=" in page.url and "q=leegstaande" in page.url
    # A search keeps its default order: best match.
    assert page.locator("#vitrine-sort option:checked").inner_text() == dutch("Best match")
    assert 0 < page.locator(".results .case-card").count() <= before

    # The feed of exactly this selection parses as Atom with entries.
    feed_url = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    feed = feedparser.parse(page.request.get(feed_url).body())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and len(feed.entries) > 0

    # Open a case: its sharing metadata describes it, with an absolute image address.
    title = page.locator(".results .case-card-title a").first.inner_text()
    page.locator(".results .case-card-title a").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator('meta[property="og:title"]').get_attribute("content") == title
    assert page.locator('meta[property="og:url"]').get_attribute("content") == page.url
    assert page.locator('meta[property="og:image"]').get_attribute("content").startswith("http")
    assert page.locator('meta[name="twitter:card"]').get_attribute("content") == "summary_large_image"
    assert page.locator("svg").filter(has=page.locator("path")).count() > 0  # the QR code, drawn on the server
    assert_accessible(page, "a case page")


def test_a_visitor_picks_their_municipality_and_sees_examples_for_them_with_reasons(
    page, vitrine_demo, dutch, assert_accessible
):
    page.goto("/vitrine/voor-jou/")
    assert_accessible(page, "the 'Voor jou' form")
    page.locator("#id_gemeente").select_option(label="Maasdijk")
    page.get_by_role("button", name=dutch("Show examples for me")).click()
    page.wait_for_load_state()
    cards = page.locator(".for-you-card")
    assert cards.count() > 0
    reasons = page.locator(".for-you-reasons li").all_inner_texts()
    assert reasons, "every example says why it fits"
    assert any("25.000–50.000" in reason or "zoals de jouwe" in reason or "Maasdijk" in reason for reason in reasons)
    assert_accessible(page, "examples 'Voor jou'")

    # The choice lasts for the visit: the list page now starts with these examples.
    page.goto("/vitrine/")
    assert page.locator(".for-you-card").count() > 0
