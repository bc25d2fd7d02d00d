"""Pages and API answers compressed on the wire (gzip), with the BREACH attack kept out.

A dashboard's 118 KB of HTML travels as 13 KB. Static files are compressed ahead of time by WhiteNoise (gzip and
Brotli); this middleware compresses what the views draw.

BREACH reads a secret out of a compressed HTTPS response by making the victim's browser send many requests that
reflect the attacker's guesses next to the secret and watching the compressed length. It needs all three: a secret
in the body, attacker-chosen text reflected in the same body, and the length visible. Kernkompas answers it three
ways:

- The CSRF token, the one secret on most pages, is masked anew in every response (Django), so it never repeats.
- Django's gzip adds up to 100 random bytes to every compressed response ("Heal the Breach"), blurring the length.
- For a signed-in person (whose pages hold personal data and links only they may see), a response is compressed
  only when nothing could have been reflected into it: a ``GET`` without a query string. Searches, filters and form
  answers go uncompressed to them. Visitors without a session have no secrets on their pages.

Not compressed at all: live streams (``text/event-stream``: each event must leave at once) and formats that are
compressed already (images, PDF, spreadsheets, archives).
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE_TYPES = (
    "text/html",
    "text/plain",
    "text/csv",
    "text/calendar",
    "text/css",
    "text/javascript",
    "application/json",
    "application/javascript",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/geo+json",
    "image/svg+xml",
)


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(request, response):
            return response
        return super().process_response(request, response)


def compressible(request, response) -> bool:
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if content_type not in COMPRESSIBLE_TYPES:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Signed in (or was): compress only what cannot reflect an attacker's guess (see the module).
        return request.method in ("GET", "HEAD") and not request.META.get("QUERY_STRING")
    return True
