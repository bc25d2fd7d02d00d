"""Understanding a query: each word with the index terms that count as a match for it, and how good each is.

A word matches its own stem, longer compounds that start or end with it, typo corrections of it, the parts of it
when it is a compound, and the other phrases of a synonym group it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kernkompas.lib import dutch
from kernkompas.vitrine.search.vocabulary import synonym_groups, vocabulary

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
