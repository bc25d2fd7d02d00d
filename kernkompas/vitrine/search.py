"""Dutch full-text search over the Vitrine's cases, the same on SQLite and PostgreSQL.

Our own inverted index (``SearchTerm``: one row per case and stem, with a weight) is filled from the Dutch analyser
in :mod:`kernkompas.lib.dutch`. A query is analysed the same way; each query word becomes a set of index terms that
count as a match (its stem, longer compounds that start or end with it, typo corrections, synonyms) and one SQL
query sums the weights per case. Every query word must match (AND); only when no case matches them all do cases
that match some of them come back, those matching most first.

The distinct terms of the index (the vocabulary, a few thousand stems) live in the cache under a random stamp that
changes when terms are added, so a query does not read them from the database each time.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Count, Exists, F, FloatField, Max, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Greatest
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from kernkompas.lib import dutch
from kernkompas.vitrine.models import CasePage, SearchTerm, Synonym

# Where a word appears says how much it tells about the case.
FIELD_WEIGHTS = {
    "title": 5.0,
    "summary": 3.0,
    "themes": 3.0,
    "place_name": 2.0,
    "concept": 1.0,
    "context": 1.0,
    "approach": 1.0,
    "results": 1.0,
    "learnings": 1.0,
    "tips": 1.0,
    "dos": 1.0,
    "donts": 1.0,
    "partners": 1.0,
}
PART_FACTOR = 0.5  # a part of a compound ("leegstand" in "winkelleegstand") counts half the whole word

# How good a match is, by the way the index term was reached from the query word.
EXACT = 1.0
SYNONYM = 0.9
HEAD = 0.8  # the query word is the last part of a longer compound: "winkelleegstand" is a kind of "leegstand"
PREFIX = 0.7  # the query word begins a longer compound: "leegstandsbeheer" is about "leegstand"
TYPO = 0.7
PHRASE = 0.6  # each word of a synonym phrase: "lege panden" for "leegstand" (the words need not be adjacent)
TYPO_2 = 0.5
PART = 0.5  # a part of a compound query word

MIN_AFFIX = 4  # shorter stems would match too many compounds ("bom" in "parkeerbom")
TERM_LENGTH = SearchTerm._meta.get_field("term").max_length
BATCH = 5000

VOCABULARY_STAMP = "vitrine:search:vocabulary-stamp"
VOCABULARY_TERMS = "vitrine:search:vocabulary:"
SYNONYM_STAMP = "vitrine:search:synonym-stamp"
SYNONYM_GROUPS = "vitrine:search:synonyms:"
CACHE_SECONDS = 3600  # after an hour the vocabulary is read again, so terms lost to a race come back


# --- Building the index -------------------------------------------------------------------------------------


def case_texts(page: CasePage) -> dict[str, str]:
    """The plain text of each searchable field of a case (rich text without its HTML)."""
    texts = {name: plain_text(getattr(page, name, "") or "") for name in FIELD_WEIGHTS if name != "themes"}
    texts["themes"] = " ".join(theme.name for theme in page.themes.all())
    return texts


# Where one block of rich text ends and the next begins there is a break between words, even without a space in the
# markup ("…leegstand.</p><p>Passanten…"); inline tags (<b>, <a>) may sit inside a word and are simply dropped.
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h[1-6]|div|blockquote|table|tr|td|th|figure|figcaption|hr)\b[^>]*>", re.I)


def plain_text(text: str) -> str:
    """Text without HTML tags and entities, whitespace collapsed; blocks and line breaks separate words."""
    return " ".join(html.unescape(strip_tags(_BLOCK_TAG.sub(" ", str(text)))).split())


def term_weights(texts: dict[str, str], vocabulary, splits: dict | None = None) -> dict[str, float]:
    """Index terms of one case with their weights: stems by field, plus the parts of compound words.

    A repeated word counts more, but with a logarithm so that a long text does not outweigh a title.
    ``splits`` memoises compound splits over many cases indexed against the same vocabulary.
    """
    splits = {} if splits is None else splits
    weights: dict[str, float] = defaultdict(float)
    for name, text in texts.items():
        field_weight = FIELD_WEIGHTS[name]
        for term, count in Counter(dutch.analyse(text)).items():
            weights[term] += field_weight * (1 + math.log(count))
        for word in set(dutch.folded_words(text)):
            for part in _compound_terms(word, vocabulary, splits):
                weights[part] += field_weight * PART_FACTOR
    return {term[:TERM_LENGTH]: round(weight, 3) for term, weight in weights.items()}


def _compound_terms(word: str, vocabulary, splits: dict) -> list[str]:
    if word not in splits:
        parts = dutch.split_compound(word, vocabulary)
        whole = dutch.stem(word)
        extra = [*parts, *dutch.compound_tails(word, parts)] if parts else []
        splits[word] = [term for term in dict.fromkeys(extra) if term != whole]
    return splits[word]


def index_case(page: CasePage) -> int:
    """(Re)index one case; a case that is not live is taken out. Returns the number of index terms written."""
    if not page.live:
        remove_case(page.pk)
        return 0
    texts = case_texts(page)
    own_terms = {term for text in texts.values() for term in dutch.analyse(text)}
    known = vocabulary()
    weights = term_weights(texts, known.terms | own_terms)
    with transaction.atomic():
        SearchTerm.objects.filter(page_id=page.pk).delete()
        SearchTerm.objects.bulk_create(
            [SearchTerm(page_id=page.pk, term=term, weight=weight) for term, weight in weights.items()],
            batch_size=BATCH,
        )
    new_terms = set(weights) - known.terms
    if new_terms:
        _store_vocabulary(known.terms | new_terms)
    _bump_index_version()
    return len(weights)


def remove_case(page_id: int) -> None:
    """Take a case out of the index (unpublished or deleted)."""
    SearchTerm.objects.filter(page_id=page_id).delete()
    _bump_index_version()


def rebuild_index() -> int:
    """Index every live case anew, in one transaction. Returns the number of cases indexed.

    Two passes: first the plain stems of all cases, so that compounds are split against the whole vocabulary
    whatever order the cases come in.
    """
    pages = list(CasePage.objects.live().prefetch_related("themes").order_by("pk"))
    texts_by_page = {page.pk: case_texts(page) for page in pages}
    terms = {term for texts in texts_by_page.values() for text in texts.values() for term in dutch.analyse(text)}
    splits: dict = {}
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        batch: list[SearchTerm] = []
        for page_id, texts in texts_by_page.items():
            weights = term_weights(texts, terms, splits)
            batch += [SearchTerm(page_id=page_id, term=term, weight=weight) for term, weight in weights.items()]
            if len(batch) >= BATCH:
                SearchTerm.objects.bulk_create(batch)
                batch = []
        SearchTerm.objects.bulk_create(batch)
    cache.delete(VOCABULARY_STAMP)
    _bump_index_version()
    return len(pages)


# --- The vocabulary and the synonyms, cached --------------------------------------------------------------

_memo: dict[str, tuple[str, object]] = {}


def vocabulary() -> dutch.Vocabulary:
    """The distinct terms of the index, from this process's memory while the stamp in the cache is the same."""
    stamp = cache.get(VOCABULARY_STAMP)
    remembered = _memo.get("vocabulary")
    if stamp and remembered and remembered[0] == stamp:
        return remembered[1]
    terms = cache.get(VOCABULARY_TERMS + stamp) if stamp else None
    if terms is None:
        terms = set(SearchTerm.objects.values_list("term", flat=True).distinct())
        stamp = _store_vocabulary(terms)
    found = dutch.Vocabulary(terms)
    _memo["vocabulary"] = (stamp, found)
    return found


INDEX_STAMP = "vitrine:search:index-stamp"


def index_version() -> str:
    """A stamp that changes whenever the index changes (a case published, changed, unpublished or deleted).

    Results derived from the index, such as a case's related cases, can be cached under it.
    """
    stamp = cache.get(INDEX_STAMP)
    if stamp is None:
        stamp = _bump_index_version()
    return stamp


def _bump_index_version() -> str:
    stamp = uuid.uuid4().hex
    cache.set(INDEX_STAMP, stamp, None)
    return stamp


def _store_vocabulary(terms: set[str]) -> str:
    stamp = uuid.uuid4().hex
    cache.set(VOCABULARY_TERMS + stamp, terms, CACHE_SECONDS)
    cache.set(VOCABULARY_STAMP, stamp, CACHE_SECONDS)
    return stamp


def synonym_groups() -> list[list[tuple[str, ...]]]:
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


def forget_synonyms() -> None:
    """Called when an editor changes a synonym: the next query reads them again."""
    cache.delete(SYNONYM_STAMP)


# --- Understanding a query ----------------------------------------------------------------------------------

Requirement = dict[str, float]  # index terms that satisfy it, with the quality of each


@dataclass
class QueryWord:
    """One word of a query and the ways a case can match it: any one way, with every requirement in it."""

    stem: str
    ways: list[list[Requirement]] = field(default_factory=list)

    def terms(self) -> dict[str, float]:
        best: dict[str, float] = {}
        for way in self.ways:
            for requirement in way:
                for term, quality in requirement.items():
                    best[term] = max(quality, best.get(term, 0.0))
        return best


def understand(query: str) -> list[QueryWord]:
    """The query words with their alternatives: word forms, compounds, typos and synonyms."""
    stems = dutch.analyse(query)
    if not stems:
        return []
    known = vocabulary()
    words = [QueryWord(stem=stem, ways=[[_alternatives(stem, known)]]) for stem in stems]
    for folded, word in zip(_query_words(query), words, strict=False):
        parts = dutch.split_compound(folded, known.terms)
        if parts:
            word.ways.append([{part: PART} for part in parts])
    _add_synonyms(stems, words)
    return words


def _query_words(query: str) -> list[str]:
    # The folded words that analyse() keeps, in the same order, for compound splitting.
    return [dutch.normalise_word(m.group()) for m in dutch.WORD.finditer(query) if dutch.analyse_word(m.group())]


def _alternatives(stem: str, known: dutch.Vocabulary) -> Requirement:
    found = {stem: EXACT}
    if len(stem) >= MIN_AFFIX:
        for term in known.ending_with(stem):
            found.setdefault(term, HEAD)
        for term in known.starting_with(stem):
            found.setdefault(term, PREFIX)
    if stem not in known:
        near = known.near(stem)
        if not near:
            for term in known.near_ending(stem):
                found.setdefault(term, TYPO * HEAD)
        for term, distance in near:
            quality = TYPO if distance == 1 else TYPO_2
            found.setdefault(term, quality)
            # "leegstnad" -> "leegstand", and so to "winkelleegstand" as well.
            for compound in [*known.ending_with(term, limit=10), *known.starting_with(term, limit=10)]:
                found.setdefault(compound, quality * PREFIX)
    return found


def _add_synonyms(stems: list[str], words: list[QueryWord]) -> None:
    """Where the query contains one phrase of a synonym group, its words may also match the other phrases."""
    for group in synonym_groups():
        for phrase in group:
            for start in _occurrences(stems, phrase):
                for other in group:
                    if other == phrase:
                        continue
                    way = [{term: PHRASE} for term in other]
                    for word in words[start : start + len(phrase)]:
                        if len(other) == 1:
                            word.ways[0][0].setdefault(other[0], SYNONYM)
                        else:
                            word.ways.append(way)


def _occurrences(stems: list[str], phrase: tuple[str, ...]) -> list[int]:
    size = len(phrase)
    return [start for start in range(len(stems) - size + 1) if tuple(stems[start : start + size]) == phrase]


# --- Searching ----------------------------------------------------------------------------------------------


def search_case_ids(query: str) -> list[tuple[int, float]]:
    """Live, public cases matching the query as (page id, score), best first. Empty query: [].

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
    return [(page_id, round(float(score), 3)) for page_id, score in results]


RESULTS = "vitrine:search:results:"


def cached_search_case_ids(query: str) -> list[tuple[int, float]]:
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
    synonyms = cache.get(SYNONYM_STAMP)
    if synonyms is None:
        return None
    return f"{RESULTS}{index_version()}:{synonyms}:{hashlib.sha256(query.encode()).hexdigest()}"


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
    return SearchTerm.objects.filter(_of_a_public_case(), term__in=terms).values("page_id").annotate(**best)


def _of_a_public_case(exclude: int | None = None) -> Exists:
    """A SearchTerm row of a live, public case (other than ``exclude``).

    EXISTS per row rather than ``page_id IN (every live case)``: with the list of ids SQLite walks the index by
    case, reading every term of all 10,000 cases; with EXISTS it reads the rows of the query's terms through the
    (term, page) index and checks each row's case by its primary key (5× faster for "leegstand"). The row's page is
    a case (its foreign key says so), so only its ``Page`` row is read: one lookup per row instead of two.
    """
    cases = Page.objects.live().public().filter(pk=OuterRef("page_id"))
    return Exists(cases.exclude(pk=exclude) if exclude is not None else cases)


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


def similar_by_text(page: CasePage, limit: int = 5) -> list[tuple[int, float]]:
    """Other live, public cases that share the most telling terms with this one, as (page id, score).

    Terms are weighed by how rare they are (fewer cases use them, more they say), so that "gemeente" does not
    make every case similar. Three queries whatever the number of cases.
    """
    own = dict(SearchTerm.objects.filter(page_id=page.pk).values_list("term", "weight"))
    if not own:
        return []
    total = SearchTerm.objects.values("page_id").distinct().count()
    spread = dict(
        SearchTerm.objects.filter(term__in=list(own))
        .values("term")
        .annotate(n=Count("page_id"))
        .values_list("term", "n")
    )
    telling = {term: weight * math.log(1 + total / spread.get(term, 1)) for term, weight in own.items()}
    chosen = sorted(telling.items(), key=lambda item: -item[1])[:30]
    score = Sum(
        Case(
            *[When(term=term, then=F("weight") * Value(value)) for term, value in chosen],
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    rows = (
        SearchTerm.objects.filter(_of_a_public_case(exclude=page.pk), term__in=[term for term, _value in chosen])
        .values("page_id")
        .annotate(score=score)
        .order_by("-score", "-page_id")[:limit]
    )
    return [(row["page_id"], float(row["score"])) for row in rows]


# --- Showing where it matched -------------------------------------------------------------------------------

_highlight_memo: dict[tuple, tuple[float, frozenset, tuple]] = {}
MEMO_SECONDS = 60


_passage_memo: dict[tuple, SafeString] = {}
PASSAGE_MEMO_SIZE = 2048


def highlight(text: str, query: str, max_chars: int = 240) -> SafeString:
    """A passage of ``text`` around its best match for ``query``, HTML-escaped, with matches in <mark>.

    Remembered in this process per text, query and the terms the query reaches (so a new synonym or index term
    gives a new passage): a result page asked again does not mark the same passages again.
    """
    terms, stems = _highlight_terms(query or "")
    key = (text, max_chars, terms, stems)
    passage = _passage_memo.get(key)
    if passage is None:
        passage = _highlight(text, terms, stems, max_chars)
        if len(_passage_memo) >= PASSAGE_MEMO_SIZE:
            _passage_memo.clear()
        _passage_memo[key] = passage
    return passage


def _highlight(text: str, terms: frozenset, stems: tuple, max_chars: int) -> SafeString:
    plain = plain_text(text or "")
    matches = [(start, end) for start, end, term in dutch.iter_words(plain) if term and _hit(term, terms, stems)]
    start, end = _window(plain, matches, max_chars)
    pieces = ["…" if start > 0 else ""]
    position = start
    for match_start, match_end in matches:
        if match_start < start or match_end > end:
            continue
        pieces += [escape(plain[position:match_start]), "<mark>", escape(plain[match_start:match_end]), "</mark>"]
        position = match_end
    pieces += [escape(plain[position:end]), "…" if end < len(plain) else ""]
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def _hit(term: str, terms: frozenset, stems: tuple) -> bool:
    # Index terms reached by the query, or compounds built on a query word that the index has not seen.
    return term in terms or any(term.startswith(s) or term.endswith(s) for s in stems if len(s) >= MIN_AFFIX)


def _highlight_terms(query: str) -> tuple[frozenset, tuple]:
    # A result page highlights a dozen cases for the same query: remember its terms for a minute.
    key = (query, cache.get(VOCABULARY_STAMP), cache.get(SYNONYM_STAMP))
    remembered = _highlight_memo.get(key)
    if remembered and time.monotonic() - remembered[0] < MEMO_SECONDS:
        return remembered[1], remembered[2]
    words = understand(query)
    # Not the words of a synonym phrase on their own: "winkel" is no match for "leegstand".
    terms = frozenset(term for word in words for term, quality in word.terms().items() if quality != PHRASE)
    stems = tuple(word.stem for word in words)
    if len(_highlight_memo) > 256:
        _highlight_memo.clear()
    _highlight_memo[key] = (time.monotonic(), terms, stems)
    return terms, stems


_SPACE = re.compile(r"\s")


def _window(plain: str, matches: list[tuple[int, int]], max_chars: int) -> tuple[int, int]:
    """Start and end of the passage with the most matches, cut at spaces, with a little text before them."""
    if len(plain) <= max_chars:
        return 0, len(plain)
    best_start, best_count = 0, 0
    for index, (match_start, _end) in enumerate(matches):
        count = sum(1 for _s, match_end in matches[index:] if match_end <= match_start + max_chars)
        if count > best_count:
            best_start, best_count = match_start, count
    start = max(0, best_start - max_chars // 5)
    if start > 0:
        space = _SPACE.search(plain, start, best_start)
        start = space.end() if space else best_start
    end = min(len(plain), start + max_chars)
    if end < len(plain):
        space = plain.rfind(" ", start, end)
        end = space if space > start else end
    return start, end
