"""The Kernmonitor in the API: public areas only, the stored indicator values, units without owner contacts, and
footfall from counters with a key (idempotent per point and hour)."""

from __future__ import annotations

import datetime
import json

import pytest

from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import (
    AreaIndicators,
    Branch,
    Count,
    CounterToken,
    CountingPoint,
    FootfallCount,
    FunctionGroup,
    OwnerContact,
    Unit,
    UnitState,
)
from kernkompas.places.models import Gebied

API = "/api/v1/monitor"
SECRET = "eigenaar-geheim@example.org"


@pytest.fixture
def register(cast):
    """Marktplein (public) with two counts and two units; a private area of Maasdijk with a count of its own."""
    markt = cast.markt
    markt.is_public = True
    markt.save()
    hidden = Gebied.objects.create(kern=cast.centrum, name="Statiestraat", slug="statiestraat")
    mode = FunctionGroup.objects.get(code="mode-luxe", gemeente=None)
    leeg = FunctionGroup.objects.get(code="leegstand", gemeente=None)
    kleding = Branch.objects.get(code="kleding", gemeente=None)
    shop = Unit.objects.create(
        gebied=markt, street="Markt", house_number="1", address_key="markt 1", lat=51.15, lon=5.35, external_id="A1"
    )
    empty = Unit.objects.create(
        gebied=markt,
        street="Markt",
        house_number="2a",
        address_key="markt 2a",
        geometry={"type": "Polygon", "coordinates": [[[5.3, 51.1], [5.31, 51.1], [5.31, 51.11], [5.3, 51.1]]]},
    )
    OwnerContact.objects.create(unit=empty, name="Piet Eigenaar", email=SECRET, phone="+32 11 22 33 44")
    first = Count.objects.create(gebied=markt, date=datetime.date(2024, 3, 1))
    second = Count.objects.create(gebied=markt, date=datetime.date(2025, 3, 1))
    for count in (first, second):
        UnitState.objects.create(
            count=count, unit=shop, group=mode, branch=kleding, floor_area=86, occupant="Modehuis Émile", is_chain=False
        )
        UnitState.objects.create(
            count=count,
            unit=empty,
            group=leeg,
            is_vacant=True,
            floor_area=120,
            vacant_since=first.date,
            vacant_since_open=True,
        )
    for count, rate in ((first, 0.5), (second, 0.5)):
        AreaIndicators.objects.create(
            count=count, gebied=markt, date=count.date, values={"units": 2, "vacancy_rate": rate, "churn": None}
        )
    hidden_count = Count.objects.create(gebied=hidden, date=datetime.date(2025, 1, 1))
    AreaIndicators.objects.create(count=hidden_count, gebied=hidden, date=hidden_count.date, values={"units": 0})
    return {"markt": markt, "hidden": hidden, "shop": shop, "empty": empty, "first": first, "second": second}


# --- Areas ------------------------------------------------------------------------------------------------------


def test_the_area_list_shows_public_areas_with_their_latest_count_and_hides_private_ones(client, register):
    response = client.get(f"{API}/areas")
    assert response.status_code == 200
    areas = response.json()
    assert [a["name"] for a in areas] == ["Marktplein"]
    markt = areas[0]
    assert markt["id"] == register["markt"].pk
    assert markt["kern"]["name"] == "Maasdijk-Centrum"
    assert markt["gemeente"] == {"code": "99001", "name": "Maasdijk", "slug": "maasdijk"}
    assert markt["latest_count_date"] == "2025-03-01"
    assert markt["count_dates"] == ["2024-03-01", "2025-03-01"]


def test_staff_see_no_private_area_in_the_api_either(client, cast, register):
    client.force_login(cast.ellen)  # the API is public: a session changes nothing
    assert [a["name"] for a in client.get(f"{API}/areas").json()] == ["Marktplein"]
    assert client.get(f"{API}/areas/{register['hidden'].pk}/indicators").status_code == 404


# --- Indicators -------------------------------------------------------------------------------------------------


def test_indicators_are_the_stored_values_per_count(client, register):
    from kernkompas.monitor import indicators

    response = client.get(f"{API}/areas/{register['markt'].pk}/indicators")
    assert response.status_code == 200
    body = response.json()
    stored = indicators.series(register["markt"])
    assert [row["date"] for row in body["series"]] == [row.date.isoformat() for row in stored]
    assert [row["values"] for row in body["series"]] == [row.values for row in stored]
    assert body["area"]["name"] == "Marktplein"
    codes = [d["code"] for d in body["definitions"]]
    assert codes == list(INDICATORS)
    assert "vacancy_rate" in codes


def test_indicators_can_be_limited_to_a_date_range(client, register):
    path = f"{API}/areas/{register['markt'].pk}/indicators"
    assert [r["date"] for r in client.get(path, {"date_from": "2025-01-01"}).json()["series"]] == ["2025-03-01"]
    assert [r["date"] for r in client.get(path, {"date_to": "2024-12-31"}).json()["series"]] == ["2024-03-01"]
    assert client.get(path, {"date_from": "2026-01-01"}).json()["series"] == []
    assert client.get(path, {"date_from": "1-1-2025"}).status_code == 422


def test_indicators_of_a_private_or_unknown_area_are_404(client, register):
    assert client.get(f"{API}/areas/{register['hidden'].pk}/indicators").status_code == 404
    response = client.get(f"{API}/areas/999999/indicators")
    assert response.status_code == 404
    assert "999999" in response.json()["detail"]


# --- Units ------------------------------------------------------------------------------------------------------


def test_units_are_a_feature_collection_of_the_latest_count_without_owner_contacts(client, register):
    response = client.get(f"{API}/areas/{register['markt'].pk}/units.geojson")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["date"] == "2025-03-01"
    by_number = {f["properties"]["house_number"]: f for f in body["features"]}
    shop, empty = by_number["1"], by_number["2a"]
    assert shop["geometry"] == {"type": "Point", "coordinates": [5.35, 51.15]}
    assert shop["properties"]["group"] == "mode-luxe"
    assert shop["properties"]["branch"] == "kleding"
    assert shop["properties"]["occupant"] == "Modehuis Émile"
    assert shop["properties"]["floor_area"] == 86
    assert shop["properties"]["vacant"] is False
    assert empty["geometry"]["type"] == "Polygon"
    assert empty["properties"]["vacant"] is True
    assert empty["properties"]["vacant_since"] == "2024-03-01"
    assert empty["properties"]["vacant_since_open"] is True
    assert empty["properties"]["branch"] is None
    text = json.dumps(body)
    assert SECRET not in text and "Piet Eigenaar" not in text and "+32 11" not in text


def test_units_of_an_earlier_count_by_date(client, register):
    response = client.get(f"{API}/areas/{register['markt'].pk}/units.geojson", {"date": "2024-03-01"})
    assert response.status_code == 200
    assert response.json()["date"] == "2024-03-01"
    assert len(response.json()["features"]) == 2


def test_units_on_a_date_without_a_count_are_404_with_the_reason(client, register):
    response = client.get(f"{API}/areas/{register['markt'].pk}/units.geojson", {"date": "2024-06-01"})
    assert response.status_code == 404
    assert "2024-06-01" in response.json()["detail"]


def test_units_of_a_private_area_are_404(client, register):
    assert client.get(f"{API}/areas/{register['hidden'].pk}/units.geojson").status_code == 404


# --- Footfall from counters -------------------------------------------------------------------------------------


@pytest.fixture
def counter(cast):
    """A counting point on the Marktplein and a counter key of Maasdijk."""
    CountingPoint.objects.create(gebied=cast.markt, name="Markt Noord")
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.maasdijk, name="Teller Markt", prefix=key[:8], key_hash=CounterToken.hash_key(key)
    )
    return key


PAYLOAD = {
    "counts": [
        {"point": "Markt Noord", "start": "2025-03-01T09:00:00", "value": 120},
        {"point": "Markt Noord", "start": "2025-03-01T10:00:00", "value": 245},
    ]
}


def post(client, payload, key=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key is not None else {}
    return client.post(f"{API}/footfall", json.dumps(payload), content_type="application/json", **headers)


def test_a_counter_without_a_key_or_with_a_wrong_one_is_401(client, counter):
    assert post(client, PAYLOAD).status_code == 401
    assert post(client, PAYLOAD, "kk_wrong").status_code == 401
    assert post(client, PAYLOAD, "").status_code == 401
    assert not FootfallCount.objects.exists()


def test_a_revoked_key_is_401(client, counter):
    from django.utils import timezone

    CounterToken.objects.update(revoked_at=timezone.now())
    assert post(client, PAYLOAD, counter).status_code == 401
    assert not FootfallCount.objects.exists()


def test_a_counter_posts_hourly_counts_and_posting_them_again_changes_nothing(client, counter):
    response = post(client, PAYLOAD, counter)
    assert response.status_code == 200, response.content
    assert response.json()["received"] == 2
    assert response.json()["created"] == 2
    assert sorted(FootfallCount.objects.values_list("value", flat=True)) == [120, 245]
    assert CounterToken.objects.get().last_used_at is not None

    again = post(client, PAYLOAD, counter)
    assert again.status_code == 200
    assert again.json()["created"] == 0 and again.json()["updated"] == 0 and again.json()["unchanged"] == 2
    assert FootfallCount.objects.count() == 2


def test_a_corrected_hour_replaces_the_value(client, counter):
    post(client, PAYLOAD, counter)
    corrected = {"counts": [{"point": "Markt Noord", "start": "2025-03-01T09:00:00", "value": 130}]}
    response = post(client, corrected, counter)
    assert response.json()["updated"] == 1
    assert FootfallCount.objects.count() == 2
    assert sorted(FootfallCount.objects.values_list("value", flat=True)) == [130, 245]


def test_a_key_of_another_municipality_cannot_post_for_its_points(client, cast, counter):
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.veldrode, name="Teller Veldrode", prefix=key[:8], key_hash=CounterToken.hash_key(key)
    )
    response = post(client, PAYLOAD, key)
    assert response.status_code == 400
    assert response.json()["problems"]
    assert not FootfallCount.objects.exists()


def test_a_negative_count_is_refused_before_anything_is_written(client, counter):
    bad = {"counts": [{"point": "Markt Noord", "start": "2025-03-01T09:00:00", "value": -5}]}
    assert post(client, bad, counter).status_code == 422
    assert not FootfallCount.objects.exists()


# --- The schema -------------------------------------------------------------------------------------------------


def test_the_openapi_schema_documents_the_monitor_endpoints_and_the_counter_key(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/monitor/areas",
        "/api/v1/monitor/areas/{area_id}/indicators",
        "/api/v1/monitor/areas/{area_id}/units.geojson",
        "/api/v1/monitor/footfall",
    ):
        assert path in paths, path
    assert paths["/api/v1/monitor/areas"]["get"]["tags"] == ["Kernmonitor"]
    post_op = paths["/api/v1/monitor/footfall"]["post"]
    (scheme_name,) = post_op["security"][0]
    assert schema["components"]["securitySchemes"][scheme_name] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"][scheme_name]["description"],
    }
    assert "401" in post_op["responses"]
    assert "security" not in paths["/api/v1/monitor/areas"]["get"]  # reading needs no key
    assert "owner" not in json.dumps(schema["components"]["schemas"]).lower()


def test_an_empty_post_is_refused(client, counter):
    assert post(client, {"counts": []}, counter).status_code == 422


def test_each_count_says_what_happened_to_it(client, counter):
    post(client, {"counts": PAYLOAD["counts"][:1]}, counter)
    items = post(client, PAYLOAD, counter).json()["items"]
    assert [(i["point"], i["start"][:16], i["status"]) for i in items] == [
        ("Markt Noord", "2025-03-01T09:00", "unchanged"),
        ("Markt Noord", "2025-03-01T10:00", "created"),
    ]
