"""The home page shows real entry points: live numbers and the chain case → theme → indicator → action as links
for everyone, then per role what the user works on (municipality, review queue, back office, own interests)."""

from __future__ import annotations

import re

import pytest

from kernkompas.site.tests.connected import make_connected
from kernkompas.vitrine.models import SavedSearch, Theme, ThemeFollow


@pytest.fixture
def world(cast):
    return make_connected(cast)


def _home(client, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _work(html: str) -> str:
    found = re.search(r'<section class="wrap section home-work".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_a_visitor_sees_live_numbers_and_the_chain_as_real_links(client, world):
    """On main, the chain was only words and the Kernmonitor card had no number."""
    html = _home(client)
    assert "2 openbare gebiedsdashboards" in html  # Marktplein and Bremhout; not Statiestraat, not Kapelstraat
    assert "4 gepubliceerde voorbeelden" in html
    chain = re.search(r'<ol class="chain".*?</ol>', html, re.S).group(0)
    assert re.search(r'href="/vitrine/[a-z-]+/"', chain)  # a published case on vacancy
    assert 'href="/vitrine/thema/leegstand/">Leegstand</a>' in chain
    assert 'href="/monitor/indicatoren/#indicator-vacancy_rate">Leegstand</a>' in chain
    assert 'href="/monitor/"' in chain
    assert _work(html) == ""


@pytest.mark.parametrize("role", ["gemeente", "begeleider"])
def test_municipal_staff_and_facilitators_see_their_municipality_and_its_dashboards(client, world, role):
    work = _work(_home(client, world.cast.by_role()[role]))
    assert 'data-role="gemeente"' in work
    assert "<h3>Maasdijk</h3>" in work and 'href="/plaatsen/maasdijk/"' in work
    assert "2 gebiedsdashboards in de Kernmonitor" in work and "(1 niet openbaar)" in work
    assert "Veldrode" not in work and 'data-role="redactie"' not in work and 'data-role="beheerder"' not in work


def test_staff_of_another_municipality_see_only_their_own(client, world):
    work = _work(_home(client, world.cast.sofie))
    assert "<h3>Veldrode</h3>" in work and "Maasdijk" not in work
    assert "1 gebiedsdashboard in de Kernmonitor" in work


def test_an_editor_sees_the_review_queue(client, world):
    work = _work(_home(client, world.cast.eva))
    assert 'data-role="redactie"' in work and "voorbeelden wachten op je review" in work
    assert 'href="/beheer/"' in work
    assert 'data-role="gemeente"' not in work and 'data-role="beheerder"' not in work


def test_an_administrator_sees_the_back_office_and_the_audit_log(client, world):
    work = _work(_home(client, world.cast.anton))
    assert 'data-role="beheerder"' in work and 'href="/beheer/"' in work and "Logboek" in work
    assert 'data-role="gemeente"' not in work  # works for all municipalities: none listed


def test_a_member_sees_followed_themes_and_saved_searches(client, world):
    bram = world.cast.bram
    ThemeFollow.objects.create(user=bram, theme=Theme.objects.get(slug="leegstand"))
    SavedSearch.objects.create(user=bram, name="Leegstand <b>klein</b>", query_string="theme=leegstand&size=lt10k")
    work = _work(_home(client, bram))
    assert 'href="/vitrine/thema/leegstand/">Leegstand</a>' in work
    assert 'href="/vitrine/?theme=leegstand&amp;size=lt10k">Leegstand &lt;b&gt;klein&lt;/b&gt;</a>' in work
    assert 'data-role="gemeente"' not in work and 'data-role="redactie"' not in work


def test_a_member_without_interests_is_told_how_to_follow_a_theme(client, world):
    work = _work(_home(client, world.cast.bram))
    assert "Je volgt nog geen thema’s" in work
