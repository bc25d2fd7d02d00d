from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from kernkompas.accounts import permissions

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "user_roles": permissions.role_names(user),
        "user_is_staff_of_any": permissions.is_staff_of_any(user) if user else False,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "language_links": language_links(request),
    }


def language_links(request) -> list[dict]:
    """The header's language switch: for each language, this page's own address in it (Dutch at the root, English
    under /en/). Plain links, not a form: they need no CSRF token, so a public page is the same for every visitor
    and can be answered from the cache (kernkompas/core/pagecache.py). A page without a translated address (outside
    the language prefix) links to the home page in that language."""
    current = translation.get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if code != current and url == path:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append({"code": code, "name": LANGUAGE_NAMES.get(code, code), "url": url, "current": code == current})
    return links
