"""The fonts of the poster and the share image, and text made safe for them.

DejaVu Sans when the system has it (Debian's fonts-dejavu-core: thousands of glyphs), else Bitstream Vera, which
ships inside reportlab, so a fresh machine without any fonts still renders. Both cover Dutch and French (é, ë, ’,
„ and “); :func:`printable` replaces what the chosen font lacks, so a name in another script never prints as empty
boxes: a decomposable letter by its base letters (ő → o, ĳ → ij), any other letter by "?", and other symbols
(emoji) are left out.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
VERA = Path(reportlab.__file__).parent / "fonts"

# (regular, bold, italic, bold italic) per family, best first.
FAMILIES = (
    (DEJAVU, ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")),
    (VERA, ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")),
)

# The names the poster's styles use; registered once per process.
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "KK-Sans", "KK-Sans-Bold", "KK-Sans-Italic", "KK-Sans-BoldItalic"


@dataclass(frozen=True)
class FontSet:
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


def find(families=FAMILIES) -> FontSet:
    """The first family whose four files are all there (Vera always is: it comes with reportlab)."""
    for folder, names in families:
        paths = [folder / name for name in names]
        if all(path.is_file() for path in paths):
            return FontSet(*paths)
    raise RuntimeError("no usable font: reportlab's bundled Vera fonts are missing")


@functools.cache
def registered() -> FontSet:
    """Register the fonts with reportlab (once) under the poster's names, with <b>/<i> mapped for Paragraphs."""
    fonts = find()
    for name, path in zip(
        (REGULAR, BOLD, ITALIC, BOLD_ITALIC), (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic), strict=True
    ):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return fonts


@functools.cache
def _covered() -> frozenset[int]:
    registered()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph) & frozenset(
        pdfmetrics.getFont(BOLD).face.charToGlyph
    )


def printable(text: str) -> str:
    """``text`` on one line (whitespace runs become one space), with only characters the font can draw."""
    covered = _covered()
    out = []
    for char in unicodedata.normalize("NFC", " ".join(str(text).split())):
        if ord(char) in covered:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base and all(ord(c) in covered for c in base):
            out.append(base)
        elif unicodedata.category(char).startswith("L"):
            out.append("?")
    return "".join(out)
