"""Showing where a case matched: a passage of its text around the best match, with the matching words marked."""

from __future__ import annotations

import re
import time
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kernkompas.lib import dutch
from kernkompas.vitrine.search.index import plain_text
from kernkompas.vitrine.search.query import MIN_AFFIX, PHRASE, understand
from kernkompas.vitrine.search.vocabulary import synonyms_stamp, vocabulary_stamp

MEMO_SECONDS = 60
TERMS_MEMO_SIZE = 256
PASSAGE_MEMO_SIZE = 2048


class QueryTerms(NamedTuple):
    """What a highlight marks for a query: the index terms it reaches, and its own stems (for unseen compounds)."""

    terms: frozenset[str]
    stems: tuple[str, ...]


class _Remembered(NamedTuple):
    at: float  # time.monotonic() when worked out
    found: QueryTerms


class Span(NamedTuple):
    start: int
    end: int


_terms_memo: dict[tuple, _Remembered] = {}
_passage_memo: dict[tuple, SafeString] = {}


def highlight(text: str, query: str, max_chars: int = 240) -> SafeString:
    """A passage of ``text`` around its best match for ``query``, HTML-escaped, with matches in <mark>.

    Remembered in this process per text, query and the terms the query reaches (so a new synonym or index term
    gives a new passage): a result page asked again does not mark the same passages again.
    """
    found = query_terms(query or "")
    key = (text, max_chars, found.terms, found.stems)
    passage = _passage_memo.get(key)
    if passage is None:
        passage = _highlight(text, found, max_chars)
        if len(_passage_memo) >= PASSAGE_MEMO_SIZE:
            _passage_memo.clear()
        _passage_memo[key] = passage
    return passage


def _highlight(text: str, found: QueryTerms, max_chars: int) -> SafeString:
    plain = plain_text(text or "")
    matches = [Span(start, end) for start, end, term in dutch.iter_words(plain) if term and _hit(term, found)]
    window = _window(plain, matches, max_chars)
    pieces = ["…" if window.start > 0 else ""]
    position = window.start
    for match in matches:
        if match.start < window.start or match.end > window.end:
            continue
        pieces += [escape(plain[position : match.start]), "<mark>", escape(plain[match.start : match.end]), "</mark>"]
        position = match.end
    pieces += [escape(plain[position : window.end]), "…" if window.end < len(plain) else ""]
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def _hit(term: str, found: QueryTerms) -> bool:
    # Index terms reached by the query, or compounds built on a query word that the index has not seen.
    return term in found.terms or any(
        term.startswith(stem) or term.endswith(stem) for stem in found.stems if len(stem) >= MIN_AFFIX
    )


def query_terms(query: str) -> QueryTerms:
    """The terms a highlight marks for ``query``, remembered for a minute: a result page highlights a dozen cases
    for the same query."""
    key = (query, vocabulary_stamp(), synonyms_stamp())
    remembered = _terms_memo.get(key)
    if remembered and time.monotonic() - remembered.at < MEMO_SECONDS:
        return remembered.found
    words = understand(query)
    # Not the words of a synonym phrase on their own: "winkel" is no match for "leegstand".
    terms = frozenset(term for word in words for term, quality in word.terms().items() if quality != PHRASE)
    found = QueryTerms(terms, tuple(word.stem for word in words))
    if len(_terms_memo) > TERMS_MEMO_SIZE:
        _terms_memo.clear()
    _terms_memo[key] = _Remembered(time.monotonic(), found)
    return found


_SPACE = re.compile(r"\s")


def _window(plain: str, matches: list[Span], max_chars: int) -> Span:
    """The passage with the most matches, cut at spaces, with a little text before them."""
    if len(plain) <= max_chars:
        return Span(0, len(plain))
    best_start, best_count = 0, 0
    for index, match in enumerate(matches):
        count = sum(1 for later in matches[index:] if later.end <= match.start + max_chars)
        if count > best_count:
            best_start, best_count = match.start, count
    start = max(0, best_start - max_chars // 5)
    if start > 0:
        space = _SPACE.search(plain, start, best_start)
        start = space.end() if space else best_start
    end = min(len(plain), start + max_chars)
    if end < len(plain):
        space = plain.rfind(" ", start, end)
        end = space if space > start else end
    return Span(start, end)
