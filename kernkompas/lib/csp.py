"""The Content-Security-Policy of the site, as directives for django-csp (no Django imports here).

The public site runs no inline script and no inline style: a text from data that slipped past an escape can then
still not run, because the browser only runs script files from our own origin. Data blocks
(``<script type="application/json">``) are not executed and need no exception.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SELF = "'self'"
NONE = "'none'"
UNSAFE_INLINE = "'unsafe-inline'"
# The first characters of a blocked inline script or style go with the violation report (and the browser tests'
# failure message), so that the offending line can be found.
REPORT_SAMPLE = "'report-sample'"

# The players a case page may load after the visitor presses play (see lib/video.py), and nothing else.
VIDEO_PLAYERS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


def origin_of(url_template: str) -> str | None:
    """The origin a tile URL template loads from, as a CSP source: ``https://{s}.tile.example.org/{z}/{x}/{y}.png``
    gives ``https://*.tile.example.org``. None for an empty or relative template (then nothing extra is allowed)."""
    if not url_template:
        return None
    parts = urlsplit(url_template.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.rsplit("@", 1)[-1]
    labels = host.split(".")
    # Leaflet fills {s} (a sub-domain letter) and other placeholders: a label holding one becomes a wildcard,
    # which CSP allows only as the leftmost label.
    if "{" in labels[0]:
        labels[0] = "*"
    if any("{" in label for label in labels[1:]):
        return None
    return f"{parts.scheme}://{'.'.join(labels)}"


def site_policy(*, tile_url: str = "", report_uri: str = "") -> dict[str, list[str]]:
    """The policy of every page outside the back office."""
    images = [SELF, "data:"]
    tiles = origin_of(tile_url)
    if tiles:
        images.append(tiles)
    policy = {
        "default-src": [SELF],
        "script-src": [SELF, REPORT_SAMPLE],
        "style-src": [SELF, REPORT_SAMPLE],
        "img-src": images,
        "connect-src": [SELF],
        "frame-src": list(VIDEO_PLAYERS),
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's preview panel frames our own pages from /beheer/; nobody else may frame us.
        "frame-ancestors": [SELF],
    }
    if report_uri:
        policy["report-uri"] = [report_uri]
    return policy


def back_office_changes() -> dict[str, list[str]]:
    """What the back office (/beheer/) needs beyond the site's policy, found by running Wagtail 8's admin in Chromium
    under the site's policy and reading the reported violations:

    - Inline ``<script>`` elements: Wagtail writes them for choosers, ``InlinePanel`` and the date widgets
      (``<script>new ImageChooser("id_hero_image", …)</script>``) and runs those in the HTML its modals fetch.
      Inline event handlers (``onclick=…``) stay blocked: ``script-src-attr 'none'``.
    - Inline ``<style>`` elements: Draftail (the rich-text editor) adds one for nested lists and headings.
      Style attributes stay blocked (``style-src`` is unchanged; ``style-src-elem`` names the exception).
    - ``frame-src 'self'``: the preview panel frames the page being edited from /beheer/ itself.

    No ``'unsafe-eval'``, no other origin. Only signed-in staff reach these pages; Wagtail escapes what they show.
    """
    return {
        "script-src": [SELF, UNSAFE_INLINE, REPORT_SAMPLE],
        "script-src-attr": [NONE],
        "style-src-elem": [SELF, UNSAFE_INLINE],
        "frame-src": [SELF, *VIDEO_PLAYERS],
    }
