"""The Vitrine's sections in a member's personal digest (the registry's ``digest_sections``): the cases of her
saved searches in each search's own window, moved only by ``done``, and the cases on her followed themes in the
digest's window, each case once (frozen clock)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from kernkompas.core import parts
from kernkompas.core.parts import DigestPlaces
from kernkompas.vitrine import digest_links
from kernkompas.vitrine.actions import saved_searches, theme_follows
from kernkompas.vitrine.models import SavedSearch, Theme
from kernkompas.vitrine.tests.personal_cases import case

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)
NO_PLACES = DigestPlaces()


def at(hours: float):
    return time_machine.travel(MONDAY + dt.timedelta(hours=hours), tick=False)


def moment(hours: float) -> dt.datetime:
    return MONDAY + dt.timedelta(hours=hours)


def sections_of(user, since_hours: float, until_hours: float) -> dict:
    found = digest_links.digest_sections(user, moment(since_hours), moment(until_hours), NO_PLACES)
    return {section.slug: section for section in found}


def titles(section) -> list[str]:
    return [item.title for item in section.items]


def test_the_vitrine_offers_its_sections_through_the_registry(cast):
    with at(0):
        saved_searches.save_search(cast.bram, "Data", "theme=data")
    with at(1):
        case("Passanten tellen", themes=["data"], place_name="Veenendaal")
    found = parts.digest_sections(cast.bram, moment(0), moment(2), NO_PLACES)
    assert [section.slug for section in found] == ["searches"]  # sections without items are left out
    assert found[0].items[0].title == "Passanten tellen (Veenendaal)"
    assert found[0].items[0].url.startswith("/vitrine/")


def test_saved_searches_use_their_own_windows_and_done_moves_them(cast):
    with at(0):
        case("Oud nieuws", themes=["data"])
    with at(1):
        data = saved_searches.save_search(cast.bram, "Data", "theme=data")
        still = saved_searches.save_search(cast.bram, "Stil", "theme=mobiliteit", alerts=False)
    with at(2):
        case("Leegstandsmonitor", themes=["data"])
        case("Fietsstraat", themes=["mobiliteit"])
    with at(3):
        case("Passanten tellen", themes=["data"])
    # The digest's own window does not matter for saved searches: each reads from its last_sent_at.
    found = sections_of(cast.bram, 2.5, 4)
    assert titles(found["searches"]) == ["Passanten tellen (Ergens)", "Leegstandsmonitor (Ergens)"]
    assert SavedSearch.objects.get(pk=data.pk).last_sent_at is None
    found["searches"].done(moment(4))
    assert SavedSearch.objects.get(pk=data.pk).last_sent_at == moment(4)
    assert SavedSearch.objects.get(pk=still.pk).last_sent_at is None
    assert titles(sections_of(cast.bram, 4, 5)["searches"]) == []


def test_a_case_in_two_searches_or_also_on_a_followed_theme_comes_once(cast):
    with at(0):
        saved_searches.save_search(cast.bram, "Data", "theme=data")
        saved_searches.save_search(cast.bram, "Alles over data", "q=data")
        theme_follows.follow_theme(cast.bram, Theme.objects.get(slug="data"))
        theme_follows.follow_theme(cast.bram, Theme.objects.get(slug="mobiliteit"))
    with at(1):
        case("Data in het centrum", themes=["data"])
        case("Fietsstraat", themes=["mobiliteit"])
    found = sections_of(cast.bram, 0, 2)
    assert titles(found["searches"]) == ["Data in het centrum (Ergens)"]
    assert titles(found["themes"]) == ["Fietsstraat (Ergens)"]
    assert found["themes"].done is None  # the digest's own window: nothing of its own to move


def test_followed_themes_read_the_digests_window_and_only_live_cases(cast):
    with at(0):
        theme_follows.follow_theme(cast.bram, Theme.objects.get(slug="mobiliteit"))
        case("Te vroeg", themes=["mobiliteit"])
    with at(2):
        case("Fietsstraat", themes=["mobiliteit"])
        case("Concept", themes=["mobiliteit"], live=False)
        case("Ander thema", themes=["data"])
    assert titles(sections_of(cast.bram, 1, 3)["themes"]) == ["Fietsstraat (Ergens)"]


def test_another_members_searches_and_themes_stay_out(cast):
    with at(0):
        saved_searches.save_search(cast.ellen, "Data", "theme=data")
        theme_follows.follow_theme(cast.ellen, Theme.objects.get(slug="data"))
    with at(1):
        case("Passanten tellen", themes=["data"])
    found = sections_of(cast.bram, 0, 2)
    assert titles(found["searches"]) == [] and titles(found["themes"]) == []
