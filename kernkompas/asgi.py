"""The ASGI application ``kernkompas serve`` runs (gunicorn with uvicorn workers).

Two ways in, chosen per request by :class:`BoundedConcurrency`:

- **Pages** (everything but the live streams) go through Django's WSGI handler, run by a2wsgi in a fixed pool of
  ``KERNKOMPAS_CONCURRENCY`` threads: the middleware chain and the view run in one thread, as under a plain WSGI
  server. Django's own ASGI handler runs a sync middleware chain in async mode, handing each middleware's request
  and response to a thread and back (some twenty hand-offs) and starting a new thread for every request: an empty
  view answered 136 requests/s on one process, about 500 this way (bench/served_bench.py, issue 15).
- **The Binnenstadslab's live streams** (async views that wait on the event loop) go through Django's ASGI handler
  and are not counted against the bound: they hold no thread or connection while waiting.

At most ``KERNKOMPAS_CONCURRENCY`` pages are being answered at once per process; the others wait their turn (in
order) on the event loop, so 200 phones posting at once do not open 200 database connections (or queue 200 SQLite
writers behind one lock). WhiteNoise serves the static files from its middleware, as in ``wsgi.py``.
"""

from __future__ import annotations

import asyncio
import os
import re

from a2wsgi import WSGIMiddleware
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kernkompas.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after Django is set up by get_asgi_application)
from django.db import connections  # noqa: E402

# Under Django's ASGI handler (the streams) every request's sync code runs in a thread of its own, so a connection kept
# open for the next request (CONN_MAX_AGE, 60 s with DATABASE_URL) is never reused and stays open in a finished
# thread: PostgreSQL ran out of connections ("too many clients") with 200 phones. Django's advice for ASGI: close at
# the end of each request. Pages close theirs the same way (one setting for both).
for alias in settings.DATABASES:
    settings.DATABASES[alias]["CONN_MAX_AGE"] = 0
    connections[alias].settings_dict["CONN_MAX_AGE"] = 0

# The long-lived streams: /binnenstadslab/<pk>/live/ and /binnenstadslab/doe-mee/<code>/live/ (and under /en/).
STREAM_PATH = re.compile(r"^/(?:[a-z]{2}/)?binnenstadslab/(?:\d+|doe-mee/[^/]+)/live/$")


class BoundedConcurrency:
    """ASGI middleware: at most ``limit`` HTTP requests that are not streams are inside ``app`` at once; the others
    wait their turn (in order) on the event loop, which costs nothing but memory."""

    def __init__(self, app, limit: int, is_stream=STREAM_PATH.match, stream_app=None):
        self.app = app
        self.stream_app = stream_app or app
        self.limit = limit
        self.is_stream = is_stream
        self._semaphores: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        semaphore = self._semaphores.get(loop)
        if semaphore is None:
            semaphore = self._semaphores[loop] = asyncio.Semaphore(self.limit)
        return semaphore

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.is_stream(scope.get("path", "")):
            return await self.stream_app(scope, receive, send)
        async with self._semaphore():
            return await self.app(scope, receive, send)


# Pages through Django's WSGI handler in a fixed pool of threads (a2wsgi); the live streams, which wait on the event
# loop, on Django's own ASGI handler.
pages_application = WSGIMiddleware(get_wsgi_application(), workers=settings.KERNKOMPAS_CONCURRENCY)
application = BoundedConcurrency(pages_application, settings.KERNKOMPAS_CONCURRENCY, stream_app=django_application)
