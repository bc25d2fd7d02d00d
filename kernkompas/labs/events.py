"""The numbered events of a lab: every change that the screens in the room must see is written here, in the
transaction that made it, and announced after the commit (``kernkompas/labs/live.py``).

Screens follow a lab by event number: the page is rendered with the lab's current ``event_seq`` and the live stream
sends every event after it, so a phone that lost its connection asks again from the last number it saw and misses
nothing. Payloads are plain data (never HTML): the screens put text in the page as text.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from kernkompas.labs.models import Cluster, Lab, LabEvent, Note


def emit(lab: Lab, kind: str, payload: dict, *, public: bool = True) -> int:
    """Write the next event of ``lab`` (inside the caller's transaction) and announce it after the commit.

    ``public=False`` for what only the facilitator's screens may receive (a hidden note's text, a blocked
    participant). Returns the event's number."""
    Lab.objects.filter(pk=lab.pk).update(event_seq=F("event_seq") + 1)
    seq = Lab.objects.values_list("event_seq", flat=True).get(pk=lab.pk)
    lab.event_seq = seq
    LabEvent.objects.create(lab=lab, seq=seq, kind=kind, payload=payload, public=public)
    lab_id = lab.pk
    transaction.on_commit(lambda: _announce(lab_id, seq))
    return seq


def _announce(lab_id: int, seq: int) -> None:
    # import here: live imports the channel libraries (Redis, psycopg) only where the live stream runs.
    from kernkompas.labs import live

    live.announce(lab_id, seq)


def note_data(note: Note) -> dict:
    """A note as the screens show it; ``votes`` only once the facilitator shows the results."""
    participant = note.participant
    return {
        "id": note.pk,
        "lens": note.lens_id,
        "text": note.text,
        "author": participant.display_name if participant else "",
        "role": participant.role if participant else "",
        "cluster": note.cluster_id,
        "merged_into": note.merged_into_id,
        "hidden": note.is_hidden,
        "created": note.created_at.isoformat() if note.created_at else None,
    }


def cluster_data(cluster: Cluster) -> dict:
    return {"id": cluster.pk, "lens": cluster.lens_id, "title": cluster.title, "order": cluster.order}
