"""The real live stream under ASGI (uvicorn in a thread, ``asgi_server``): a phone's stream stays open, first sends
what it missed, then an event committed afterwards, without reconnecting. No browser needed."""

from __future__ import annotations

import datetime as dt

import httpx
from django.core import signing
from django.db import transaction

from kernkompas.labs import events, identity
from kernkompas.labs.models import Lab, Lens, Participant
from kernkompas.testing import make_gemeente


def _lab_and_cookie():
    lab = Lab.objects.create(
        gemeente=make_gemeente("99992", "Streamdorp", 9_000),
        title="Lab",
        question="?",
        starts_at=dt.datetime(2026, 12, 4, tzinfo=dt.UTC),
        code="ASGI01",
    )
    Lens.objects.create(lab=lab, order=1, key="wonen", title="Wonen")
    secret = identity.new_secret()
    participant = Participant.objects.create(
        lab=lab, display_name="Pia", role="bewoner", secret_hash=identity.secret_hash(secret)
    )
    name = identity.cookie_name(lab)
    return lab, {name: signing.get_cookie_signer(salt=name + identity.SALT).sign(f"{participant.pk}:{secret}")}


def emit(lab, kind, payload, public=True):
    with transaction.atomic():
        return events.emit(lab, kind, payload, public=public)


def test_a_phone_stream_stays_open_and_gets_an_event_committed_later(asgi_server):
    lab, cookies = _lab_and_cookie()
    emit(lab, "lab.changed", {"title": "Eerst", "question": "?"})
    emit(lab, "votes.cast", {"total": 1}, public=False)

    seen: list[str] = []
    url = f"{asgi_server.url}/binnenstadslab/doe-mee/{lab.code}/live/?na=0"
    with httpx.Client(cookies=cookies, timeout=httpx.Timeout(10)) as client:
        with client.stream("GET", url) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            assert response.headers["x-accel-buffering"] == "no"
            lines = response.iter_lines()
            for line in lines:
                seen.append(line)
                if line.startswith("data: ") and "Eerst" in line:
                    break
            # Committed while the stream is open: the same response delivers it (no reconnect).
            emit(lab, "lab.changed", {"title": "Daarna", "question": "?"})
            for line in lines:
                seen.append(line)
                if line.startswith("data: ") and "Daarna" in line:
                    break

    assert seen[0] == "retry: 1000"
    assert "id: 1" in seen and "id: 3" in seen
    assert "id: 2" not in seen  # the private event is not for phones
    assert not any("votes.cast" in line for line in seen)


def test_the_staff_stream_refuses_an_anonymous_visitor_under_asgi(asgi_server):
    lab, _ = _lab_and_cookie()
    answer = httpx.get(f"{asgi_server.url}/binnenstadslab/{lab.pk}/live/", timeout=10)
    assert answer.status_code == 403
