"""The site's error pages (404, 403, 500): in the visitor's language, with the site's header, navigation and
footer, and a way on (the home page, a search, the page they came from).

The back office (``/beheer/``) answers in its own frame, since that is where its users work. The 500 page is drawn
without the request's context processors and without the database: whatever broke the page may have broken those
too. If even that fails, a few lines of fixed HTML go out.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

BACK_OFFICE_PREFIX = "/beheer/"

# The last resort when the 500 template itself cannot be drawn: Dutch and English, no template, no database.
FALLBACK_500 = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis · Kernkompas</title>'
    "</head><body><main><h1>Er ging iets mis</h1><p>Er ging iets mis aan onze kant. Probeer het later opnieuw of "
    'ga naar de <a href="/">startpagina</a>.</p><p lang="en">Something went wrong on our side. Please try again '
    'later or go to the <a href="/en/">home page</a>.</p></main></body></html>'
)


def _back_url(request) -> str:
    """The page the visitor came from, if it is on this site (never an address elsewhere)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _in_back_office(request) -> bool:
    return request.path_info.startswith(BACK_OFFICE_PREFIX)


def page_not_found(request, exception=None):
    if _in_back_office(request):
        return render(request, "wagtailadmin/404.html", status=404)
    return render(request, "404.html", {"back_url": _back_url(request)}, status=404)


def permission_denied(request, exception=None):
    if _in_back_office(request):
        return render(request, "wagtailadmin/403.html", status=403)
    return render(request, "403.html", {"back_url": _back_url(request)}, status=403)


def server_error(request):
    """Draw 500.html from a plain context in the language of the address (Dutch at /, English under /en/)."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            page = loader.get_template("500.html").render({"site_name": "Kernkompas"})
    except Exception:  # the page that reports an error must not raise one itself
        logger.exception("The 500 page could not be drawn; sending the fixed fallback")
        page = FALLBACK_500
    return HttpResponseServerError(page)
