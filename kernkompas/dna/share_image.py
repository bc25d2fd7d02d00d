"""The share image of a core's DNA: a 1200 × 630 PNG (the Open Graph size) with the tagline, the core's name, the
five building blocks and the Kernkompas mark, for link previews when someone shares the public page.

It draws the same :class:`~kernkompas.dna.poster.PosterContent` as the poster, with the same fonts, and fits every
text the same way: wrapped, set smaller down to a minimum, then cut with "…". Pillow draws text as it is given, so
no escaping is needed; :func:`kernkompas.lib.fonts.printable` keeps only what the font can draw.
"""

from __future__ import annotations

import functools
import io

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from kernkompas.dna.models import BLOCKS_PER_VERSION
from kernkompas.dna.poster import ELLIPSIS, PosterContent
from kernkompas.lib import fonts

WIDTH, HEIGHT = 1200, 630
PAD = 60
BRAND, BRAND_DARK, ACCENT, WHITE = "#0b5563", "#083c46", "#f2b134", "#ffffff"  # the site's colours
BAND_TOP = 440  # the lower band with the five blocks


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts.find().path(bold=bold)), size)


def _width(text: str, font) -> float:
    return font.getlength(text)


def _wrap(text: str, font, width: float) -> tuple[list[str], bool]:
    """Greedy line breaking; a word longer than the line is broken between characters (then the flag is set)."""
    lines, line, broken = [], "", False
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while _width(word, font) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], font) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            broken = True
        line = word
    if line:
        lines.append(line)
    return lines, broken


def _ellipsised(line: str, font, width: float) -> str:
    line = line.rstrip()
    while line and _width(line + ELLIPSIS, font) > width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS


def fit_lines(text: str, *, bold: bool, width: float, max_lines: int, sizes: tuple[int, ...]):
    """(font, lines) for ``text`` in at most ``max_lines`` of ``width`` px: the largest of ``sizes`` that holds all
    of it without breaking a word, else the smallest, breaking long words and cutting the last line with "…"."""
    text = fonts.printable(text)
    for size in sizes:
        font = _font(bold, size)
        lines, broken = _wrap(text, font, width)
        if len(lines) <= max_lines and not broken:
            return font, lines
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsised(lines[-1], font, width)
    return font, lines


def _mark(draw: ImageDraw.ImageDraw, x: float, y: float, radius: float) -> None:
    """The Kernkompas mark (as on the poster): a ring with a compass needle, centred on (x, y)."""
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=WHITE, width=max(2, round(radius * 0.16)))
    needle = [(x, y - radius * 0.72), (x + radius * 0.26, y), (x, y + radius * 0.72), (x - radius * 0.26, y)]
    draw.polygon(needle, fill=ACCENT)
    dot = radius * 0.11
    draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=WHITE)


def _text(draw, lines: list[str], font, x: float, y: float, fill: str, spacing: float = 1.15) -> float:
    """Draw lines from their top at ``y``; the y below the last one."""
    step = font.size * spacing
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill)
        y += step
    return y


def render_png(content: PosterContent) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * PAD
    _mark(draw, PAD + 18, PAD + 14, 18)
    brand = _font(True, 24)
    draw.text((PAD + 48, PAD + 14), "Kernkompas", font=brand, fill=WHITE, anchor="lm")
    if content.draft_note:
        font, lines = fit_lines(content.draft_note, bold=True, width=inner / 2, max_lines=1, sizes=(20, 16, 13))
        draw.rectangle((WIDTH - PAD - inner / 2 - 16, PAD - 4, WIDTH - PAD, PAD + 32), fill=ACCENT)
        draw.text((WIDTH - PAD - 8, PAD + 14), lines[0], font=font, fill=BRAND_DARK, anchor="rm")
    place = _("%(kern)s, municipality of %(gemeente)s") % {
        "kern": content.kern_name,
        "gemeente": content.gemeente_name,
    }
    font, lines = fit_lines(place, bold=True, width=inner, max_lines=1, sizes=(30, 26, 22, 18))
    y = _text(draw, lines, font, PAD, PAD + 58, ACCENT)
    font, lines = fit_lines(content.tagline, bold=True, width=inner, max_lines=3, sizes=(62, 56, 50, 44, 38, 34))
    _text(draw, lines, font, PAD, y + 14, WHITE, spacing=1.14)
    _blocks(draw, content)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _blocks(draw: ImageDraw.ImageDraw, content: PosterContent) -> None:
    draw.rectangle((0, BAND_TOP, WIDTH, HEIGHT), fill=BRAND_DARK)
    gap = 16
    column = (WIDTH - 2 * PAD - (BLOCKS_PER_VERSION - 1) * gap) / BLOCKS_PER_VERSION
    names = {block.position: block.name for block in content.blocks}
    number_font = _font(True, 24)
    # One size for all five names (the largest every name fits at), so that no block looks more important.
    sizes = (24, 22, 20, 18, 16)
    size = min(
        (fit_lines(name, bold=True, width=column, max_lines=3, sizes=sizes)[0].size for name in names.values()),
        default=24,
    )
    sizes = tuple(s for s in sizes if s <= size)
    for index in range(BLOCKS_PER_VERSION):
        position = index + 1
        x = PAD + index * (column + gap)
        top = BAND_TOP + 34
        radius = 20
        draw.ellipse((x, top, x + 2 * radius, top + 2 * radius), fill=ACCENT)
        draw.text((x + radius, top + radius), str(position), font=number_font, fill=BRAND_DARK, anchor="mm")
        name = names.get(position, "")
        if not name:
            continue
        font, lines = fit_lines(name, bold=True, width=column, max_lines=3, sizes=sizes)
        _text(draw, lines, font, x, top + 2 * radius + 14, WHITE, spacing=1.2)
