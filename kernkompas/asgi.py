"""The ASGI application ``kernkompas serve`` runs (gunicorn with uvicorn workers).

Django's ASGI handler with the same middleware as ``wsgi.py`` (WhiteNoise serves the static files from its
middleware), wrapped in :class:`BoundedConcurrency`: a process answers at most ``KERNKOMPAS_CONCURRENCY`` ordinary
requests at once. Under ASGI every sync view runs in a thread of its own with its own database connection, so 200
phones posting at once would otherwise open 200 connections (and 200 SQLite writers waiting for one lock). The
Binnenstadslab's live streams are not counted: they wait on the event loop and hold no connection while waiting.
"""

from __future__ import annotations

import asyncio
import os
import re

from asgiref.sync import sync_to_async
from django.core.asgi import get_asgi_application
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kernkompas.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after Django is set up by get_asgi_application)
from django.db import connections  # noqa: E402


class OneHopHandler(ASGIHandler):
    """Django's ASGI handler with the whole middleware chain and the view run in one thread per request.

    Django's own handler runs the chain in async mode: each of the eleven middlewares hands its request and its
    response to a thread and back (``sync_to_async``), some twenty hand-offs that cost ~5 ms of waiting on every
    request; an empty view answered 136 requests/s. Here the chain is built for sync code and entered once, in the
    request's own thread (Django's ``ThreadSensitiveContext`` gives each request one), as under WSGI. The
    Binnenstadslab's live streams (async views) keep Django's handler: see ``application`` below.
    """

    def load_middleware(self, is_async=False):
        super().load_middleware(is_async=False)
        self._middleware_chain = sync_to_async(self._middleware_chain, thread_sensitive=True)


# Under ASGI every request's sync code runs in a thread of its own, so a connection kept open for the next request
# (CONN_MAX_AGE, 60 s with DATABASE_URL) is never reused and stays open in a finished thread: PostgreSQL ran out of
# connections ("too many clients") with 200 phones. Django's advice for ASGI: close at the end of each request.
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


# Pages in one thread each (OneHopHandler); the live streams, which wait on the event loop, on Django's own handler.
application = BoundedConcurrency(OneHopHandler(), settings.KERNKOMPAS_CONCURRENCY, stream_app=django_application)
