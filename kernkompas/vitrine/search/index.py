"""Writing the index: each live case's text, analysed into weighted stems (``SearchTerm`` rows)."""

from __future__ import annotations

import html
import math
import re
from collections import Counter, defaultdict

from django.db import transaction
from django.utils.html import strip_tags

from kernkompas.lib import dutch
from kernkompas.vitrine.models import CasePage, SearchTerm
from kernkompas.vitrine.search.vocabulary import bump_index_version, forget_vocabulary, store_vocabulary, vocabulary

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

TERM_LENGTH = SearchTerm._meta.get_field("term").max_length
BATCH = 5000


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
        store_vocabulary(known.terms | new_terms)
    bump_index_version()
    return len(weights)


def remove_case(page_id: int) -> None:
    """Take a case out of the index (unpublished or deleted)."""
    SearchTerm.objects.filter(page_id=page_id).delete()
    bump_index_version()


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
    forget_vocabulary()
    bump_index_version()
    return len(pages)
