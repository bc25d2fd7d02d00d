"""Colours that data may carry into SVG, CSS and map scripts (a function group's map and chart colour).

Framework-free. A colour from data is drawn only when it is a hexadecimal colour, ``#rrggbb`` or ``#rgb``;
anything else (a named colour, ``url(...)``, a quote that would end an attribute) is shown as a neutral grey, so
that a value stored past the form's rule still cannot carry markup, CSS or a reference into a page.
"""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
FALLBACK = "#6b7780"  # neutral grey, the one dashboard.js draws a point without a colour in


def is_hex_colour(value: object) -> bool:
    """Whether ``value`` is exactly ``#rrggbb`` or ``#rgb`` (no spaces, no line end)."""
    return isinstance(value, str) and HEX_COLOUR.fullmatch(value) is not None


def safe(value: object) -> str:
    """``value`` when it is a hex colour, else :data:`FALLBACK`: what to draw for a colour from data."""
    return value if is_hex_colour(value) else FALLBACK
