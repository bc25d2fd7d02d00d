"""The live streams (Server-Sent Events) of a lab: ``participant_stream`` for the phones (public events only) and
``stream`` for the facilitator's board and the projector (every event).

Under ASGI (``kernkompas serve``) a stream stays open: it first sends what the screen missed (after ``Last-Event-ID``
or ``?na=<seq>``), then every new event as it is committed (``live.py``), and a ``: ping`` comment every 15 s. Under
WSGI (the test client, a plain WSGI server) a long-lived response would hold a thread, so it answers the missed events
and ends with ``retry: 1000``: the browser's EventSource reconnects a second later with its last number, a working
long-poll. Each event is ``id: <seq>\\nevent: <kind>\\ndata: <json>\\n\\n``; payloads are data, never HTML.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import Http404, HttpResponse, StreamingHttpResponse

from kernkompas.accounts import permissions
from kernkompas.labs import identity, live
from kernkompas.labs.models import Lab, Participant

PING_SECONDS = 15
RETRY = "retry: 1000\n\n"
MAX_SEQ = 10**15


def last_event_id(request) -> int | None:
    """The number the screen saw last: the ``Last-Event-ID`` header of a reconnect, else ``?na=`` of the first
    connect (the page's snapshot number). None: from now on."""
    raw = request.headers.get("Last-Event-ID") or request.GET.get("na")
    if raw is None:
        return None
    raw = raw.strip()
    if not raw.isdigit() or len(raw) > 15:
        return None
    return min(int(raw), MAX_SEQ)


def _headers(response):
    response["Content-Type"] = "text/event-stream; charset=utf-8"
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


async def _respond(request, lab_id: int, *, public_only: bool, still_allowed=None):
    after = last_event_id(request)
    if not isinstance(request, ASGIRequest):
        # WSGI: the missed events, then let the browser reconnect (see the module's docstring).
        # On the request's own thread and connection (Django closes it at the end of the request).
        events = [] if after is None else await sync_to_async(live.read_events)(lab_id, after)
        if public_only:
            events = [e for e in events if e.public]
        body = "".join(e.sse(public_only=public_only) for e in events)
        return _headers(HttpResponse(body + RETRY))
    # Whatever this request's thread opened before (the session and user of a staff stream) is closed now: Django
    # would close it only when the response ends, which for a stream is when the screen leaves.
    await sync_to_async(connections.close_all)()
    return _headers(StreamingHttpResponse(_stream(lab_id, after, public_only, still_allowed)))


async def _stream(lab_id: int, after: int | None, public_only: bool, still_allowed):
    yield RETRY
    try:
        async with live.hub().subscribe(lab_id, after, public_only=public_only) as subscription:
            while True:
                events = await subscription.next(timeout=PING_SECONDS)
                if events:
                    yield subscription.as_text(events)
                    continue
                if still_allowed is not None and not await still_allowed():
                    return  # blocked meanwhile: the phone's reconnect is refused
                yield ": ping\n\n"
    except live.SubscriptionDropped:
        return  # too far behind: the browser reconnects with Last-Event-ID and catches up from the database


def _checked(request, check):
    """Under ASGI the check runs in its own connection, closed at once (see ``live.in_own_connection``); under WSGI
    on the request's thread and connection, which Django closes when the (short) response ends."""
    return live.in_own_connection(check) if isinstance(request, ASGIRequest) else sync_to_async(check)


def _participant_lab(request, code: str) -> tuple[Lab, Participant]:
    lab = Lab.objects.filter(code__iexact=code).select_related("gemeente").first()
    if lab is None:
        raise Http404
    participant = identity.participant_for(request, lab)
    if participant is None:
        raise PermissionDenied
    return lab, participant


async def participant_stream(request, code: str):
    """The phones' stream: public events of the lab this browser joined."""
    lab, participant = await _checked(request, _participant_lab)(request, code)

    def allowed() -> bool:
        return Participant.objects.filter(pk=participant.pk, is_blocked=False).exists()

    return await _respond(request, lab.pk, public_only=True, still_allowed=live.in_own_connection(allowed))


def _staff_lab(request, pk: int) -> Lab:
    if not request.user.is_authenticated:
        raise PermissionDenied
    lab = Lab.objects.filter(pk=pk).select_related("gemeente").first()
    if lab is None or not permissions.can_manage_gemeente(request.user, lab.gemeente):
        raise Http404  # outside the user's municipalities: as if it did not exist
    return lab


async def stream(request, pk: int):
    """The facilitator's and the projector's stream: every event of the lab."""
    await request.auser()  # the user is read once here, in async code, before the sync checks
    lab = await _checked(request, _staff_lab)(request, pk)
    return await _respond(request, lab.pk, public_only=False)
