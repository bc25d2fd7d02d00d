"""Dutch full-text search over the Vitrine's cases, the same on SQLite and PostgreSQL.

Our own inverted index (``SearchTerm``: one row per case and stem, with a weight) is filled from the Dutch analyser
in :mod:`kernkompas.lib.dutch`. A query is analysed the same way; each query word becomes a set of index terms that
count as a match (its stem, longer compounds that start or end with it, typo corrections, synonyms) and one SQL
query sums the weights per case. Every query word must match (AND); only when no case matches them all do cases
that match some of them come back, those matching most first.

The distinct terms of the index (the vocabulary, a few thousand stems) live in the cache under a random stamp that
changes when terms are added, so a query does not read them from the database each time.

The parts, each using only those above it:

- :mod:`.vocabulary`: the index's terms, the synonyms and the index version, kept in the cache under stamps;
- :mod:`.index`: writing the index from a case's text (called by the signals when a case is published);
- :mod:`.query`: understanding a query (word forms, compounds, typos, synonyms);
- :mod:`.ranking`: finding and ranking the matching cases, and remembering the results;
- :mod:`.related`: cases alike in text, for a case page's related cases;
- :mod:`.highlight`: the passage of a result that matched, with the matching words marked.

Callers import from here: ``from kernkompas.vitrine import search``; ``search.search_case_ids(q)``.
"""

from kernkompas.vitrine.search.highlight import highlight
from kernkompas.vitrine.search.index import case_texts, index_case, plain_text, rebuild_index, remove_case, term_weights
from kernkompas.vitrine.search.query import QueryWord, understand
from kernkompas.vitrine.search.ranking import ScoredCase, cached_search_case_ids, results_key, search_case_ids
from kernkompas.vitrine.search.related import similar_by_text
from kernkompas.vitrine.search.vocabulary import forget_synonyms, index_version, synonym_groups, vocabulary

__all__ = [
    "QueryWord",
    "ScoredCase",
    "cached_search_case_ids",
    "case_texts",
    "forget_synonyms",
    "highlight",
    "index_case",
    "index_version",
    "plain_text",
    "rebuild_index",
    "remove_case",
    "results_key",
    "search_case_ids",
    "similar_by_text",
    "synonym_groups",
    "term_weights",
    "understand",
    "vocabulary",
]
