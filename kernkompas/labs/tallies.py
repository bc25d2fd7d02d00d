"""The dots of a lab's dot-voting, counted (selectors: read only): the totals the phones, the board, the projector
and the closing event show, and the counts per role that the report lays out (``per_role``).

How dots count:
- A dot on a note counts for that note; a dot on a cluster for that cluster. A note's dots are not added to its
  cluster (the report may show both; ``cluster_totals`` adds them up where a page wants one number per cluster).
- A note merged into another keeps its dots (they were cast before the merge), and they count for the note it
  was merged into (followed to the end of a chain: A into B, B into C → C).
- Dots on a hidden note (or on a note merged into a hidden one) are not in the results: the note is shown to
  nobody. They stay stored and still use the voter's budget; shown again, the note counts them again.
- ``total`` is every dot cast, hidden or not (the progress the facilitator sees; the budget is per dot cast).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.text import capfirst

from kernkompas.labs.models import Lab, Note, Participant, ParticipantRole, Vote


@dataclass
class Tally:
    notes: dict[int, int] = field(default_factory=dict)  # note id (after merges) → dots
    clusters: dict[int, int] = field(default_factory=dict)  # cluster id → dots
    total: int = 0  # every dot cast
    voters: int = 0  # participants with at least one dot

    def as_payload(self) -> dict:
        """The ``votes.results`` event's payload (JSON keys are strings)."""
        return {
            "notes": {str(k): v for k, v in sorted(self.notes.items())},
            "clusters": {str(k): v for k, v in sorted(self.clusters.items())},
        }


def note_roots(lab: Lab) -> dict[int, int]:
    """Every note of ``lab`` → the note it ends up in after merges (itself when not merged)."""
    merged = dict(Note.objects.filter(lab=lab).values_list("pk", "merged_into_id"))
    roots = {}
    for pk in merged:
        seen, current = {pk}, pk
        while merged.get(current) is not None and merged[current] not in seen:  # a cycle ends where it closes
            current = merged[current]
            seen.add(current)
        roots[pk] = current
    return roots


def merged_family(lab: Lab, note: Note) -> set[int]:
    """``note`` and every note merged into it (directly or through others)."""
    return {pk for pk, root in note_roots(lab).items() if root == note.pk} | {note.pk}


def _count(lab: Lab, votes) -> Tally:
    roots = note_roots(lab)
    hidden = set(Note.objects.filter(lab=lab, is_hidden=True).values_list("pk", flat=True))
    notes, clusters, voters, total = Counter(), Counter(), set(), 0
    for note_id, cluster_id, participant_id in votes.values_list("note_id", "cluster_id", "participant_id"):
        total += 1
        voters.add(participant_id)
        if cluster_id is not None:
            clusters[cluster_id] += 1
            continue
        root = roots.get(note_id, note_id)
        if note_id in hidden or root in hidden:
            continue
        notes[root] += 1
    return Tally(notes=dict(notes), clusters=dict(clusters), total=total, voters=len(voters))


def dots(lab: Lab) -> Tally:
    """Every participant's dots together."""
    return _count(lab, Vote.objects.filter(lab=lab))


def dots_of(participant: Participant) -> Tally:
    """One participant's dots (what their phone shows as "your dots")."""
    return _count(participant.lab, Vote.objects.filter(participant=participant))


def cluster_totals(lab: Lab, tally: Tally | None = None) -> dict[int, int]:
    """Per cluster: its own dots plus those of the (visible, unmerged-into-elsewhere) notes in it."""
    tally = tally or dots(lab)
    totals = defaultdict(int, tally.clusters)
    in_cluster = dict(Note.objects.filter(lab=lab, cluster__isnull=False).values_list("pk", "cluster_id"))
    for note_id, n in tally.notes.items():
        if note_id in in_cluster:
            totals[in_cluster[note_id]] += n
    return dict(totals)


def used(participant: Participant) -> int:
    return Vote.objects.filter(participant=participant).count()


def remaining(participant: Participant, lab: Lab | None = None) -> int:
    lab = lab or participant.lab
    return max(0, lab.dots_per_participant - used(participant))


# --- Per role, for the report (web page and PDF) and for carrying results into the action plan ---------------------


@dataclass
class RoleTally:
    """The dots on one note or cluster: in total and per role code (the report's table)."""

    total: int = 0
    by_role: Counter = field(default_factory=Counter)

    def add(self, role: str, n: int) -> None:
        self.total += n
        self.by_role[role] += n

    def merge(self, other: RoleTally) -> None:
        self.total += other.total
        self.by_role.update(other.by_role)


@dataclass
class RoleTallies:
    notes: dict[int, RoleTally]  # the dots on each note itself (not yet those of the notes merged into it)
    clusters: dict[int, RoleTally]
    participants: Counter  # participants per role code
    dots_cast: Counter  # dots cast per role code

    def roles(self) -> list[tuple[str, str]]:
        """``(code, label)`` (capitalised, for table headers) of the roles that took part or voted, in the order
        of the choices."""
        present = set(self.participants) | set(self.dots_cast)
        return [(code, capfirst(str(label))) for code, label in ParticipantRole.choices if code in present]


def per_role(lab: Lab) -> RoleTallies:
    """The report's counts, in two queries: the dots on each note itself and each cluster per role (the report
    adds merged notes to their target as it lays them out), and the participants per role."""
    notes: dict[int, RoleTally] = {}
    clusters: dict[int, RoleTally] = {}
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
            notes.setdefault(row["note_id"], RoleTally()).add(role, n)
        else:
            clusters.setdefault(row["cluster_id"], RoleTally()).add(role, n)
    participants = Counter(
        {
            row["role"]: row["n"]
            for row in Participant.objects.filter(lab=lab).values("role").annotate(n=Count("pk")).order_by()
        }
    )
    return RoleTallies(notes=notes, clusters=clusters, participants=participants, dots_cast=dots_cast)
