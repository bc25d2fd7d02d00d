"""A place page shows the other parts: the municipality's (or core's) area dashboards and the Vitrine's cases that
fit a place of its size and kind, its own cases first. Read with the visitor's scope: a dashboard that is not
public shows only to staff of its municipality and administrators, marked as such."""

from __future__ import annotations

import pytest

from kernkompas.site.tests.connected import make_connected

GEMEENTE = "/plaatsen/maasdijk/"
KERN = "/plaatsen/maasdijk/centrum/"
MANAGERS = ("gemeente", "begeleider", "beheerder")


@pytest.fixture
def world(cast):
    return make_connected(cast)


def _html(client, user, url) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", [GEMEENTE, KERN])
@pytest.mark.parametrize(
    "role", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_a_place_page_shows_its_dashboards_to_every_role_and_its_private_ones_only_to_its_staff(
    client, world, role, url
):
    """On main, a municipality's page did not show its dashboards at all."""
    html = _html(client, world.cast.by_role()[role], url)
    assert "Dashboards in de Kernmonitor" in html
    assert 'href="/monitor/maasdijk/centrum/marktplein/"' in html
    assert 'href="/monitor/maasdijk/centrum/"' in html
    assert "leegstand 33,3 %" in html
    private_link = 'href="/monitor/maasdijk/centrum/statiestraat/"'
    if role in MANAGERS:
        assert private_link in html
        assert "dus je ziet ook 1 dashboard dat niet openbaar is" in html
    else:
        assert private_link not in html and "Statiestraat" not in html
    # Never another municipality's areas, whoever asks.
    assert "kapelstraat" not in html.lower()


def test_staff_of_another_municipality_see_their_own_private_area_on_their_own_page_only(client, world):
    sofie, ellen = world.cast.sofie, world.cast.ellen
    assert 'href="/monitor/veldrode/dorp/kapelstraat/"' in _html(client, sofie, "/plaatsen/veldrode/")
    client.logout()
    assert "kapelstraat" not in _html(client, ellen, "/plaatsen/veldrode/").lower()


@pytest.mark.parametrize("url", [GEMEENTE, KERN])
def test_a_place_page_shows_the_cases_that_fit_its_size_its_own_first(client, world, url):
    """On main, a municipality's page did not show any case of the Vitrine."""
    html = _html(client, None, url)
    assert "Voorbeelden voor een plaats zoals deze" in html
    section = html.split('id="vitrine-cases"')[1].split("</section>")[0]
    own, size, other = "Eigenaars rond de tafel in Maasdijk", "Een leegstandsheffing die werkt", "Een avondmarkt op"
    assert own in section and size in section and other in section
    assert section.index(own) < section.index(size)
    # The main core is a town centre (stadskern) at this size: the case for a stadskern comes before the others.
    assert "gebeurde in Maasdijk zelf" in section
    assert "past bij gemeenten met 25.000–50.000 inwoners" in section
    # Not a city of 100,000 or more, and never a draft.
    assert "wijkwinkelcentrum" not in section and "Geheim concept" not in section
    assert 'href="/vitrine/?size=25k-50k"' in section


def test_a_municipality_without_dashboards_shows_no_dashboard_panel_to_visitors(client, world):
    html = _html(client, None, "/plaatsen/veldrode/")
    assert "Dashboards in de Kernmonitor" not in html


def test_hostile_names_reach_the_place_panels_as_text(client, world):
    world.cast.markt.name = '<img src=x onerror="alert(1)">'
    world.cast.markt.save(update_fields=["name"])
    html = _html(client, None, GEMEENTE)
    assert '<img src=x onerror="alert(1)">' not in html
    panel = html.split('id="monitor-dashboards"')[1].split("</section>")[0]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a>" in panel
