"""The vocabulary of the index, the synonyms and the index version: small, read by every query, kept in the cache.

Each lives in the cache under a random stamp. The stamp changes when the thing it stands for changes (terms added,
a synonym edited, a case (un)published), so whatever is derived from it (a query's results, a case's related cases,
the terms a highlight marks) can be remembered under the stamp and is never stale.
"""

from __future__ import annotations

import uuid
from typing import NamedTuple

from django.core.cache import cache

from kernkompas.lib import dutch
from kernkompas.vitrine.models import SearchTerm, Synonym

VOCABULARY_STAMP = "vitrine:search:vocabulary-stamp"
VOCABULARY_TERMS = "vitrine:search:vocabulary:"
SYNONYM_STAMP = "vitrine:search:synonym-stamp"
SYNONYM_GROUPS = "vitrine:search:synonyms:"
INDEX_STAMP = "vitrine:search:index-stamp"
CACHE_SECONDS = 3600  # after an hour the vocabulary is read again, so terms lost to a race come back

SynonymGroup = list[tuple[str, ...]]  # analysed phrases that mean the same: [("horeca",), ("caf", "restaurant")]


class _Remembered(NamedTuple):
    stamp: str
    vocabulary: dutch.Vocabulary


_memo: dict[str, _Remembered] = {}


def vocabulary() -> dutch.Vocabulary:
    """The distinct terms of the index, from this process's memory while the stamp in the cache is the same."""
    stamp = cache.get(VOCABULARY_STAMP)
    remembered = _memo.get("vocabulary")
    if stamp and remembered and remembered.stamp == stamp:
        return remembered.vocabulary
    terms = cache.get(VOCABULARY_TERMS + stamp) if stamp else None
    if terms is None:
        terms = set(SearchTerm.objects.values_list("term", flat=True).distinct())
        stamp = store_vocabulary(terms)
    found = dutch.Vocabulary(terms)
    _memo["vocabulary"] = _Remembered(stamp, found)
    return found


def store_vocabulary(terms: set[str]) -> str:
    """Put the index's terms in the cache under a new stamp; returns the stamp."""
    stamp = uuid.uuid4().hex
    cache.set(VOCABULARY_TERMS + stamp, terms, CACHE_SECONDS)
    cache.set(VOCABULARY_STAMP, stamp, CACHE_SECONDS)
    return stamp


def vocabulary_stamp() -> str | None:
    """The stamp of the terms now in the cache; None until a query or a rebuild has read them."""
    return cache.get(VOCABULARY_STAMP)


def forget_vocabulary() -> None:
    """After a rebuild: the next query reads the terms from the index again."""
    cache.delete(VOCABULARY_STAMP)


def index_version() -> str:
    """A stamp that changes whenever the index changes (a case published, changed, unpublished or deleted).

    Results derived from the index, such as a case's related cases, can be cached under it.
    """
    stamp = cache.get(INDEX_STAMP)
    if stamp is None:
        stamp = bump_index_version()
    return stamp


def bump_index_version() -> str:
    """Called by every change to the index: whatever was cached under the old version is not used again."""
    stamp = uuid.uuid4().hex
    cache.set(INDEX_STAMP, stamp, None)
    return stamp


def synonym_groups() -> list[SynonymGroup]:
    """Each Synonym as a group of analysed phrases that mean the same: [("horeca",), ("caf", "restaurant"), …]."""
    stamp = cache.get(SYNONYM_STAMP)
    groups = cache.get(SYNONYM_GROUPS + stamp) if stamp else None
    if groups is None:
        groups = []
        for synonym in Synonym.objects.all():
            phrases = [tuple(dutch.analyse(phrase)) for phrase in [synonym.term, *synonym.alternative_list()]]
            groups.append([phrase for phrase in dict.fromkeys(phrases) if phrase])
        stamp = uuid.uuid4().hex
        cache.set(SYNONYM_GROUPS + stamp, groups, CACHE_SECONDS)
        cache.set(SYNONYM_STAMP, stamp, CACHE_SECONDS)
    return groups


def synonyms_stamp() -> str | None:
    """The stamp of the synonyms now in the cache; None until a query has read them."""
    return cache.get(SYNONYM_STAMP)


def forget_synonyms() -> None:
    """Called when an editor changes a synonym: the next query reads them again."""
    cache.delete(SYNONYM_STAMP)
