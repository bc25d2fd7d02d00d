"""The Vitrine's cases for a lab (``core.parts.cases_by_ids`` and ``search_cases``): live public cases only, in the
order asked."""

from __future__ import annotations

import pytest

from kernkompas.core import parts
from kernkompas.vitrine.tests.list_cases import make_case

pytestmark = pytest.mark.django_db

PLACE = ("10k-25k", "dorpskern", "NL", "lt10k")  # size, core type, country, cost


def test_cases_by_ids_keeps_order_and_leaves_out_drafts():
    first = make_case(
        "gemert", "De dorpswinkel van Gemert", ["samenwerking"], [], "10k-25k", "dorpskern", "NL", "lt10k"
    )
    second = make_case("heist", "Een centrummanager", ["beleid-visie"], [], "25k-50k", "stadskern", "BE", "10k-50k")
    draft = make_case(
        "geheim", "Geheime case", ["samenwerking"], [], "25k-50k", "stadskern", "BE", "10k-50k", live=False
    )
    found = parts.cases_by_ids([second.pk, draft.pk, first.pk, 999_999])
    assert [case.title for case in found] == ["Een centrummanager", "De dorpswinkel van Gemert"]
    assert found[0].url.endswith("/heist/")
    assert parts.cases_by_ids([]) == []


def test_search_cases():
    make_case("gemert", "De dorpswinkel van Gemert", ["samenwerking"], [], "10k-25k", "dorpskern", "NL", "lt10k")
    assert [case.title for case in parts.search_cases("dorpswinkel")] == ["De dorpswinkel van Gemert"]
    assert parts.search_cases("   ") == []
