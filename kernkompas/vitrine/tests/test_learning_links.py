"""What the Vitrine tells Stedelijk leren's newsletter (``parts.recent_cases``): the live, public cases published
since the last issue, newest first, never a draft."""

from __future__ import annotations

import datetime as dt

import pytest

from kernkompas.core import parts
from kernkompas.vitrine.tests.list_cases import START, make_eight_cases

pytestmark = pytest.mark.django_db


def test_it_gives_the_cases_published_since_a_moment_newest_first():
    cases = make_eight_cases()
    found = parts.recent_cases(START + dt.timedelta(days=6), 10)
    assert [p.key for p in found] == [f"case:{cases['heist'].pk}", f"case:{cases['gemert'].pk}"]
    assert found[0].title == "Een centrummanager voor Heist"
    assert found[0].url == cases["heist"].url
    assert "Heist" in found[0].summary
    assert found[0].published_at == START + dt.timedelta(days=7)


def test_without_a_moment_it_gives_every_live_case_up_to_the_limit_and_never_a_draft():
    make_eight_cases()
    everything = parts.recent_cases(None, 100)
    assert len(everything) == 8
    assert not any("Geheim" in p.title for p in everything)
    assert len(parts.recent_cases(None, 3)) == 3
