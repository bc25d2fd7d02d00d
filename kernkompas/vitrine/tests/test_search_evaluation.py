"""The evaluation set must keep its recall: the share of required cases the search finds for its queries."""

import pytest

from kernkompas.vitrine.search import search_case_ids
from kernkompas.vitrine.tests.search_evaluation import QUERIES, evaluate, make_cases

RECALL_THRESHOLD = 0.9


@pytest.fixture
def pages(db):
    return make_cases()


def test_the_search_finds_at_least_nine_in_ten_required_cases_of_the_evaluation_set(pages):
    result = evaluate(search_case_ids, pages)
    print(f"\nsearch recall: {result.recall:.2f} over {len(QUERIES)} queries ({result.found}/{result.required} cases)")
    for query, key in result.misses:
        print(f"  missed: {query!r} should find {key!r}")
    assert result.recall >= RECALL_THRESHOLD, result.misses


def test_the_search_returns_no_case_the_evaluation_set_forbids(pages):
    result = evaluate(search_case_ids, pages)
    assert result.wrong == []
