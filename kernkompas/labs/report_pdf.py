"""The lab's report as an A4 PDF (``labs:report_pdf``), in the active language, with reportlab's platypus: the
question, date and place, the participants per role, the canvas per lens with clusters and notes, the dots per
note and cluster per participant role, and the agreements. Text from the room is escaped for reportlab's
paragraph markup, so "<script>" prints as those characters and never as markup."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kernkompas.labs.report import LabReport, ReportNote
from kernkompas.lib import fonts

INK = colors.HexColor("#1b1f23")
MUTED = colors.HexColor("#4a5560")
BRAND = colors.HexColor("#0b5563")
LINE = colors.HexColor("#d5dde0")
SOFT = colors.HexColor("#f3f6f7")
MARGIN = 18 * mm


def _text(value) -> str:
    """Room text made safe for a Paragraph: only what the font can draw, then escaped as markup."""
    return escape(fonts.printable(str(value)))


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.face(), fonts.face(bold=True)
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, textColor=BRAND, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", fontName=bold, fontSize=13, leading=16, textColor=BRAND, spaceBefore=10, spaceAfter=4
        ),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=11, leading=14, spaceBefore=6, spaceAfter=2),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK),
        "muted": ParagraphStyle("muted", fontName=regular, fontSize=8.5, leading=11, textColor=MUTED),
        "note": ParagraphStyle("note", fontName=regular, fontSize=9, leading=12, leftIndent=8, spaceAfter=2),
        "merged": ParagraphStyle("merged", fontName=regular, fontSize=8.5, leading=11, leftIndent=20, spaceAfter=1),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=bold, fontSize=7, leading=9),
    }


def _dots(n: int) -> str:
    return ngettext("%(n)s dot", "%(n)s dots", n) % {"n": n}


def _note_lines(entry: ReportNote, styles, *, show_names: bool, depth: int = 0) -> list:
    if not entry.author:
        author = _("anonymous")
    elif show_names:
        author = _("%(name)s, %(role)s") % {"name": entry.author, "role": entry.role_label}
    else:
        author = entry.role_label
    dots = f" · <b>{_text(_dots(entry.tally.total))}</b>" if entry.tally.total else ""
    style = styles["merged"] if depth else styles["note"]
    prefix = "↳ " if depth else "• "
    lines = [Paragraph(f"{prefix}{_text(entry.note.text)} <font color='#4a5560'>— {_text(author)}</font>{dots}", style)]
    for child in entry.merged:
        lines += _note_lines(child, styles, show_names=show_names, depth=depth + 1)
    return lines


def _table(rows, widths, *, numeric_from: int) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("BACKGROUND", (0, 0), (-1, 0), SOFT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.face()),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _footer(canvas, doc, title: str) -> None:
    canvas.saveState()
    canvas.setFont(fonts.face(), 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, 10 * mm, fonts.printable(title)[:110])
    canvas.drawRightString(A4[0] - MARGIN, 10 * mm, _("Page %(n)s") % {"n": doc.page})
    canvas.restoreState()


def story(report: LabReport, *, show_names: bool = True) -> list:
    """The report's flowables; ``show_names`` False leaves out the names people typed (roles only)."""
    styles = _styles()
    lab = report.lab
    width = A4[0] - 2 * MARGIN
    when = formats.date_format(timezone.localtime(lab.starts_at), "j F Y, H:i")
    place = ", ".join(str(p) for p in (lab.gebied, lab.kern, lab.gemeente) if p is not None)
    meta = " · ".join(part for part in (when, place, str(lab.regio or ""), lab.location) if part)
    flow: list = [
        Paragraph(_text(_("Report: %(title)s") % {"title": lab.title}), styles["title"]),
        Paragraph(_text(lab.question), styles["body"]),
        Spacer(1, 2 * mm),
        Paragraph(_text(meta), styles["muted"]),
        Paragraph(_text(_("Participants")), styles["h2"]),
    ]
    if report.role_rows:
        head = [Paragraph(_text(t), styles["head"]) for t in (_("Role"), _("Participants"), _("Dots cast"))]
        rows = [head] + [[_text(r.label), str(r.participants), str(r.dots)] for r in report.role_rows]
        rows.append(
            [Paragraph(_text(_("Total")), styles["head"]), str(report.participant_count), str(report.dot_count)]
        )
        flow.append(_table(rows, [width * 0.5, width * 0.25, width * 0.25], numeric_from=1))
    else:
        flow.append(Paragraph(_text(_("Nobody took part.")), styles["body"]))

    flow.append(Paragraph(_text(_("The canvas")), styles["h2"]))
    for entry in report.lenses:
        block: list = [Paragraph(_text(entry.lens.title), styles["h3"])]
        for group in entry.clusters:
            dots = f" · {_text(_dots(group.tally.total))}" if group.tally.total else ""
            block.append(Paragraph(f"<b>{_text(group.cluster.title)}</b>{dots}", styles["body"]))
            for note in group.notes:
                block += _note_lines(note, styles, show_names=show_names)
        for note in entry.notes:
            block += _note_lines(note, styles, show_names=show_names)
        if entry.is_empty:
            block.append(Paragraph(_text(_("No notes on this lens.")), styles["muted"]))
        flow.append(KeepTogether(block[:3]))
        flow += block[3:]

    flow.append(Paragraph(_text(_("Dots per role")), styles["h2"]))
    voted = [item for item in report.items if item.tally.total]
    if voted:
        labels = [label for _code, label in report.roles]
        head = [Paragraph(_text(t), styles["head"]) for t in (_("Note or cluster"), _("Lens"), *labels, _("Total"))]
        rows = [head]
        for item in voted:
            text = _text(item.text) if item.kind == "note" else f"<b>{_text(item.text)}</b> ({_text(_('cluster'))})"
            rows.append(
                [
                    Paragraph(text, styles["cell"]),
                    Paragraph(_text(item.lens.title), styles["cell"]),
                    *[str(n) for n in item.cells],
                    str(item.tally.total),
                ]
            )
        number_width = max(14 * mm, min(22 * mm, width * 0.6 / (len(labels) + 1)))
        text_width = width - number_width * (len(labels) + 1)
        widths = [text_width * 0.68, text_width * 0.32, *[number_width] * (len(labels) + 1)]
        flow.append(_table(rows, widths, numeric_from=2))
    else:
        flow.append(Paragraph(_text(_("No dots were cast.")), styles["body"]))

    flow.append(Paragraph(_text(_("Agreements")), styles["h2"]))
    if report.decisions:
        head = [Paragraph(_text(t), styles["head"]) for t in (_("Agreement"), _("Who"), _("When"))]
        rows = [head] + [
            [Paragraph(_text(d.text), styles["cell"]), Paragraph(_text(d.who), styles["cell"]), _text(d.when)]
            for d in report.decisions
        ]
        flow.append(_table(rows, [width * 0.6, width * 0.25, width * 0.15], numeric_from=3))
    else:
        flow.append(Paragraph(_text(_("No agreements were recorded.")), styles["body"]))
    return flow


def render(report: LabReport, *, show_names: bool = True) -> bytes:
    buffer = io.BytesIO()
    title = _("Report: %(title)s") % {"title": report.lab.title}
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=fonts.printable(title),
        author="Kernkompas",
        lang="nl",
    )
    doc.build(
        story(report, show_names=show_names),
        onFirstPage=lambda c, d: _footer(c, d, title),
        onLaterPages=lambda c, d: _footer(c, d, title),
    )
    return buffer.getvalue()
