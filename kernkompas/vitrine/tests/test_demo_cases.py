"""The Vitrine's demo cases: at least forty, invented and marked so, spread over every filter, illustrated,
linked to the demo municipalities, and loaded idempotently by ``kernkompas demo``."""

from __future__ import annotations

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from wagtail.models import Revision

from kernkompas.core.models import SiteImage
from kernkompas.places.models import CountryCode, Gemeente, SizeClass
from kernkompas.site.demo import load_demo_data
from kernkompas.vitrine.demo import images as drawing
from kernkompas.vitrine.demo import load_demo_cases
from kernkompas.vitrine.demo.content import DEMO_MARK, demo_cases
from kernkompas.vitrine.models import Audience, CaseGalleryImage, CasePage, CoreType, CostClass, Theme

SEEDED_THEMES = {
    "beleid-visie",
    "mobiliteit",
    "ruimtelijke-ordening",
    "duurzaamheid",
    "samenwerking",
    "beleving-aantrekking",
    "trends-ontwikkelingen",
    "data",
    "leegstand",  # migration 0003: the theme the Kernmonitor's vacancy indicators link to
}
SEEDED_AUDIENCES = {"lokale-besturen", "ondernemers", "investeerders", "ontwikkelaars", "vastgoed"}
DEMO_REGION = {"Maasdijk", "Veldrode", "Bremhout", "Lindeloo"}
DEMO_CASES = demo_cases()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(db):
    return load_demo_data()


def snapshot() -> dict:
    """Every value the demo cases and their images hold, to compare before and after a second run."""
    return {
        "pages": list(CasePage.objects.order_by("pk").values()),
        "themes": list(CasePage.themes.through.objects.order_by("pk").values()),
        "audiences": list(CasePage.audiences.through.objects.order_by("pk").values()),
        "gemeenten": list(CasePage.gemeenten.through.objects.order_by("pk").values()),
        "gallery": list(CaseGalleryImage.objects.order_by("pk").values()),
        "images": list(SiteImage.objects.order_by("pk").values()),
        "revisions": Revision.objects.count(),
    }


# --- The texts themselves (no database) ------------------------------------------------------------------------
def test_there_are_at_least_forty_cases_with_unique_slugs_and_titles():
    assert len(DEMO_CASES) >= 40
    assert len({case.slug for case in DEMO_CASES}) == len(DEMO_CASES)
    assert len({case.title for case in DEMO_CASES}) == len(DEMO_CASES)


def test_the_cases_cover_every_theme_audience_size_class_core_type_country_and_cost_class():
    assert {t for case in DEMO_CASES for t in case.themes} == SEEDED_THEMES
    assert {a for case in DEMO_CASES for a in case.audiences} == SEEDED_AUDIENCES
    assert {case.size_class for case in DEMO_CASES} == set(SizeClass.values)
    assert {case.core_type for case in DEMO_CASES} == set(CoreType.values)
    assert {case.country for case in DEMO_CASES} == set(CountryCode.values)
    assert {case.cost_class for case in DEMO_CASES} == set(CostClass.values)


def test_every_case_fills_every_teaching_field_in_the_agreed_shape():
    for case in DEMO_CASES:
        where = case.slug
        for name in ("concept", "context", "approach", "results", "learnings", "tips"):
            assert getattr(case, name).startswith(("<p>", "<ul>")), f"{where}: {name} is not simple HTML"
        assert 2 <= len(case.key_figures) <= 4, where
        assert all(len(value) <= 40 and len(label) <= 120 for value, label in case.key_figures), where
        assert len(case.dos) == 3 and len(case.donts) == 3, where
        assert 1 <= len(case.sources) <= 2, where
        assert case.cost_note and case.duration and case.partners, where
        assert len(case.full_summary) <= 300, f"{where}: the summary is too long for the field"
        assert 0 <= case.gallery <= 2, where


def test_every_text_says_it_is_an_invented_demo_example():
    for case in DEMO_CASES:
        assert DEMO_MARK.lower() in case.full_summary, case.slug
        assert DEMO_MARK in case.full_context, case.slug
        assert "(fictief)" in case.contact, f"{case.slug}: the contact must read as an invented role"


def test_no_case_is_set_in_a_real_looking_place_outside_the_invented_list():
    invented = DEMO_REGION | {
        "Torrenmolen",
        "Heidegem",
        "Gaverhove",
        "Leiestede",
        "Scheldemonde",
        "Zoutebeke",
        "Dijlegem",
        "Kruisdonk",
        "Hemmerveen",
        "Zeewaarde",
        "Grevendijk",
        "Marendam",
        "Velsemond",
        "Duinhaven",
        "Wadbergen",
        "Ommerdal",
        "Brakeloo",
    }
    for case in DEMO_CASES:
        assert any(name in case.place_name for name in invented), f"{case.slug}: {case.place_name}"


def test_some_cases_have_a_video_and_some_a_gallery():
    assert sum(bool(case.video_url) for case in DEMO_CASES) >= 5
    assert sum(case.gallery > 0 for case in DEMO_CASES) >= 5
    assert all("DEMO" in case.video_url for case in DEMO_CASES if case.video_url)


def test_an_illustration_is_drawn_identically_every_time_and_is_1200_by_750():
    scene = drawing.Scene(key="demo-test:0", theme="mobiliteit", core_type="winkelstraat", extras=("fietsstraat",))

    first = drawing._draw_cached.__wrapped__(scene)
    second = drawing._draw_cached.__wrapped__(scene)

    assert first.jpeg == second.jpeg
    assert Image.open(io.BytesIO(first.jpeg)).size == (1200, 750)
    assert "fietsstraat" in first.alt_text


def test_different_cases_get_different_illustrations():
    one = drawing.draw_scene(drawing.Scene(key="a:0", theme="data", core_type="stadskern"))
    other = drawing.draw_scene(drawing.Scene(key="b:0", theme="data", core_type="stadskern"))

    assert one.jpeg != other.jpeg


# --- Loaded by ``kernkompas demo`` -----------------------------------------------------------------------------
def test_the_demo_publishes_every_case_under_the_vitrine_marked_as_demo(demo):
    live = CasePage.objects.live().public()

    assert live.count() == len(DEMO_CASES) >= 40
    assert set(live.values_list("is_demo", flat=True)) == {True}
    assert all(page.get_parent().specific_class.__name__ == "VitrineIndexPage" for page in live)
    assert {t.slug for t in Theme.objects.filter(cases__in=live)} == SEEDED_THEMES
    assert {a.slug for a in Audience.objects.filter(cases__in=live)} == SEEDED_AUDIENCES
    assert set(live.values_list("size_class", flat=True)) == set(SizeClass.values)
    assert set(live.values_list("core_type", flat=True)) == set(CoreType.values)
    assert set(live.values_list("country", flat=True)) == set(CountryCode.values)
    assert set(live.values_list("cost_class", flat=True)) == set(CostClass.values)


def test_every_case_has_a_hero_image_with_alt_text_in_the_root_collection(demo):
    for page in CasePage.objects.select_related("hero_image__collection"):
        image = page.hero_image
        assert image is not None, page.slug
        assert image.alt_text.startswith("Getekende illustratie"), page.slug
        # SQLite does not enforce the column's length; PostgreSQL does.
        assert len(image.alt_text) <= SiteImage._meta.get_field("alt_text").max_length, page.slug
        assert (image.width, image.height) == (1200, 750)
        assert image.collection.is_root()
        assert image.file.storage.exists(image.file.name)
    assert CaseGalleryImage.objects.count() == sum(case.gallery for case in DEMO_CASES)


def test_cases_in_the_demo_region_are_linked_to_its_municipalities_and_match_their_size(demo):
    linked = CasePage.objects.filter(gemeenten__isnull=False).prefetch_related("gemeenten").distinct()

    assert linked.count() >= 10
    assert {g.name_nl for page in linked for g in page.gemeenten.all()} == DEMO_REGION
    for page in linked:
        for gemeente in page.gemeenten.all():
            assert page.size_class == gemeente.size_class, page.slug
            assert page.country == "BE"
    assert Gemeente.objects.filter(cases__isnull=False, is_demo=False).count() == 0


def test_newest_and_most_viewed_are_meaningful(demo):
    pages = CasePage.objects.all()
    dates = sorted(pages.values_list("first_published_at", flat=True))

    assert timezone.now() - dates[0] > timedelta(days=600)
    assert timezone.now() - dates[-1] < timedelta(days=30)
    assert len(set(dates)) == len(dates)
    views = Counter(pages.values_list("view_count", flat=True))
    assert len(views) > 30


def test_the_first_load_is_counted_in_the_demo_summary(demo):
    assert demo.created["vitrine.CasePage"] == len(DEMO_CASES)
    assert demo.created["core.SiteImage"] == sum(1 + case.gallery for case in DEMO_CASES)


def test_a_second_load_creates_and_changes_nothing(demo):
    before = snapshot()

    second = load_demo_data()

    assert not second.changed
    assert snapshot() == before


def test_a_load_puts_a_changed_case_back_with_one_new_revision(db):
    load_demo_cases(cases=DEMO_CASES[:2])
    page = CasePage.objects.get(slug=DEMO_CASES[0].slug)
    page.summary = "Iemand heeft dit aangepast."
    page.save_revision().publish()
    revisions = Revision.objects.count()

    summary = load_demo_cases(cases=DEMO_CASES[:2])

    page.refresh_from_db()
    assert page.summary == DEMO_CASES[0].full_summary
    assert summary.updated == Counter({"vitrine.CasePage": 1})
    assert Revision.objects.count() == revisions + 1


def test_a_load_republishes_an_unpublished_case(db):
    load_demo_cases(cases=DEMO_CASES[:1])
    CasePage.objects.get().unpublish()

    load_demo_cases(cases=DEMO_CASES[:1])

    assert CasePage.objects.live().count() == 1


def test_a_load_never_lowers_real_view_counts(db):
    load_demo_cases(cases=DEMO_CASES[:1])
    CasePage.objects.update(view_count=DEMO_CASES[0].view_count + 5)

    summary = load_demo_cases(cases=DEMO_CASES[:1])

    assert CasePage.objects.get().view_count == DEMO_CASES[0].view_count + 5
    assert not summary.updated


def test_a_missing_image_file_is_drawn_again_without_a_new_image(db):
    load_demo_cases(cases=DEMO_CASES[:1])
    image = CasePage.objects.get().hero_image
    image.file.storage.delete(image.file.name)

    summary = load_demo_cases(cases=DEMO_CASES[:1])

    image.refresh_from_db()
    assert image.file.storage.exists(image.file.name)
    assert SiteImage.objects.count() == 1 + DEMO_CASES[0].gallery
    assert summary.updated["core.SiteImage"] == 1
    assert not summary.created
