"""The live channel of the Binnenstadslab: it wakes every screen in the room when a lab's event is committed.

The events themselves are rows in the database (``LabEvent``, numbered per lab, written by ``events.emit`` in the
transaction that made the change). This module only carries the news "lab N has something new" and fans the events
out to the open streams (``stream_views.py``). See docs/architecture.md, "The Binnenstadslab's live updates".

- ``announce(lab_id, seq)`` is called by ``events.emit`` after the commit, from whatever (sync) thread committed.
  It wakes the hubs of this process and publishes on the configured channel so other processes wake too.
- One :class:`Hub` per event loop (so one per server process). Per lab with listeners it runs one feed task that,
  when woken, reads the new events ONCE from the database and puts them on every local subscriber's queue; 200
  phones on one lab cost one query per change per process, not 200. A slow safety poll (``SAFETY_POLL_SECONDS``)
  reads as well, so a lost notification costs at most that long.
- A subscriber that reconnects with the last number it saw first catches up from the database, then follows the
  feed; it never gets an event twice or misses one (see :meth:`Hub.subscribe`).
- The participants' streams get public events only, and a note that is hidden now is sent without its text, even
  when the event that carried the text is older than the hiding (a reconnect that catches up).

Channels (setting ``KERNKOMPAS_LIVE_CHANNEL``): ``local`` (only this process), ``postgres`` (``NOTIFY`` on
``kernkompas_labs``, one ``LISTEN`` connection per process), ``redis`` (PUBLISH/SUBSCRIBE). ``auto`` picks postgres on
PostgreSQL, else redis when ``REDIS_URL`` is set, else local.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection, connections
from django.db.models import Max

from kernkompas.labs.models import LabEvent, Note

logger = logging.getLogger(__name__)

CHANNEL = "kernkompas_labs"
SAFETY_POLL_SECONDS = 2.0
RECONNECT_SECONDS = 1.0
CATCH_UP_LIMIT = 10_000  # events sent to one reconnecting screen at most (a lab has a few hundred to a few thousand)
QUEUE_LIMIT = 2_000  # batches waiting for one slow screen; beyond this it is dropped and reconnects to catch up
NOTE_KINDS = {"note.added", "note.changed", "note.shown"}


# --- Events as the streams send them ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    seq: int
    kind: str
    payload: dict
    public: bool
    # What a participant's stream sends: the payload, or a copy without the text of a note that is hidden now.
    public_payload: dict

    def sse(self, *, public_only: bool) -> str:
        payload = self.public_payload if public_only else self.payload
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return f"id: {self.seq}\nevent: {self.kind}\ndata: {data}\n\n"


def _redacted(payload: dict) -> dict:
    return {**payload, "text": "", "author": "", "role": "", "hidden": True}


def read_events(lab_id: int, after: int, limit: int = CATCH_UP_LIMIT) -> list[Event]:
    """The events of ``lab_id`` after number ``after`` (sync: call it through ``sync_to_async``)."""
    rows = list(
        LabEvent.objects.filter(lab_id=lab_id, seq__gt=after)
        .order_by("seq")
        .values_list("seq", "kind", "payload", "public")[:limit]
    )
    note_ids = {p.get("id") for _, kind, p, public in rows if public and kind in NOTE_KINDS and isinstance(p, dict)}
    hidden = set(Note.objects.filter(pk__in=note_ids, is_hidden=True).values_list("pk", flat=True)) if note_ids else ()
    events = []
    for seq, kind, payload, public in rows:
        payload = payload if isinstance(payload, dict) else {}
        is_note = kind in NOTE_KINDS
        secret = is_note and (payload.get("id") in hidden or payload.get("hidden") is True)
        events.append(Event(seq, kind, payload, public, _redacted(payload) if secret else payload))
    return events


def latest_seq(lab_id: int) -> int:
    return LabEvent.objects.filter(lab_id=lab_id).aggregate(m=Max("seq"))["m"] or 0


_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def _database_slots() -> asyncio.Semaphore:
    """At most KERNKOMPAS_CONCURRENCY of the streams' database calls at once per process (200 phones opening their
    stream together must not open 200 connections)."""
    loop = asyncio.get_running_loop()
    found = _slots.get(loop)
    if found is None:
        found = _slots[loop] = asyncio.Semaphore(getattr(settings, "KERNKOMPAS_CONCURRENCY", 32))
    return found


def in_own_connection(function: Callable) -> Callable:
    """``function`` as a coroutine: run in a worker thread whose database connection is closed afterwards, so a
    stream holds no connection while it waits (Django closes a request's connection only when its response ends,
    which for a stream is when the phone leaves), and at most KERNKOMPAS_CONCURRENCY at once."""

    def run(*args):
        try:
            return function(*args)
        finally:
            # A shared in-memory SQLite test database is never really closed (Django keeps it alive).
            connections.close_all()

    threaded = sync_to_async(run, thread_sensitive=False)

    async def call(*args):
        async with _database_slots():
            return await threaded(*args)

    return call


read_events_async = in_own_connection(read_events)
latest_seq_async = in_own_connection(latest_seq)


# --- Channels ---------------------------------------------------------------------------------------------------
def channel_name() -> str:
    chosen = getattr(settings, "KERNKOMPAS_LIVE_CHANNEL", "auto") or "auto"
    if chosen != "auto":
        return chosen
    if connection.vendor == "postgresql":
        return "postgres"
    if getattr(settings, "REDIS_URL", None):
        return "redis"
    return "local"


class LocalChannel:
    """Only this process: ``announce`` wakes the hubs of this process, nothing else is needed."""

    name = "local"

    def publish(self, lab_id: int) -> None:
        pass

    async def listen(self, wake: Callable[[int], None]) -> None:
        await asyncio.Event().wait()  # nothing to listen to; waits until the hub closes


class PostgresChannel:
    """``NOTIFY kernkompas_labs, '<lab id>'``; every process keeps one ``LISTEN`` connection (psycopg 3, async)."""

    name = "postgres"

    def publish(self, lab_id: int) -> None:
        # On the thread's own Django connection: announce runs after the commit, so the NOTIFY is sent at once.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(lab_id)])

    async def listen(self, wake: Callable[[int], None]) -> None:
        # import here: only processes on PostgreSQL that stream need psycopg's async side.
        import psycopg

        while True:
            try:
                conninfo = _postgres_conninfo()
                async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    async for notify in conn.notifies():
                        _wake_from_text(wake, notify.payload)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database restarted or the network dropped: the safety poll covers the gap
                logger.warning("live: PostgreSQL LISTEN connection lost; reconnecting", exc_info=True)
            await asyncio.sleep(RECONNECT_SECONDS)


def _postgres_conninfo() -> str:
    # import here: psycopg is only needed on PostgreSQL.
    from psycopg.conninfo import make_conninfo

    db = connection.settings_dict  # the test runner renames NAME to the test database: NOTIFY is per database
    parts = {"dbname": db["NAME"], "user": db.get("USER"), "password": db.get("PASSWORD"), "host": db.get("HOST")}
    if db.get("PORT"):
        parts["port"] = str(db["PORT"])
    return make_conninfo(**{k: v for k, v in parts.items() if v})


class RedisChannel:
    """PUBLISH/SUBSCRIBE on ``kernkompas_labs`` (for SQLite set-ups with several servers sharing a Redis)."""

    name = "redis"

    def __init__(self, url: str):
        self.url = url
        self._client = None
        self._lock = threading.Lock()

    def publish(self, lab_id: int) -> None:
        # import here: Redis is only needed when the site is configured with it.
        import redis

        with self._lock:
            if self._client is None:
                self._client = redis.Redis.from_url(self.url, socket_timeout=2)
        self._client.publish(CHANNEL, str(lab_id))

    async def listen(self, wake: Callable[[int], None]) -> None:
        # import here: Redis is only needed when the site is configured with it.
        import redis.asyncio as aioredis

        while True:
            client = aioredis.Redis.from_url(self.url)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            data = message["data"]
                            _wake_from_text(wake, data.decode() if isinstance(data, bytes) else str(data))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("live: Redis subscription lost; reconnecting", exc_info=True)
            finally:
                await client.aclose()
            await asyncio.sleep(RECONNECT_SECONDS)


def _wake_from_text(wake: Callable[[int], None], text: str) -> None:
    try:
        wake(int(text))
    except (TypeError, ValueError):
        logger.warning("live: ignored a notification that is not a lab id: %r", text[:40])


def make_channel(name: str | None = None):
    name = name or channel_name()
    if name == "postgres":
        return PostgresChannel()
    if name == "redis":
        return RedisChannel(settings.REDIS_URL)
    return LocalChannel()


_channel = None
_channel_lock = threading.Lock()


def process_channel():
    """The channel this process publishes on (chosen once)."""
    global _channel
    with _channel_lock:
        if _channel is None:
            _channel = make_channel()
        return _channel


# --- Announcing -------------------------------------------------------------------------------------------------
_local_hubs: weakref.WeakSet[Hub] = weakref.WeakSet()


def announce(lab_id: int, seq: int) -> None:
    """Lab ``lab_id`` has event ``seq`` (committed). Wakes this process's hubs and tells the other processes."""
    for hub in list(_local_hubs):
        hub.wake_threadsafe(lab_id)
    try:
        process_channel().publish(lab_id)
    except Exception:  # never fail the request that made the change; the safety poll delivers within seconds
        logger.warning("live: could not publish lab %s event %s", lab_id, seq, exc_info=True)


# --- The hub ----------------------------------------------------------------------------------------------------
class SubscriptionDropped(Exception):
    """The screen fell too far behind; it reconnects with its last number and catches up from the database."""


class Subscription:
    def __init__(self, lab_id: int, after: int, public_only: bool):
        self.lab_id = lab_id
        self.last_seq = after
        self.public_only = public_only
        self.queue: asyncio.Queue[list[Event] | None] = asyncio.Queue()
        self._pending: list[Event] = []

    def _offer(self, batch: list[Event]) -> None:
        if self.queue.qsize() >= QUEUE_LIMIT:
            self.queue.put_nowait(None)  # the marker that drops it
        else:
            self.queue.put_nowait(batch)

    def _fresh(self, batch: list[Event]) -> list[Event]:
        out = [e for e in batch if e.seq > self.last_seq]
        if out:
            self.last_seq = out[-1].seq
        return [e for e in out if e.public] if self.public_only else out

    async def next(self, timeout: float | None = None) -> list[Event]:
        """The next events for this screen (already filtered), or [] after ``timeout`` seconds without news."""
        if self._pending:
            pending, self._pending = self._pending, []
            return pending
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            remaining = None if deadline is None else max(0.0, deadline - loop.time())
            try:
                batch = await asyncio.wait_for(self.queue.get(), remaining)
            except TimeoutError:
                return []
            if batch is None:
                raise SubscriptionDropped
            fresh = self._fresh(batch)
            if fresh:
                return fresh

    def as_text(self, events: list[Event]) -> str:
        return "".join(e.sse(public_only=self.public_only) for e in events)


class _Feed:
    """One lab's reader in one hub: reads new events once and hands them to every subscriber."""

    def __init__(self, hub: Hub, lab_id: int):
        self.hub = hub
        self.lab_id = lab_id
        self.subscribers: set[Subscription] = set()
        self.woken = asyncio.Event()
        self.last_seq = 0
        self.ready = asyncio.get_running_loop().create_task(self._start())
        self.task: asyncio.Task | None = None

    async def _start(self) -> None:
        self.last_seq = await latest_seq_async(self.lab_id)
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self.woken.wait(), self.hub.poll_seconds)
            except TimeoutError:
                pass  # the safety poll: read anyway
            self.woken.clear()
            try:
                events = await read_events_async(self.lab_id, self.last_seq)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("live: could not read the events of lab %s", self.lab_id, exc_info=True)
                await asyncio.sleep(RECONNECT_SECONDS)
                continue
            if events:
                self.last_seq = events[-1].seq
                self.hub.reads += 1
                for subscriber in list(self.subscribers):
                    subscriber._offer(events)
                if len(events) == CATCH_UP_LIMIT:
                    self.woken.set()  # more than one read's worth arrived at once: read on

    def stop(self) -> None:
        self.ready.cancel()
        if self.task:
            self.task.cancel()


class Hub:
    """Per event loop: the feeds of the labs that have listeners, and the channel's listener."""

    def __init__(self, channel=None, *, poll_seconds: float = SAFETY_POLL_SECONDS, local: bool = True):
        self.loop = asyncio.get_running_loop()
        self.channel = channel or process_channel()
        self.poll_seconds = poll_seconds
        self.feeds: dict[int, _Feed] = {}
        self.listener: asyncio.Task | None = None
        self.reads = 0  # database reads of new events (for tests and the benchmark: one per change, not per screen)
        if local:
            _local_hubs.add(self)

    def wake(self, lab_id: int) -> None:
        feed = self.feeds.get(lab_id)
        if feed is not None:
            feed.woken.set()

    def wake_threadsafe(self, lab_id: int) -> None:
        if self.loop.is_closed():
            return
        try:
            self.loop.call_soon_threadsafe(self.wake, lab_id)
        except RuntimeError:  # the loop closed between the check and the call
            pass

    def subscribe(self, lab_id: int, after: int | None, *, public_only: bool) -> _Subscribing:
        """``async with hub.subscribe(lab, after=n, public_only=True) as sub``: ``await sub.next(15)`` gives the
        events after ``n`` (``None``: from now on), first those missed (from the database), then the new ones."""
        return _Subscribing(self, lab_id, after, public_only)

    async def _add(self, lab_id: int, after: int | None, public_only: bool) -> Subscription:
        if self.listener is None:
            self.listener = self.loop.create_task(self.channel.listen(self.wake))
        feed = self.feeds.get(lab_id)
        if feed is None:
            feed = self.feeds[lab_id] = _Feed(self, lab_id)
        subscription = Subscription(lab_id, 0, public_only)
        # Registered first, then the catch-up is read: whatever the feed hands out from now on is queued, whatever
        # it handed out before has a number at most the database's latest, which the catch-up reads. Duplicates
        # between the two are dropped by number (Subscription._fresh).
        feed.subscribers.add(subscription)
        try:
            await asyncio.shield(feed.ready)
            if after is None:
                subscription.last_seq = await latest_seq_async(lab_id)
            else:
                subscription.last_seq = after
                subscription._pending = subscription._fresh(await read_events_async(lab_id, after))
        except BaseException:
            self._remove(subscription)
            raise
        return subscription

    def _remove(self, subscription: Subscription) -> None:
        feed = self.feeds.get(subscription.lab_id)
        if feed is None:
            return
        feed.subscribers.discard(subscription)
        if not feed.subscribers:
            feed.stop()
            del self.feeds[subscription.lab_id]

    async def close(self) -> None:
        for feed in list(self.feeds.values()):
            feed.stop()
        self.feeds.clear()
        if self.listener:
            self.listener.cancel()
            try:
                await self.listener
            except (asyncio.CancelledError, Exception):
                pass
            self.listener = None
        _local_hubs.discard(self)


class _Subscribing:
    def __init__(self, hub: Hub, lab_id: int, after: int | None, public_only: bool):
        self.args = (hub, lab_id, after, public_only)
        self.subscription: Subscription | None = None

    async def __aenter__(self) -> Subscription:
        hub, lab_id, after, public_only = self.args
        self.subscription = await hub._add(lab_id, after, public_only)
        return self.subscription

    async def __aexit__(self, *exc) -> None:
        if self.subscription is not None:
            self.args[0]._remove(self.subscription)


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = weakref.WeakKeyDictionary()


def hub() -> Hub:
    """The hub of the running event loop (one per server process)."""
    loop = asyncio.get_running_loop()
    found = _hubs.get(loop)
    if found is None:
        found = _hubs[loop] = Hub()
    return found


def close_hubs(timeout: float = 10) -> None:
    """Stop every process hub whose event loop still runs, from another thread (the tests' ASGI server calls it
    before it stops), so that no feed keeps reading the database after its server is gone."""
    for loop, found in list(_hubs.items()):
        if loop.is_running():
            asyncio.run_coroutine_threadsafe(found.close(), loop).result(timeout=timeout)
