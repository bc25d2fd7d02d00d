"""The dots of a lab counted per participant role, for the report (web page and PDF) and for carrying results into
the action plan. Plain counting in the database: a dot is one :class:`Vote` row (a replayed vote was never stored
twice), so these numbers are the ones the room saw."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.text import capfirst

from kernkompas.labs.models import Lab, Participant, ParticipantRole, Vote


@dataclass
class Tally:
    """The dots on one note or cluster: in total and per role code."""

    total: int = 0
    by_role: Counter = field(default_factory=Counter)

    def add(self, role: str, n: int) -> None:
        self.total += n
        self.by_role[role] += n

    def merge(self, other: Tally) -> None:
        self.total += other.total
        self.by_role.update(other.by_role)


@dataclass
class LabTallies:
    notes: dict[int, Tally]  # the dots on each note itself (not yet those of the notes merged into it)
    clusters: dict[int, Tally]
    participants: Counter  # participants per role code
    dots_cast: Counter  # dots cast per role code

    def roles(self) -> list[tuple[str, str]]:
        """``(code, label)`` (capitalised, for table headers) of the roles that took part or voted, in the order
        of the choices."""
        present = set(self.participants) | set(self.dots_cast)
        return [(code, capfirst(str(label))) for code, label in ParticipantRole.choices if code in present]


def tallies(lab: Lab) -> LabTallies:
    """Two queries: the dots per note/cluster and role, and the participants per role."""
    notes: dict[int, Tally] = {}
    clusters: dict[int, Tally] = {}
    dots_cast: Counter = Counter()
    rows = (
        Vote.objects.filter(lab=lab)
        .values("note_id", "cluster_id", "participant__role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        role, n = row["participant__role"], row["n"]
        dots_cast[role] += n
        if row["note_id"] is not None:
            notes.setdefault(row["note_id"], Tally()).add(role, n)
        else:
            clusters.setdefault(row["cluster_id"], Tally()).add(role, n)
    participants = Counter(
        {
            row["role"]: row["n"]
            for row in Participant.objects.filter(lab=lab).values("role").annotate(n=Count("pk")).order_by()
        }
    )
    return LabTallies(notes=notes, clusters=clusters, participants=participants, dots_cast=dots_cast)
