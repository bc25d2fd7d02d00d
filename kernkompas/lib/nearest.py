"""The nearest known name for a name a file uses: "Beenhouwerij" → "Slager", "Frituur" → "Fastservice en afhaal".

Framework-free. Used to propose a branch for a name that a municipality's file has and the taxonomy does not
know; the officer confirms or picks another, so a proposal may be wrong but must be explainable. In this order:

1. the same name after folding (case, accents, punctuation, small words such as "en");
2. a synonym (a word list the caller gives: Flemish and Dutch words for the same trade);
3. words in common (a name is split into words and "/"-parts; "Handelspand leeg" shares "leeg" with "Leegstand");
4. the most similar spelling (difflib ratio of the folded names, from :data:`MIN_RATIO` on).

Returns None when nothing is close enough: then the officer chooses without a proposal.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_RATIO = 0.6  # "Bakkerij"/"Bakker" is 0.86, "Apoteek"/"Apotheek" 0.93, "Frituur"/"Fietsen" 0.43
SMALL_WORDS = frozenset({"en", "and", "of", "de", "het", "the", "van", "et", "la", "le"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold_name(text: str | None) -> str:
    """Lower case, no accents, words separated by one space, small words left out: "Café & Bar" → "cafe bar"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(word for word in _NON_WORD.sub(" ", plain).split() if word not in SMALL_WORDS)


@dataclass(frozen=True)
class Proposal:
    """A known name proposed for an unknown one, with why (``how``: "same", "synonym", "words", "spelling")."""

    key: str  # the caller's key of the known name
    how: str
    score: float


def nearest(
    name: str,
    known: Mapping[str, str],
    *,
    synonyms: Mapping[str, str] | None = None,
    prefer: Iterable[str] = (),
) -> Proposal | None:
    """The known name nearest to ``name``.

    ``known``: {key: name} of the names to choose from. ``synonyms``: {folded word: key}, e.g.
    {"beenhouwerij": "slager"}. ``prefer``: keys that win a tie (the branches of the group the file names).
    """
    folded = fold_name(name)
    if not folded:
        return None
    preferred = set(prefer)
    names = {key: fold_name(text) for key, text in known.items()}
    for key, text in names.items():
        if text == folded or text.replace(" ", "") == folded.replace(" ", ""):
            return Proposal(key, "same", 1.0)
    found = _synonym(folded, synonyms or {}, known)
    if found is not None:
        return found
    return _by_words(folded, names, preferred) or _by_spelling(folded, names, preferred)


def _synonym(folded: str, synonyms: Mapping[str, str], known: Mapping[str, str]) -> Proposal | None:
    """A synonym of the whole name, else of one of its words ("Frituur De Grote" → "frituur")."""
    table = {fold_name(word): key for word, key in synonyms.items() if key in known}
    if folded in table:
        return Proposal(table[folded], "synonym", 1.0)
    joined = folded.replace(" ", "")
    if joined in table:
        return Proposal(table[joined], "synonym", 1.0)
    for word in folded.split():
        if word in table:
            return Proposal(table[word], "synonym", 0.9)
    return None


def _by_words(folded: str, names: Mapping[str, str], preferred: set[str]) -> Proposal | None:
    """The known name that shares the largest part of its words with ``folded`` (words of 4+ letters; a word
    may also begin the other: "leeg" and "leegstand")."""
    words = {w for w in folded.split() if len(w) >= 4}
    if not words:
        return None
    best: tuple[float, bool, str] | None = None
    for key, text in names.items():
        theirs = {w for w in text.split() if len(w) >= 4}
        common = sum(1 for w in words if any(w == t or t.startswith(w) or w.startswith(t) for t in theirs))
        if not common:
            continue
        score = common / max(len(words), len(theirs))
        candidate = (score, key in preferred, key)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None or best[0] < 0.5:
        return None
    return Proposal(best[2], "words", round(best[0], 3))


def _by_spelling(folded: str, names: Mapping[str, str], preferred: set[str]) -> Proposal | None:
    best: tuple[float, bool, str] | None = None
    for key, text in names.items():
        ratio = max(
            difflib.SequenceMatcher(None, folded, text).ratio(),
            # "Bakkerij" against the first word of "Bakker en banketbakker"
            difflib.SequenceMatcher(None, folded, text.split()[0]).ratio() if text else 0.0,
        )
        candidate = (ratio, key in preferred, key)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None or best[0] < MIN_RATIO:
        return None
    return Proposal(best[2], "spelling", round(best[0], 3))
