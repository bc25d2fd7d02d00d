import pytest
import time_machine

from kernkompas.accounts.models import User
from kernkompas.learning.demo import data as learning_demo
from kernkompas.learning.demo import load_demo as load_learning_demo
from kernkompas.site.demo import load_demo_data


def test_the_home_page_is_dutch_by_default_and_explains_the_product(client, cast):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "Een kompas voor de toekomst van je kern" in html
    # The live parts (places, Vitrine, Kernmonitor) are linked and counted, with real plurals.
    assert "2 gemeenten, 1 kern:" in html
    assert 'action="/plaatsen/"' in html
    assert '<h3><a href="/vitrine/">Vitrine</a></h3>' in html
    assert '<h3><a href="/monitor/">Kernmonitor</a></h3>' in html
    # The Kern-DNA is a working part too (issue 12): linked, counted, no longer "in ontwikkeling".
    assert '<h3><a href="/dna/">Kern-DNA</a></h3>' in html
    assert "0 gepubliceerde Kernkompassen" in html and 'href="/dna/regio/"' in html
    # The Binnenstadslab too (issue 13): counted, with its links once its pages are there.
    assert "0 gepubliceerde actieplannen" in html and "0 openbare labverslagen" in html
    # And Stedelijk leren (issue 14): counted and linked; nothing on the page is "in ontwikkeling" any more.
    assert "In ontwikkeling" not in html
    assert '<h3><a href="/leren/">Stedelijk leren</a></h3>' in html
    assert "0 komende sessies</a> · 0 opnames om terug te kijken · 0 nieuwsbrieven in het archief" in html


def test_the_home_page_is_english_under_en(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "A compass for the future of your town centre" in html


def test_the_demo_region_is_offered_only_when_it_is_there(client, cast):
    assert "Probeer de demoregio" not in client.get("/").content.decode()
    cast.veldrode.is_demo = True
    cast.veldrode.save(update_fields=["is_demo"])
    html = client.get("/").content.decode()
    assert "Probeer de demoregio" in html and 'href="/plaatsen/veldrode/"' in html


@pytest.fixture
def learning_demo_loaded(db):
    load_demo_data(with_parts=False)
    load_learning_demo()


def learning_card(html: str) -> str:
    """The Stedelijk leren card of the home page."""
    start = html.index('data-part="learning"')
    return html[start : html.index("</section>", start)]  # the last card of its section


def test_the_learning_card_counts_coming_sessions_recordings_and_newsletters(client, learning_demo_loaded):
    with time_machine.travel(learning_demo.TODAY, tick=False):
        html = client.get("/").content.decode()
    card = learning_card(html)
    # Three published public sessions to come (drafts and Veldrode's own table are not counted), the recordings
    # of the three held sessions, the one newsletter sent.
    assert (
        '<a href="/leren/">3 komende sessies</a> · 3 opnames om terug te kijken · 1 nieuwsbrief in het archief' in card
    )
    assert '<h3><a href="/leren/">Stedelijk leren</a></h3>' in card
    assert 'href="/leren/nieuwsbrief/"' in card and "Abonneer je op de nieuwsbrief" in card
    assert 'href="/leren/suggesties/"' in card and "Stel een thema voor een sessie voor" in card
    assert "/leren/beheer/" not in card  # visitors run nothing
    assert "Beschikbaar" in card


def test_the_learning_card_is_english_under_en(client, learning_demo_loaded):
    with time_machine.travel(learning_demo.TODAY, tick=False):
        html = client.get("/en/").content.decode()
    assert "3 coming sessions</a> · 3 recordings to watch again · 1 newsletter in the archive" in html
    assert 'href="/en/leren/nieuwsbrief/"' in html


@pytest.mark.parametrize(
    ("username", "runs"),
    [("bram", False), ("ellen", True), ("sofie", True), ("femke", True), ("eva", True), ("anton", True)],
)
def test_the_learning_card_links_to_running_a_programme_only_for_who_may(client, learning_demo_loaded, username, runs):
    client.force_login(User.objects.get(username=username))
    card = learning_card(client.get("/").content.decode())
    assert ('href="/leren/beheer/"' in card) is runs
    assert ("Je leerprogramma's beheren" in card) is runs
