"""Text helpers for names: folding for search, slugs that keep Dutch and French names readable."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower-case, strip accents and collapse punctuation to single spaces: "Liège-Luik" -> "liege luik"."""
    if not text:
        return ""
    if text.isascii():  # nothing to decompose (most street names and numbers): the fast path
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.lower().replace("ß", "ss")).strip()


def slugify_name(text: str) -> str:
    """A URL slug from a place name: "'s-Hertogenbosch" -> "s-hertogenbosch", "Liège" -> "liege"."""
    return fold(text).replace(" ", "-")


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that puts "kern 2" before "kern 10": numbers compare as numbers, the rest folded."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(fold(text)))
