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

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kernkompas.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after Django is set up by get_asgi_application)
from django.db import connections  # noqa: E402

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

    def __init__(self, app, limit: int, is_stream=STREAM_PATH.match):
        self.app = app
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
            return await self.app(scope, receive, send)
        async with self._semaphore():
            return await self.app(scope, receive, send)


application = BoundedConcurrency(django_application, settings.KERNKOMPAS_CONCURRENCY)
