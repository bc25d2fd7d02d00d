"""The public Kernkompas page of a core (/dna/<gemeente>/<kern>/), the staff preview of a version, the API of the
published DNA, the demo DNA and the links to the page from the trajectory and the place pages."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kernkompas.dna import photos
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.actions import versions as version_actions
from kernkompas.dna.actions.versions import BlockData
from kernkompas.dna.demo import load_demo
from kernkompas.dna.models import CoreFigures, DnaVersion, FiguresSource, Idea
from kernkompas.places.models import Kern, KernKind

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("dna")</script><img src=x onerror=alert(1)>'
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
EDITORS = {"gemeente", "begeleider", "beheerder"}


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "private"


@pytest.fixture
def trajectory(cast):
    return trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")


def blocks(first_name="De Markt als huiskamer") -> list[BlockData]:
    names = [first_name, "Ambacht met een gezicht", "Erfgoed om in te wonen", "Groen tot in de kern", "Fietsdorp"]
    return [
        BlockData(
            name,
            f"Uitleg bij {name}",
            ("markets", "cafes_bars") if n == 0 else (),
            "Op donderdag zie je hier het hele dorp." if n == 0 else "",
        )
        for n, name in enumerate(names)
    ]


def publish_dna(cast, trajectory, *, trajectory_public=True, tagline="Het groene dorp met de markt als huiskamer"):
    version = version_actions.save_version(cast.ellen, trajectory, tagline=tagline, blocks=blocks())
    version_actions.add_idea(cast.ellen, version.blocks.get(position=1), title="Autoluw plein op zondag")
    version_actions.publish(cast.ellen, version)
    if trajectory_public:
        trajectory_actions.set_published(cast.ellen, trajectory, True)
    return version


def kompas_url(cast) -> str:
    return reverse("dna:kompas", kwargs={"gemeente": cast.maasdijk.slug, "kern": cast.centrum.slug})


def photo_upload() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 90)).save(out, "JPEG")
    return SimpleUploadedFile("markt.jpg", out.getvalue(), content_type="image/jpeg")


def with_figures(cast) -> None:
    """Maasdijk-Centrum with 12 market places for 5,000 inhabitants against six peers with fewer."""
    cast.centrum.population = 5000
    cast.centrum.save()
    measured = datetime.date(2026, 6, 1)
    counts = {"markets": 12, "cafes_bars": 30}
    CoreFigures.objects.create(
        kern=cast.centrum, source=FiguresSource.OSM, measured_on=measured, counts=counts, area_km2=2.5
    )
    for n in range(1, 7):
        peer = Kern.objects.create(
            gemeente=cast.veldrode, code=f"99002_p{n}", name=f"Peer {n}", slug=f"peer-{n}", kind=KernKind.DEELKERN
        )
        peer.population = 5000
        peer.save()
        CoreFigures.objects.create(
            kern=peer,
            source=FiguresSource.OSM,
            measured_on=measured,
            counts={"markets": n, "cafes_bars": 20 + 4 * n},
            area_km2=2.0,
        )


# --- Who sees the page ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_everyone_reads_a_published_dna_of_a_published_trajectory(client, cast, trajectory, who):
    publish_dna(cast, trajectory)
    user = cast.by_role()[who]
    if user:
        client.force_login(user)
    page = client.get(kompas_url(cast))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Het groene dorp met de markt als huiskamer" in text
    for block in blocks():
        assert block.name in text
    assert "Autoluw plein op zondag" in text and "Op donderdag zie je hier het hele dorp." in text
    assert "Niet openbaar" not in text


@pytest.mark.parametrize("who", ROLES)
def test_nobody_reads_the_page_before_both_the_version_and_the_trajectory_are_published(client, cast, trajectory, who):
    user = cast.by_role()[who]
    if user:
        client.force_login(user)
    url = kompas_url(cast)
    assert client.get(url).status_code == 404  # no version at all
    version = version_actions.save_version(cast.ellen, trajectory, tagline="Nog geheim", blocks=blocks())
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    assert client.get(url).status_code == 404  # a public trajectory with a draft only
    version_actions.publish(cast.ellen, version)
    trajectory_actions.set_published(cast.ellen, trajectory, False)
    assert client.get(url).status_code == 404  # a published version of a private trajectory
    preview = client.get(reverse("dna:version", kwargs={"vpk": version.pk}))
    if who in EDITORS:
        assert preview.status_code == 200
        text = preview.content.decode()
        assert "Niet openbaar" in text and "Nog geheim" in text and 'name="robots" content="noindex"' in text
    else:
        assert preview.status_code == 404


def test_an_unknown_core_is_404_and_the_older_paths_still_win(client, cast, trajectory):
    assert client.get("/dna/maasdijk/bestaat-niet/").status_code == 404
    assert client.get("/dna/bestaat-niet/centrum/").status_code == 404
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    assert client.get(reverse("dna:trajectory", kwargs={"pk": trajectory.pk})).status_code == 200
    assert client.get(f"/dna/traject/{trajectory.pk}/").resolver_match.url_name == "trajectory"
    assert client.get("/dna/start/").status_code == 302  # the start form (log in first), not a core called "start"


def test_the_preview_of_the_public_version_goes_to_the_public_page(client, cast, trajectory):
    version = publish_dna(cast, trajectory)
    answer = client.get(reverse("dna:version", kwargs={"vpk": version.pk}))
    assert answer.status_code == 302 and answer["Location"] == kompas_url(cast)


def test_an_older_version_is_a_preview_for_editors_and_404_for_others(client, cast, trajectory):
    v1 = publish_dna(cast, trajectory, tagline="Eerste slogan")
    v2 = version_actions.save_version(cast.ellen, trajectory, tagline="Tweede slogan", blocks=blocks("Nieuwe markt"))
    version_actions.publish(cast.ellen, v2)
    assert "Tweede slogan" in client.get(kompas_url(cast)).content.decode()
    assert client.get(reverse("dna:version", kwargs={"vpk": v1.pk})).status_code == 404
    client.force_login(cast.femke)
    old = client.get(reverse("dna:version", kwargs={"vpk": v1.pk})).content.decode()
    assert "Eerste slogan" in old and "Niet openbaar" in old and "eerdere versie" in old


# --- What the page shows --------------------------------------------------------------------------------------


def test_the_evidence_shows_value_unit_peer_median_and_percentile_in_words(client, cast, trajectory):
    with_figures(cast)
    publish_dna(cast, trajectory)
    text = client.get(kompas_url(cast)).content.decode()
    # 12 market places for 5,000 inhabitants: 2.4 per 1,000; the six peers 0.2 … 1.2, median 0.7, all below.
    assert "Marktpleinen" in text
    assert "2,4 per 1.000 inwoners" in text
    assert "mediaan van vergelijkbare kernen 0,7" in text
    assert "hoger dan bij alle 6 vergelijkbare kernen" in text
    assert "Kerncijfers" in text and "5.000" in text and "2,50 km²" in text
    assert "Maasdijk-Centrum tegenover 6 vergelijkbare kernen" in text
    # The radar of the nine dimensions (the analysis page's), with the way to all the numbers behind it.
    assert "De negen dimensies van Maasdijk-Centrum tegenover de vergelijkingskernen" in text
    assert reverse("dna:analysis", kwargs={"gemeente": "maasdijk", "kern": "centrum"}) in text


def test_without_figures_the_page_says_so_instead_of_comparing(client, cast, trajectory):
    publish_dna(cast, trajectory)
    text = client.get(kompas_url(cast)).content.decode()
    assert "De negen dimensies" not in text  # no radar without numbers
    assert "De cijfers achter deze indicatoren volgen" in text
    assert "Kerncijfers van Maasdijk-Centrum" in text and "vergelijkbare kernen</th>" not in text


def test_the_page_has_open_graph_tags_a_print_style_and_a_spot_for_the_chart(client, cast, trajectory):
    publish_dna(cast, trajectory)
    text = client.get(kompas_url(cast)).content.decode()
    assert '<meta property="og:title" content="Kernkompas Maasdijk-Centrum">' in text
    assert '<meta property="og:description" content="Het groene dorp met de markt als huiskamer">' in text
    assert f'<meta property="og:url" content="http://testserver{kompas_url(cast)}">' in text
    assert 'name="twitter:card"' in text
    assert "@media print" in open(_static("dna/blocks.css"), encoding="utf-8").read()
    assert "dna/blocks.css" in text


def _static(path: str) -> str:
    from django.contrib.staticfiles import finders

    return finders.find(path)


def test_the_poster_and_share_image_are_linked_when_those_pages_exist(client, cast, trajectory):
    from django.urls import NoReverseMatch

    publish_dna(cast, trajectory)
    text = client.get(kompas_url(cast)).content.decode()
    try:
        poster = reverse("dna:poster", kwargs={"gemeente": cast.maasdijk.slug, "kern": cast.centrum.slug})
    except NoReverseMatch:
        assert "Affiche (PDF)" not in text and "og:image" not in text  # not merged yet: no dead link
    else:
        assert poster in text and "og:image" in text


def test_the_page_links_the_share_image_for_visitors_and_its_table_box_is_reachable_by_keyboard(
    client, cast, trajectory
):
    """Found by the issue-12 walk (tests/browser/test_dna_walk.py): the share image was only in og:image, so a
    municipality could not download it from the page; and the key-numbers table scrolls sideways on a phone in a
    box that a keyboard could not reach (axe: scrollable-region-focusable)."""
    import re

    version = publish_dna(cast, trajectory)
    text = client.get(kompas_url(cast)).content.decode()
    share = reverse("dna:share_image", kwargs={"gemeente": cast.maasdijk.slug, "kern": cast.centrum.slug})
    link = re.search(r'<a class="button button-secondary" href="([^"]+)">Afbeelding om te delen \(PNG\)</a>', text)
    assert link and link.group(1) == f"http://testserver{share}"
    assert '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="kerncijfers">' in text
    # The staff preview has neither download (the public addresses would be a 404 for a draft).
    client.force_login(cast.ellen)
    preview = client.get(reverse("dna:version", kwargs={"vpk": version.pk})).content.decode()
    assert "Afbeelding om te delen" not in preview


def test_hostile_text_is_shown_as_text_on_the_page_preview_and_editor(client, cast, trajectory):
    hostile = [BlockData(HOSTILE[:80], HOSTILE, (), HOSTILE) for _ in range(5)]
    version = version_actions.save_version(cast.ellen, trajectory, tagline=HOSTILE[:160], blocks=hostile)
    version_actions.add_idea(cast.ellen, version.blocks.get(position=1), title=HOSTILE[:160], description=HOSTILE)
    client.force_login(cast.ellen)
    pages = [
        reverse("dna:version", kwargs={"vpk": version.pk}),
        reverse("dna:blocks", kwargs={"pk": trajectory.pk}),
        reverse("dna:ideas", kwargs={"vpk": version.pk}),
        reverse("dna:versions", kwargs={"pk": trajectory.pk}),
    ]
    version_actions.publish(cast.ellen, version)
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    pages.append(kompas_url(cast))
    for url in pages:
        text = client.get(url, follow=True).content.decode()
        assert '<script>alert("dna")' not in text, url
        assert "<img src=x" not in text, url
        assert "&lt;script&gt;" in text, url


def test_published_photos_are_public_with_caption_and_credit(client, cast, trajectory):
    version = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=blocks())
    stored = version_actions.add_photo(
        cast.ellen,
        version.blocks.get(position=1),
        photo=photos.clean(photo_upload()),
        caption="Donderdagmarkt",
        credit="Dienst communicatie",
    )
    version_actions.publish(cast.ellen, version)
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    text = client.get(kompas_url(cast)).content.decode()
    url = reverse("dna:photo", kwargs={"photo_pk": stored.pk})
    assert f'src="{url}" alt="Donderdagmarkt"' in text and "Foto: Dienst communicatie" in text
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("public")


def test_the_page_speaks_english_under_en(client, cast, trajectory):
    with_figures(cast)
    publish_dna(cast, trajectory)
    text = client.get("/en" + kompas_url(cast)).content.decode()
    assert "Key numbers" in text and "Market places" in text and "per 1,000 inhabitants" in text


# --- Links to the page --------------------------------------------------------------------------------------------


def test_the_trajectory_and_the_core_page_link_to_the_public_page_once_it_is_public(client, cast, trajectory):
    core_page = reverse("places:kern", kwargs={"gemeente": cast.maasdijk.slug, "slug": cast.centrum.slug})
    trajectory_page = reverse("dna:trajectory", kwargs={"pk": trajectory.pk})
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    assert kompas_url(cast) not in client.get(core_page).content.decode()
    assert kompas_url(cast) not in client.get(trajectory_page).content.decode()
    publish_dna(cast, trajectory)
    assert kompas_url(cast) in client.get(core_page).content.decode()
    assert kompas_url(cast) in client.get(trajectory_page).content.decode()


def test_the_trajectory_page_offers_the_editor_to_editors_only(client, cast, trajectory):
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    editor = reverse("dna:blocks", kwargs={"pk": trajectory.pk})
    page = reverse("dna:trajectory", kwargs={"pk": trajectory.pk})
    assert editor not in client.get(page).content.decode()
    client.force_login(cast.femke)
    assert editor in client.get(page).content.decode()


# --- API ------------------------------------------------------------------------------------------------------------


def test_the_api_lists_and_shows_published_dnas_only(client, cast, trajectory):
    other = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp")
    hidden = trajectory_actions.start_trajectory(cast.sofie, kern=other, title="Geheim", method="compact")
    draft = version_actions.save_version(cast.sofie, hidden, tagline="Geheime slogan", blocks=blocks())
    version_actions.publish(cast.sofie, draft)  # published version, private trajectory: not public
    assert client.get("/api/v1/dna/kernkompas").json() == {"count": 0, "items": []}

    with_figures(cast)
    version = publish_dna(cast, trajectory)
    stored = version_actions.add_photo(
        cast.ellen,
        version_actions.start_draft(cast.ellen, trajectory).blocks.get(position=1),
        photo=photos.clean(photo_upload()),
        caption="Alleen in het concept",
    )
    listing = client.get("/api/v1/dna/kernkompas").json()
    assert listing["count"] == 1
    [item] = listing["items"]
    assert item["kern_id"] == cast.centrum.pk and item["tagline"] == version.tagline and item["version"] == 1
    assert item["url"] == "http://testserver" + kompas_url(cast)
    assert "Geheime slogan" not in str(listing)

    detail = client.get(f"/api/v1/dna/kernkompas/{cast.centrum.pk}").json()
    assert [b["position"] for b in detail["blocks"]] == [1, 2, 3, 4, 5]
    first = detail["blocks"][0]
    assert first["quotes"] == ["Op donderdag zie je hier het hele dorp."]
    assert first["ideas"] == [{"title": "Autoluw plein op zondag", "description": ""}]
    markets = next(i for i in first["indicators"] if i["code"] == "markets")
    assert markets["value"] == pytest.approx(2.4) and markets["peer_median"] == pytest.approx(0.7)
    assert first["photos"] == []  # the draft's photo is not part of the published DNA
    assert "Alleen in het concept" not in str(detail) and stored.pk
    assert client.get(f"/api/v1/dna/kernkompas/{other.pk}").status_code == 404
    assert client.get("/api/v1/dna/kernkompas/999999").status_code == 404
    assert client.get("/api/v1/dna/kernkompas?limit=101").status_code == 422
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/dna/kernkompas", "/api/v1/dna/kernkompas/{kern_id}"} <= set(schema["paths"])


# --- Demo -----------------------------------------------------------------------------------------------------------


def test_the_demo_publishes_veldrode_dorps_dna_and_drafts_maasdijks_once(cast):
    Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp")
    first = load_demo(cast.anton)
    assert first.created["dna.DnaVersion"] == 2
    public = DnaVersion.objects.get(is_published=True)
    assert public.trajectory.kern.slug == "dorp" and public.frozen and public.blocks.count() == 5
    assert public.ideas.count() >= 5
    draft = DnaVersion.objects.get(is_published=False)
    assert draft.trajectory.kern == cast.centrum and not draft.frozen and draft.blocks.count() == 5
    rows = list(DnaVersion.objects.order_by("pk").values("pk", "tagline", "number"))
    ideas = Idea.objects.count()
    again = load_demo(cast.anton)
    assert not again.created
    assert list(DnaVersion.objects.order_by("pk").values("pk", "tagline", "number")) == rows
    assert Idea.objects.count() == ideas


def test_the_sitemap_lists_the_kernkompas_page_only_once_it_is_public(client, cast, trajectory):
    version = publish_dna(cast, trajectory, trajectory_public=False)
    assert kompas_url(cast) not in client.get("/sitemap.xml").content.decode()
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    text = client.get("/sitemap.xml").content.decode()
    assert text.count(f"testserver{kompas_url(cast)}</loc>") == 1 and version.trajectory.get_absolute_url() in text
