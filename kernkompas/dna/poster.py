"""The Kernkompas poster: a core's DNA on one A3 page (PDF), to hang in the town hall, a shop window or a workshop.

Two steps. :func:`build_content` reads a DNA version and the analysis of its core (``profiling.analyse``) and turns
them into :class:`PosterContent`: plain strings in the active language, numbers already formatted. :func:`render_pdf`
draws that content with reportlab and knows nothing of the database, so the layout is tested with any text,
including maximal and hostile ones.

Every text is fitted into its box: wrapped, then set smaller down to a minimum size, then cut with "…". Text from
the database reaches reportlab's Paragraph markup only escaped (a name "<b>&" prints as it is written) and only with
characters the font can draw (:func:`kernkompas.lib.fonts.printable`).
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from kernkompas.dna import profiling, vocabulary
from kernkompas.dna.models import BLOCKS_PER_VERSION, DnaVersion, FiguresSource
from kernkompas.lib import fonts
from kernkompas.lib.dna import profiles
from kernkompas.lib.dna.catalogue import BY_CODE

PAGE_WIDTH, PAGE_HEIGHT = A3  # 841.89 × 1190.55 pt, portrait
MARGIN = 15 * mm

# The site's colours (style sheets: --brand, --brand-dark, --accent, --ink, --muted, --bg-soft, --line).
BRAND = colors.HexColor("#0b5563")
BRAND_DARK = colors.HexColor("#083c46")
ACCENT = colors.HexColor("#f2b134")
INK = colors.HexColor("#1b1f23")
MUTED = colors.HexColor("#4a5560")
SOFT = colors.HexColor("#f3f6f7")
LINE = colors.HexColor("#d5dde0")
TRACK = colors.HexColor("#e4eaec")

EVIDENCE_PER_BLOCK = 2
CHART_BARS = 8  # at most this many indicators in the chart (the first ones of the blocks, in block order)
QUOTE_CHARS = 400  # a quote is cut before fitting: the poster shows a line or two of it
LABEL_CHARS = 60  # an indicator's name before its value (the catalogue's are far shorter)


# --- Content ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    label: str  # the indicator's name
    text: str  # its value and how it compares, in words


@dataclass(frozen=True)
class Bar:
    label: str
    percentile: float | None  # None: no reliable comparison


@dataclass(frozen=True)
class BlockContent:
    position: int
    name: str
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    quote: str = ""


@dataclass(frozen=True)
class PosterContent:
    kern_name: str
    gemeente_name: str
    tagline: str
    blocks: tuple[BlockContent, ...]
    key_numbers: tuple[tuple[str, str], ...]
    bars: tuple[Bar, ...]
    n_peers: int
    page_url: str
    date_text: str
    sources: str
    draft_note: str = ""  # set for a version that is not the published one


def public_path(kern) -> str:
    """The address of the core's public Kernkompas page, ``/dna/<gemeente>/<kern>/`` in the active language."""
    return reverse("dna:kompas", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug})


def page_url(request, kern) -> str:
    """What the QR code holds and the poster prints under it: the absolute URL of the core's public page."""
    return request.build_absolute_uri(public_path(kern))


def _number(value: float, decimals: int = 1) -> str:
    return formats.number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _valid_codes(indicators) -> list[str]:
    """The block's catalogue codes, in order, once each; anything else in the JSON is ignored."""
    if not isinstance(indicators, list):
        return []
    return list(dict.fromkeys(code for code in indicators if isinstance(code, str) and code in BY_CODE))


def _reliable(row) -> bool:
    return row is not None and row.withheld is None and math.isfinite(row.percentile)


def _evidence(code: str, row) -> Evidence:
    label = vocabulary.label(code)
    if row is None or not math.isfinite(row.value):
        return Evidence(label, _("no figures yet"))
    value = f"{_number(row.value)} {vocabulary.unit(code)}"
    if not _reliable(row):
        return Evidence(label, _("%(value)s (no reliable comparison)") % {"value": value})
    return Evidence(
        label,
        _("%(value)s, %(compared)s")
        % {"value": value, "compared": vocabulary.compared_words(row.percentile, row.n_peers)},
    )


def _first_quote(block) -> str:
    quotes = block.quote_list
    return quotes[0][:QUOTE_CHARS] if quotes else ""


def _sources(kern, analysis) -> str:
    parts = []
    provenance = analysis.provenance.get(str(kern.pk)) if analysis.comparison else None
    for name, label, measured_on in provenance.sources if provenance else ():
        when = formats.date_format(measured_on, "j F Y")
        parts.append(f"{name} ({label}, {when})" if label else f"{name} ({when})")
    osm = str(FiguresSource.OSM.label)
    if provenance and any(str(name) == osm for name, _label, _when in provenance.sources):
        parts.append(_("map data © OpenStreetMap contributors (ODbL)"))
    population_source = kern.source or kern.gemeente.source
    if population_source:
        parts.append(_("population: %(source)s") % {"source": population_source})
    if not parts:
        return _("Sources: the DNA trajectory of the municipality.")
    return _("Sources: %(sources)s") % {"sources": " · ".join(str(part) for part in parts)}


def _key_numbers(kern, analysis, codes: list[str], rows: dict) -> list[tuple[str, str]]:
    numbers = []
    if kern.population:
        numbers.append((pgettext("dna poster", "Inhabitants"), _number(kern.population, 0)))
    area = None
    if analysis.comparison:
        area = float(analysis.table.area_km2[analysis.table.index[str(kern.pk)]])
    if area is None or not math.isfinite(area) or area <= 0:
        area = profiling.outline_area_km2(kern)
    if area:
        numbers.append((pgettext("dna poster", "Area"), f"{_number(area, 2)} km²"))
    if analysis.comparison:
        n = len(analysis.comparison.peer_keys)
        numbers.append((pgettext("dna poster", "Compared with"), ngettext("%(n)s core", "%(n)s cores", n) % {"n": n}))
    for code in codes:
        row = rows.get(code)
        if row is not None and math.isfinite(row.value):
            numbers.append((vocabulary.label(code), f"{_number(row.value)} {vocabulary.unit(code)}"))
    return numbers


def build_content(version: DnaVersion, url: str, analysis: profiling.Analysis | None = None) -> PosterContent:
    """What the poster (and the share image) of ``version`` says, in the active language."""
    kern = version.trajectory.kern
    analysis = analysis or profiling.analyse(kern)
    rows = {row.indicator.code: row for row in analysis.comparison.rows} if analysis.comparison else {}
    blocks, chart_codes = [], []
    for block in sorted(version.blocks.all(), key=lambda b: b.position)[:BLOCKS_PER_VERSION]:
        codes = _valid_codes(block.indicators)
        chart_codes.extend(code for code in codes if code not in chart_codes)
        evidence = tuple(_evidence(code, rows.get(code)) for code in codes[:EVIDENCE_PER_BLOCK])
        blocks.append(BlockContent(block.position, block.name, block.explanation, evidence, _first_quote(block)))
    chart_codes = chart_codes[:CHART_BARS]
    bars = tuple(
        Bar(vocabulary.label(code), rows[code].percentile if _reliable(rows.get(code)) else None)
        for code in chart_codes
    )
    draft_note = ""
    if not version.is_published:
        draft_note = _("Draft, not published (version %(number)s)") % {"number": version.number}
    return PosterContent(
        kern_name=kern.name,
        gemeente_name=kern.gemeente.name_nl,
        tagline=version.tagline,
        blocks=tuple(blocks),
        key_numbers=tuple(_key_numbers(kern, analysis, chart_codes, rows)),
        bars=bars,
        n_peers=len(analysis.comparison.peer_keys) if analysis.comparison else 0,
        page_url=url,
        date_text=formats.date_format(timezone.localdate(), "j F Y"),
        sources=_sources(kern, analysis),
        draft_note=draft_note,
    )


# --- Fitting text ----------------------------------------------------------------------------------------------------

ELLIPSIS = "…"


def _style(size: float, *, bold=False, italic=False, colour=INK, leading=1.22, align=0) -> ParagraphStyle:
    name = fonts.face(bold=bold, italic=italic)
    return ParagraphStyle("kk", fontName=name, fontSize=size, leading=size * leading, textColor=colour, alignment=align)


def _markup(text: str) -> str:
    return escape(fonts.printable(text))


def _resized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    return ParagraphStyle("kk-fit", parent=style, fontSize=size, leading=size * style.leading / style.fontSize)


def fit(text: str, style: ParagraphStyle, width: float, height: float, *, min_size: float, prefix: str = ""):
    """A Paragraph of ``text`` (plain text; ``prefix`` is markup set before it) that fits ``width`` × ``height``:
    at the style's size if it fits, else smaller down to ``min_size``, else at ``min_size`` cut with "…"."""
    body = _markup(text)
    size = style.fontSize
    while True:
        paragraph = Paragraph(prefix + body, _resized(style, size))
        if paragraph.wrap(width, height)[1] <= height:
            return paragraph
        if size <= min_size:
            break
        size = max(min_size, size * 0.92)
    small = _resized(style, min_size)
    plain = fonts.printable(text)
    low, high = 0, len(plain)  # the longest cut that fits: low fits, high does not
    while high - low > 1:
        middle = (low + high) // 2
        if Paragraph(prefix + escape(_cut(plain, middle)), small).wrap(width, height)[1] <= height:
            low = middle
        else:
            high = middle
    paragraph = Paragraph(prefix + escape(_cut(plain, low)), small)
    paragraph.wrap(width, height)
    return paragraph


def _cut(text: str, length: int) -> str:
    """The first ``length`` characters and "…", at a word boundary when one is near."""
    cut = text[:length]
    space = cut.rfind(" ")
    if space > length - 20 and space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + ELLIPSIS


def _draw(canvas, paragraph, x: float, top: float) -> float:
    """Draw an already wrapped paragraph with its top at ``top``; the y of its bottom."""
    paragraph.drawOn(canvas, x, top - paragraph.height)
    return top - paragraph.height


def _ellipsised(text: str, font: str, size: float, width: float) -> str:
    """One line of ``text`` that fits ``width`` (for labels in the chart, which do not wrap)."""
    text = fonts.printable(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


# --- Drawing ---------------------------------------------------------------------------------------------------------

# From the top: the header band, the grid of 3 × 2 cells (five blocks and the key numbers), the chart with the QR
# code beside it, the footer.
HEADER_HEIGHT = 100 * mm
GRID_TOP = PAGE_HEIGHT - HEADER_HEIGHT - 6 * mm
CELL_GAP = 6 * mm
CELL_WIDTH = (PAGE_WIDTH - 2 * MARGIN - CELL_GAP) / 2
CELL_HEIGHT = 64 * mm
CELL_PAD = 5 * mm
BOTTOM_TOP = GRID_TOP - 3 * CELL_HEIGHT - 2 * CELL_GAP - 7 * mm
FOOTER_TOP = 22 * mm
QR_SIZE = 48 * mm
QR_COLUMN = 70 * mm


def compass_mark(canvas, x: float, y: float, radius: float, *, ring=colors.white, needle=ACCENT) -> None:
    """The Kernkompas mark: a ring with a compass needle, centred on (x, y)."""
    canvas.saveState()
    canvas.setStrokeColor(ring)
    canvas.setLineWidth(radius * 0.16)
    canvas.circle(x, y, radius, stroke=1, fill=0)
    canvas.setFillColor(needle)
    path = canvas.beginPath()
    path.moveTo(x, y + radius * 0.72)
    path.lineTo(x + radius * 0.26, y)
    path.lineTo(x, y - radius * 0.72)
    path.lineTo(x - radius * 0.26, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColor(ring)
    canvas.circle(x, y, radius * 0.11, stroke=0, fill=1)
    canvas.restoreState()


def _header(canvas, content: PosterContent) -> None:
    canvas.setFillColor(BRAND)
    canvas.rect(0, PAGE_HEIGHT - HEADER_HEIGHT, PAGE_WIDTH, HEADER_HEIGHT, stroke=0, fill=1)
    width = PAGE_WIDTH - 2 * MARGIN
    top = PAGE_HEIGHT - MARGIN
    compass_mark(canvas, MARGIN + 5 * mm, top - 5 * mm, 5 * mm)
    brand = Paragraph(escape(_("Kernkompas · the DNA of the core")), _style(13, bold=True, colour=ACCENT))
    brand.wrap(width - 14 * mm, 8 * mm)
    _draw(canvas, brand, MARGIN + 14 * mm, top - 2.2 * mm)
    top -= 16 * mm
    name = fit(content.kern_name, _style(34, bold=True, colour=colors.white), width, 15 * mm, min_size=18)
    top = _draw(canvas, name, MARGIN, top) - 1.5 * mm
    gemeente = fit(
        _("municipality of %(name)s") % {"name": content.gemeente_name},
        _style(15, colour=colors.white),
        width,
        7 * mm,
        min_size=10,
    )
    top = _draw(canvas, gemeente, MARGIN, top) - 6 * mm
    floor = PAGE_HEIGHT - HEADER_HEIGHT + (16 if content.draft_note else 8) * mm
    tagline = fit(
        content.tagline, _style(50, bold=True, colour=colors.white, leading=1.12), width, top - floor, min_size=24
    )
    _draw(canvas, tagline, MARGIN, top)
    if content.draft_note:
        canvas.setFillColor(ACCENT)
        canvas.rect(0, PAGE_HEIGHT - HEADER_HEIGHT, PAGE_WIDTH, 10 * mm, stroke=0, fill=1)
        note = fit(content.draft_note, _style(14, bold=True), width, 8 * mm, min_size=9)
        _draw(canvas, note, MARGIN, PAGE_HEIGHT - HEADER_HEIGHT + 7.5 * mm)


def _cell(canvas, x: float, y: float) -> None:
    """The background of one cell of the grid; (x, y) is its bottom-left corner."""
    canvas.setFillColor(SOFT)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.8)
    canvas.roundRect(x, y, CELL_WIDTH, CELL_HEIGHT, 3 * mm, stroke=1, fill=1)


def _block(canvas, block: BlockContent, x: float, y: float) -> None:
    _cell(canvas, x, y)
    inner = CELL_WIDTH - 2 * CELL_PAD
    top = y + CELL_HEIGHT - CELL_PAD
    radius = 6.5 * mm
    canvas.setFillColor(BRAND)
    canvas.circle(x + CELL_PAD + radius, top - radius, radius, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(fonts.face(bold=True), 20)
    canvas.drawCentredString(x + CELL_PAD + radius, top - radius - 7, str(block.position))
    name_x = x + CELL_PAD + 2 * radius + 4 * mm
    name = fit(
        block.name,
        _style(19, bold=True, colour=BRAND_DARK, leading=1.1),
        x + CELL_WIDTH - CELL_PAD - name_x,
        2 * radius,
        min_size=11,
    )
    _draw(canvas, name, name_x, top - max(0, (2 * radius - name.height) / 2))
    top -= 2 * radius + 3 * mm
    bottom = y + CELL_PAD
    # From the bottom up: the quote and the evidence get their room first, the explanation the rest.
    if block.quote:
        quote = fit(f"“{block.quote}”", _style(10, italic=True, colour=MUTED), inner, 9.5 * mm, min_size=7.5)
        bottom += quote.height
        _draw(canvas, quote, x + CELL_PAD, bottom)
        bottom += 2 * mm
    evidence = []
    for item in block.evidence:
        prefix = f"<b>{_markup(item.label[:LABEL_CHARS])}</b>: "
        evidence.append(fit(item.text, _style(9, colour=INK), inner - 4 * mm, 7.5 * mm, min_size=7, prefix=prefix))
    for paragraph in reversed(evidence):
        bottom += paragraph.height
        _draw(canvas, paragraph, x + CELL_PAD + 4 * mm, bottom)
        canvas.setFillColor(ACCENT)
        canvas.circle(x + CELL_PAD + 1.2 * mm, bottom - 1.3 * mm, 1.1 * mm, stroke=0, fill=1)
        bottom += 1.2 * mm
    room = top - bottom - 1.5 * mm
    if room > 8:
        explanation = fit(block.explanation, _style(11, colour=INK), inner, room, min_size=7.5)
        _draw(canvas, explanation, x + CELL_PAD, top)


def _empty_block(canvas, position: int, x: float, y: float) -> None:
    _cell(canvas, x, y)
    text = fit(
        _("Building block %(position)s is still empty.") % {"position": position},
        _style(12, italic=True, colour=MUTED),
        CELL_WIDTH - 2 * CELL_PAD,
        CELL_HEIGHT - 2 * CELL_PAD,
        min_size=9,
    )
    _draw(canvas, text, x + CELL_PAD, y + CELL_HEIGHT - CELL_PAD)


def _key_numbers_cell(canvas, content: PosterContent, x: float, y: float) -> None:
    canvas.setFillColor(BRAND_DARK)
    canvas.roundRect(x, y, CELL_WIDTH, CELL_HEIGHT, 3 * mm, stroke=0, fill=1)
    inner = CELL_WIDTH - 2 * CELL_PAD
    top = y + CELL_HEIGHT - CELL_PAD
    title = fit(pgettext("dna poster", "Key numbers"), _style(17, bold=True, colour=ACCENT), inner, 9 * mm, min_size=11)
    top = _draw(canvas, title, x + CELL_PAD, top) - 2.5 * mm
    label_width = inner * 0.56
    for label, value in content.key_numbers:
        if top - y < CELL_PAD + 5 * mm:
            break
        left = fit(label, _style(10, colour=colors.white), label_width - 2 * mm, 4.6 * mm, min_size=7.5)
        right = fit(value, _style(10, bold=True, colour=colors.white), inner - label_width, 4.6 * mm, min_size=7.5)
        _draw(canvas, left, x + CELL_PAD, top)
        _draw(canvas, right, x + CELL_PAD + label_width, top)
        top -= max(left.height, right.height) + 1.6 * mm
    if not content.key_numbers:
        note = fit(
            _("No figures for this core yet."), _style(10, italic=True, colour=colors.white), inner, 10 * mm, min_size=8
        )
        _draw(canvas, note, x + CELL_PAD, top)


def percentile_chart(bars: tuple[Bar, ...], width: float, height: float) -> Drawing:
    """Horizontal bars: each block indicator's percentile among the comparable cores, with the 50 % line (the
    median core) dashed and labelled. One colour, every bar labelled with its number: nothing rests on colour."""
    drawing = Drawing(width, height)
    label_width, right_pad, axis_height, top_pad = 72 * mm, 14 * mm, 7 * mm, 6 * mm
    x0, x1 = label_width, width - right_pad
    plot_top = height - top_pad
    row = min(8.5 * mm, (plot_top - axis_height) / max(1, len(bars)))
    plot_bottom = plot_top - row * len(bars)
    bar_height = row * 0.62
    font_size = min(9.5, row * 0.55)
    for tick in (0, 25, 50, 75, 100):
        tx = x0 + (x1 - x0) * tick / 100
        drawing.add(Line(tx, plot_bottom, tx, plot_bottom - 1.5 * mm, strokeColor=MUTED, strokeWidth=0.6))
        drawing.add(
            String(
                tx,
                plot_bottom - axis_height + 1 * mm,
                f"{tick} %",
                fontName=fonts.face(),
                fontSize=8,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    drawing.add(Line(x0, plot_bottom, x1, plot_bottom, strokeColor=MUTED, strokeWidth=0.6))
    numbers = []
    for index, bar in enumerate(bars):
        centre = plot_top - row * (index + 0.5)
        label = _ellipsised(bar.label, fonts.face(), font_size, label_width - 3 * mm)
        drawing.add(
            String(
                label_width - 3 * mm,
                centre - font_size * 0.35,
                label,
                fontName=fonts.face(),
                fontSize=font_size,
                fillColor=INK,
                textAnchor="end",
            )
        )
        drawing.add(Rect(x0, centre - bar_height / 2, x1 - x0, bar_height, fillColor=TRACK, strokeColor=None))
        if bar.percentile is None:
            text = _ellipsised(_("no reliable comparison"), fonts.face(italic=True), font_size * 0.9, x1 - x0 - 2 * mm)
            drawing.add(
                String(
                    x0 + 1.5 * mm,
                    centre - font_size * 0.32,
                    text,
                    fontName=fonts.face(italic=True),
                    fontSize=font_size * 0.9,
                    fillColor=MUTED,
                )
            )
            continue
        length = (x1 - x0) * max(0.0, min(100.0, bar.percentile)) / 100
        drawing.add(Rect(x0, centre - bar_height / 2, length, bar_height, fillColor=BRAND, strokeColor=None))
        numbers.append(
            String(
                x0 + length + 1.5 * mm,
                centre - font_size * 0.35,
                f"{round(bar.percentile)} %",
                fontName=fonts.face(bold=True),
                fontSize=font_size,
                fillColor=INK,
            )
        )
    middle = x0 + (x1 - x0) / 2
    drawing.add(
        Line(middle, plot_bottom, middle, plot_top + 1 * mm, strokeColor=INK, strokeWidth=1.2, strokeDashArray=[3, 2])
    )
    for number in numbers:  # over the 50 % line, on a white ground, so the line never crosses a number
        ground = 0.8 * mm
        text_width = stringWidth(number.text, fonts.face(bold=True), font_size)
        drawing.add(
            Rect(
                number.x - ground,
                number.y - font_size * 0.3,
                text_width + 2 * ground,
                font_size * 1.2,
                fillColor=colors.white,
                strokeColor=None,
            )
        )
        drawing.add(number)
    median = _ellipsised(_("50%: the median core"), fonts.face(bold=True), 8, x1 - middle + right_pad)
    drawing.add(
        String(middle - 1 * mm, plot_top + 2 * mm, median, fontName=fonts.face(bold=True), fontSize=8, fillColor=INK)
    )
    return drawing


def _chart(canvas, content: PosterContent, x: float, top: float, width: float, bottom: float) -> None:
    if content.n_peers:
        text = ngettext(
            "How the core compares: percentile among %(n)s comparable core",
            "How the core compares: percentile among %(n)s comparable cores",
            content.n_peers,
        ) % {"n": content.n_peers}
    else:
        text = _("How the core compares")
    title = fit(text, _style(13, bold=True, colour=BRAND_DARK), width, 12 * mm, min_size=9)
    top = _draw(canvas, title, x, top) - 2 * mm
    if not any(bar.percentile is not None for bar in content.bars):
        if content.bars:  # figures, but none that may be compared
            text = _(
                "No reliable comparison yet: that takes at least %(min_peers)s comparable cores with figures and "
                "%(min_count)s features behind a value."
            ) % {"min_peers": profiles.MIN_PEERS, "min_count": profiles.MIN_COUNT}
        else:
            text = _("There are no figures to compare this core with yet.")
        _draw(canvas, fit(text, _style(11, italic=True, colour=MUTED), width, 20 * mm, min_size=8), x, top)
        return
    renderPDF.draw(percentile_chart(content.bars, width, top - bottom), canvas, x, bottom)


def qr_widget(url: str) -> QrCodeWidget:
    """The QR code of the poster; its value is exactly the public page's URL."""
    return QrCodeWidget(url, barLevel="M")


def _qr(canvas, content: PosterContent, x: float, top: float, width: float) -> None:
    caption = fit(
        _("Scan for the Kernkompas online"),
        _style(11, bold=True, colour=BRAND_DARK, align=TA_CENTER),
        width,
        10 * mm,
        min_size=8,
    )
    top = _draw(canvas, caption, x, top) - 1.5 * mm
    widget = qr_widget(content.page_url)
    left, bottom, right, upper = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (upper - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x + (width - QR_SIZE) / 2, top - QR_SIZE)
    _draw(canvas, url_paragraph(content.page_url, width), x, top - QR_SIZE - 1 * mm)


def url_paragraph(url: str, width: float) -> Paragraph:
    """The URL under the QR code, whole (never cut with "…"): one line at the largest size that holds it, else
    broken after its slashes (or, for a part longer than the line, between characters)."""
    font = fonts.face()
    sizes = (9, 8.5, 8, 7.5, 7, 6.5)
    size = next((size for size in sizes if stringWidth(url, font, size) <= width), sizes[-1])
    lines, line = [], ""
    for part in re.findall(r"[^/]*/?", url):
        if stringWidth(line + part, font, size) <= width:
            line += part
            continue
        if line:
            lines.append(line)
        while len(part) > 1 and stringWidth(part, font, size) > width:
            cut = len(part) - 1
            while cut > 1 and stringWidth(part[:cut], font, size) > width:
                cut -= 1
            lines.append(part[:cut])
            part = part[cut:]
        line = part
    if line:
        lines.append(line)
    paragraph = Paragraph("<br/>".join(escape(line) for line in lines), _style(size, align=TA_CENTER))
    paragraph.wrap(width, PAGE_HEIGHT)
    return paragraph


def _footer(canvas, content: PosterContent) -> None:
    width = PAGE_WIDTH - 2 * MARGIN
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, FOOTER_TOP, PAGE_WIDTH - MARGIN, FOOTER_TOP)
    sources = fit(content.sources, _style(7.5, colour=MUTED), width, 8 * mm, min_size=6)
    top = _draw(canvas, sources, MARGIN, FOOTER_TOP - 2 * mm) - 1.5 * mm
    made = fit(
        _("Kernkompas · made on %(date)s") % {"date": content.date_text},
        _style(9, bold=True, colour=BRAND_DARK),
        width,
        5 * mm,
        min_size=7,
    )
    _draw(canvas, made, MARGIN, top)


def render_pdf(content: PosterContent, *, invariant: bool = False, compress: bool = True) -> bytes:
    """The A3 poster as PDF bytes. ``invariant`` and ``compress=False`` make byte-stable, readable files (tests)."""
    fonts.registered()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=A3,
        invariant=1 if invariant else 0,
        pageCompression=1 if compress else 0,
        lang=translation.get_language() or "nl",
    )
    canvas.setTitle(fonts.printable(f"Kernkompas — {content.kern_name}: {content.tagline}"))
    canvas.setAuthor("Kernkompas")
    canvas.setSubject(fonts.printable(content.tagline))
    canvas.setCreator("Kernkompas")
    _header(canvas, content)
    blocks = {block.position: block for block in content.blocks}
    for index in range(BLOCKS_PER_VERSION + 1):
        column, row = index % 2, index // 2
        x = MARGIN + column * (CELL_WIDTH + CELL_GAP)
        y = GRID_TOP - (row + 1) * CELL_HEIGHT - row * CELL_GAP
        if index == BLOCKS_PER_VERSION:
            _key_numbers_cell(canvas, content, x, y)
        elif index + 1 in blocks:
            _block(canvas, blocks[index + 1], x, y)
        else:
            _empty_block(canvas, index + 1, x, y)
    chart_width = PAGE_WIDTH - 2 * MARGIN - QR_COLUMN - 10 * mm
    _chart(canvas, content, MARGIN, BOTTOM_TOP, chart_width, FOOTER_TOP + 5 * mm)
    _qr(canvas, content, PAGE_WIDTH - MARGIN - QR_COLUMN, BOTTOM_TOP, QR_COLUMN)
    _footer(canvas, content)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
