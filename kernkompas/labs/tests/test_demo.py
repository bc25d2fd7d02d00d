"""The Binnenstadslab's demo: loaded twice it changes nothing, the finished lab's dots add up, its events are numbered
without gaps, the plan is linked to the lab and the Kernmonitor's area, and nothing in it is a real person's data."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Count

from kernkompas.core import privacy
from kernkompas.core.personal_data import Person
from kernkompas.labs.demo import data, load_demo
from kernkompas.labs.models import (
    Action,
    ActionPlan,
    AreaApproach,
    Bottleneck,
    Cluster,
    Lab,
    LabEvent,
    Note,
    Participant,
    PartyMember,
    Phase,
    ProgressUpdate,
    Stakeholder,
    Vote,
)
from kernkompas.site.demo import load_demo_data

MODELS = (Lab, Participant, Note, Cluster, Vote, LabEvent, AreaApproach, Stakeholder, ActionPlan, Action, PartyMember)


@pytest.fixture
def region(db):
    load_demo_data(with_parts=False)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_loads_twice_with_the_same_rows(region):
    first = load_demo()
    assert first.created["labs.Lab"] == 2
    assert first.created["labs.Note"] == len(data.NOTES) >= 25
    assert first.created["labs.Action"] == 5
    before = counts()
    rows = list(Note.objects.order_by("pk").values())
    again = load_demo()
    assert not again.created
    assert counts() == before
    assert list(Note.objects.order_by("pk").values()) == rows


def test_a_deleted_demo_plan_comes_back_and_bram_stays_a_member(region):
    load_demo()
    ActionPlan.objects.all().delete()
    again = load_demo()
    assert again.created["labs.ActionPlan"] == 1
    plan = ActionPlan.objects.get()
    assert plan.is_published and plan.labs.get().code == data.REGIONAL_CODE
    member = PartyMember.objects.get()
    assert member.user.username == "bram" and member.party.name == "Ondernemersvereniging Maasdijk Centrum"
    assert ProgressUpdate.objects.filter(author=member.user, party=member.party).exists()


def test_the_finished_lab_adds_up(region):
    load_demo()
    lab = Lab.objects.get(code=data.REGIONAL_CODE)
    assert lab.phase == Phase.AFGESLOTEN and lab.is_report_public and lab.is_regional
    assert sorted(lab.gemeenten.values_list("slug", flat=True)) == ["bremhout", "maasdijk", "veldrode"]
    assert lab.lenses.count() == 9 and lab.clusters.count() == 4
    # Nobody spent more dots than the budget, and the totals are those of the data, counted by hand here.
    spent = Counter(Vote.objects.filter(lab=lab).values_list("participant", flat=True))
    assert max(spent.values()) <= lab.dots_per_participant
    per_cluster = dict(
        Vote.objects.filter(lab=lab, cluster__isnull=False).values_list("cluster__title").annotate(n=Count("pk"))
    )
    assert per_cluster == {
        "Leegstand in de aanlooproutes": 11,
        "Wonen boven winkels": 9,
        "Elk centrum een eigen rol in de regio": 8,
        "Samen evenementen plannen": 5,
    }
    assert Vote.objects.filter(lab=lab, note__isnull=False).count() == 8
    # The results event says the same as the rows.
    results = LabEvent.objects.get(lab=lab, kind="votes.results").payload
    assert sum(results["clusters"].values()) + sum(results["notes"].values()) == Vote.objects.filter(lab=lab).count()
    # Events numbered 1..event_seq without gaps; a hidden note's text never in a public event.
    seqs = list(LabEvent.objects.filter(lab=lab).values_list("seq", flat=True))
    assert seqs == list(range(1, lab.event_seq + 1))
    hidden = Note.objects.get(lab=lab, is_hidden=True)
    public_payloads = str(list(LabEvent.objects.filter(lab=lab, public=True).values_list("payload", flat=True)))
    assert hidden.text in str(list(LabEvent.objects.filter(lab=lab, public=False).values_list("payload", flat=True)))
    assert LabEvent.objects.filter(lab=lab, kind="note.hidden", payload={"id": hidden.pk}).exists()
    assert public_payloads.count(hidden.text) == 1  # only as it was added, before it was hidden
    assert Note.objects.filter(lab=lab, merged_into__isnull=False).count() == 1


def test_the_upcoming_lab_is_in_preparation(region):
    load_demo()
    lab = Lab.objects.get(code=data.UPCOMING_CODE)
    assert lab.phase == Phase.VOORBEREIDING and not lab.participants.exists() and lab.kern.slug == "centrum"


def test_the_plan_links_the_vacancy_indicator_and_a_lab_cluster(region):
    load_demo()
    plan = ActionPlan.objects.get()
    measured = Bottleneck.objects.get(plan=plan, indicator_code="vacancy_rate")
    assert measured.indicator_gebied.slug == "marktplein"
    assert Bottleneck.objects.filter(plan=plan, source_cluster__lab__code=data.REGIONAL_CODE).count() == 3
    linked = Action.objects.get(plan=plan, indicator_code="vacancy_rate")
    assert linked.indicator_baseline > linked.indicator_target
    statuses = set(plan.actions.values_list("status", flat=True))
    assert {"lopend", "gepland", "afgerond", "vertraagd"} <= statuses
    for action in plan.actions.all():
        assert action.owner and action.municipal_role and action.funding.exists() and action.start_date


def test_nothing_personal_but_fictional(region):
    load_demo()
    for address in Stakeholder.objects.exclude(contact_email="").values_list("contact_email", flat=True):
        assert address.endswith(".example.org"), address
    assert not Participant.objects.filter(user__isnull=False).exists()
    assert set(Participant.objects.values_list("secret_hash", flat=True)) == {"0" * 64}


def test_a_participant_and_a_stakeholder_contact_can_be_exported_and_erased(region):
    load_demo()
    name = data.PARTICIPANTS[4].name
    exported = privacy.export(Person(name=name))
    assert any(rows for label, rows in exported.items() if "Participant" in label or "participant" in label)
    privacy.erase(Person(name=name))
    assert not Participant.objects.filter(display_name=name).exists()
    assert Note.objects.filter(text__startswith="Boven de winkels", participant=None).exists()  # the note stays
    address = "secretariaat@ov-maasdijk.example.org"
    privacy.erase(Person(email=address))
    contact = Stakeholder.objects.get(name="Ondernemersvereniging Maasdijk Centrum")
    assert contact.contact_email == "" and contact.contact_name == ""
