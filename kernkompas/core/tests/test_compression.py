"""Pages compressed on the wire, with the BREACH attack kept out (kernkompas/core/compression.py)."""

from __future__ import annotations

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kernkompas.core.compression import CompressionMiddleware

pytestmark = pytest.mark.django_db
BODY = "<p>Leegstand in de Marktstraat</p>" * 50  # long enough to be worth compressing


def answer(content_type="text/html; charset=utf-8"):
    return lambda request: HttpResponse(BODY, content_type=content_type)


def through(request, content_type="text/html; charset=utf-8"):
    return CompressionMiddleware(answer(content_type))(request)


def get(path="/", **extra):
    return RequestFactory().get(path, HTTP_ACCEPT_ENCODING="gzip, br", **extra)


def test_a_visitor_gets_the_page_gzipped_and_caches_are_told_it_varies():
    response = through(get("/vitrine/?q=leegstand"))
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).decode() == BODY
    assert len(response.content) < len(BODY) / 5


def test_a_browser_that_does_not_ask_for_gzip_gets_the_page_as_it_is():
    response = through(RequestFactory().get("/"))
    assert not response.has_header("Content-Encoding")
    assert response.content.decode() == BODY


def test_the_same_page_is_padded_differently_each_time():
    # Django's "Heal the Breach": random bytes, so the length of a secret's guess does not show.
    lengths = {len(through(get()).content) for _ in range(20)}
    assert len(lengths) > 1


@pytest.mark.parametrize("content_type", ["application/json", "application/atom+xml", "text/calendar", "text/csv"])
def test_api_answers_feeds_and_downloads_of_text_are_compressed(content_type):
    assert through(get(), content_type)["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/event-stream",
        "image/png",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
)
def test_live_streams_and_compressed_formats_are_left_alone(content_type):
    assert not through(get(), content_type).has_header("Content-Encoding")


def test_someone_with_a_session_gets_a_search_uncompressed_against_breach():
    signed_in = get("/vitrine/?q=leegstand")
    signed_in.COOKIES["sessionid"] = "x"
    assert not through(signed_in).has_header("Content-Encoding")  # the query could reflect an attacker's guess
    plain_page = get("/werkplek/maasdijk/")
    plain_page.COOKIES["sessionid"] = "x"
    assert through(plain_page)["Content-Encoding"] == "gzip"  # nothing of the attacker's in it
    posted = RequestFactory().post("/leren/", HTTP_ACCEPT_ENCODING="gzip")
    posted.COOKIES["sessionid"] = "x"
    assert not through(posted).has_header("Content-Encoding")
