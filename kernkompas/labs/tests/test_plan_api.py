"""The action plans in the API (/api/v1/labs/): published plans only, with agenda, bottlenecks, actions, progress and
updates; bounded ids; no personal data."""

from __future__ import annotations

import pytest

from kernkompas.labs.tests.plan_fixtures import HOSTILE, make_plan

pytestmark = pytest.mark.django_db

API = "/api/v1/labs"


def test_list_has_only_published_plans(cast, client):
    public = make_plan(cast, title="Openbaar plan")
    make_plan(cast, published=False, title="Geheim concept")
    client.force_login(cast.ellen)  # a session does not open unpublished plans in the API
    data = client.get(f"{API}/plans").json()
    assert data["count"] == 1
    [item] = data["items"]
    assert item["id"] == public.plan.pk and item["title"] == "Openbaar plan"
    assert item["gemeente"] == {"name": "Maasdijk", "slug": cast.maasdijk.slug}
    assert item["url"].endswith(f"/binnenstadslab/actieplannen/{public.plan.pk}/openbaar/")


def test_list_paging_is_bounded(cast, client):
    assert client.get(f"{API}/plans?limit=0").status_code == 422
    assert client.get(f"{API}/plans?limit=101").status_code == 422
    assert client.get(f"{API}/plans?offset=-1").status_code == 422


def test_detail_of_a_published_plan(cast, client):
    found = make_plan(cast)
    response = client.get(f"{API}/plans/{found.plan.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["vision"].startswith("In 2030")
    assert data["goals"] == ["Minder leegstand in de Marktstraat"]
    assert [b["kind"]["code"] for b in data["bottlenecks"]] == ["knelpunt", "kans"]
    assert data["bottlenecks"][0]["kind"]["label"] == "knelpunt"
    first = data["actions"][0]
    assert first["title"] == "Pop-upwinkels in lege panden"
    assert first["lead_party"] == "Ondernemersvereniging Maasdijk"
    assert first["status"] == {"code": "lopend", "label": "lopend"}
    assert float(first["budget"]) == pytest.approx(30000.5)
    assert first["indicator"]["code"] == "vacancy_rate"
    assert first["indicator"]["target"] == pytest.approx(0.1)
    assert first["updates"] == [
        {
            "date": "2026-03-01",
            "text": "Drie panden zijn verhuurd aan starters.",
            "status": {"code": "lopend", "label": "lopend"},
            "by": "Ondernemersvereniging Maasdijk",
        }
    ]
    assert data["actions"][1]["partners"] == ["Ondernemersvereniging Maasdijk"]
    assert cast.ellen.email not in response.content.decode()
    assert "ellen" not in response.content.decode().lower()


def test_detail_of_an_unpublished_or_unknown_plan_is_404(cast, client):
    hidden = make_plan(cast, published=False)
    client.force_login(cast.anton)
    response = client.get(f"{API}/plans/{hidden.plan.pk}")
    assert response.status_code == 404
    assert "detail" in response.json()
    assert client.get(f"{API}/plans/999999").status_code == 404


@pytest.mark.parametrize("bad", ["0", "-1", str(2**63), "abc"])
def test_detail_id_is_bounded(db, client, bad):
    assert client.get(f"{API}/plans/{bad}").status_code == 422


def test_hostile_text_is_data(cast, client):
    found = make_plan(cast)
    found.action.title = HOSTILE
    found.action.save()
    data = client.get(f"{API}/plans/{found.plan.pk}").json()
    assert data["actions"][0]["title"] == HOSTILE  # JSON carries it as text; pages escape it


def test_operations_are_in_the_openapi_document(db, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/labs/plans" in paths
    detail = paths["/api/v1/labs/plans/{plan_id}"]["get"]
    assert "404" in detail["responses"] and "422" in detail["responses"]
