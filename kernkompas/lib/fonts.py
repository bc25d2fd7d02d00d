"""The fonts of PDFs and images (the Kern-DNA poster and share image, the lab report), and text made safe for them.

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


@dataclass(frozen=True)
class FontSet:
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def path(self, *, bold: bool = False, italic: bool = False) -> Path:
        return ((self.regular, self.italic), (self.bold, self.bold_italic))[bold][italic]

    def name(self, *, bold: bool = False, italic: bool = False) -> str:
        """The name reportlab knows the face by: one per file, so a second family never hides behind the first's."""
        return f"KK-{self.path(bold=bold, italic=italic).stem}"


def find(families=None) -> FontSet:
    """The first family whose four files are all there (Vera always is: it comes with reportlab)."""
    for folder, names in families or FAMILIES:
        paths = [folder / name for name in names]
        if all(path.is_file() for path in paths):
            return FontSet(*paths)
    raise RuntimeError("no usable font: reportlab's bundled Vera fonts are missing")


@functools.cache
def registered() -> FontSet:
    """The fonts, registered with reportlab (once), with <b> and <i> mapped for Paragraphs."""
    found = find()
    regular = found.name()
    for bold in (False, True):
        for italic in (False, True):
            name = found.name(bold=bold, italic=italic)
            pdfmetrics.registerFont(TTFont(name, str(found.path(bold=bold, italic=italic))))
            addMapping(regular, int(bold), int(italic), name)
    return found


def face(*, bold: bool = False, italic: bool = False) -> str:
    """The reportlab name of the regular, bold, italic or bold italic face."""
    return registered().name(bold=bold, italic=italic)


@functools.cache
def _covered() -> frozenset[int]:
    regular, bold = pdfmetrics.getFont(face()), pdfmetrics.getFont(face(bold=True))
    return frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


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
