"""Sharing a case: a clean permalink, OpenGraph and Twitter cards, plain share links without third-party scripts,
a copy-link that is a link, a QR code drawn on the server and schema.org structured data."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file

from kernkompas.core.models import SiteImage
from kernkompas.vitrine.tests.list_cases import make_case

PERMALINK = "http://testserver/en/vitrine/bree/"


@pytest.fixture
def case(db):
    image = SiteImage.objects.create(
        title="Markt", alt_text="Het groene marktplein van Bree", file=get_test_image_file()
    )
    return make_case(
        "bree", "Een groen marktplein in Bree", ["beleving-aantrekking", "duurzaamheid"], ["lokale-besturen"],
        "10k-25k", "stadskern", "BE", "gte250k", hero_image=image,
        summary="Bree verving parkeerplaatsen door bomen en terrassen.",
    )  # fmt: skip


@pytest.fixture
def html(client, case):
    return client.get("/en/vitrine/bree/").content.decode()


def meta(html: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert match, key
    return match.group(1)


def test_the_page_describes_itself_for_social_media(html):
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Een groen marktplein in Bree"
    assert meta(html, "og:description") == "Bree verving parkeerplaatsen door bomen en terrassen."
    assert meta(html, "og:url") == PERMALINK
    assert meta(html, "twitter:card") == "summary_large_image"
    assert re.fullmatch(r"http://testserver/media/images/.+\.fill-1200x630\.png", meta(html, "og:image"))
    assert meta(html, "og:image:alt") == "Het groene marktplein van Bree"
    assert f'<link rel="canonical" href="{PERMALINK}">' in html


def test_a_case_without_a_photo_gets_a_small_card(client, db):
    make_case("mol", "Fietsstraat", ["mobiliteit"], ["lokale-besturen"], "25k-50k", "stadskern", "BE", "")
    html = client.get("/vitrine/mol/").content.decode()
    assert meta(html, "twitter:card") == "summary"
    assert "og:image" not in html


def test_share_links_are_plain_links_with_the_permalink(html):
    links = dict(re.findall(r'<a href="([^"]+)" class="share-([a-z]+)"', html))
    by_name = {name: href.replace("&amp;", "&") for href, name in links.items()}
    assert set(by_name) == {"email", "linkedin", "whatsapp", "x", "bluesky"}
    assert by_name["email"].startswith("mailto:?subject=Een%20groen%20marktplein%20in%20Bree&body=")
    assert parse_qs(urlsplit(by_name["linkedin"]).query) == {"url": [PERMALINK]}
    assert by_name["linkedin"].startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert by_name["whatsapp"].startswith("https://wa.me/?text=")
    assert parse_qs(urlsplit(by_name["x"]).query)["url"] == [PERMALINK]
    assert by_name["x"].startswith("https://x.com/intent/post?")
    assert parse_qs(urlsplit(by_name["bluesky"]).query)["text"] == [f"Een groen marktplein in Bree {PERMALINK}"]
    assert by_name["bluesky"].startswith("https://bsky.app/intent/compose?")


def test_no_script_comes_from_another_site(html):
    for src in re.findall(r'<script[^>]* src="([^"]+)"', html):
        assert src.startswith("/static/"), src
    assert "<iframe" not in html


def test_the_copy_button_is_a_link_to_the_page_itself(html):
    assert f'<a href="{PERMALINK}" class="copy-link" data-copy-link data-copied="Link copied">Copy link</a>' in html


def test_a_qr_code_to_the_page_is_drawn_inline(html):
    svg = re.search(r'<svg class="qr-code" role="img".*?</svg>', html, re.S).group(0)
    assert "<title>QR code to this case</title>" in svg
    assert re.search(r'<path d="M\d', svg)


def test_structured_data_describes_the_case_as_an_article(html, case):
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Article"
    assert data["headline"] == "Een groen marktplein in Bree"
    assert data["description"] == "Bree verving parkeerplaatsen door bomen en terrassen."
    assert data["inLanguage"] == "nl"
    assert data["url"] == PERMALINK
    assert [t["name"] for t in data["about"]] == ["Duurzaamheid", "Beleving & aantrekking"]
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["datePublished"] == case.first_published_at.isoformat()
    assert data["dateModified"] == case.last_published_at.isoformat()


def test_the_dutch_permalink_has_no_language_prefix(client, case):
    with translation.override("nl"):
        html = client.get("/vitrine/bree/").content.decode()
    assert meta(html, "og:url") == "http://testserver/vitrine/bree/"
