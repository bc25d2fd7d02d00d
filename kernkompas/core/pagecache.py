"""Whole public pages for visitors who are not signed in, answered from the cache, with exact invalidation.

A page shared in a newsletter gets hundreds of visitors in minutes, all anonymous, all seeing the same page. The
views that draw such a page mark their response with :func:`cache_for_visitors` (a decorator) or
:func:`mark_for_visitors`; :class:`VisitorPageCacheMiddleware` keeps the finished response (after compression) and
answers the next anonymous visitor from it without running the view.

**Exact invalidation: the content version.** Every cached page's key holds the current *content version*, one
random token in the shared cache. Any committed write to the database (an insert, update or delete on any table
but the few in :data:`IGNORED_TABLES` that no page shows: sessions, the audit log, rate-limit counters) draws a new
token, so the next visitor after a publish, an import, a threshold change or any other change gets a freshly drawn
page. The writes are seen where every query passes (a database execute wrapper installed on each new connection,
``watch_writes``), so ``bulk_create``, ``update()`` and raw SQL through Django count too, not only model signals. The
new token is drawn after the transaction commits (``on_commit``), so a page drawn from the old data is never stored
under the new token. Old entries are not deleted: nothing asks for their key again and they expire.

**Time.** A page can change without a write (the next session moves on, "today" becomes yesterday); a page is drawn
again after ``KERNKOMPAS_PAGE_CACHE_SECONDS`` (60 by default; 0 switches the cache off). Then one request draws it
again (a lock in the pages cache: for all app servers with Redis, per process otherwise) while the others still get
the stored page, for at most ``STALE_SECONDS`` more: the data has not changed (that would be another key), only the
clock moved on.

**Many visitors at once.** When the data changes, every page is new: in each process one request draws a page and
the other visitors of that page wait for it, instead of all drawing it at once.

**Who gets a cached page.** A ``GET`` with no session cookie (so no signed-in user), no flash messages waiting and no
``Authorization`` header. Anyone else, and every other method, goes through the view as before.

**What is stored.** Only a response the view marked, with status 200, not streamed, at most ``MAX_STORED_BYTES``,
that sets no cookie, did not use a CSRF token (a form's token belongs to one visitor) and is not
``private``/``no-store``/``no-cache``. The key holds the scheme, host, language, whether the visitor takes gzip, and
the full path with its query: a search is its own page. With Redis, give it a ``maxmemory`` with an LRU policy, so
that many different searches cannot fill its memory (entries expire after the minute anyway).

**Where.** The ``pages`` cache (``settings.CACHES``): per process in memory on the embedded default, Redis when
``REDIS_URL`` is set, so several app servers share pages. The content version lives in the ``default`` cache, which
all processes and app servers share (a file cache on one machine, or Redis), so a write seen by one process
invalidates every process's pages.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re

VERSION_KEY = "kernkompas:content-version"
HEADER = "X-Kernkompas-Cache"
# Tables written while no page changes: sessions, the audit log, rate-limit counters (core.ratelimit counts in the
# database on every attempt). Each must hold nothing a page shows.
IGNORED_TABLES: set[str] = {"django_session", "core_auditevent", "core_ratelimitcounter"}
_WRITE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)"
    r'\s+(?:ONLY\s+)?([\w."`]+)',
    re.IGNORECASE,
)
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_UNSEEN = contextvars.ContextVar("kernkompas_unseen_writes", default=False)
# What must happen on every visit, also when the page comes from the cache (the Vitrine counts a case's views):
# name -> function(argument). A view asks for it with on_visit(request, name, argument).
VISIT_HOOKS: dict[str, Callable] = {}
logger = logging.getLogger(__name__)
_NOT_SHARED = {"private", "no-store", "no-cache"}
# How long a visitor waits for another request that is drawing the same page, before drawing it itself.
WAIT_FOR_DRAWING_SECONDS = 10
# How long past its time a page may still be answered while one request draws it again (the data is the same).
STALE_SECONDS = 30
# A page larger than this (as sent) is drawn each time: the cache holds many pages, not a few huge downloads.
MAX_STORED_BYTES = 1_000_000


def cache_for_visitors(view):
    """Decorator: this view's page may be answered from the cache to anonymous visitors (see the module)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return mark_for_visitors(view(request, *args, **kwargs))

    return wrapper


def mark_for_visitors(response):
    response.cache_for_visitors = True
    return response


@contextlib.contextmanager
def unseen_writes():
    """Writes inside this block change no page in a way that must show at once (a case's view counter: the list
    sorted by views may lag until the page expires)."""
    token = _UNSEEN.set(True)
    try:
        yield
    finally:
        _UNSEEN.reset(token)


def on_visit(request, name: str, argument) -> None:
    """Run ``VISIT_HOOKS[name](argument)`` now and on each later visit that this page is answered from the cache."""
    request.kernkompas_visit = (name, argument)
    VISIT_HOOKS[name](argument)


# --- The content version ---------------------------------------------------------------------------------------


def content_version() -> str:
    store = caches["default"]
    version = store.get(VERSION_KEY)
    if version is None:
        store.add(VERSION_KEY, uuid.uuid4().hex, None)
        # A cache that keeps nothing: a new token each time, so no page is answered from it (never a stale one).
        version = store.get(VERSION_KEY) or uuid.uuid4().hex
    return version


def content_changed() -> None:
    """Every cached page is out of date from now on. Called after each committed write; call it after changing what
    pages show outside the database (none do today)."""
    caches["default"].set(VERSION_KEY, uuid.uuid4().hex, None)


def written_table(sql) -> str | None:
    """The table an INSERT/UPDATE/DELETE/TRUNCATE statement writes to, or None for a read (or anything else)."""
    if not isinstance(sql, str):
        return None
    match = _WRITE.match(sql)
    return match.group(1).replace('"', "").replace("`", "").lower().rsplit(".", 1)[-1] if match else None


def _write_watcher(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    table = written_table(sql)
    if table is not None and table not in IGNORED_TABLES and not _UNSEEN.get():
        connection = context["connection"]
        if not connection.in_atomic_block:
            content_changed()
        elif not any(func is content_changed for _sids, func, _robust in connection.run_on_commit):
            # Once per transaction; dropped with it when it (or its savepoint) rolls back.
            connection.on_commit(content_changed)
    return result


def watch_writes(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: every query of this connection passes the write watcher."""
    if _write_watcher not in connection.execute_wrappers:
        connection.execute_wrappers.append(_write_watcher)


# --- The middleware --------------------------------------------------------------------------------------------


class VisitorPageCacheMiddleware:
    """Answers anonymous ``GET`` requests for marked pages from the ``pages`` cache (see the module). It sits outside
    the compression middleware, so a page is compressed once and stored as it goes on the wire."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.drawing: dict[str, threading.Event] = {}  # key -> set when the request drawing that page is done
        self.not_stored: dict[str, float] = {}  # keys whose page was not stored (a form, a cookie): no waiting
        self.guard = threading.Lock()

    def __call__(self, request):
        seconds = settings.KERNKOMPAS_PAGE_CACHE_SECONDS
        if seconds <= 0 or not may_get_cached_page(request):
            return self.get_response(request)
        key = page_key(request)
        pages = caches["pages"]
        stored = pages.get(key)
        if stored is not None:
            # Past its minute (the data has not changed: that is another key), one request in the whole site draws
            # the page again while the others keep getting the stored one.
            if is_fresh(stored) or not pages.add(key + ":redraw", 1, WAIT_FOR_DRAWING_SECONDS):
                return rebuild(stored)
            return self.draw(request, key, seconds)
        # New, or the data changed: one request draws the page and the others of this process wait for it instead
        # of all drawing it at once (which made the unlucky ones wait 8 × as long).
        with self.guard:
            drawing = self.drawing.get(key)
            leader = drawing is None and self.not_stored.get(key, 0) < time.monotonic()
            if leader:
                drawing = self.drawing[key] = threading.Event()
        if not leader:
            if drawing is not None and drawing.wait(WAIT_FOR_DRAWING_SECONDS):
                stored = pages.get(key)
                if stored is not None:
                    return rebuild(stored)
            return self.get_response(request)
        try:
            return self.draw(request, key, seconds)
        finally:
            with self.guard:
                self.drawing.pop(key, None)
            drawing.set()

    def draw(self, request, key: str, seconds: int):
        response = self.get_response(request)
        if may_store(request, response):
            # Kept STALE_SECONDS past its minute, so that a page past it can be answered while it is drawn again.
            caches["pages"].set(key, freeze(request, response, seconds), seconds + STALE_SECONDS)
            response[HEADER] = "miss"
        else:
            with self.guard:
                if len(self.not_stored) > 10_000:
                    self.not_stored.clear()
                self.not_stored[key] = time.monotonic() + seconds
        return response


def may_get_cached_page(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_key(request) -> str:
    path = request.get_full_path()
    language = translation.get_language_from_path(request.path_info) or translation.get_language_from_request(request)
    gzip = "gz" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "id"
    # The host and scheme: pages hold absolute addresses (canonical links, feeds, share links).
    where = f"{request.scheme}://{request.get_host()}|{language}|{gzip}|{path}"
    return f"kernkompas:page:{content_version()}:{hashlib.sha256(where.encode()).hexdigest()}"


def may_store(request, response) -> bool:
    if not getattr(response, "cache_for_visitors", False) or response.status_code != 200 or response.streaming:
        return False
    if len(response.content) > MAX_STORED_BYTES:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a cookie or a form's CSRF token belongs to one visitor
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    return not ({part.split("=", 1)[0].strip().lower() for part in directives} & _NOT_SHARED)


def freeze(request, response, seconds: int) -> tuple:
    visit = getattr(request, "kernkompas_visit", None)
    return response.status_code, list(response.items()), response.content, visit, time.time() + seconds


def is_fresh(stored) -> bool:
    return time.time() < stored[4]


def rebuild(stored) -> HttpResponse:
    status, headers, content, visit, _fresh_until = stored
    if visit is not None:
        name, argument = visit
        try:
            VISIT_HOOKS[name](argument)
        except Exception:  # a counter that fails must not cost the visitor the page
            logger.exception("visit hook %s failed", name)
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response
