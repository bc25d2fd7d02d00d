"""QR codes drawn on the server as inline SVG (no external service): the Kern-DNA's survey and the Binnenstadslab's
join code use them on screen, on posters and on the projector."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, label: str, css_class: str = "qr-code") -> SafeString:
    """A QR code of ``url`` as SVG with a ``<title>`` for screen readers. Safe to put in a page as it is: the SVG
    is drawn by ``qrcode`` from the URL (encoded as modules, never as text) and the label is escaped."""
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2).to_string(encoding="unicode")
    head, rest = svg.split(">", 1)
    head = head.replace("<svg ", f'<svg class="{escape(css_class)}" role="img" focusable="false" ', 1)
    return mark_safe(f"{head}><title>{escape(label)}</title>{rest}")  # noqa: S308 — drawn by qrcode, title escaped
