"""The Kernkompas poster (A3 PDF) and share image (PNG): what they say, who may fetch which, and that no text,
however long or hostile, breaks them."""

from __future__ import annotations

import datetime
import io
import time

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from kernkompas.dna import poster, poster_views, share_image, vocabulary
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.models import BuildingBlock, CoreFigures, DnaVersion, FiguresSource
from kernkompas.lib import fonts
from kernkompas.places.models import Kern, KernKind

pytestmark = pytest.mark.django_db

A3_POINTS = (841.89, 1190.55)
TAGLINE = "Een kern met een hart van ambacht, waar iedereen elkaar op het plein ontmoet"
BLOCK_NAMES = [
    "Het dorpsplein als huiskamer",
    "Ambachtelijke winkels",
    "Fietsknooppunt",
    "Erfgoed",
    "Groen aan de Maas",
]
HOSTILE = '<b>Café & "Co"</b> <script>alert(1)</script> </para>'
PUBLIC_URL = "http://testserver/dna/maasdijk/centrum/"
PREVIEW_OK = {"gemeente", "begeleider", "beheerder"}


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def make_version(trajectory, *, number=1, published=False, tagline=TAGLINE, names=BLOCK_NAMES, **block_fields):
    version = DnaVersion.objects.create(
        trajectory=trajectory, number=number, tagline=tagline, is_published=published, frozen=published
    )
    for position, name in enumerate(names, start=1):
        fields = {
            "explanation": f"Waarom {name} bij de kern hoort: één verhaal, ’s zaterdags op de markt.",
            "indicators": ["cafes_bars", "daily_shops"] if position == 1 else ["heritage"],
            "quotes": "Hier ken je iedereen.\nTweede citaat",
            **block_fields,
        }
        BuildingBlock.objects.create(version=version, position=position, name=name, **fields)
    return version


@pytest.fixture
def trajectory(cast):
    return trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")


@pytest.fixture
def published(cast, trajectory):
    """Maasdijk-Centrum's DNA, public: a published trajectory with a published version (and a later draft)."""
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    version = make_version(trajectory, published=True)
    make_version(trajectory, number=2, tagline="Een nieuw ontwerp")
    return version


@pytest.fixture
def figures(cast):
    """Figures for Maasdijk-Centrum and six peers in Veldrode: many cafés in the centre, as many shops as most."""
    cast.centrum.population = 5000
    cast.centrum.save()
    measured = datetime.date(2026, 3, 1)
    CoreFigures.objects.create(
        kern=cast.centrum,
        source=FiguresSource.OSM,
        source_label="maasdijk.osm.pbf",
        measured_on=measured,
        counts={"cafes_bars": 40, "daily_shops": 10, "heritage": 3},
        area_km2=1.5,
    )
    for n in range(6):
        peer = Kern.objects.create(
            gemeente=cast.veldrode, code=f"99002_{n + 1}", name=f"Peer {n}", slug=f"peer-{n}", kind=KernKind.DEELKERN
        )
        peer.population = 4000 + 500 * n
        peer.save()
        CoreFigures.objects.create(
            kern=peer,
            source=FiguresSource.OSM,
            measured_on=measured,
            counts={"cafes_bars": 5 + n, "daily_shops": 8 + 2 * n, "heritage": 2},
            area_km2=1.0 + n / 10,
        )


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def assert_a3(reader: PdfReader) -> None:
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A3_POINTS


# --- What the poster says --------------------------------------------------------------------------------------------


def test_the_poster_is_one_a3_page_with_the_core_its_tagline_and_its_five_blocks(client, cast, published, figures):
    answer = client.get(reverse("dna:poster", kwargs={"gemeente": "maasdijk", "kern": "centrum"}))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    reader, text = pdf_text(answer.content)
    assert_a3(reader)
    assert "Maasdijk-Centrum" in text and "gemeente Maasdijk" in text
    assert TAGLINE in text
    for name in BLOCK_NAMES:
        assert name in text
    assert "’s zaterdags" in text and "één" in text  # é, ë and ’ come through
    assert "Hier ken je iedereen." in text and "Tweede citaat" not in text  # one quote per block
    assert "Een nieuw ontwerp" not in text  # the public sees the published version, not the draft after it
    assert "Ontwerp" not in text
    assert PUBLIC_URL in text.replace(" ", "")  # the address under the QR code (maybe broken after a slash)
    assert "OpenStreetMap-bijdragers" in text and "maasdijk.osm.pbf" in text
    assert "Kernkompas" in text and "Kerncijfers" in text and "Inwoners" in text


def test_the_evidence_says_how_the_core_compares_with_its_peers(cast, published, figures):
    content = poster.build_content(published, PUBLIC_URL)
    first = content.blocks[0]
    assert [item.label for item in first.evidence] == [vocabulary.label("cafes_bars"), vocabulary.label("daily_shops")]
    # 40 cafés for 5,000 inhabitants is 8 per 1,000, more than every peer (1.25 to 1.6 per 1,000).
    unit = vocabulary.unit("cafes_bars")
    assert (
        first.evidence[0].text.startswith(f"8,0 {unit}, hoger dan bij alle ")
        and "vergelijkbare kernen" in first.evidence[0].text
    )
    assert "lager dan bij 92%" in first.evidence[1].text  # below most peers: said so, not "higher than 8 %"
    assert content.n_peers == 6
    assert [bar.label for bar in content.bars] == [
        vocabulary.label(c) for c in ("cafes_bars", "daily_shops", "heritage")
    ]
    assert content.bars[0].percentile == 100
    assert ("Inwoners", "5.000") in content.key_numbers
    assert ("Vergeleken met", "6 kernen") in content.key_numbers


def test_a_figure_behind_too_few_features_is_shown_without_a_comparison(cast, published, figures):
    # Three heritage objects: fewer than the five the analysis needs before it compares.
    content = poster.build_content(published, PUBLIC_URL)
    heritage = content.blocks[1].evidence[0]
    assert "geen betrouwbare vergelijking" in heritage.text and "hoger dan" not in heritage.text
    heritage_bar = next(bar for bar in content.bars if bar.label == heritage.label)
    assert heritage_bar.percentile is None


def test_without_figures_the_poster_still_renders_and_says_so(client, cast, published):
    answer = client.get(reverse("dna:poster", kwargs={"gemeente": "maasdijk", "kern": "centrum"}))
    _reader, text = pdf_text(answer.content)
    assert "nog geen cijfers" in text.lower()
    assert "hoger dan" not in text


def test_with_too_few_peers_the_poster_says_why_it_does_not_compare(client, cast, published, figures):
    CoreFigures.objects.filter(kern__name__in=["Peer 0", "Peer 1", "Peer 2"]).delete()
    answer = client.get(reverse("dna:poster", kwargs={"gemeente": "maasdijk", "kern": "centrum"}))
    _reader, text = pdf_text(answer.content)
    assert "Nog geen betrouwbare vergelijking: daarvoor zijn minstens 5 vergelijkbare kernen" in text
    assert "hoger dan" not in text and "8,0" in text  # the values are there, the comparison is not


def test_the_qr_code_holds_the_address_of_the_public_page(cast, published, monkeypatch):
    request = RequestFactory().get("/")
    assert poster.page_url(request, cast.centrum) == PUBLIC_URL
    assert poster.qr_widget(PUBLIC_URL).value == PUBLIC_URL
    with translation.override("en"):
        assert poster.page_url(request, cast.centrum) == "http://testserver/en/dna/maasdijk/centrum/"
    seen = []
    original = poster.qr_widget
    monkeypatch.setattr(poster, "qr_widget", lambda url: seen.append(url) or original(url))
    poster.render_pdf(poster.build_content(published, poster.page_url(request, cast.centrum)))
    assert seen == [PUBLIC_URL]


def test_the_english_poster_is_in_english(client, cast, published, figures):
    answer = client.get("/en" + reverse("dna:poster", kwargs={"gemeente": "maasdijk", "kern": "centrum"}))
    _reader, text = pdf_text(answer.content)
    assert "higher than in all " in text
    assert "Key numbers" in text and "municipality of Maasdijk" in text
    assert "http://testserver/en/dna/maasdijk/centrum/" in text.replace(" ", "")


def test_a_draft_preview_says_it_is_a_draft(client, cast, published):
    draft = published.trajectory.versions.get(number=2)
    client.force_login(cast.ellen)
    answer = client.get(reverse("dna:version_poster", kwargs={"pk": draft.pk}))
    _reader, text = pdf_text(answer.content)
    assert "Een nieuw ontwerp" in text
    assert "Ontwerp, niet gepubliceerd (versie 2)" in text


# --- Who may fetch what ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["dna:poster", "dna:share_image"])
def test_the_public_files_exist_only_for_a_published_dna(client, cast, trajectory, name):
    url = reverse(name, kwargs={"gemeente": "maasdijk", "kern": "centrum"})
    make_version(trajectory, published=True)
    client.force_login(cast.ellen)  # even the municipality's own staff: the public address is for the public DNA
    assert client.get(url).status_code == 404  # the trajectory is not public
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    assert client.get(url).status_code == 200
    DnaVersion.objects.update(is_published=False)
    assert client.get(url).status_code == 404  # public trajectory, but no published version
    assert client.get(reverse(name, kwargs={"gemeente": "maasdijk", "kern": "nergens"})).status_code == 404
    assert client.get(reverse(name, kwargs={"gemeente": "veldrode", "kern": "centrum"})).status_code == 404


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_everyone_may_fetch_the_published_files_and_caches_may_keep_them(client, cast, published, who):
    login(client, cast.by_role()[who])
    for name, kind, file_name in (
        ("dna:poster", "application/pdf", "kernkompas-centrum.pdf"),
        ("dna:share_image", "image/png", "kernkompas-centrum.png"),
    ):
        answer = client.get(reverse(name, kwargs={"gemeente": "maasdijk", "kern": "centrum"}))
        assert answer.status_code == 200
        assert answer["Content-Type"] == kind
        assert answer["Content-Disposition"] == f'inline; filename="{file_name}"'
        assert (
            "public" in answer["Cache-Control"] and f"max-age={poster_views.PUBLIC_MAX_AGE}" in answer["Cache-Control"]
        )


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
@pytest.mark.parametrize("name", ["dna:version_poster", "dna:version_share_image"])
def test_only_the_municipality_and_its_facilitator_preview_a_version(client, cast, trajectory, who, name):
    draft = make_version(trajectory)
    login(client, cast.by_role()[who])
    answer = client.get(reverse(name, kwargs={"pk": draft.pk}))
    if who in PREVIEW_OK:
        assert answer.status_code == 200
        cache_control = answer["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control
        assert answer["X-Robots-Tag"] == "noindex"
        assert 'filename="kernkompas-centrum-v1.' in answer["Content-Disposition"]
    else:
        # Anonymous visitors, members, other municipalities and editors: the version does not exist for them.
        assert answer.status_code == 404
    assert client.get(reverse(name, kwargs={"pk": draft.pk + 1000})).status_code == 404


def test_a_published_version_of_another_municipality_is_no_preview_for_its_staff(client, cast, published):
    client.force_login(cast.sofie)
    assert client.get(reverse("dna:version_poster", kwargs={"pk": published.pk})).status_code == 404


@pytest.mark.parametrize("name", ["dna:poster", "dna:share_image"])
def test_the_files_only_answer_reading_requests(client, cast, published, name):
    url = reverse(name, kwargs={"gemeente": "maasdijk", "kern": "centrum"})
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_the_file_name_keeps_only_safe_characters(cast, published):
    published.trajectory.kern.slug = 'a"b;c/../é-d'
    assert poster_views.file_name(published, "pdf", preview=False) == "kernkompas-a-b-c-d.pdf"
    published.trajectory.kern.slug = "---"
    assert poster_views.file_name(published, "png", preview=True) == "kernkompas-kern-v1.png"


# --- Any text, any length --------------------------------------------------------------------------------------------


def maximal_content(**changes) -> poster.PosterContent:
    long_word = "Onafhankelijkheidsverklaringsondertekeningsceremonie" * 3
    text = ("Lorem ipsum dolor sit amet, één café’s " * 40) + long_word
    fields = dict(
        kern_name=(HOSTILE + "W" * 150)[:150],
        gemeente_name=("Gemeente " * 20)[:150],
        tagline=("Ŵ" * 60 + " " + long_word)[:160],
        blocks=tuple(
            poster.BlockContent(
                position,
                (HOSTILE + "N" * 80)[:80],
                text[:1000],
                (poster.Evidence(HOSTILE, text[:300]), poster.Evidence("Cafés en bars", text)),
                text[:400],
            )
            for position in range(1, 6)
        ),
        key_numbers=tuple((HOSTILE, text[:200]) for _ in range(30)),
        bars=tuple(poster.Bar(HOSTILE * 3, percentile) for percentile in (0, 12.5, 50, 99.9, 100, None, 150, -5)),
        n_peers=999,
        page_url="https://" + "a" * 200 + ".example.org/dna/" + "b" * 160 + "/" + "c" * 160 + "/",
        date_text="4 december 2026",
        sources=text,
        draft_note="Ontwerp, niet gepubliceerd (versie 12)",
    )
    return poster.PosterContent(**{**fields, **changes})


def test_maximal_and_hostile_texts_fit_and_print_literally(cast):
    started = time.monotonic()
    data = poster.render_pdf(maximal_content(), invariant=True, compress=False)
    assert time.monotonic() - started < 4  # about half a second; bounded even for the longest texts
    reader, text = pdf_text(data)
    assert_a3(reader)
    assert '<b>Café & "Co"</b> <script>' in text  # markup in a name prints as written
    assert "&amp;" not in text
    assert "…" in text  # the longest texts were cut to fit
    assert "Onafhankelijkheidsverklaring" in text


def test_a_maximal_version_from_the_database_renders(client, cast, trajectory):
    draft = make_version(
        trajectory,
        tagline=("Ŵ€„“ " + HOSTILE * 10)[:160],
        names=[(HOSTILE * 5)[:80]] * 5,
        explanation=("é" * 30 + " ") * 32,
        indicators=["cafes_bars", "onbekend", 7, {"x": 1}, "heritage"] * 100,
        quotes=("’t Is " + HOSTILE * 30 + "\n") * 5,
    )
    trajectory.kern.name = (HOSTILE * 10)[:150]
    trajectory.kern.save()
    client.force_login(cast.femke)
    pdf = client.get(reverse("dna:version_poster", kwargs={"pk": draft.pk}))
    png = client.get(reverse("dna:version_share_image", kwargs={"pk": draft.pk}))
    assert pdf.status_code == png.status_code == 200
    _reader, text = pdf_text(pdf.content)
    assert "<b>Café &" in text
    assert Image.open(io.BytesIO(png.content)).size == (1200, 630)


def test_the_indicators_of_a_block_may_be_anything_in_json(cast, trajectory):
    draft = make_version(trajectory, indicators={"not": "a list"})
    content = poster.build_content(draft, PUBLIC_URL)
    assert all(block.evidence == () for block in content.blocks)
    assert content.bars == ()


def test_fit_shrinks_then_cuts_a_text_to_its_box():
    fonts.registered()
    style = poster._style(12)
    short = poster.fit("Kort", style, 200, 40, min_size=7)
    assert short.style.fontSize == 12
    long = poster.fit("woord " * 500, style, 200, 40, min_size=7)
    assert long.height <= 40 and long.style.fontSize == 7
    assert "…" in long.text


def test_text_is_made_printable_on_one_line():
    assert fonts.printable("Café\n\t ’s  Hertogenbosch") == "Café ’s Hertogenbosch"
    assert fonts.printable("中心\ue000") == "??"  # a letter the font lacks shows as "?", a private symbol not at all


def test_the_bundled_fonts_suffice_on_a_machine_without_dejavu(cast, monkeypatch, tmp_path):
    # DejaVu's files are looked for in an empty folder: only the Vera fonts inside reportlab are left.
    monkeypatch.setattr(fonts, "FAMILIES", ((tmp_path, fonts.FAMILIES[0][1]), fonts.FAMILIES[-1]))
    assert fonts.find().regular == fonts.VERA / "Vera.ttf"
    for cached in (fonts.registered, fonts._covered, share_image._font):
        cached.cache_clear()
    try:
        assert fonts.printable("ĳ ő é ë ’") == "ij o é ë ’"  # Vera lacks ĳ and ő: their base letters
        data = poster.render_pdf(maximal_content(kern_name="Café ’t Hoekje — Ĳzendijke"))
        _reader, text = pdf_text(data)
        assert "Café ’t Hoekje — IJzendijke" in text
        assert Image.open(io.BytesIO(share_image.render_png(maximal_content()))).size == (1200, 630)
    finally:
        monkeypatch.undo()
        for cached in (fonts.registered, fonts._covered, share_image._font):
            cached.cache_clear()


# --- The share image -------------------------------------------------------------------------------------------------


def test_the_share_image_is_open_graph_sized(client, cast, published):
    answer = client.get(reverse("dna:share_image", kwargs={"gemeente": "maasdijk", "kern": "centrum"}))
    image = Image.open(io.BytesIO(answer.content))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_the_share_image_fits_the_longest_texts():
    font, lines = share_image.fit_lines("woord " * 200, bold=True, width=400, max_lines=3, sizes=(40, 30, 20))
    assert font.size == 20 and len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 400 for line in lines)
    font, lines = share_image.fit_lines("Fietsknooppunt", bold=True, width=200, max_lines=3, sizes=(40, 30, 20))
    assert lines == ["Fietsknooppunt"]  # smaller rather than a word broken in two
    image = Image.open(io.BytesIO(share_image.render_png(maximal_content())))
    assert image.size == (1200, 630)
