"""Public pages from the cache for anonymous visitors (kernkompas/core/pagecache.py): who gets a cached page, what
is stored, and that a publish, an import or a threshold change shows at once."""

from __future__ import annotations

import datetime
import gzip
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings
from django.urls import reverse

from kernkompas.core import pagecache
from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.thresholds import save_threshold
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.tests.dashboard_fixtures import SLUGS, make_register_public, second_count
from kernkompas.places.models import Gemeente
from kernkompas.vitrine.actions.editorial import ensure_vitrine_index
from kernkompas.vitrine.tests.search_evaluation import publish_case

# No module-wide django_db mark: the tests that commit for real ask for committed_db, and a django_db mark beside it
# would load the migrations' data into a database that still holds it.
pytestmark = pytest.mark.usefixtures("_page_cache_on")
HEADER = pagecache.HEADER


@pytest.fixture
def _page_cache_on():
    caches["pages"].clear()
    with override_settings(KERNKOMPAS_PAGE_CACHE_SECONDS=60):
        yield
    caches["pages"].clear()


def case(slug, title, **fields):
    fields = {"themes": ["beleid-visie"], "place_name": "Maasdijk", "approach": "<p>De aanpak.</p>", **fields}
    return publish_case(
        ensure_vitrine_index(), slug, title=title, summary="Een voorbeeld.", concept="<p>Het concept.</p>", **fields
    )


@pytest.fixture
def public_register(cast):
    return make_register_public(cast)


# --- What counts as a write ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "vitrine_casepage" ("page_ptr_id") VALUES (%s)', "vitrine_casepage"),
        ('  insert or ignore into "places_gemeente" (x) values (1)', "places_gemeente"),
        ('UPDATE "monitor_threshold" SET "value" = %s', "monitor_threshold"),
        ('DELETE FROM "monitor_unit" WHERE "id" IN (1, 2)', "monitor_unit"),
        ('TRUNCATE TABLE "core_auditevent"', "core_auditevent"),
        ('INSERT INTO "public"."places_kern" (x) VALUES (1)', "places_kern"),
        ('SELECT "id" FROM "places_gemeente" WHERE "name" = \'UPDATE x\'', None),
        ("SAVEPOINT s1", None),
        ("RELEASE SAVEPOINT s1", None),
    ],
)
def test_written_table_reads_the_table_of_a_write_and_nothing_from_a_read(sql, table):
    assert pagecache.written_table(sql) == table


# These tests commit for real (committed_db): the new version is drawn when the transaction commits.


def test_a_committed_write_gives_a_new_content_version(committed_db):
    before = pagecache.content_version()
    with transaction.atomic():
        Gemeente.objects.filter(pk=-1).update(name_nl="x")  # a write, even one that changes no row
        assert pagecache.content_version() == before  # not before the commit
    assert pagecache.content_version() != before


def test_raw_sql_and_a_bulk_insert_are_writes_too(committed_db, cast):
    before = pagecache.content_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE places_gemeente SET name_nl = name_nl WHERE id = %s", [cast.maasdijk.pk])
    after_raw = pagecache.content_version()
    assert after_raw != before
    Gemeente.objects.bulk_create([Gemeente(name_nl="Nieuwdorp", slug="nieuwdorp", country=cast.maasdijk.country)])
    assert pagecache.content_version() != after_raw


def test_a_rolled_back_write_keeps_the_version(committed_db, cast):
    before = pagecache.content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Gemeente.objects.filter(pk=cast.maasdijk.pk).update(name_nl="Teruggedraaid")
        raise RuntimeError
    assert pagecache.content_version() == before


def test_sessions_and_the_audit_log_are_not_changes_of_content(committed_db):
    before = pagecache.content_version()
    Session.objects.create(session_key="k" * 32, session_data="", expire_date="2030-01-01T00:00:00Z")
    AuditEvent.objects.bulk_create([AuditEvent(action="x.y")])
    assert pagecache.content_version() == before


# --- Who gets a cached page ------------------------------------------------------------------------------------


def test_an_anonymous_visitor_gets_the_second_request_from_the_cache(client, cast):
    first = client.get("/")
    assert first.status_code == 200 and first[HEADER] == "miss"
    second = client.get("/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Outer middleware still adds its headers to a page from the cache.
    assert "Content-Security-Policy" in second and second["X-Content-Type-Options"] == "nosniff"


def test_pages_are_stored_as_they_go_on_the_wire_compressed_or_not(client, cast):
    client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    zipped = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get("/")
    assert zipped[HEADER] == "hit" and zipped["Content-Encoding"] == "gzip"
    assert plain[HEADER] == "miss" and not plain.has_header("Content-Encoding")
    assert gzip.decompress(zipped.content) == plain.content


def test_dutch_and_english_are_different_pages(client, cast):
    dutch = client.get("/")
    english = client.get("/en/")
    assert english[HEADER] == "miss"
    assert english.content != dutch.content


def test_the_api_keeps_one_answer_per_language_asked_for(client, cast):
    case("leegstand", "Leegstand aanpakken")
    url = "/api/v1/vitrine/cases"
    assert client.get(url)[HEADER] == "miss"
    assert client.get(url)[HEADER] == "hit"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english[HEADER] == "miss" and english["Content-Language"] == "en"
    assert client.get(url, HTTP_AUTHORIZATION="Bearer x").has_header(HEADER) is False


def test_a_signed_in_person_never_gets_or_leaves_a_cached_page(client, cast):
    client.get("/")  # an anonymous visitor's page is in the cache
    client.force_login(cast.ellen)
    for _ in range(2):
        response = client.get("/")
        assert not response.has_header(HEADER)
        assert "Ellen" in response.content.decode()


def test_a_visitor_with_a_flash_message_waiting_gets_the_page_drawn(client, cast):
    client.get("/")
    client.cookies["messages"] = "anything"
    assert not client.get("/").has_header(HEADER)


def test_a_page_with_a_form_token_is_not_stored():
    # A form's CSRF token belongs to one visitor: a marked page that used one is not stored.
    request = RequestFactory().get("/")
    request.COOKIES["csrftoken"] = "a" * 32
    request.META["CSRF_COOKIE"] = "a" * 32
    get_token(request)
    response = pagecache.mark_for_visitors(HttpResponse("x"))
    assert pagecache.may_store(request, response) is False
    assert pagecache.may_store(RequestFactory().get("/"), response) is True


def test_unmarked_pages_and_errors_are_not_stored(client, cast):
    assert not client.get(reverse("accounts:login")).has_header(HEADER)
    missing = client.get("/plaatsen/bestaat-niet/")
    assert missing.status_code == 404 and not missing.has_header(HEADER)


def test_private_and_no_store_answers_are_not_stored():
    for value in ("private", "no-store", "max-age=0, no-cache"):
        response = pagecache.mark_for_visitors(HttpResponse("x"))
        response["Cache-Control"] = value
        assert pagecache.may_store(RequestFactory().get("/"), response) is False


@override_settings(KERNKOMPAS_PAGE_CACHE_SECONDS=0)
def test_zero_seconds_switches_the_cache_off(client, cast):
    client.get("/")
    assert not client.get("/").has_header(HEADER)


# --- Exact invalidation: what a visitor sees right after a change -----------------------------------------------


def test_a_published_case_shows_on_the_list_at_once(client, committed_db, cast):
    case("eerste", "Eerste voorbeeld")
    client.get("/vitrine/")
    assert client.get("/vitrine/")[HEADER] == "hit"
    case("tweede", "Een tweede voorbeeld over pop-upwinkels")
    response = client.get("/vitrine/")
    assert response[HEADER] == "miss"
    assert "Een tweede voorbeeld over pop-upwinkels" in response.content.decode()


def test_a_case_page_from_the_cache_still_counts_its_views(client, committed_db, cast):
    page = case("geteld", "Wordt geteld")
    assert client.get(page.url)[HEADER] == "miss"
    assert client.get(page.url)[HEADER] == "hit"
    page.refresh_from_db()
    assert page.view_count == 2
    # Counting views is not a change of content: the page stays in the cache.
    assert client.get(page.url)[HEADER] == "hit"


def test_an_unpublished_case_is_gone_from_its_address_at_once(client, committed_db, cast):
    page = case("weg", "Verdwijnt zo")
    url = page.url
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    page.unpublish()
    assert client.get(url).status_code == 404


def test_an_import_shows_on_the_dashboard_at_once(client, committed_db, public_register):
    url = reverse("monitor:gebied", kwargs=SLUGS)
    client.get(url)
    before = client.get(url)
    assert before[HEADER] == "hit"
    import_units(
        public_register.markt,
        second_count(),
        count_date=datetime.date(2031, 3, 1),
        file_name="t3.csv",
        sha256="t3",
        format="csv",
    )
    after = client.get(url)
    assert after[HEADER] == "miss"
    assert "2031" in after.content.decode() and "2031" not in before.content.decode()


def test_a_threshold_change_is_a_change(client, committed_db, public_register):
    url = reverse("monitor:gebied", kwargs=SLUGS)
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    save_threshold(public_register.markt, indicator="vacancy_rate", direction="above", value="5", by=None)
    assert client.get(url)[HEADER] == "miss"


def test_a_renamed_municipality_shows_on_its_page_at_once(client, committed_db, cast):
    url = reverse("places:gemeente", kwargs={"slug": cast.maasdijk.slug})
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    Gemeente.objects.filter(pk=cast.maasdijk.pk).update(name_nl="Maasdijk-Nieuw")
    assert "Maasdijk-Nieuw" in client.get(url).content.decode()


# --- Many visitors at the moment a page expires --------------------------------------------------------------------


def _many_at_once(middleware, visitors: int = 8) -> list:
    barrier = threading.Barrier(visitors)

    def visit(_):
        barrier.wait()
        return middleware(RequestFactory().get("/drukte/"))

    with ThreadPoolExecutor(visitors) as pool:
        return list(pool.map(visit, range(visitors)))


def test_visitors_arriving_together_wait_for_one_drawing_of_the_page():
    drawn = []

    def view(request):
        drawn.append(1)
        threading.Event().wait(0.3)  # a page that takes a while to draw, so the others arrive meanwhile
        return pagecache.mark_for_visitors(HttpResponse("de pagina"))

    responses = _many_at_once(pagecache.VisitorPageCacheMiddleware(view))
    assert len(drawn) == 1
    assert sorted(r.get(HEADER) for r in responses) == ["hit"] * 7 + ["miss"]
    assert {r.content for r in responses} == {b"de pagina"}


def test_a_page_that_cannot_be_stored_does_not_make_visitors_queue():
    drawn = []

    def view(request):
        drawn.append(1)
        threading.Event().wait(0.05)
        return HttpResponse("een formulier")  # not marked: never stored

    middleware = pagecache.VisitorPageCacheMiddleware(view)
    middleware(RequestFactory().get("/drukte/"))  # the first visit learns that this page is not stored
    _many_at_once(middleware)
    assert len(drawn) == 9
    assert middleware.drawing == {}


def test_past_its_minute_one_request_draws_the_page_again(client, cast):
    first = client.get("/")
    with time_machine.travel(time.time() + 61, tick=False):
        again = client.get("/")
        assert again[HEADER] == "miss"  # this request drew it anew (it held the site-wide "redraw" lock)
        assert client.get("/")[HEADER] == "hit"
    assert again.content == first.content


def test_while_one_request_draws_a_page_again_the_others_get_the_stored_one(client, cast, monkeypatch):
    client.get("/")
    monkeypatch.setattr(caches["pages"], "add", lambda *args, **kwargs: False)  # another request holds the lock
    with time_machine.travel(time.time() + 61, tick=False):
        assert client.get("/")[HEADER] == "hit"
    with time_machine.travel(time.time() + 60 + pagecache.STALE_SECONDS + 1, tick=False):
        assert client.get("/")[HEADER] == "miss"  # gone from the cache: drawn again


def test_the_language_switch_is_links_to_this_page_so_public_pages_hold_no_form_token(client, cast):
    url = case("taal", "Een voorbeeld in twee talen").url
    dutch = client.get(url + "?q=x").content.decode()
    assert "csrfmiddlewaretoken" not in dutch
    assert f'href="/en{url}?q=x" lang="en"' in dutch
    english = client.get(f"/en{url}").content.decode()
    assert f'href="{url}" lang="nl"' in english
