"""What a lab produced, for its report (web page and PDF, ``labs:report``) and for carrying results into the action
plan: the canvas per lens with its clusters and notes (hidden notes left out, merged notes under the note they
joined), the dots per note and cluster in total and per participant role, the participants per role and the
agreements. Built in a handful of queries; the page and the PDF only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field

from kernkompas.labs.models import Cluster, Decision, Lab, Lens, Note
from kernkompas.labs.tallies import RoleTallies, RoleTally, per_role


@dataclass
class ReportNote:
    note: Note
    tally: RoleTally  # its own dots plus those of the visible notes merged into it
    merged: list[ReportNote] = field(default_factory=list)

    @property
    def author(self) -> str:
        return self.note.participant.display_name if self.note.participant else ""

    @property
    def role_label(self) -> str:
        return self.note.participant.get_role_display() if self.note.participant else ""


@dataclass
class ReportCluster:
    cluster: Cluster
    tally: RoleTally
    notes: list[ReportNote] = field(default_factory=list)


@dataclass
class ReportLens:
    lens: Lens
    clusters: list[ReportCluster] = field(default_factory=list)
    notes: list[ReportNote] = field(default_factory=list)  # the notes in no cluster

    @property
    def is_empty(self) -> bool:
        return not self.clusters and not self.notes


@dataclass
class Item:
    """A note or cluster that can be voted on and carried into a plan."""

    kind: str  # "note" or "cluster"
    obj: Note | Cluster
    lens: Lens
    tally: RoleTally
    cells: list[int] = field(default_factory=list)  # the dots per role, in the order of the report's roles

    @property
    def text(self) -> str:
        return self.obj.text if self.kind == "note" else self.obj.title

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.obj.pk}"


@dataclass
class RoleRow:
    code: str
    label: str
    participants: int
    dots: int


@dataclass
class LabReport:
    lab: Lab
    lenses: list[ReportLens]
    items: list[Item]  # every visible cluster and (not merged) note, most dots first
    roles: list[tuple[str, str]]
    role_rows: list[RoleRow]
    decisions: list[Decision]
    participant_count: int
    dot_count: int

    def cluster_entry(self, cluster: Cluster) -> ReportCluster | None:
        for lens in self.lenses:
            for entry in lens.clusters:
                if entry.cluster.pk == cluster.pk:
                    return entry
        return None

    def cluster_notes(self, cluster: Cluster) -> list[str]:
        entry = self.cluster_entry(cluster)
        return [note.note.text for note in entry.notes] if entry else []


def _tally_of(note: Note, children: dict[int, list[Note]], counted: RoleTallies, seen: set[int]) -> ReportNote:
    seen.add(note.pk)
    tally = RoleTally()
    tally.merge(counted.notes.get(note.pk, RoleTally()))
    merged = []
    for child in children.get(note.pk, []):
        if child.pk in seen:  # a merge loop never happens, but must not hang the report
            continue
        child_report = _tally_of(child, children, counted, seen)
        tally.merge(child_report.tally)
        merged.append(child_report)
    return ReportNote(note=note, tally=tally, merged=merged)


def build(lab: Lab) -> LabReport:
    counted = per_role(lab)
    lenses = list(lab.lenses.order_by("order", "pk"))
    clusters = list(Cluster.objects.filter(lab=lab).order_by("lens__order", "order", "pk"))
    visible = list(
        Note.objects.filter(lab=lab, is_hidden=False).select_related("participant").order_by("created_at", "pk")
    )
    visible_ids = {note.pk for note in visible}
    children: dict[int, list[Note]] = {}
    top: list[Note] = []
    for note in visible:
        if note.merged_into_id is None:
            top.append(note)
        elif note.merged_into_id in visible_ids:
            children.setdefault(note.merged_into_id, []).append(note)
        # a note merged into a hidden note is left out with it
    by_lens = {lens.pk: ReportLens(lens=lens) for lens in lenses}
    by_cluster: dict[int, ReportCluster] = {}
    items: list[Item] = []
    lens_of = {lens.pk: lens for lens in lenses}
    for cluster in clusters:
        entry = ReportCluster(cluster=cluster, tally=counted.clusters.get(cluster.pk, RoleTally()))
        by_cluster[cluster.pk] = entry
        by_lens[cluster.lens_id].clusters.append(entry)
        items.append(Item("cluster", cluster, lens_of[cluster.lens_id], entry.tally))
    seen: set[int] = set()
    for note in top:
        entry = _tally_of(note, children, counted, seen)
        if note.cluster_id in by_cluster:
            by_cluster[note.cluster_id].notes.append(entry)
        else:
            by_lens[note.lens_id].notes.append(entry)
        items.append(Item("note", note, lens_of[note.lens_id], entry.tally))
    items.sort(key=lambda item: (-item.tally.total, item.lens.order, item.kind != "cluster", item.obj.pk))
    roles = counted.roles()
    for item in items:
        item.cells = [item.tally.by_role.get(code, 0) for code, _label in roles]
    role_rows = [
        RoleRow(code, label, counted.participants.get(code, 0), counted.dots_cast.get(code, 0)) for code, label in roles
    ]
    return LabReport(
        lab=lab,
        lenses=[by_lens[lens.pk] for lens in lenses],
        items=items,
        roles=roles,
        role_rows=role_rows,
        decisions=list(lab.decisions.order_by("order", "pk")),
        participant_count=sum(counted.participants.values()),
        dot_count=sum(counted.dots_cast.values()),
    )
