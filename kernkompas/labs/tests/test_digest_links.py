"""The Binnenstadslab's section in a member's personal digest: action plans first published in the digest's window
in her places (frozen clock)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from kernkompas.core import parts
from kernkompas.core.parts import DigestPlaces
from kernkompas.labs import digest_links
from kernkompas.labs.actions.plans import set_published
from kernkompas.labs.models import ActionPlan
from kernkompas.places.models import Kern, KernKind

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def at(hours: float):
    return time_machine.travel(MONDAY + dt.timedelta(hours=hours), tick=False)


def moment(hours: float) -> dt.datetime:
    return MONDAY + dt.timedelta(hours=hours)


def plan(cast, title: str, gemeente=None, kern=None, *, published_at_hours: float | None = 1) -> ActionPlan:
    created = ActionPlan.objects.create(gemeente=gemeente or cast.maasdijk, kern=kern, title=title, vision="Samen.")
    if published_at_hours is not None:
        with at(published_at_hours):
            set_published(cast.anton, created, True)
    return created


def titles(places: DigestPlaces, since: float = 0, until: float = 2) -> list[str]:
    found = digest_links.digest_sections(None, moment(since), moment(until), places)
    return [item.title for section in found for item in section.items]


def test_plans_newly_published_in_her_municipality_with_their_public_page(cast):
    published = plan(cast, "Levendig Maasdijk")
    plan(cast, "Nog in de maak", published_at_hours=None)
    plan(cast, "Al eerder", published_at_hours=-5)
    plan(cast, "Veldrode vooruit", gemeente=cast.veldrode)
    (section,) = parts.digest_sections(
        cast.bram, moment(0), moment(2), DigestPlaces(gemeente_ids=frozenset({cast.maasdijk.pk}))
    )
    assert section.slug == "plans"
    assert [item.title for item in section.items] == ["Levendig Maasdijk"]
    assert section.items[0].url == f"/binnenstadslab/actieplannen/{published.pk}/openbaar/"
    assert section.items[0].summary == "Maasdijk · Samen."


def test_a_core_brings_its_own_plans_and_its_municipalitys_plans_as_a_whole_not_another_cores(cast):
    other = Kern.objects.create(
        gemeente=cast.maasdijk, code="99001_2", name="Dijkdorp", slug="dijkdorp", kind=KernKind.DEELGEMEENTE
    )
    plan(cast, "Voor heel Maasdijk")
    plan(cast, "Voor het centrum", kern=cast.centrum)
    plan(cast, "Voor Dijkdorp", kern=other)
    assert sorted(titles(DigestPlaces(kern_ids=frozenset({cast.centrum.pk})))) == [
        "Voor heel Maasdijk",
        "Voor het centrum",
    ]


def test_without_places_there_is_no_section(cast):
    plan(cast, "Levendig Maasdijk")
    assert digest_links.digest_sections(None, moment(0), moment(2), DigestPlaces()) == []
