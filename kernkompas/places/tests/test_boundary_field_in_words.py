"""The back office's boundary field says what is wrong in the user's language. Before, the reason came from Python's
JSON reader or from lib/geo in English inside a Dutch sentence ("De grens is geen geldige JSON: Expecting value
(regel 1, kolom 1)", "De grens kan niet worden gebruikt: geometry has no type.")."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kernkompas.places.viewsets import GeoJSONField


def _error(text: str) -> str:
    with translation.override("nl"), pytest.raises(ValidationError) as raised:
        GeoJSONField(required=False).clean(text)
    return " ".join(raised.value.messages)


def test_broken_json_is_explained_in_dutch_with_line_and_column():
    message = _error('{"type": "Polygon",\n  "coordinates": }')
    assert "regel 2, kolom 18" in message
    assert "Expecting" not in message


def test_a_geometry_without_type_is_explained_in_dutch():
    message = _error('{"coordinates": [[[5, 51], [5.1, 51], [5.1, 51.1], [5, 51]]]}')
    assert "de geometrie heeft geen type" in message
    assert "geometry has no type" not in message
