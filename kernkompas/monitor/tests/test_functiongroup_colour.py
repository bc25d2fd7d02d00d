"""Issue 9, follow-up: a function group's colour is a colour and nothing else.

The colour reaches the SVG of the maps' legend, the unit table's swatches and the function-mix chart, the map
points (dashboard.js) and the API. Free text there is markup or CSS in waiting: the back office refuses anything
but ``#rrggbb`` (or ``#rgb``) with a Dutch message, and a value stored before that rule (or past it, straight in
the database) is drawn in a neutral grey wherever it is shown.
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kernkompas.lib import colour
from kernkompas.monitor.models import FunctionGroup
from kernkompas.monitor.tests.dashboard_fixtures import SLUGS
from kernkompas.monitor.tests.test_dashboard_units import _html, _table, _units_on_map

HOSTILE = ["red;background:url(x)", '"><script>']
# Short enough for the column (7 characters), so they can be stored on PostgreSQL too, as an old value could be.
STORED_HOSTILE = ['"><svg>', "url(#a)", "red;x:1", "red"]
COLOUR_PROBLEM = "Geef een kleur als # met zes tekens 0–9 of a–f, bijvoorbeeld #1f77b4."


def test_only_a_hex_colour_is_shown_as_itself():
    for good in ("#1f77b4", "#ABCDEF", "#abc"):
        assert colour.is_hex_colour(good) and colour.safe(good) == good
    for bad in (*HOSTILE, *STORED_HOSTILE, "", "#12345g", "#1234", "#1f77b4\n", " #1f77b4", "1f77b4", None):
        assert not colour.is_hex_colour(bad)
        assert colour.safe(bad) == colour.FALLBACK


@pytest.mark.parametrize("value", HOSTILE)
def test_the_model_refuses_anything_but_a_hex_colour(value, db):
    group = FunctionGroup(code="ambacht", name="Ambacht", sector="diensten", colour=value)
    with pytest.raises(ValidationError) as refused:
        group.full_clean()
    assert COLOUR_PROBLEM in refused.value.message_dict["colour"]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_back_office_refuses_a_hostile_colour_in_dutch_and_saves_nothing(client, cast, value):
    client.force_login(cast.ellen)
    response = client.post(
        "/beheer/monitor/functiegroepen/add/",
        {
            "name": "Ambacht",
            "code": "ambacht",
            "sector": "diensten",
            "colour": value,
            "position": 20,
            "gemeente": cast.maasdijk.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["colour"] == [COLOUR_PROBLEM]
    assert not FunctionGroup.objects.filter(code="ambacht").exists()


def test_the_back_office_still_takes_a_short_hex_colour(client, cast):
    client.force_login(cast.ellen)
    data = {"name": "Ambacht", "code": "ambacht", "sector": "diensten", "colour": "#a1B", "position": 20}
    response = client.post("/beheer/monitor/functiegroepen/add/", {**data, "gemeente": cast.maasdijk.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert FunctionGroup.objects.get(code="ambacht").colour == "#a1B"


def _store(value: str) -> None:
    """A bad colour as an old row could hold it: past the form's rule, straight in the database."""
    FunctionGroup.objects.filter(gemeente=None, code="dagelijks").update(colour=value)


def _kern_html(client) -> str:
    response = client.get(reverse("monitor:kern", kwargs={"gemeente": SLUGS["gemeente"], "kern": SLUGS["kern"]}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("value", STORED_HOSTILE)
def test_a_stored_bad_colour_is_drawn_grey_on_the_dashboards_and_never_reaches_the_page(client, public_register, value):
    _store(value)
    fallback = f'fill="{colour.FALLBACK}"'
    escaped = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    for html in (_html(client), _kern_html(client)):
        assert f'fill="{escaped}"' not in html
        if not value.isalpha():  # a plain word such as "red" is on the page anyway, in other words
            assert value not in html and escaped not in html
        assert fallback in html  # in the legend and the mix chart
    html = _html(client)
    assert fallback in _table(html)  # the swatch of Markt 1 and 5, the supermarket and the bakery
    assert _units_on_map(html)["Markt 1"]["colour"] == colour.FALLBACK


@pytest.mark.parametrize("value", STORED_HOSTILE)
def test_a_stored_bad_colour_is_the_neutral_grey_in_the_api(client, public_register, value):
    _store(value)
    response = client.get(f"/api/v1/monitor/areas/{public_register.markt.pk}/units.geojson")
    assert response.status_code == 200
    features = json.loads(response.content)["features"]
    colours = {
        f["properties"]["street"] + " " + f["properties"]["house_number"]: f["properties"]["colour"] for f in features
    }
    assert colours["Markt 1"] == colour.FALLBACK
    assert all(colour.is_hex_colour(c) for c in colours.values())
