"""Finding and removing a person's name or e-mail address in stored text: labels, JSON values and files.

Used by the personal-data register (``kernkompas.core.personal_data``) to erase the copies a person's rows leave
behind. No Django here. A text is found as a whole word or phrase, in any case: "Piet de Vries" is found in
"gebeld met piet de vries." but not in "Piet de Vrieslaan", so an erasure does not eat other people's street names.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

# Shorter texts (initials, "Jo") would match inside too many unrelated words.
MIN_LENGTH = 3
# Reading a file stops here; an upload above it is taken to mention the person (the caller discards it).
MAX_SCAN_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


def searchable(texts: Iterable[str | None]) -> list[str]:
    """The texts worth searching for: stripped, long enough, without duplicates (any case), longest first."""
    seen: dict[str, str] = {}
    for text in texts:
        text = " ".join((text or "").split())
        if len(text) >= MIN_LENGTH:
            seen.setdefault(text.casefold(), text)
    return sorted(seen.values(), key=len, reverse=True)


def pattern(texts: Iterable[str | None]) -> re.Pattern | None:
    """One regular expression that finds any of ``texts`` as a whole word or phrase; None when there is none.

    Spaces in a name match any run of white space, so "Piet  de\\nVries" is found too.
    """
    words = searchable(texts)
    if not words:
        return None
    parts = [r"\s+".join(map(re.escape, word.split())) for word in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def mentions(value: Any, found: re.Pattern | None) -> bool:
    """Whether a string, or any string or key inside a JSON-like value, mentions one of the texts."""
    if found is None:
        return False
    return scrub(value, found, "")[1]


def scrub(value: Any, found: re.Pattern | None, marker: str) -> tuple[Any, bool]:
    """``value`` with every mention replaced by ``marker`` (in strings, and in the keys and values of dicts and
    lists, recursively), and whether anything changed. Numbers, booleans and None are left as they are."""
    if found is None:
        return value, False
    if isinstance(value, str):
        new = found.sub(marker, value)
        return new, new != value
    if isinstance(value, dict):
        changed = False
        result = {}
        for key, item in value.items():
            new_key, key_changed = scrub(key, found, marker)
            new_item, item_changed = scrub(item, found, marker)
            result[new_key] = new_item
            changed = changed or key_changed or item_changed
        return result, changed
    if isinstance(value, list | tuple):
        pairs = [scrub(item, found, marker) for item in value]
        return [item for item, _ in pairs], any(changed for _, changed in pairs)
    return value, False


# --- Files --------------------------------------------------------------------------------------------------------


def _needles(texts: Iterable[str]) -> list[bytes]:
    """The byte strings a text can appear as in a CSV, JSON or XML file: UTF-8 and Windows-1252, plain and
    XML-escaped, in lower case (the file is lowered too)."""
    found: set[bytes] = set()
    for text in searchable(texts):
        for form in {text, escape(text, quote=False), escape(text)}:
            for encoding in ("utf-8", "cp1252"):
                try:
                    found.add(form.lower().encode(encoding))
                except UnicodeEncodeError:
                    continue
    return sorted(found, key=len, reverse=True)


def _stream_mentions(stream, needles: list[bytes], budget: list[int]) -> bool:
    overlap = max(map(len, needles)) - 1
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return False
        budget[0] -= len(chunk)
        if budget[0] < 0:
            return True  # too big to read through: treat as mentioning, the caller discards it
        window = tail + chunk.lower()
        if any(needle in window for needle in needles):
            return True
        tail = window[-overlap:] if overlap else b""


def file_mentions(path: str | Path, texts: Iterable[str]) -> bool:
    """Whether the file mentions one of ``texts``: read as bytes, or member by member when it is a ZIP archive
    (an .xlsx keeps its cells in XML inside one). A file too large to read through counts as mentioning them."""
    needles = _needles(texts)
    if not needles:
        return False
    budget = [MAX_SCAN_BYTES]
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    with archive.open(member) as stream:
                        if _stream_mentions(stream, needles, budget):
                            return True
            return False
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            return True  # an archive we cannot read through may hold anything
    with open(path, "rb") as stream:
        return _stream_mentions(stream, needles, budget)
