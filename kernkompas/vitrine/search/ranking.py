"""Finding and ranking the cases that match a query: one SQL query sums the weights of the matching terms per case.

Every query word must match (AND); only when no case matches them all do cases that match some of them come back,
those matching most first.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Case, Exists, F, FloatField, Max, OuterRef, Q, Value, When
from django.db.models.functions import Greatest
from wagtail.models import Page

from kernkompas.vitrine.models import SearchTerm
from kernkompas.vitrine.search.query import QueryWord, understand
from kernkompas.vitrine.search.vocabulary import CACHE_SECONDS, index_version, synonyms_stamp

RESULTS = "vitrine:search:results:"


class ScoredCase(NamedTuple):
    """A case found by the search, by its page id, with how well it matches (higher is better)."""

    page_id: int
    score: float


def search_case_ids(query: str) -> list[ScoredCase]:
    """Live, public cases matching the query, best first. Empty query: [].

    A case scores, for each query word, the best of the ways it matches that word (a way with several
    requirements, such as the parts of a compound, scores their average), summed over the words. Scored and
    sorted in the database: one query, two when no case matches every word.
    """
    words = understand(query or "")
    if not words:
        return []
    names, every_word = _requirements(words)
    scored = _matching_rows(names).annotate(
        **{f"w{number}": _word_score(word, names) for number, word in enumerate(words)}
    )
    word_scores = [F(f"w{number}") for number in range(len(words))]
    found = scored.filter(every_word).annotate(score=sum(word_scores[1:], word_scores[0]))
    results = list(found.order_by("-score", "-page_id").values_list("page_id", "score"))
    if not results:
        matched = [Case(When(**{f"w{n}__gt": 0}, then=Value(1)), default=Value(0)) for n in range(len(words))]
        partial = scored.annotate(score=sum(word_scores[1:], word_scores[0]), matched=sum(matched[1:], matched[0]))
        results = list(partial.order_by("-matched", "-score", "-page_id").values_list("page_id", "score"))
    return [ScoredCase(page_id, round(float(score), 3)) for page_id, score in results]


def cached_search_case_ids(query: str) -> list[ScoredCase]:
    """``search_case_ids``, remembered in the cache under the index version and the synonyms' stamp.

    A result only changes when a case is (un)published or changed (which changes the index version) or when an
    editor changes a synonym (which changes the stamp), so a key made of both is never stale: a visitor paging
    through results, or many visitors asking the same, cost one search. The list holds ids and scores, not cases:
    the cases shown are read fresh, so one unpublished since never shows.
    """
    key = results_key(query)
    if key is None:  # no synonym stamp yet: understanding the query reads the synonyms and sets it
        return search_case_ids(query)
    results = cache.get(key)
    if results is None:
        results = search_case_ids(query)
        cache.set(key, results, CACHE_SECONDS)
    return results


def results_key(query: str) -> str | None:
    """The cache key of a query's results, or None while the synonyms have no stamp."""
    synonyms = synonyms_stamp()
    if synonyms is None:
        return None
    return f"{RESULTS}{index_version()}:{synonyms}:{hashlib.sha256(query.encode()).hexdigest()}"


def of_a_public_case(exclude: int | None = None) -> Exists:
    """A SearchTerm row of a live, public case (other than ``exclude``).

    EXISTS per row rather than ``page_id IN (every live case)``: with the list of ids SQLite walks the index by
    case, reading every term of all 10,000 cases; with EXISTS it reads the rows of the query's terms through the
    (term, page) index and checks each row's case by its primary key (5× faster for "leegstand"). The row's page is
    a case (its foreign key says so), so only its ``Page`` row is read: one lookup per row instead of two.
    """
    cases = Page.objects.live().public().filter(pk=OuterRef("page_id"))
    return Exists(cases.exclude(pk=exclude) if exclude is not None else cases)


def _requirements(words: list[QueryWord]) -> tuple[dict[frozenset, str], Q]:
    # One annotation per distinct requirement; a case satisfies a word through any one of its ways.
    names: dict[frozenset, str] = {}
    every_word = Q()
    for word in words:
        either = Q()
        for way in word.ways:
            both = Q()
            for requirement in way:
                name = names.setdefault(frozenset(requirement.items()), f"r{len(names)}")
                both &= Q(**{f"{name}__gt": 0})
            either |= both
        every_word &= either
    return names, every_word


def _matching_rows(names: dict[frozenset, str]):
    """Per live, public case: for each requirement its best matching term's weight × quality (NULL: no match)."""
    best = {name: Max(_weighted(dict(requirement))) for requirement, name in names.items()}
    terms = sorted({term for requirement in names for term, _quality in requirement})
    return SearchTerm.objects.filter(of_a_public_case(), term__in=terms).values("page_id").annotate(**best)


def _weighted(qualities: dict[str, float]) -> Case:
    by_quality: dict[float, list[str]] = defaultdict(list)
    for term, quality in qualities.items():
        by_quality[quality].append(term)
    whens = [When(term__in=sorted(terms), then=F("weight") * Value(q)) for q, terms in sorted(by_quality.items())]
    return Case(*whens, default=None, output_field=FloatField())


def _word_score(word: QueryWord, names: dict[frozenset, str]):
    """The best of the ways a case matches the word: the average of a way's requirements if it meets them all."""
    ways = []
    for way in word.ways:
        columns = [names[frozenset(requirement.items())] for requirement in way]
        average = sum((F(column) for column in columns[1:]), F(columns[0])) / Value(float(len(columns)))
        met = Q(**{f"{column}__gt": 0 for column in columns})
        ways.append(Case(When(met, then=average), default=Value(0.0), output_field=FloatField()))
    return ways[0] if len(ways) == 1 else Greatest(*ways, output_field=FloatField())
