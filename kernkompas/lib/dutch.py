"""A small Dutch text analyser for search: words, stopwords, stems, compounds and typos. No Django.

``analyse("Leegstaande panden in de binnenstad")`` gives ``["legstand", "pand", "binnenstad"]``: folded (no accents,
no capitals), stopwords out, each word reduced to a stem that its other forms share.

Why the classic Snowball Dutch stemmer (``dutch_porter``, the one PostgreSQL's ``dutch`` configuration uses) and not
the newer ``dutch``: the newer one strips the prefix ``ge-`` ("gebied" -> "bied", "gemeente" -> "meen"), which
breaks compound splitting ("kernwinkelgebied" no longer ends in a known word) and turns "management" into
"manamen". On top of the stemmer we collapse double vowels and a final double consonant, and a final s after a
consonant, so that "leegstaande" and "leegstand" meet ("legstand"), as do "terrassen" and "terras" ("terras"),
"plaats" and "plaatsen" ("plat").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

import snowballstemmer

from kernkompas.lib.text import fold

STOPWORDS = frozenset(
    """
    aan al alle als ben bij daar dan dat de deze die dit doen door dus een elk elke en er geen had heb hebben heeft
    het hier hij hoe hun ik in is je jij kan kon kunnen maar me meer men met mij moet moeten na naar niet nog nu of
    om omdat onder ons ook op over te tegen toe tot u uit van veel voor waar wat was we wel werd wie wij worden wordt
    zal ze zei zich zij zijn zo zoals zonder zou
    """.split()
)

# A word: letters and digits, possibly joined by hyphens or an apostrophe ("pop-up", "café's", "e-commerce").
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_POSSESSIVE_S = re.compile(r"['’]s$", re.IGNORECASE)
_ACCENTED_PLURAL = re.compile(r"(?<=[éèêëáàóò])s$", re.IGNORECASE)  # "cafés" -> "café", like "café's"
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_DOUBLE_VOWEL = re.compile(r"(aa|ee|oo|uu)")
_FINAL_DOUBLE_CONSONANT = re.compile(r"([bcdfgklmnprstvz])\1$")
_FINAL_S_AFTER_CONSONANT = re.compile(r"[bcdfgklmnprtvz]s$")

MIN_PART = 3  # shortest part of a compound ("kern", "pand", "weg"; "op" and "af" are too short to trust)
MIN_SPLIT = 7  # shortest word worth splitting
MIN_LEAD = 4  # shortest unknown first part, and shortest known rest after it
LINKS = ("", "s", "e", "en")  # Dutch linking letters: leegstand-s-beheer, passant-en-telling, bed-e-huis

_stemmer = snowballstemmer.stemmer("dutch_porter")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The search stem of one folded word ("panden" -> "pand", "leegstaande" -> "legstand")."""
    if len(word) <= 2 or not word.isalpha():
        return word
    stemmed = _collapse(_stemmer.stemWord(word))
    # Snowball takes one ending off: "plaats" -> "plaat" but "plaatsen" -> "plaats". Take the s off the second too.
    if len(stemmed) >= 4 and _FINAL_S_AFTER_CONSONANT.search(stemmed):
        stemmed = stemmed[:-1]
    return stemmed


def _collapse(word: str) -> str:
    return _FINAL_DOUBLE_CONSONANT.sub(r"\1", _DOUBLE_VOWEL.sub(lambda m: m.group(1)[0], word))


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """One written word as a folded word without punctuation ("Pop-up" -> "popup", "cafés" -> "cafe")."""
    word = _ACCENTED_PLURAL.sub("", _POSSESSIVE_S.sub("", word))
    return _NOT_ALNUM.sub("", fold(word))


@lru_cache(maxsize=200_000)
def analyse_word(word: str) -> str | None:
    """The stem of one written word, or None for a stopword or a single character."""
    folded = normalise_word(word)
    if len(folded) < 2 or folded in STOPWORDS:
        return None
    return stem(folded)


def iter_words(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, stem or None) for every written word, so a highlighter can find what the analyser matched."""
    for match in WORD.finditer(text or ""):
        yield match.start(), match.end(), analyse_word(match.group())


def analyse(text: str | None) -> list[str]:
    """Dutch search tokens of a text: folded, stopwords out, stemmed. Order kept, repeats kept."""
    return [token for _start, _end, token in iter_words(text or "") if token]


def folded_words(text: str | None) -> list[str]:
    """The words of a text folded but not stemmed, stopwords out: the input of :func:`split_compound`."""
    words = (normalise_word(match.group()) for match in WORD.finditer(text or ""))
    return [word for word in words if len(word) >= 2 and word not in STOPWORDS]


def split_compound(word: str, vocabulary: set[str] | frozenset[str]) -> list[str]:
    """The stems of the known parts of a compound word, or [] if it is not a compound of known words.

    ``word`` is a folded word as written ("leegstandsbeheer"); ``vocabulary`` a set of stems ("legstand",
    "beher"). Parts are at least MIN_PART letters, the last part is stemmed as a whole word, earlier parts may be
    followed by a linking s, e or en. Fewest parts win: "leegstandsbeheer" -> ["legstand", "beher"]. If no split
    into known words exists, an unknown first part is allowed before known ones ("kern" + "winkel" + "gebied").
    """
    if len(word) < MIN_SPLIT or not word.isalpha():
        return []
    memo: dict = {}
    best = _split_from(word, 0, vocabulary, memo)
    if best and len(best) >= 2:
        return best
    return _split_after_unknown_lead(word, vocabulary, memo)


def _split_after_unknown_lead(word: str, vocabulary, memo: dict) -> list[str]:
    # The last part names the thing, the first only qualifies it: "kern" in "kernwinkelgebied" may be a word the
    # index has not seen yet, as long as the rest is made of known words. The lead is kept as written (folded).
    for cut in range(MIN_LEAD, len(word) - MIN_LEAD + 1):
        for link in LINKS:
            if not word.startswith(link, cut) or len(word) - cut - len(link) < MIN_LEAD:
                continue
            tail = _split_from(word, cut + len(link), vocabulary, memo)
            if tail:
                return [stem(word[:cut]), *tail]
    return []


def _split_from(word: str, start: int, vocabulary, memo: dict) -> list[str] | None:
    # Fewest parts covering word[start:], as stems; None if impossible. Memoised per start position.
    if start in memo:
        return memo[start]
    best: list[str] | None = None
    rest = word[start:]
    if len(rest) >= MIN_PART and _may_be_known(rest, vocabulary) and stem(rest) in vocabulary:
        best = [stem(rest)]
    for end in range(start + MIN_PART, len(word) - MIN_PART + 1):
        part = word[start:end]
        part_stem = _known_part(part, vocabulary)
        if part_stem is None:
            continue
        for link in LINKS:
            if not word.startswith(link, end) or len(word) - end - len(link) < MIN_PART:
                continue
            tail = _split_from(word, end + len(link), vocabulary, memo)
            if tail is not None and (best is None or len(tail) + 1 < len(best)):
                best = [part_stem, *tail]
    memo[start] = best
    return best


def _known_part(part: str, vocabulary) -> str | None:
    # A first part appears as written ("parkeer" in "parkeerplaats"); its stem is the stem of "parkeren".
    if not _may_be_known(part, vocabulary):
        return None
    part_stem = stem(part)
    return part_stem if part_stem in vocabulary else None


def _may_be_known(text: str, vocabulary) -> bool:
    # Stemming is slow and a split tries every substring. A stem is (nearly always) the word with an ending of
    # at most six letters taken off, so a substring whose beginnings are all unknown need not be stemmed.
    collapsed = _collapse(text)
    return any(collapsed[:size] in vocabulary for size in range(max(2, len(collapsed) - 6), len(collapsed) + 1))


def compound_tails(word: str, parts: list[str]) -> list[str]:
    """The stems of the heads of a compound: "kernwinkelgebied" -> ["winkelgebied", "gebied"].

    In Dutch the last part names the kind of thing, so a "winkelgebied" is found as a "gebied" too.
    """
    tails = []
    head = parts[-1][:MIN_PART]
    for cut in range(1, len(word) - MIN_PART + 1):
        if head not in _collapse(word[cut:]):
            continue  # a tail without the last part in it is no head of this compound; skip the slow stemmer
        tail_stem = stem(word[cut:])
        if tail_stem in parts[1:] or (len(word) - cut >= MIN_SPLIT and _ends_in_parts(tail_stem, parts)):
            tails.append(tail_stem)
    return list(dict.fromkeys(tails))


def _ends_in_parts(tail_stem: str, parts: list[str]) -> bool:
    # A tail made of the last two or more parts ("winkelgebied" of kern + winkel + gebied).
    return any(tail_stem.endswith(parts[-1]) and tail_stem.startswith(part) for part in parts[1:-1])


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count one), or limit + 1 as soon as it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_limit(token: str) -> int:
    """How many typing errors a token may contain: one, two for long words, none for very short ones."""
    if len(token) < 4:
        return 0
    return 2 if len(token) >= 8 else 1


class Vocabulary:
    """The distinct stems of an index, arranged for prefix, suffix and typo look-ups without a database."""

    def __init__(self, terms: Iterable[str]):
        self.terms = frozenset(terms)
        self._sorted = sorted(self.terms)
        self._reversed = sorted(term[::-1] for term in self.terms)
        self._by_length: dict[int, list[str]] = {}
        for term in self.terms:
            self._by_length.setdefault(len(term), []).append(term)

    def __contains__(self, term: str) -> bool:
        return term in self.terms

    def __len__(self) -> int:
        return len(self.terms)

    def starting_with(self, prefix: str, limit: int = 50) -> list[str]:
        """Longer terms that begin with ``prefix`` ("legstand" -> "legstandsbeher"), shortest first."""
        found = _scan(self._sorted, prefix)
        return sorted((term for term in found if term != prefix), key=len)[:limit]

    def ending_with(self, suffix: str, limit: int = 50) -> list[str]:
        """Longer terms that end in ``suffix`` ("legstand" -> "winkellegstand"), shortest first."""
        found = [term[::-1] for term in _scan(self._reversed, suffix[::-1])]
        return sorted((term for term in found if term != suffix), key=len)[:limit]

    def near(self, token: str, limit: int = 20) -> list[tuple[str, int]]:
        """(term, distance) for terms within :func:`typo_limit` edits of ``token``, closest first."""
        most = typo_limit(token)
        if most == 0:
            return []
        found = []
        for length in range(len(token) - most, len(token) + most + 1):
            for term in self._by_length.get(length, ()):
                distance = edit_distance(token, term, most)
                if 0 < distance <= most:
                    found.append((term, distance))
        return sorted(found, key=lambda pair: (pair[1], pair[0]))[:limit]

    def near_ending(self, token: str, limit: int = 10) -> list[str]:
        """Compounds whose last letters are within the typo allowance of ``token`` ("leegstnad" -> "winkelleegstand").

        Only same-length endings are compared (swaps and wrong letters, not missing ones), which keeps it one
        comparison per longer term; used only when :meth:`near` finds nothing.
        """
        most = typo_limit(token)
        if most == 0:
            return []
        size = len(token)
        found = []
        for length, terms in self._by_length.items():
            if length <= size + MIN_PART - 1:
                continue
            found += [term for term in terms if 0 < edit_distance(token, term[-size:], most) <= most]
        return sorted(found, key=len)[:limit]


def _scan(sorted_terms: list[str], prefix: str) -> list[str]:
    found = []
    for index in range(bisect_left(sorted_terms, prefix), len(sorted_terms)):
        if not sorted_terms[index].startswith(prefix):
            break
        found.append(sorted_terms[index])
    return found
