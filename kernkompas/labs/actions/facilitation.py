"""Preparing and running a lab: creating and changing it, its lenses, the phases, the timer, dot-voting, clusters,
merging and hiding notes, blocking a participant, the agreements, and the municipality's canvas templates.

Each operation owns its transaction, writes the audit log (codes named in ``labels.py``) and writes
the lab's numbered events (``events.emit``) that the screens in the room follow. What participants may not see (a
hidden note's text, a blocked participant, vote progress) is emitted with ``public=False``. The views check who may
do it (``permissions.can_manage_gemeente`` on the lab's municipality) before they call.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from kernkompas.core import audit
from kernkompas.labs import events, tallies
from kernkompas.labs.models import (
    CanvasTemplate,
    Cluster,
    Decision,
    Lab,
    Lens,
    Note,
    Participant,
    Phase,
    VotingState,
)
from kernkompas.labs.models.lab import MAX_DOTS

#: No 0/O, 1/I/L: a code read aloud or from a projector is not mistyped.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PHASE_ORDER = [
    Phase.VOORBEREIDING,
    Phase.VERKENNEN,
    Phase.CLUSTEREN,
    Phase.PRIORITEREN,
    Phase.AFSPRAKEN,
    Phase.AFGESLOTEN,
]
MAX_TIMER_SECONDS = 4 * 60 * 60
MAX_LENSES = 20
MAX_CLUSTER_TITLE = 200


class FacilitationError(ValueError):
    """An operation that cannot be done in the lab's state; the message is for the facilitator (translated)."""


def new_code() -> str:
    """A short code nobody has: random from :data:`CODE_ALPHABET`, tried again on the rare collision."""
    for _attempt in range(50):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Lab.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free lab code found")  # 31**6 codes: practically never


def _lens_rows(lenses: list[dict]) -> list[dict]:
    """Clean ``[{"key", "title", "prompt"}]``: titles required, keys unique slugs."""
    rows, keys = [], set()
    for item in lenses[:MAX_LENSES]:
        title = str(item.get("title", "")).strip()[:100]
        if not title:
            continue
        key = slugify(str(item.get("key") or title))[:40] or "lens"
        base, n = key, 2
        while key in keys:
            key = f"{base[:36]}-{n}"
            n += 1
        keys.add(key)
        rows.append({"key": key, "title": title, "prompt": str(item.get("prompt", "")).strip()[:300]})
    return rows


def lab_changes_payload(lab: Lab) -> dict:
    return {"title": lab.title, "question": lab.question}


def phase_payload(lab: Lab) -> dict:
    return {
        "phase": lab.phase,
        "phase_label": str(lab.get_phase_display()),
        "voting": lab.voting,
        "voting_label": str(lab.get_voting_display()),
    }


# --- The lab itself ------------------------------------------------------------------------------------------------


@transaction.atomic
def create_lab(
    by,
    gemeente,
    *,
    title: str,
    question: str,
    starts_at,
    location: str = "",
    kern=None,
    gebied=None,
    regio=None,
    gemeenten=(),
    template: CanvasTemplate | None = None,
    dots_per_participant: int = 5,
    show_figures: bool = True,
    show_dna: bool = True,
    show_cases: bool = True,
    cases=(),
) -> Lab:
    """A lab in preparation for ``gemeente`` with the lenses of ``template`` copied (a later change to the template
    never changes the lab) and a fresh short code."""
    if not 1 <= int(dots_per_participant) <= MAX_DOTS:
        raise FacilitationError("dots_per_participant out of range")
    for attempt in range(5):
        try:
            with transaction.atomic():
                lab = Lab.objects.create(
                    gemeente=gemeente,
                    kern=kern,
                    gebied=gebied,
                    regio=regio,
                    title=title,
                    question=question,
                    starts_at=starts_at,
                    location=location,
                    code=new_code(),
                    dots_per_participant=dots_per_participant,
                    show_figures=show_figures,
                    show_dna=show_dna,
                    show_cases=show_cases,
                    created_by=by if getattr(by, "is_authenticated", False) else None,
                )
            break
        except IntegrityError:  # two labs drew the same code at the same moment
            if attempt == 4:
                raise
    if regio is not None:
        lab.gemeenten.set(list(gemeenten) or list(regio.gemeenten.all()))
    if cases:
        lab.cases.set(list(cases))
    rows = _lens_rows(template.lenses if template is not None else [])
    Lens.objects.bulk_create(Lens(lab=lab, order=n, **row) for n, row in enumerate(rows, start=1))
    audit.record(
        by,
        "labs.lab_created",
        lab,
        gemeente=gemeente,
        changes={"template": template.name if template else "", "code": lab.code},
    )
    return lab


LAB_FIELDS = (
    "title",
    "question",
    "starts_at",
    "location",
    "kern",
    "gebied",
    "regio",
    "dots_per_participant",
    "show_figures",
    "show_dna",
    "show_cases",
)


@transaction.atomic
def change_lab(by, lab: Lab, *, gemeenten=None, cases=None, **values) -> Lab:
    """Change what the facilitator prepared; the screens hear of a new title or question (``lab.changed``)."""
    if "dots_per_participant" in values and not 1 <= int(values["dots_per_participant"]) <= MAX_DOTS:
        raise FacilitationError("dots_per_participant out of range")
    changes = {}
    for name in LAB_FIELDS:
        if name in values and getattr(lab, name) != values[name]:
            old = getattr(lab, name)
            changes[name] = [str(old) if old is not None else "", str(values[name]) if values[name] is not None else ""]
            setattr(lab, name, values[name])
    if changes:
        # Only the changed fields: the lab object may be older than its last event, and a full save would write a
        # stale event_seq back (the next event would then collide with one already stored).
        lab.save(update_fields=[*changes, "updated_at"])
    if gemeenten is not None:
        lab.gemeenten.set(list(gemeenten) if lab.regio_id else [])
    if cases is not None:
        lab.cases.set(list(cases))
    if changes or gemeenten is not None or cases is not None:
        audit.record(by, "labs.lab_changed", lab, gemeente=lab.gemeente, changes=changes)
    if "title" in changes or "question" in changes:
        events.emit(lab, "lab.changed", lab_changes_payload(lab))
    if "dots_per_participant" in changes:
        events.emit(lab, "lab.phase", phase_payload(lab))
    return lab


# --- Lenses --------------------------------------------------------------------------------------------------------


def _lenses_event(lab: Lab) -> None:
    """Lenses are part of the lab's frame: screens re-read the lab on ``lab.changed``."""
    events.emit(lab, "lab.changed", lab_changes_payload(lab))


@transaction.atomic
def add_lens(by, lab: Lab, *, title: str, prompt: str = "") -> Lens:
    if lab.lenses.count() >= MAX_LENSES:
        raise FacilitationError("too many lenses")
    taken = set(lab.lenses.values_list("key", flat=True))
    key, base, n = slugify(title)[:40] or "lens", slugify(title)[:36] or "lens", 2
    while key in taken:
        key = f"{base}-{n}"
        n += 1
    order = (lab.lenses.aggregate(m=Max("order"))["m"] or 0) + 1
    lens = Lens.objects.create(lab=lab, order=order, key=key, title=title[:100], prompt=prompt[:300])
    audit.record(by, "labs.lens_added", lab, gemeente=lab.gemeente, changes={"lens": lens.title})
    _lenses_event(lab)
    return lens


@transaction.atomic
def rename_lens(by, lens: Lens, *, title: str, prompt: str = "") -> Lens:
    changes = {}
    if lens.title != title:
        changes["title"] = [lens.title, title]
    if lens.prompt != prompt:
        changes["prompt"] = [lens.prompt, prompt]
    if changes:
        lens.title, lens.prompt = title[:100], prompt[:300]
        lens.save(update_fields=["title", "prompt"])
        audit.record(by, "labs.lens_changed", lens.lab, gemeente=lens.lab.gemeente, changes=changes)
        _lenses_event(lens.lab)
    return lens


@transaction.atomic
def move_lens(by, lens: Lens, *, up: bool) -> Lens:
    """Swap the lens with its neighbour (up = earlier on the canvas)."""
    siblings = list(Lens.objects.select_for_update().filter(lab=lens.lab_id).order_by("order", "pk"))
    index = next(i for i, item in enumerate(siblings) if item.pk == lens.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for number, item in enumerate(siblings, start=1):
            if item.order != number:
                Lens.objects.filter(pk=item.pk).update(order=number)
        audit.record(by, "labs.lens_moved", lens.lab, gemeente=lens.lab.gemeente, changes={"lens": lens.title})
        _lenses_event(lens.lab)
    return lens


@transaction.atomic
def remove_lens(by, lens: Lens) -> None:
    """Only a lens without notes: what participants wrote is never thrown away by tidying the canvas."""
    if lens.notes.exists():
        raise FacilitationError("lens has notes")
    lab = lens.lab
    title = lens.title
    lens.delete()
    audit.record(by, "labs.lens_removed", lab, gemeente=lab.gemeente, changes={"lens": title})
    _lenses_event(lab)


# --- Phases, timer, voting -----------------------------------------------------------------------------------------


@transaction.atomic
def set_phase(by, lab: Lab, phase: str) -> Lab:
    """Any phase, forwards or back (a facilitator may return to clustering). Closing the lab also closes voting."""
    if phase not in Phase.values:
        raise FacilitationError("unknown phase")
    lab = Lab.objects.select_for_update().get(pk=lab.pk)
    if lab.phase == phase:
        return lab
    old = lab.phase
    lab.phase = phase
    fields = ["phase", "updated_at"]
    closing_votes = phase == Phase.AFGESLOTEN and lab.voting == VotingState.OPEN
    if closing_votes:
        lab.voting = VotingState.GESLOTEN
        fields.append("voting")
    lab.save(update_fields=fields)
    audit.record(by, "labs.phase_changed", lab, gemeente=lab.gemeente, changes={"phase": [old, phase]})
    events.emit(lab, "lab.phase", phase_payload(lab))
    if closing_votes:
        events.emit(lab, "votes.results", tallies.dots(lab).as_payload())
    return lab


@transaction.atomic
def start_timer(by, lab: Lab, seconds: int) -> Lab:
    seconds = int(seconds)
    if not 1 <= seconds <= MAX_TIMER_SECONDS:
        raise FacilitationError("timer out of range")
    lab.timer_seconds = seconds
    lab.timer_ends_at = timezone.now() + timedelta(seconds=seconds)
    lab.save(update_fields=["timer_seconds", "timer_ends_at", "updated_at"])
    audit.record(by, "labs.timer_started", lab, gemeente=lab.gemeente, changes={"seconds": seconds})
    events.emit(lab, "lab.timer", {"ends_at": lab.timer_ends_at.isoformat(), "seconds": seconds})
    return lab


@transaction.atomic
def stop_timer(by, lab: Lab) -> Lab:
    if lab.timer_ends_at is None and lab.timer_seconds is None:
        return lab
    lab.timer_seconds = None
    lab.timer_ends_at = None
    lab.save(update_fields=["timer_seconds", "timer_ends_at", "updated_at"])
    audit.record(by, "labs.timer_stopped", lab, gemeente=lab.gemeente)
    events.emit(lab, "lab.timer", {"ends_at": None, "seconds": None})
    return lab


@transaction.atomic
def open_voting(by, lab: Lab) -> Lab:
    lab = Lab.objects.select_for_update().get(pk=lab.pk)
    if lab.phase == Phase.AFGESLOTEN:
        raise FacilitationError("lab closed")
    if lab.voting == VotingState.OPEN:
        return lab
    old = lab.voting
    lab.voting = VotingState.OPEN
    lab.save(update_fields=["voting", "updated_at"])
    audit.record(by, "labs.voting_opened", lab, gemeente=lab.gemeente, changes={"voting": [old, lab.voting]})
    events.emit(lab, "lab.phase", phase_payload(lab))
    return lab


@transaction.atomic
def close_voting(by, lab: Lab) -> Lab:
    """Close the dot-voting and publish the totals to every screen (``votes.results``)."""
    lab = Lab.objects.select_for_update().get(pk=lab.pk)
    if lab.voting != VotingState.OPEN:
        return lab
    lab.voting = VotingState.GESLOTEN
    lab.save(update_fields=["voting", "updated_at"])
    results = tallies.dots(lab).as_payload()
    audit.record(
        by,
        "labs.voting_closed",
        lab,
        gemeente=lab.gemeente,
        changes={"dots": sum(results["notes"].values()) + sum(results["clusters"].values())},
    )
    events.emit(lab, "lab.phase", phase_payload(lab))
    events.emit(lab, "votes.results", results)
    return lab


# --- Clusters and notes --------------------------------------------------------------------------------------------


def _check_same_lab(lab: Lab, *objects) -> None:
    for item in objects:
        if item is not None and item.lab_id != lab.pk:
            raise FacilitationError("object of another lab")


@transaction.atomic
def make_cluster(by, lab: Lab, lens: Lens, title: str, notes=()) -> Cluster:
    """A cluster on ``lens`` with ``notes`` (of that lens) in it."""
    notes = list(notes)
    _check_same_lab(lab, lens, *notes)
    if any(note.lens_id != lens.pk for note in notes):
        raise FacilitationError("note of another lens")
    order = (lab.clusters.filter(lens=lens).aggregate(m=Max("order"))["m"] or 0) + 1
    cluster = Cluster.objects.create(lab=lab, lens=lens, title=title.strip()[:MAX_CLUSTER_TITLE], order=order)
    audit.record(by, "labs.cluster_made", cluster, gemeente=lab.gemeente, changes={"notes": len(notes)})
    events.emit(lab, "cluster.added", events.cluster_data(cluster))
    for note in notes:
        _put_note(lab, note, cluster)
    return cluster


def _put_note(lab: Lab, note: Note, cluster: Cluster | None) -> None:
    note.cluster = cluster
    note.save(update_fields=["cluster", "updated_at"])
    _emit_note_changed(lab, note)


def _emit_note_changed(lab: Lab, note: Note) -> None:
    """A visible note goes to everyone; a hidden one only to the facilitator's screens."""
    events.emit(lab, "note.changed", events.note_data(note), public=not note.is_hidden)


@transaction.atomic
def rename_cluster(by, cluster: Cluster, title: str) -> Cluster:
    title = title.strip()[:MAX_CLUSTER_TITLE]
    if title and cluster.title != title:
        old = cluster.title
        cluster.title = title
        cluster.save(update_fields=["title"])
        audit.record(
            by, "labs.cluster_renamed", cluster, gemeente=cluster.lab.gemeente, changes={"title": [old, title]}
        )
        events.emit(cluster.lab, "cluster.changed", events.cluster_data(cluster))
    return cluster


@transaction.atomic
def remove_cluster(by, cluster: Cluster) -> None:
    """Remove the cluster; its notes go back onto the lens (their dots on the cluster go with it)."""
    lab = cluster.lab
    notes = list(cluster.notes.select_related("participant"))
    for note in notes:
        _put_note(lab, note, None)
    cluster_id = cluster.pk
    audit.record(by, "labs.cluster_removed", cluster, gemeente=lab.gemeente, changes={"notes": len(notes)})
    cluster.delete()
    events.emit(lab, "cluster.removed", {"id": cluster_id})


@transaction.atomic
def move_note_to_cluster(by, note: Note, cluster: Cluster | None) -> Note:
    """Put the note in ``cluster`` (of the same lens), or back on the lens with None."""
    lab = note.lab
    _check_same_lab(lab, cluster)
    if cluster is not None and cluster.lens_id != note.lens_id:
        raise FacilitationError("cluster of another lens")
    if note.cluster_id != (cluster.pk if cluster else None):
        _put_note(lab, note, cluster)
        audit.record(
            by, "labs.note_moved", note, gemeente=lab.gemeente, changes={"cluster": cluster.title if cluster else ""}
        )
    return note


@transaction.atomic
def merge_notes(by, note: Note, into: Note) -> Note:
    """``note`` joins ``into`` (the note stays, for the report; screens show it under ``into``). A note merged into
    one that was itself merged follows the chain to its end; merging into itself is refused."""
    lab = note.lab
    _check_same_lab(lab, into)
    target, steps = into, 0
    while target.merged_into_id is not None and target.pk != note.pk and steps < 1000:
        target, steps = target.merged_into, steps + 1
    if target.pk == note.pk:
        raise FacilitationError("cannot merge a note into itself")
    note.merged_into = target
    note.cluster = target.cluster
    note.save(update_fields=["merged_into", "cluster", "updated_at"])
    # Notes merged into this one follow it to the new target.
    for child in Note.objects.filter(merged_into=note):
        child.merged_into = target
        child.save(update_fields=["merged_into", "updated_at"])
        events.emit(lab, "note.merged", {"id": child.pk, "into": target.pk})
    audit.record(by, "labs.notes_merged", note, gemeente=lab.gemeente, changes={"into": target.pk})
    events.emit(lab, "note.merged", {"id": note.pk, "into": target.pk}, public=not note.is_hidden)
    return note


@transaction.atomic
def hide_note(by, note: Note) -> Note:
    """Abuse: the note disappears for everyone but the facilitator. Participants get ``note.hidden`` with the id
    only; the facilitator's screens a non-public ``note.changed`` with the text."""
    if not note.is_hidden:
        note.is_hidden = True
        note.save(update_fields=["is_hidden", "updated_at"])
        audit.record(by, "labs.note_hidden", note, gemeente=note.lab.gemeente)
        events.emit(note.lab, "note.hidden", {"id": note.pk})
        events.emit(note.lab, "note.changed", events.note_data(note), public=False)
    return note


@transaction.atomic
def show_note(by, note: Note) -> Note:
    if note.is_hidden:
        note.is_hidden = False
        note.save(update_fields=["is_hidden", "updated_at"])
        audit.record(by, "labs.note_shown", note, gemeente=note.lab.gemeente)
        events.emit(note.lab, "note.shown", events.note_data(note))
    return note


@transaction.atomic
def block_participant(by, participant: Participant, *, hide_notes: bool = True) -> Participant:
    """The participant may no longer add notes or vote; their notes are hidden too unless ``hide_notes`` is False."""
    if not participant.is_blocked:
        participant.is_blocked = True
        participant.save(update_fields=["is_blocked"])
        lab = participant.lab
        audit.record(by, "labs.participant_blocked", participant, gemeente=lab.gemeente)
        events.emit(lab, "participant.blocked", {"id": participant.pk}, public=False)
        if hide_notes:
            for note in participant.notes.filter(is_hidden=False).select_related("participant", "lab"):
                note.is_hidden = True
                note.save(update_fields=["is_hidden", "updated_at"])
                events.emit(lab, "note.hidden", {"id": note.pk})
                events.emit(lab, "note.changed", events.note_data(note), public=False)
    return participant


# --- Agreements ----------------------------------------------------------------------------------------------------


@transaction.atomic
def add_decision(by, lab: Lab, *, text: str, who: str = "", when: str = "", cluster: Cluster | None = None):
    _check_same_lab(lab, cluster)
    order = (lab.decisions.aggregate(m=Max("order"))["m"] or 0) + 1
    decision = Decision.objects.create(
        lab=lab, order=order, text=text[:500], who=who[:200], when=when[:100], cluster=cluster
    )
    audit.record(by, "labs.decision_added", decision, gemeente=lab.gemeente)
    events.emit(lab, "lab.changed", lab_changes_payload(lab))
    return decision


@transaction.atomic
def remove_decision(by, decision: Decision) -> None:
    lab = decision.lab
    audit.record(by, "labs.decision_removed", decision, gemeente=lab.gemeente)
    decision.delete()
    events.emit(lab, "lab.changed", lab_changes_payload(lab))


# --- Canvas templates ----------------------------------------------------------------------------------------------


@transaction.atomic
def save_template(
    by, gemeente, name: str, description: str, lenses: list[dict], *, template: CanvasTemplate | None = None
) -> CanvasTemplate:
    """A new template of ``gemeente`` (or, with ``template``, changes to an existing one). The views only pass a
    platform template (no municipality) for an administrator."""
    rows = _lens_rows(lenses)
    if not rows:
        raise FacilitationError("a template needs at least one lens")
    if template is None:
        template = CanvasTemplate.objects.create(gemeente=gemeente, name=name, description=description, lenses=rows)
        audit.record(by, "labs.template_created", template, gemeente=gemeente)
    else:
        template.name, template.description, template.lenses = name, description, rows
        template.save()
        audit.record(by, "labs.template_changed", template, gemeente=template.gemeente)
    return template
