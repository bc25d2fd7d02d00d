"""The error pages are the site's own: Dutch at /, English under /en/, with the site's header, navigation and
footer and a way on (home, search, back). Before, 404, 403 and 500 were Django's bare English pages ("Not Found",
"Server Error (500)") without any link, and the 429 page had no navigation but a link home."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from kernkompas.site import errors

pytestmark = pytest.mark.django_db


def _anonymous() -> Client:
    return Client(raise_request_exception=False)


def _assert_branded(page: str) -> None:
    assert 'class="site-header"' in page
    assert 'class="main-nav"' in page
    assert 'class="site-footer"' in page
    assert 'class="ways-on"' in page
    assert 'role="search"' in page


@override_settings(DEBUG=False)
def test_a_missing_page_answers_in_dutch_with_navigation_and_ways_on():
    """Was: Django's English "Not Found" page without header, footer or link."""
    response = _anonymous().get("/bestaat-niet/", HTTP_REFERER="http://testserver/vitrine/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nl">' in page
    assert "Pagina niet gevonden" in page
    assert "Naar de startpagina" in page
    assert 'href="http://testserver/vitrine/"' in page  # back to where the visitor came from
    _assert_branded(page)


@override_settings(DEBUG=False)
def test_a_missing_page_under_en_answers_in_english():
    response = _anonymous().get("/en/does-not-exist/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in page
    assert "Page not found" in page
    _assert_branded(page)


@override_settings(DEBUG=False)
def test_the_way_back_never_leads_to_another_site():
    response = _anonymous().get("/bestaat-niet/", HTTP_REFERER="https://evil.example/phish")
    assert "evil.example" not in response.content.decode()


@override_settings(DEBUG=False)
@pytest.mark.parametrize("who", ["anton", "ellen", "sofie", "femke", "eva", "bram", None])
def test_every_role_gets_the_dutch_not_found_page(cast, who):
    client = _anonymous()
    if who:
        client.force_login(getattr(cast, who))
    response = client.get("/monitor/bestaat/niet/wel/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@override_settings(DEBUG=False)
@pytest.mark.parametrize("who", ["bram", "sofie", "eva"])
def test_a_refused_page_answers_in_dutch_with_navigation(cast, who):
    """Was: Django's English "403 Forbidden" page. Sofie (Veldrode), Bram (member) and Eva (editor) may read
    Maasdijk's public dashboard but not open its import wizard."""
    cast.markt.is_public = True
    cast.markt.save()
    client = _anonymous()
    client.force_login(getattr(cast, who))
    area = cast.markt
    kwargs = {"gemeente": area.kern.gemeente.slug, "kern": area.kern.slug, "gebied": area.slug}
    response = client.get(reverse("monitor:upload", kwargs=kwargs))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in page
    assert "werkt" in page  # says why: a municipality or role the user does not work for
    _assert_branded(page)


@override_settings(DEBUG=False)
def test_a_refusal_inside_the_back_office_answers_in_the_back_office_frame(cast):
    """Wagtail turns most refusals into a redirect with a message; one that reaches the site's handler (a view of
    ours raising PermissionDenied under /beheer/) gets the back office's frame in Dutch with a way back, not
    Django's English "403 Forbidden"."""
    request = RequestFactory().get("/beheer/auditlog/")
    request.user = cast.eva
    request.session = {}
    response = errors.permission_denied(request)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in page
    assert "Terug naar het beheer" in page
    assert 'class="site-header"' not in page


def _broken_home(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("kernkompas.places.models.Gemeente.objects.current", explode)


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("path", "lang", "words"), [("/", "nl", "Er ging iets mis"), ("/en/", "en", "Something went wrong")]
)
def test_a_server_error_answers_branded_in_the_language_of_the_address(monkeypatch, path, lang, words):
    """Was: Django's bare "Server Error (500)"."""
    _broken_home(monkeypatch)
    response = _anonymous().get(path)
    page = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in page
    assert words in page
    assert "database on fire" not in page
    _assert_branded(page)


def test_the_500_page_is_drawn_without_the_database(django_db_blocker):
    request = RequestFactory().get("/vitrine/iets/")
    with django_db_blocker.block():
        response = errors.server_error(request)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_the_500_page_falls_back_to_fixed_html_when_its_template_breaks(monkeypatch):
    def broken(name):
        raise RuntimeError("template store gone")

    monkeypatch.setattr(errors.loader, "get_template", broken)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
