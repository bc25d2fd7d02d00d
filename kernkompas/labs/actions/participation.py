"""What a participant does in a lab: join, add a note, put a dot on a note or cluster, take a dot back.

Participants have no account; they are identified by their cookie (``labs/identity.py``). Each operation owns its
transaction and writes its event (``labs/events.py``) in it, so every screen in the room sees the change.

Nothing here is written to the audit log, on purpose: the audit log answers "which member of staff changed what",
and a participant is nobody's account (there is no actor to name); a lab of 200 people writes thousands of notes
and dots an evening, which would bury the staff's actions; and the notes and dots are themselves kept, numbered,
as the lab's events. What the facilitator does with them (hide, merge, block) is audited by the facilitator's
operations.

Decisions:
- Notes may be added while the lab is in the phases "verkennen" and "clusteren" (the facilitator often finds a gap
  while clustering). Not before it starts ("voorbereiding": the facilitator has not opened the canvas yet), not
  from "prioriteren" on (the notes people vote on stay put), and never in a closed lab.
- A dot is on a visible note or a cluster of the lab, and only while voting is open. A hidden note and a note that
  was merged into another cannot get new dots (the dots it had count for the note it was merged into, see
  ``labs/tallies.py``).
- The budget (``lab.dots_per_participant``) is checked while the participant's row is locked (select_for_update;
  SQLite takes the write lock at BEGIN), so dots sent at the same moment from one phone cannot exceed it.
- A dot sent again with the same nonce (a phone that retried) is counted once: the operation answers as if it had
  just been counted.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kernkompas.labs import events, identity, tallies
from kernkompas.labs.models import (
    Cluster,
    Lab,
    Lens,
    Note,
    Participant,
    ParticipantRole,
    Phase,
    Vote,
    VotingState,
)
from kernkompas.labs.models.lab import DISPLAY_NAME_MAX_LENGTH, NOTE_MAX_LENGTH

NOTE_PHASES = frozenset({Phase.VERKENNEN, Phase.CLUSTEREN})
# Characters that turn text around or hide it (bidirectional overrides and isolates): a name or note with them
# shows differently from what it holds.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


class Refused(Exception):
    """The participant may not do this (now). ``field`` names the input it is about (for a form's errors);
    ``status`` is the HTTP answer a view gives: 400 bad input, 403 not allowed, 409 not now / budget used."""

    status = 400

    def __init__(self, message: str, field: str = "__all__"):
        super().__init__(message)
        self.message = message
        self.field = field


class Invalid(Refused):
    status = 400


class NotAllowed(Refused):
    status = 403


class NotNow(Refused):
    status = 409


@dataclass(frozen=True)
class NoteResult:
    note: Note
    created: bool
    seq: int


@dataclass(frozen=True)
class VoteResult:
    remaining: int
    seq: int
    counted: bool  # False for a replay (vote) or nothing to take back (never: unvote raises)


# --- Text -------------------------------------------------------------------------------------------------------


def _has_control(text: str, allowed: str = "") -> bool:
    return any(
        (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in allowed) or ch in BIDI_CONTROLS for ch in text
    )


def clean_display_name(value: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", value or "").split())
    if not name:
        raise Invalid(_("Fill in a name."), "display_name")
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        raise Invalid(
            _("A name can be at most %(max)s characters long.") % {"max": DISPLAY_NAME_MAX_LENGTH}, "display_name"
        )
    if _has_control(name):
        raise Invalid(_("A name cannot contain control characters."), "display_name")
    return name


def clean_note_text(value: str) -> str:
    """A note's text: trimmed, line endings as newlines; refused (not cut short) when too long."""
    text = unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise Invalid(_("Write something on the note."), "text")
    if len(text) > NOTE_MAX_LENGTH:
        raise Invalid(
            _("A note can be at most %(max)s characters long; this one has %(count)s. Make it shorter or split it.")
            % {"max": NOTE_MAX_LENGTH, "count": number_format(len(text), force_grouping=True)},
            "text",
        )
    if _has_control(text, allowed="\n\t"):
        raise Invalid(_("A note cannot contain control characters."), "text")
    return text


# --- Operations -------------------------------------------------------------------------------------------------


@transaction.atomic
def join(lab: Lab, display_name: str, role: str, *, user=None) -> tuple[Participant, str]:
    """A new participant of ``lab``; returns it and the secret their phone keeps (see ``labs/identity.py``)."""
    lab = Lab.objects.get(pk=lab.pk)
    if not lab.is_open:
        raise NotAllowed(_("This lab is closed: you can no longer join."))
    name = clean_display_name(display_name)
    if role not in ParticipantRole.values:
        raise Invalid(_("Choose a role from the list."), "role")
    secret = identity.new_secret()
    participant = Participant.objects.create(
        lab=lab,
        display_name=name,
        role=role,
        secret_hash=identity.secret_hash(secret),
        user=user if user is not None and user.is_authenticated else None,
    )
    events.emit(lab, "participant.joined", {"count": lab.participants.count()}, public=False)
    return participant, secret


def _current(participant: Participant, *, lock: bool = False) -> tuple[Participant, Lab]:
    rows = Participant.objects.select_for_update() if lock else Participant.objects
    participant = rows.get(pk=participant.pk)
    if participant.is_blocked:
        raise NotAllowed(_("You can no longer take part in this lab."))
    lab = Lab.objects.get(pk=participant.lab_id)
    if not lab.is_open:
        raise NotAllowed(_("This lab is closed: nothing can be added any more."))
    return participant, lab


@transaction.atomic
def add_note(participant: Participant, lens: Lens, text: str, client_id: uuid.UUID | None = None) -> NoteResult:
    """A note on ``lens``. The same ``client_id`` from the same participant gives back the note stored before."""
    participant, lab = _current(participant)
    if client_id is not None:
        stored = Note.objects.filter(participant=participant, client_id=client_id).first()
        if stored is not None:
            return NoteResult(stored, False, lab.event_seq)
    if lens.lab_id != lab.pk:
        raise Invalid(_("Choose a lens of this lab."), "lens")
    if lab.phase not in NOTE_PHASES:
        raise NotAllowed(_("Notes cannot be added in this phase of the lab."))
    text = clean_note_text(text)
    try:
        with transaction.atomic():
            note = Note.objects.create(lab=lab, lens=lens, participant=participant, text=text, client_id=client_id)
    except IntegrityError:
        # The same note sent twice at the same moment: the other request stored it.
        stored = Note.objects.get(participant=participant, client_id=client_id)
        return NoteResult(stored, False, lab.event_seq)
    seq = events.emit(lab, "note.added", events.note_data(note))
    return NoteResult(note, True, seq)


def _check_target(lab: Lab, note: Note | None, cluster: Cluster | None) -> None:
    if (note is None) == (cluster is None):
        raise Invalid(_("Choose a note or a cluster."), "note")
    if note is not None and (note.lab_id != lab.pk or note.is_hidden):
        raise Invalid(_("This note cannot get dots."), "note")
    if note is not None and note.merged_into_id is not None:
        raise NotNow(_("This note was merged into another one: put your dot on that one."), "note")
    if cluster is not None and cluster.lab_id != lab.pk:
        raise Invalid(_("This cluster cannot get dots."), "cluster")


def _voting_open(lab: Lab) -> None:
    if lab.voting != VotingState.OPEN:
        raise NotNow(_("Dot-voting is not open."))


def _total(lab: Lab) -> int:
    return Vote.objects.filter(lab=lab).count()


@transaction.atomic
def vote(participant: Participant, *, note: Note | None = None, cluster: Cluster | None = None, nonce) -> VoteResult:
    """One dot on ``note`` or ``cluster``; a ``nonce`` counted before is not counted again."""
    participant, lab = _current(participant, lock=True)
    if Vote.objects.filter(participant=participant, nonce=nonce).exists():
        return VoteResult(tallies.remaining(participant, lab), lab.event_seq, False)
    _voting_open(lab)
    _check_target(lab, note, cluster)
    if tallies.used(participant) >= lab.dots_per_participant:
        raise NotNow(
            _("You have used all your dots (%(n)s). Take one back to put it elsewhere.")
            % {"n": lab.dots_per_participant}
        )
    Vote.objects.create(lab=lab, participant=participant, note=note, cluster=cluster, nonce=nonce)
    seq = events.emit(lab, "votes.cast", {"total": _total(lab)}, public=False)
    return VoteResult(tallies.remaining(participant, lab), seq, True)


@transaction.atomic
def unvote(participant: Participant, *, note: Note | None = None, cluster: Cluster | None = None) -> VoteResult:
    """Take one of the participant's dots off ``note`` (or a note merged into it) or ``cluster``."""
    participant, lab = _current(participant, lock=True)
    _voting_open(lab)
    if (note is None) == (cluster is None):
        raise Invalid(_("Choose a note or a cluster."), "note")
    mine = Vote.objects.filter(participant=participant)
    if note is not None:
        mine = mine.filter(note_id__in=tallies.merged_family(lab, note))
    else:
        mine = mine.filter(cluster=cluster)
    dot = mine.order_by("-created_at", "-pk").first()
    if dot is None:
        raise NotNow(_("You have no dot here to take back."))
    dot.delete()
    seq = events.emit(lab, "votes.cast", {"total": _total(lab)}, public=False)
    return VoteResult(tallies.remaining(participant, lab), seq, True)
