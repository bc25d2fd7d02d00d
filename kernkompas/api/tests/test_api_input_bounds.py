"""Issue 9, finding 8: out-of-range input answered 500, and the API answered 422s its document did not declare.

Every input of every operation is bounded in the OpenAPI document (ids to what their table holds, numbers to
what the register stores), so an out-of-range value is a 4xx with a message; and every error an operation can
answer is declared in /api/v1/openapi.json with the one error schema. The checks on the document walk every
operation, so a router that a new app adds is held to the same rules.
"""

from __future__ import annotations

import datetime
import json

import pytest

from kernkompas.monitor.models import CounterToken, CountingPoint, FootfallCount

API = "/api/v1"


@pytest.fixture
def counter(cast):
    CountingPoint.objects.create(gebied=cast.markt, name="Markt Noord")
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.maasdijk, name="Teller Markt", prefix=key[3:11], key_hash=CounterToken.hash_key(key)
    )
    return key


def post(client, key, start="2025-03-01T09:00", value=10, language="en"):
    body = {"counts": [{"point": "Markt Noord", "start": "2025-03-01T08:00", "value": 1}]}
    body["counts"].append({"point": "Markt Noord", "start": start, "value": value})
    return client.post(
        f"{API}/monitor/footfall",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.fixture
def schema(client):
    return client.get(f"{API}/openapi.json").json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


# --- Out-of-range input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [2**31, 2**63, 2**64])
def test_a_footfall_value_past_what_the_register_holds_is_a_422_that_says_where(client, counter, value):
    response = post(client, counter, value=value)

    assert response.status_code == 422, response.content
    data = response.json()
    assert data["problems"] == ["counts, item 2, value: must be at most 2147483647"]
    assert data["errors"] == [
        {"loc": ["body", "counts", 1, "value"], "type": "less_than_equal", "msg": "must be at most 2147483647"}
    ]
    assert not FootfallCount.objects.exists()


def test_the_largest_value_is_stored(client, counter):
    assert post(client, counter, value=2**31 - 1).status_code == 200
    assert FootfallCount.objects.filter(value=2**31 - 1).exists()


@pytest.mark.parametrize(
    ("start", "why"),
    [
        ("9999-12-31T23:00-05:00", "is in the future"),
        ("0001-01-01T00:00+14:00", "is before 01-01-2000"),
        ("9999-12-31T23:00+14:00", "is in the future"),
        ("0001-01-01T00:00-12:00", "is before 01-01-2000"),
    ],
)
def test_a_start_at_the_edge_of_what_a_date_holds_is_a_400_that_says_why(client, counter, start, why):
    response = post(client, counter, start=start)

    assert response.status_code == 400, response.content
    (problem,) = response.json()["problems"]
    assert problem.startswith(f"item 2, start: {datetime.datetime.fromisoformat(start).isoformat()} {why}")
    assert not FootfallCount.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        f"/vitrine/cases/{2**63}",
        f"/vitrine/cases/{2**31}",  # page ids are integers, not bigints
        f"/vitrine/cases/{2**64}",
        f"/monitor/areas/{2**63}/indicators",
        f"/monitor/areas/{2**63}/units.geojson",
        "/monitor/areas/0/indicators",
        f"/vitrine/cases?offset={2**63}",
        f"/vitrine/cases?limit={2**63}",
    ],
)
def test_an_id_or_number_out_of_range_in_the_address_is_a_422(client, db, path):
    response = client.get(API + path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    (problem,) = response.json()["problems"]
    assert problem.startswith(("case_id: must be", "area_id: must be", "offset: must be", "limit: must be"))


def test_a_body_that_is_not_json_is_a_400_in_json(client, counter):
    response = client.post(
        f"{API}/monitor/footfall", "{counts", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {counter}"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "De inhoud van het verzoek is geen geldige JSON.",
        "problems": [],
        "errors": [],
    }


def test_a_missing_key_is_a_401_that_says_how_to_send_one(client, db):
    response = client.post(f"{API}/monitor/footfall", "{}", content_type="application/json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


# --- The document ---------------------------------------------------------------------------------------------------


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _walk(schema, node, where, seen=()):
    """Every (place, sub-schema) of an input schema, following $ref, anyOf and array items."""
    node = _resolve(schema, node)
    yield where, node
    for name, sub in node.get("properties", {}).items():
        if name not in seen:
            yield from _walk(schema, sub, f"{where}.{name}", seen)
    for sub in node.get("anyOf", []) + node.get("allOf", []):
        yield from _walk(schema, sub, where, seen)
    if "items" in node:
        yield from _walk(schema, node["items"], f"{where}[]", seen)


def _inputs(schema):
    for label, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            yield from _walk(schema, parameter["schema"], f"{label} {parameter['in']} {parameter['name']}")
        body = operation.get("requestBody", {}).get("content", {})
        for media in body.values():
            yield from (("body " + where, node) for where, node in _walk(schema, media["schema"], label))


def test_every_number_the_api_takes_is_bounded_in_its_document(schema):
    unbounded = [
        where
        for where, node in _inputs(schema)
        if node.get("type") in ("integer", "number") and ("minimum" not in node or "maximum" not in node)
    ]

    assert unbounded == []


def test_every_list_and_text_in_a_request_body_is_bounded_in_its_document(schema):
    unbounded = [
        where
        for where, node in _inputs(schema)
        if where.startswith("body")
        and (
            (node.get("type") == "array" and "maxItems" not in node)
            or (
                node.get("type") == "string" and "maxLength" not in node and "format" not in node and "enum" not in node
            )
        )
    ]

    assert unbounded == []


def test_every_operation_declares_the_errors_it_can_answer_with_the_error_schema(schema):
    missing = []
    for label, operation in operations(schema):
        takes = {parameter["in"] for parameter in operation.get("parameters", [])}
        if "requestBody" in operation:
            takes.add("body")
        expected = set()
        if takes:
            expected |= {"400", "422"}
        if "path" in takes:
            expected.add("404")
        if "body" in takes:
            expected.add("413")
        if operation.get("security"):
            expected.add("401")
        for status in sorted(expected):
            content = operation["responses"].get(status, {}).get("content", {})
            if content.get("application/json", {}).get("schema") != {"$ref": "#/components/schemas/ErrorOut"}:
                missing.append(f"{label} {status}")

    assert missing == []
    error = schema["components"]["schemas"]["ErrorOut"]
    assert set(error["properties"]) == {"detail", "problems", "errors"} and error["required"] == ["detail"]
