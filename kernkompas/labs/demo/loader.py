"""Writes the Binnenstadslab's demo content (``data.py``) with the ORM (``kernkompas demo``).

Idempotent like the other parts: each piece is found by its key (a lab by its code, the area approach by its area,
the plan by its municipality and title). A piece that is missing is made again from the data, and made complete;
one that exists is left as it is, also when someone changed it (the demo is something to try things in). Bram (the
demo member) is put back in the entrepreneurs' association party of the plan every time.

The finished lab's events are written with it (``LabEvent`` rows numbered from 1, ``lab.event_seq`` the last), so
that a screen that opens it follows from the right number; they are not announced, since nobody watches a lab that
the loader makes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count

from kernkompas.labs.demo import data
from kernkompas.labs.events import cluster_data, note_data
from kernkompas.labs.models import (
    Action,
    ActionFunding,
    ActionPlan,
    AreaApproach,
    Bottleneck,
    CanvasTemplate,
    Cluster,
    Decision,
    Goal,
    Lab,
    LabEvent,
    Lens,
    Note,
    Opgave,
    Participant,
    Party,
    PartyMember,
    Phase,
    ProgressUpdate,
    Stakeholder,
    SteeringRole,
    Vote,
    VotingState,
)
from kernkompas.places.models import Gebied, Gemeente, Kern, Regio

CANVAS = "Canvas Nieuwe Binnensteden"
REGIO_SLUG = "demoregio-kempenland"
# Not a secret: demo participants never join from a phone, so no cookie can match this hash.
NO_SECRET = "0" * 64


@dataclass
class LabsLoadSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)


def load_demo(by=None) -> LabsLoadSummary:
    summary = LabsLoadSummary()
    gemeenten = {g.slug: g for g in Gemeente.objects.filter(is_demo=True)}
    if "maasdijk" not in gemeenten:
        return summary  # the demo region is not there (a test that loads only a part)
    regional = _load_lab(by, data.REGIONAL_LAB, gemeenten, summary)
    _load_lab(by, data.UPCOMING_LAB, gemeenten, summary)
    _load_approach(data.APPROACH, summary)
    _load_plan(by, data.PLAN, regional, summary)
    return summary


def _created(summary: LabsLoadSummary, model, n: int = 1) -> None:
    if n:
        summary.created[model._meta.label] += n


# --- Labs --------------------------------------------------------------------------------------------------------


def _lenses() -> list[dict]:
    template = CanvasTemplate.objects.filter(gemeente=None, name=CANVAS).first()
    return list(template.lenses) if template else []


def _load_lab(by, item: data.DemoLab, gemeenten: dict, summary: LabsLoadSummary) -> Lab | None:
    found = Lab.objects.filter(code=item.code).first()
    if found is not None:
        return found
    gemeente = gemeenten[item.gemeente]
    kern = Kern.objects.filter(gemeente=gemeente, slug=item.kern).first() if item.kern else None
    regio = Regio.objects.filter(slug=REGIO_SLUG).first() if item.regional else None
    lab = Lab.objects.create(
        gemeente=gemeente,
        kern=kern,
        regio=regio,
        title=item.title,
        question=item.question,
        starts_at=item.starts_at,
        location=item.location,
        code=item.code,
        phase=item.phase,
        voting=item.voting,
        dots_per_participant=item.dots,
        is_report_public=item.report_public,
        created_by=by,
    )
    _created(summary, Lab)
    if item.regional:
        lab.gemeenten.set([gemeenten[slug] for slug in item.gemeenten if slug in gemeenten])
    lenses = Lens.objects.bulk_create(
        Lens(lab=lab, order=order, key=lens["key"], title=lens["title"], prompt=lens.get("prompt", ""))
        for order, lens in enumerate(_lenses(), start=1)
    )
    _created(summary, Lens, len(lenses))
    if item.phase == Phase.AFGESLOTEN:
        _fill_finished_lab(lab, {lens.key: lens for lens in lenses}, summary)
    return lab


def _fill_finished_lab(lab: Lab, lenses: dict[str, Lens], summary: LabsLoadSummary) -> None:
    """Participants, notes, clusters, dots and agreements of the finished lab, and its events in order."""
    events: list[tuple[str, dict, bool]] = []

    def event(kind: str, payload: dict, public: bool = True) -> None:
        events.append((kind, payload, public))

    event("lab.phase", _phase_payload(Phase.VERKENNEN, VotingState.NIET_GESTART))
    participants = [
        Participant.objects.create(lab=lab, display_name=p.name, role=p.role, secret_hash=NO_SECRET)
        for p in data.PARTICIPANTS
    ]
    _created(summary, Participant, len(participants))
    event("participant.joined", {"count": len(participants)}, False)

    notes: dict[str, Note] = {}
    for item in data.NOTES:
        note = Note.objects.create(
            lab=lab, lens=lenses[item.lens], participant=participants[item.participant], text=item.text
        )
        notes[item.key] = note
        event("note.added", note_data(note))
    _created(summary, Note, len(notes))

    event("lab.phase", _phase_payload(Phase.CLUSTEREN, VotingState.NIET_GESTART))
    clusters: dict[str, Cluster] = {}
    for order, item in enumerate(data.CLUSTERS, start=1):
        cluster = Cluster.objects.create(lab=lab, lens=lenses[item.lens], title=item.title, order=order)
        clusters[item.key] = cluster
        event("cluster.added", cluster_data(cluster))
    _created(summary, Cluster, len(clusters))
    for item in data.NOTES:
        note = notes[item.key]
        changed = []
        if item.cluster:
            note.cluster = clusters[item.cluster]
            changed.append("cluster")
        if item.merged_into:
            note.merged_into = notes[item.merged_into]
            changed.append("merged_into")
        if item.hidden:
            note.is_hidden = True
            changed.append("is_hidden")
        if not changed:
            continue
        note.save(update_fields=changed)
        if item.hidden:
            event("note.hidden", {"id": note.pk})
            event("note.changed", note_data(note), False)
        elif item.merged_into:
            event("note.merged", {"id": note.pk, "into": note.merged_into_id})
        else:
            event("note.changed", note_data(note))

    event("lab.phase", _phase_payload(Phase.PRIORITEREN, VotingState.OPEN))
    votes = []
    for participant, kind, key in data.VOTES:
        target = {"cluster": clusters[key]} if kind == "cluster" else {"note": notes[key]}
        votes.append(Vote(lab=lab, participant=participants[participant], **target))
    Vote.objects.bulk_create(votes)
    _created(summary, Vote, len(votes))
    event("votes.cast", {"total": len(votes)}, False)
    event("lab.phase", _phase_payload(Phase.PRIORITEREN, VotingState.GESLOTEN))
    event("votes.results", vote_results(lab))

    event("lab.phase", _phase_payload(Phase.AFSPRAKEN, VotingState.GESLOTEN))
    decisions = Decision.objects.bulk_create(
        Decision(lab=lab, order=order, text=text, who=who, when=when, cluster=clusters.get(key))
        for order, (text, who, when, key) in enumerate(data.DECISIONS, start=1)
    )
    _created(summary, Decision, len(decisions))
    event("lab.phase", _phase_payload(Phase.AFGESLOTEN, VotingState.GESLOTEN))

    # The evening's own times, not the loader's.
    for item in data.NOTES:
        at = lab.starts_at + timedelta(minutes=item.minute)
        Note.objects.filter(pk=notes[item.key].pk).update(created_at=at, updated_at=at)
    Participant.objects.filter(lab=lab).update(joined_at=lab.starts_at)
    LabEvent.objects.bulk_create(
        LabEvent(lab=lab, seq=seq, kind=kind, payload=payload, public=public)
        for seq, (kind, payload, public) in enumerate(events, start=1)
    )
    _created(summary, LabEvent, len(events))
    Lab.objects.filter(pk=lab.pk).update(event_seq=len(events))
    lab.event_seq = len(events)


def _phase_payload(phase: str, voting: str) -> dict:
    return {
        "phase": phase,
        "phase_label": str(Phase(phase).label),
        "voting": voting,
        "voting_label": str(VotingState(voting).label),
    }


def vote_results(lab: Lab) -> dict:
    """The dots per note and per cluster, as the ``votes.results`` event sends them."""
    per_note = Vote.objects.filter(lab=lab, note__isnull=False).values("note").annotate(n=Count("pk"))
    per_cluster = Vote.objects.filter(lab=lab, cluster__isnull=False).values("cluster").annotate(n=Count("pk"))
    return {
        "notes": {str(row["note"]): row["n"] for row in per_note},
        "clusters": {str(row["cluster"]): row["n"] for row in per_cluster},
    }


# --- The area approach ---------------------------------------------------------------------------------------------


def _load_approach(item: data.DemoApproach, summary: LabsLoadSummary) -> None:
    gebied = Gebied.objects.filter(kern__gemeente__slug=item.gemeente, kern__slug=item.kern, slug=item.gebied).first()
    if gebied is None or AreaApproach.objects.filter(gebied=gebied).exists():
        return
    approach = AreaApproach.objects.create(
        gebied=gebied, energy=item.energy, task_clarity=item.task_clarity, summary=item.summary
    )
    _created(summary, AreaApproach)
    stakeholders = {}
    for s in item.stakeholders:
        stakeholders[s.key] = Stakeholder.objects.create(
            approach=approach,
            name=s.name,
            kind=s.kind,
            engagement=s.engagement,
            contact_name=s.contact_name,
            contact_email=s.contact_email,
            notes=s.notes,
        )
    _created(summary, Stakeholder, len(stakeholders))
    for order, o in enumerate(item.opgaves, start=1):
        opgave = Opgave.objects.create(
            approach=approach, order=order, title=o.title, description=o.description, status=o.status
        )
        opgave.stakeholders.set([stakeholders[key] for key in o.stakeholders])
    _created(summary, Opgave, len(item.opgaves))


# --- The action plan -------------------------------------------------------------------------------------------


def _load_plan(by, item: data.DemoPlan, lab: Lab | None, summary: LabsLoadSummary) -> None:
    gemeente = Gemeente.objects.get(slug=item.gemeente, is_demo=True)
    plan = ActionPlan.objects.filter(gemeente=gemeente, title=item.title).first()
    if plan is None:
        plan = _make_plan(by, item, gemeente, lab, summary)
    _bram_in_party(plan, summary)


def _make_plan(by, item: data.DemoPlan, gemeente: Gemeente, lab: Lab | None, summary: LabsLoadSummary) -> ActionPlan:
    kern = Kern.objects.filter(gemeente=gemeente, slug=item.kern).first()
    plan = ActionPlan.objects.create(
        gemeente=gemeente,
        kern=kern,
        title=item.title,
        vision=item.vision,
        horizon_year=item.horizon_year,
        is_published=True,
        published_at=item.published_at,
        created_by=by,
    )
    _created(summary, ActionPlan)
    clusters = {}
    if lab is not None:
        plan.labs.set([lab])
        by_title = {c.title: c for c in lab.clusters.all()}
        clusters = {c.key: by_title.get(c.title) for c in data.CLUSTERS}

    def area(kern_slug: str, gebied_slug: str):
        return Gebied.objects.filter(kern__gemeente=gemeente, kern__slug=kern_slug, slug=gebied_slug).first()

    bottlenecks = {}
    for order, b in enumerate(data.BOTTLENECKS, start=1):
        code, gebied = (b.indicator[0], area(*b.indicator[1:])) if b.indicator else ("", None)
        bottlenecks[b.key] = _make_bottleneck(plan, order, b, code, gebied, clusters.get(b.cluster))
    _created(summary, Bottleneck, len(bottlenecks))
    goals = [Goal.objects.create(plan=plan, order=order, text=text) for order, text in enumerate(data.GOALS, start=1)]
    _created(summary, Goal, len(goals))
    parties = {key: Party.objects.create(plan=plan, name=name, kind=kind) for key, name, kind in data.PARTIES}
    _created(summary, Party, len(parties))
    roles = {r.name: r for r in SteeringRole.objects.filter(gemeente=None)}
    bram = get_user_model().objects.filter(username="bram").first()
    for order, a in enumerate(data.ACTIONS, start=1):
        indicator = {}
        if a.indicator:
            code, kern_slug, gebied_slug, baseline, target, target_date = a.indicator
            indicator = {
                "indicator_code": code,
                "indicator_gebied": area(kern_slug, gebied_slug),
                "indicator_baseline": baseline,
                "indicator_target": target,
                "target_date": target_date,
            }
        action = Action.objects.create(
            plan=plan,
            order=order,
            title=a.title,
            description=a.description,
            goal=goals[a.goal],
            owner=parties[a.owner],
            municipal_role=roles.get(a.role),
            start_date=a.start,
            deadline=a.deadline,
            status=a.status,
            source_cluster=clusters.get(a.cluster),
            **indicator,
        )
        action.partners.set([parties[key] for key in a.partners])
        action.bottlenecks.set([bottlenecks[key] for key in a.bottlenecks])
        ActionFunding.objects.bulk_create(
            ActionFunding(action=action, payer=payer, payer_name=name, amount=amount)
            for payer, name, amount in a.funding
        )
        _created(summary, ActionFunding, len(a.funding))
        for day, text, status, party_key in a.updates:
            author, party = (bram, parties["ov"]) if party_key == "bram" else (by, parties[party_key])
            ProgressUpdate.objects.create(action=action, date=day, text=text, status=status, author=author, party=party)
        _created(summary, ProgressUpdate, len(a.updates))
    _created(summary, Action, len(data.ACTIONS))
    return plan


def _make_bottleneck(plan, order, item: data.DemoBottleneck, code, gebied, cluster) -> Bottleneck:
    return Bottleneck.objects.create(
        plan=plan,
        order=order,
        kind=item.kind,
        title=item.title,
        description=item.description,
        consequence=item.consequence,
        evidence=item.evidence,
        indicator_code=code,
        indicator_gebied=gebied,
        source_cluster=cluster,
    )


def _bram_in_party(plan: ActionPlan, summary: LabsLoadSummary) -> None:
    """The demo member Bram (an entrepreneur in Maasdijk) reports progress for the entrepreneurs' association."""
    bram = get_user_model().objects.filter(username="bram").first()
    party = plan.parties.filter(name=data.PARTY_FOR_BRAM).first()
    if bram is None or party is None:
        return
    _member, made = PartyMember.objects.get_or_create(party=party, user=bram)
    if made:
        _created(summary, PartyMember)
