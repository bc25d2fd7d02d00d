"""The live channel (live.py) and the SSE streams (stream_views.py): every screen gets each event once, in order,
after a reconnect too; participants never get what is not public, nor the text of a hidden note."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import os
import socket

import pytest
from asgiref.sync import sync_to_async
from django.core import signing
from django.db import connection, connections, transaction
from django.urls import reverse

from kernkompas.labs import events, identity, live
from kernkompas.labs.models import Lab, Lens, Note, Participant
from kernkompas.testing import make_gemeente

WAIT = 10  # seconds a test waits for an event that must come (a bound, not a timing assertion)
QUIET = 0.5  # seconds a test waits to see that nothing more comes


def run_async(coroutine):
    """Run the scenario's event loop on a thread of its own: after the browser tests, Playwright's loop runs in
    this thread and ``asyncio.run`` would refuse."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=120)


def make_lab(gemeente=None, code="LIVE01") -> Lab:
    gemeente = gemeente or make_gemeente("99991", "Livedorp", 10_000)
    lab = Lab.objects.create(
        gemeente=gemeente, title="Lab", question="Wat nu?", starts_at=dt.datetime(2026, 12, 4, tzinfo=dt.UTC), code=code
    )
    Lens.objects.create(lab=lab, order=1, key="wonen", title="Wonen")
    return lab


def join(lab: Lab, name="Pia") -> tuple[Participant, str]:
    secret = identity.new_secret()
    participant = Participant.objects.create(
        lab=lab, display_name=name, role="bewoner", secret_hash=identity.secret_hash(secret)
    )
    return participant, secret


def add_note(lab: Lab, text: str, participant=None) -> Note:
    with transaction.atomic():
        note = Note.objects.create(lab=lab, lens=lab.lenses.first(), participant=participant, text=text)
        events.emit(lab, "note.added", events.note_data(note))
    return note


def hide(lab: Lab, note: Note) -> None:
    with transaction.atomic():
        note.is_hidden = True
        note.save()
        events.emit(lab, "note.hidden", {"id": note.pk})
        events.emit(lab, "note.changed", events.note_data(note), public=False)


def emit(lab: Lab, kind: str, payload: dict, public=True) -> int:
    with transaction.atomic():
        return events.emit(lab, kind, payload, public=public)


def sign_in_as(client, participant: Participant, secret: str) -> None:
    name = identity.cookie_name(participant.lab_id)
    value = signing.get_cookie_signer(salt=name + identity.SALT).sign(f"{participant.pk}:{secret}")
    client.cookies[name] = value


def in_thread(function):
    """``function`` in a worker thread whose database connection is closed afterwards (PostgreSQL drops the test
    database only when no connection is left)."""

    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return sync_to_async(run, thread_sensitive=False)


def seqs(batch) -> list[int]:
    return [e.seq for e in batch]


async def collect(subscription, until_seq: int) -> list:
    got = []
    while not got or got[-1].seq < until_seq:
        batch = await subscription.next(timeout=WAIT)
        assert batch, f"nothing arrived after {seqs(got)}; waiting for {until_seq}"
        got.extend(batch)
    return got


# --- The hub ----------------------------------------------------------------------------------------------------
def test_an_announced_event_reaches_a_subscriber_through_the_local_channel_with_one_read(committed_db):
    lab = make_lab()

    async def scenario():
        # A safety poll of a minute: only the announcement can deliver within the test.
        hub = live.Hub(live.LocalChannel(), poll_seconds=60)
        try:
            async with (
                hub.subscribe(lab.pk, None, public_only=False) as one,
                hub.subscribe(lab.pk, None, public_only=True) as two,
            ):
                seq = await in_thread(emit)(lab, "lab.changed", {"title": "Nieuw", "question": "?"})
                first, second = await one.next(timeout=WAIT), await two.next(timeout=WAIT)
                assert [(e.seq, e.kind, e.payload["title"]) for e in first] == [(seq, "lab.changed", "Nieuw")]
                assert seqs(second) == [seq]
                assert hub.reads == 1  # read once for both screens
            assert hub.feeds == {}  # the last screen gone, the lab's feed stops
        finally:
            await hub.close()

    run_async(scenario())


def test_a_reconnect_gets_exactly_the_missed_events_once_then_the_new_ones(committed_db):
    lab = make_lab()
    for n in range(5):
        emit(lab, "lab.changed", {"title": f"t{n}", "question": ""})

    async def scenario():
        hub = live.Hub(live.LocalChannel(), poll_seconds=60)
        try:
            async with hub.subscribe(lab.pk, 2, public_only=False) as sub:
                assert seqs(await sub.next(timeout=WAIT)) == [3, 4, 5]
                await in_thread(emit)(lab, "lab.changed", {"title": "t6", "question": ""})
                await in_thread(emit)(lab, "lab.changed", {"title": "t7", "question": ""})
                assert seqs(await collect(sub, 7)) == [6, 7]
                assert await sub.next(timeout=QUIET) == []
        finally:
            await hub.close()

    run_async(scenario())


def test_the_safety_poll_delivers_an_event_whose_announcement_was_lost(committed_db, monkeypatch):
    lab = make_lab()
    monkeypatch.setattr(live, "announce", lambda lab_id, seq: None)  # the notification is lost

    async def scenario():
        hub = live.Hub(live.LocalChannel(), poll_seconds=0.2)
        try:
            async with hub.subscribe(lab.pk, None, public_only=False) as sub:
                seq = await in_thread(emit)(lab, "lab.timer", {"ends_at": None, "seconds": None})
                assert seqs(await sub.next(timeout=WAIT)) == [seq]
        finally:
            await hub.close()

    run_async(scenario())


def test_participants_never_get_private_events_nor_the_text_of_a_hidden_note(committed_db):
    lab = make_lab()
    pia, _ = join(lab)
    note = add_note(lab, "Geheime scheldtekst", pia)
    hide(lab, note)
    emit(lab, "votes.cast", {"total": 3}, public=False)
    other = add_note(lab, "Later verborgen", pia)

    async def scenario():
        hub = live.Hub(live.LocalChannel(), poll_seconds=60)
        try:
            async with (
                hub.subscribe(lab.pk, 0, public_only=True) as phone,
                hub.subscribe(lab.pk, 0, public_only=False) as board,
            ):
                on_phone = phone.as_text(await phone.next(timeout=WAIT))
                on_board = board.as_text(await board.next(timeout=WAIT))
                # Live: hiding a note the phones already have sends them its number, not the text again.
                await in_thread(hide)(lab, other)
                on_phone += phone.as_text(await phone.next(timeout=WAIT))
            # A phone that reconnects from the start later gets neither text.
            async with hub.subscribe(lab.pk, 0, public_only=True) as later:
                on_phone += later.as_text(await later.next(timeout=WAIT))
        finally:
            await hub.close()
        return on_phone, on_board

    on_phone, on_board = run_async(scenario())
    assert "event: note.added" in on_phone and "event: note.hidden" in on_phone
    assert "scheldtekst" not in on_phone
    assert on_phone.count("Later verborgen") == 1  # once, before it was hidden; not in the later catch-up
    assert "votes.cast" not in on_phone and "note.changed" not in on_phone
    assert "Geheime scheldtekst" in on_board and "event: votes.cast" in on_board


# --- The stream views (WSGI: the test client answers the missed events and ends with retry) ---------------------
def test_the_participant_stream_sends_missed_public_events_as_sse_without_hidden_text(db, client):
    lab = make_lab()
    pia, secret = join(lab)
    add_note(lab, "Meer bankjes", pia)
    hidden = add_note(lab, "Weg ermee", pia)
    hide(lab, hidden)
    url = reverse("labs:participant_stream", kwargs={"code": lab.code})

    assert client.get(url, HTTP_LAST_EVENT_ID="0").status_code == 403  # no cookie: not a participant
    sign_in_as(client, pia, secret)
    response = client.get(url, HTTP_LAST_EVENT_ID="0")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    assert response["Cache-Control"] == "no-cache"
    assert response["X-Accel-Buffering"] == "no"
    body = response.content.decode()
    assert body.startswith("id: 1\nevent: note.added\ndata: {")
    assert "Meer bankjes" in body and "Weg ermee" not in body
    assert "note.changed" not in body
    assert body.endswith("retry: 1000\n\n")
    # The reconnect names the last event it saw (the header, or ?na= on the first connect): only what came after.
    again = client.get(url + "?na=2").content.decode()
    assert "id: 1\n" not in again and "id: 2\n" not in again and "id: 3\n" in again
    assert client.get(url).content.decode() == "retry: 1000\n\n"  # no number: from now on


def test_the_participant_stream_refuses_a_forged_or_blocked_or_foreign_cookie_and_an_unknown_code(db, client):
    lab = make_lab()
    other_lab = make_lab(lab.gemeente, code="OTHER1")
    pia, secret = join(lab)
    url = reverse("labs:participant_stream", kwargs={"code": lab.code})

    sign_in_as(client, pia, "not-the-secret")
    assert client.get(url).status_code == 403
    sign_in_as(client, pia, secret)
    assert client.get(reverse("labs:participant_stream", kwargs={"code": other_lab.code})).status_code == 403
    client.cookies[identity.cookie_name(lab)] = f"{pia.pk}:{secret}"  # unsigned
    assert client.get(url).status_code == 403
    sign_in_as(client, pia, secret)
    assert client.get(url).status_code == 200
    Participant.objects.filter(pk=pia.pk).update(is_blocked=True)
    assert client.get(url).status_code == 403
    assert client.get(reverse("labs:participant_stream", kwargs={"code": "NOPE99"})).status_code == 404


@pytest.mark.parametrize(
    "who, status",
    [(None, 403), ("bram", 404), ("sofie", 404), ("eva", 404), ("ellen", 200), ("femke", 200), ("anton", 200)],
)
def test_the_staff_stream_is_for_the_labs_municipality_only(client, cast, who, status):
    lab = make_lab(cast.maasdijk)
    emit(lab, "votes.cast", {"total": 1}, public=False)
    if who:
        client.force_login(getattr(cast, who))

    response = client.get(reverse("labs:stream", kwargs={"pk": lab.pk}) + "?na=0")

    assert response.status_code == status
    if status == 200:
        assert 'event: votes.cast\ndata: {"total":1}' in response.content.decode()
    else:
        assert b"votes.cast" not in response.content
    assert client.get(reverse("labs:stream", kwargs={"pk": lab.pk + 1000})).status_code == (403 if who is None else 404)


def test_a_bad_last_event_id_means_from_now_on(rf):
    from kernkompas.labs.stream_views import last_event_id

    assert last_event_id(rf.get("/", HTTP_LAST_EVENT_ID="17")) == 17
    assert last_event_id(rf.get("/?na=4")) == 4
    for bad in ("-1", "1e9", "abc", "9" * 40, ""):
        assert last_event_id(rf.get("/", HTTP_LAST_EVENT_ID=bad)) is None


# --- Across processes: two hubs that only hear each other through PostgreSQL or Redis ---------------------------
def _across_two_hubs(lab: Lab, channel_a, channel_b, publish) -> None:
    async def scenario():
        one = live.Hub(channel_a, poll_seconds=60, local=False)  # not woken in-process: only the channel counts
        two = live.Hub(channel_b, poll_seconds=60, local=False)
        try:
            async with (
                one.subscribe(lab.pk, None, public_only=False) as a,
                two.subscribe(lab.pk, None, public_only=False) as b,
            ):
                await asyncio.sleep(0.5)  # both listeners subscribed to the channel
                seq = await in_thread(emit)(lab, "lab.changed", {"title": "x", "question": ""})
                await in_thread(publish)(lab.pk)
                assert seqs(await a.next(timeout=WAIT)) == [seq]
                assert seqs(await b.next(timeout=WAIT)) == [seq]
        finally:
            await one.close()
            await two.close()

    run_async(scenario())


@pytest.mark.postgres
def test_the_postgresql_channel_wakes_the_hubs_of_other_processes(committed_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
    lab = make_lab()
    channel = live.PostgresChannel()
    _across_two_hubs(lab, live.PostgresChannel(), live.PostgresChannel(), channel.publish)


def _redis_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_the_redis_channel_wakes_the_hubs_of_other_processes(committed_db):
    if not _redis_running():
        pytest.skip("no Redis at 127.0.0.1:6379")
    url = os.environ.get("KERNKOMPAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    lab = make_lab()
    _across_two_hubs(lab, live.RedisChannel(url), live.RedisChannel(url), live.RedisChannel(url).publish)


def test_auto_picks_the_channel_from_the_database_and_redis(settings):
    settings.KERNKOMPAS_LIVE_CHANNEL = "auto"
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    expected = "postgres" if connection.vendor == "postgresql" else "redis"
    assert live.channel_name() == expected
    settings.REDIS_URL = None
    assert live.channel_name() == ("postgres" if connection.vendor == "postgresql" else "local")
    settings.KERNKOMPAS_LIVE_CHANNEL = "local"
    assert live.channel_name() == "local"
