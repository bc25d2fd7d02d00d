"""A case page teaches: every structured field in a readable layout, a privacy-friendly video, related cases with
the reason they are shown, a view counter without cookies, theme pages and a print view."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file

from kernkompas.core.models import SiteImage
from kernkompas.vitrine import search
from kernkompas.vitrine.models import CaseGalleryImage, CasePage
from kernkompas.vitrine.tests.list_cases import make_case, make_eight_cases

FULL = {
    "summary": "Een leegstandsbeheerder bracht eigenaars en starters samen.",
    "place_name": "Lommel, Stationsstraat",
    "year_started": 2021,
    "cost_note": "€ 35.000, half gesubsidieerd",
    "duration": "8 maanden",
    "partners": "Unizo Lommel\nVastgoedkantoor De Kempen",
    "contact": "Dienst Economie, economie@lommel.example",
    "concept": "<p>Een <b>leegstandsbeheerder</b> als aanspreekpunt.</p>",
    "context": "<p>Een op vijf panden stond leeg.</p>",
    "approach": "<p>Eerst alle eigenaars bellen.</p>",
    "results": "<p>Twaalf panden weer in gebruik.</p>",
    "learnings": "<p>Eigenaars willen vooral zekerheid.</p>",
    "tips": "<p>Begin met de drie grootste eigenaars.</p>",
    "dos": "Bel eigenaars persoonlijk\nGeef starters een proefperiode",
    "donts": "Geen premies zonder voorwaarden",
    "key_figures": [("figure", {"value": "12", "label": "panden weer in gebruik"})],
    "sources": [("source", {"title": "Evaluatierapport 2023", "url": "https://example.org/rapport.pdf"})],
}


def full_case(title="Leegstand te lijf in Lommel", **extra):
    return make_case(
        "lommel-leegstand", title, ["samenwerking", "ruimtelijke-ordening"],
        ["lokale-besturen"], "25k-50k", "stadskern", "BE", "10k-50k", **{**FULL, **extra},
    )  # fmt: skip


def dutch_path(case) -> str:
    with translation.override("nl"):
        return case.url


def page_html(client, case, lang="/en") -> str:
    response = client.get(lang + dutch_path(case))
    assert response.status_code == 200
    return response.content.decode()


def test_every_part_of_the_case_is_shown_in_a_teaching_layout(client, db):
    html = page_html(client, full_case())
    for text in [
        '<h1 id="case-title">Leegstand te lijf in Lommel</h1>',
        "Een leegstandsbeheerder bracht eigenaars en starters samen.",
        "<dd>Lommel, Stationsstraat</dd>",
        "<dd>Belgium</dd>",
        "<dd>2021</dd>",
        "€ 35.000, half gesubsidieerd",
        "<dd>8 maanden</dd>",
        "<li>Vastgoedkantoor De Kempen</li>",
        "Een <b>leegstandsbeheerder</b> als aanspreekpunt.",
        "Een op vijf panden stond leeg.",
        "Eerst alle eigenaars bellen.",
        '<span class="figure">12</span> <span class="figure-label">panden weer in gebruik</span>',
        "Eigenaars willen vooral zekerheid.",
        "Begin met de drie grootste eigenaars.",
        '<a href="https://example.org/rapport.pdf">Evaluatierapport 2023</a>',
    ]:
        assert text in html, text
    dos = re.search(r'<div class="dos"><h3>Do</h3><ul>(.*?)</ul>', html).group(1)
    donts = re.search(r"<div class=\"donts\"><h3>Don't</h3><ul>(.*?)</ul>", html).group(1)
    assert dos == "<li>Bel eigenaars persoonlijk</li><li>Geef starters een proefperiode</li>"
    assert donts == "<li>Geen premies zonder voorwaarden</li>"
    assert '<a href="/en/vitrine/thema/samenwerking/">Samenwerking</a>' in html


def test_a_draft_case_is_not_found(client, db):
    draft = make_case(
        "concept", "Nog niet klaar", ["data"], ["ondernemers"], "lt10k", "dorpskern", "NL", "", live=False
    )
    assert client.get("/vitrine/concept/").status_code == 404
    assert client.get("/vitrine/concept/print/").status_code == 404
    assert draft.view_count == 0


def test_each_visit_counts_once_without_a_cookie(client, db):
    case = full_case()
    client.get(dutch_path(case))
    response = client.get(dutch_path(case))
    case.refresh_from_db()
    assert case.view_count == 2
    assert set(response.cookies) <= {"csrftoken"}  # the language switch's form; nothing that follows a visitor


def test_a_script_in_the_title_is_escaped_everywhere_even_in_the_structured_data(client, db):
    case = full_case(title='Lommel </script><script>alert("x")</script>')
    html = page_html(client, case)
    assert '<script>alert("x")</script>' not in html
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["headline"] == 'Lommel </script><script>alert("x")</script>'


def test_a_youtube_link_loads_nothing_from_youtube_until_play_is_pressed(client, db):
    html = page_html(client, full_case(video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0"' in html
    assert "Play video (loads YouTube)" in html
    for attribute in re.findall(r'\s(?:src|href|srcset|poster|action)="([^"]*)"', html):
        assert "youtube" not in attribute and "ytimg" not in attribute, attribute
    assert "<iframe" not in html


def test_a_vimeo_link_gets_the_same_facade(client, db):
    html = page_html(client, full_case(video_url="https://vimeo.com/76979871"))
    assert 'data-embed-src="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"' in html
    assert not any("vimeo" in a for a in re.findall(r'\s(?:src|href)="([^"]*)"', html))


def test_an_uploaded_video_plays_in_the_page_and_loads_only_when_asked(client, db):
    video = Document.objects.create(title="Film", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="film.mp4"))
    html = page_html(client, full_case(video_file=video))
    assert '<video controls preload="none"' in html
    assert f'<source src="{video.url}">' in html


def test_the_gallery_uses_lazy_responsive_images_with_alt_text(client, db):
    case = full_case()
    image = SiteImage.objects.create(title="Markt", alt_text="Marktplein met terrassen", file=get_test_image_file())
    CaseGalleryImage.objects.create(page=case, image=image, caption="De markt op zaterdag")
    case.save_revision().publish()
    html = page_html(client, CasePage.objects.get(pk=case.pk))
    figure = re.search(r'<ul class="gallery">(.*?)</ul>', html, re.S).group(1)
    assert 'loading="lazy"' in figure and "srcset=" in figure
    assert 'alt="Marktplein met terrassen"' in figure
    assert "<figcaption>De markt op zaterdag</figcaption>" in figure


# --- Related cases ------------------------------------------------------------------------------------------


def test_related_cases_show_the_editors_choice_first_then_shared_themes_with_the_reason(client, db):
    cases = make_eight_cases()
    lommel = cases["lommel"]
    lommel.related_cases = [cases["mol"]]
    lommel.save_revision().publish()
    html = page_html(client, CasePage.objects.get(pk=lommel.pk))
    related = html.split('id="related-title"')[1]
    slugs = re.findall(r'<a href="/en/vitrine/([a-z]+)/">', related)
    assert slugs[0] == "mol"
    assert set(slugs[1:4]) == {"tongeren", "gemert", "heist"}  # share "samenwerking"; the draft does not count
    assert "chosen by the editors" in related
    assert "same themes: Samenwerking" in related
    assert "draft" not in slugs


def test_related_cases_include_text_that_is_alike(client, db, monkeypatch):
    cases = make_eight_cases()
    monkeypatch.setattr(search, "similar_by_text", lambda page, limit=5: [(cases["veenendaal"].pk, 2.0)])
    html = page_html(client, cases["mol"])
    related = html.split('id="related-title"')[1]
    assert re.search(r"Passanten tellen in Veenendaal.*?<li>similar text</li>", related, re.S)
    assert re.search(r"Slim parkeren in Zutphen.*?<li>same themes: Mobiliteit</li>", related, re.S)


# --- Theme pages and print view -----------------------------------------------------------------------------


def test_a_theme_page_shows_its_description_and_only_its_published_cases(client, db):
    cases = make_eight_cases()
    html = client.get("/en/vitrine/thema/samenwerking/").content.decode()
    assert "Ondernemers, eigenaars, bewoners en gemeente die samen optrekken." in html
    assert "4 cases" in html
    for slug in ("lommel", "tongeren", "gemert", "heist"):
        assert f'href="/en/vitrine/{slug}/"' in html
    assert "Geheim concept" not in html and 'href="/en/vitrine/mol/"' not in html
    assert 'href="/en/vitrine/?theme=samenwerking"' in html
    assert 'href="/en/vitrine/feed/?theme=samenwerking"' in html
    assert cases


def test_an_unknown_theme_is_not_found(client, db):
    assert client.get("/vitrine/thema/bestaat-niet/").status_code == 404


def test_the_print_view_has_the_case_and_a_qr_code_but_no_navigation(client, db):
    case = full_case()
    html = client.get("/en/vitrine/lommel-leegstand/print/").content.decode()
    assert "Een op vijf panden stond leeg." in html
    assert '<svg class="qr-code" role="img"' in html
    assert "http://testserver/en/vitrine/lommel-leegstand/" in html
    assert 'class="main-nav"' not in html and "site-header" not in html
    assert dutch_path(case) == "/vitrine/lommel-leegstand/"


@pytest.mark.parametrize("slug", ["lommel-leegstand"])
def test_the_case_page_links_to_its_print_view(client, db, slug):
    html = page_html(client, full_case())
    assert f'href="/en/vitrine/{slug}/print/"' in html


def test_related_cases_follow_an_editors_choice_at_once_despite_the_cache(client, db):
    cases = make_eight_cases()
    lommel = cases["lommel"]
    before = page_html(client, CasePage.objects.get(pk=lommel.pk))  # ranks and caches the related cases
    assert "chosen by the editors" not in before.split('id="related-title"')[1]
    version = search.index_version()
    lommel.related_cases = [cases["mol"]]
    lommel.save_revision().publish()
    assert search.index_version() != version
    related = page_html(client, CasePage.objects.get(pk=lommel.pk)).split('id="related-title"')[1]
    assert re.findall(r'<a href="/en/vitrine/([a-z]+)/">', related)[0] == "mol"
    assert "chosen by the editors" in related
