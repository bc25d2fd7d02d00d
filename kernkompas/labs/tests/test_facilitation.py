"""The facilitator's operations (actions/facilitation.py): creating a lab from a template, its code, lenses,
phases, timer, voting and its results, clusters, merging, hiding and the events each writes."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kernkompas.core import audit
from kernkompas.core.models import AuditEvent
from kernkompas.labs.actions import facilitation
from kernkompas.labs.models import CanvasTemplate, Cluster, LabEvent, Lens, Note, Participant, Phase, Vote, VotingState
from kernkompas.places.models import Regio

pytestmark = pytest.mark.django_db


def canvas():
    return CanvasTemplate.objects.get(gemeente=None, name="Canvas Nieuwe Binnensteden")


def make_lab(cast, **extra):
    values = {
        "title": "Binnenstadslab Maasdijk",
        "question": "Hoe houden we het centrum levendig?",
        "starts_at": timezone.now() + datetime.timedelta(days=3),
        "template": canvas(),
    }
    values.update(extra)
    return facilitation.create_lab(cast.femke, cast.maasdijk, **values)


def participant(lab, name="Piet", role="ondernemer"):
    return Participant.objects.create(lab=lab, display_name=name, role=role, secret_hash="0" * 64)


def note(lab, lens, text="Meer groen op de markt", who=None):
    return Note.objects.create(lab=lab, lens=lens, text=text, participant=who)


def events(lab, after=0):
    return list(LabEvent.objects.filter(lab=lab, seq__gt=after).order_by("seq"))


def test_the_code_is_six_characters_of_the_unambiguous_alphabet_and_unique(cast):
    codes = {make_lab(cast).code for _ in range(30)}
    assert len(codes) == 30
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(facilitation.CODE_ALPHABET)
        assert not set(code) & set("0O1IL")


def test_new_code_draws_again_when_the_code_is_taken(cast, monkeypatch):
    taken = make_lab(cast).code
    draws = iter(list(taken) + list("ABCDEF"))
    monkeypatch.setattr(facilitation.secrets, "choice", lambda alphabet: next(draws))
    assert facilitation.new_code() == "ABCDEF"


def test_creating_copies_the_template_lenses_and_audits(cast):
    lab = make_lab(cast)
    lenses = list(lab.lenses.order_by("order"))
    assert [lens.title for lens in lenses] == [item["title"] for item in canvas().lenses]
    assert [lens.order for lens in lenses] == list(range(1, len(lenses) + 1))
    assert lab.phase == Phase.VOORBEREIDING and lab.voting == VotingState.NIET_GESTART
    # Changing the template later never changes the lab.
    template = canvas()
    template.lenses = [{"key": "x", "title": "Iets anders", "prompt": ""}]
    template.save()
    assert lab.lenses.count() == len(lenses)
    assert AuditEvent.objects.filter(action="labs.lab_created", gemeente=cast.maasdijk).count() == 1


def test_a_regional_lab_takes_the_regions_municipalities_unless_chosen(cast):
    regio = Regio.objects.create(name="Maasland", slug="maasland")
    regio.gemeenten.set([cast.maasdijk, cast.veldrode])
    lab = make_lab(cast, regio=regio)
    assert set(lab.gemeenten.all()) == {cast.maasdijk, cast.veldrode}
    assert lab.is_regional


def test_dots_out_of_range_are_refused(cast):
    with pytest.raises(facilitation.FacilitationError):
        make_lab(cast, dots_per_participant=0)
    with pytest.raises(facilitation.FacilitationError):
        make_lab(cast, dots_per_participant=100)


def test_phase_changes_emit_public_events_forward_and_back(cast):
    lab = make_lab(cast)
    facilitation.set_phase(cast.femke, lab, Phase.VERKENNEN)
    facilitation.set_phase(cast.femke, lab, Phase.CLUSTEREN)
    facilitation.set_phase(cast.femke, lab, Phase.VERKENNEN)
    found = [e for e in events(lab) if e.kind == "lab.phase"]
    assert [e.payload["phase"] for e in found] == ["verkennen", "clusteren", "verkennen"]
    assert all(e.public for e in found)
    assert found[0].payload["phase_label"] and found[0].payload["voting"] == "niet-gestart"
    assert AuditEvent.objects.filter(action="labs.phase_changed").count() == 3
    with pytest.raises(facilitation.FacilitationError):
        facilitation.set_phase(cast.femke, lab, "onzin")


def test_timer_start_and_stop(cast):
    lab = make_lab(cast)
    facilitation.start_timer(cast.femke, lab, 300)
    lab.refresh_from_db()
    assert lab.timer_seconds == 300 and lab.timer_ends_at > timezone.now()
    facilitation.stop_timer(cast.femke, lab)
    lab.refresh_from_db()
    assert lab.timer_ends_at is None
    payloads = [e.payload for e in events(lab) if e.kind == "lab.timer"]
    assert payloads[0]["seconds"] == 300 and payloads[1] == {"ends_at": None, "seconds": None}
    with pytest.raises(facilitation.FacilitationError):
        facilitation.start_timer(cast.femke, lab, 0)


def test_hiding_emits_public_hidden_without_text_and_private_change_with_text(cast):
    lab = make_lab(cast)
    lens = lab.lenses.first()
    bad = note(lab, lens, "Scheldwoord hier", participant(lab))
    seq = lab.event_seq
    facilitation.hide_note(cast.femke, bad)
    hidden, changed = events(lab, seq)
    assert hidden.kind == "note.hidden" and hidden.public and hidden.payload == {"id": bad.pk}
    assert "Scheldwoord" not in str(hidden.payload)
    assert changed.kind == "note.changed" and not changed.public and changed.payload["text"] == "Scheldwoord hier"
    facilitation.show_note(cast.femke, bad)
    shown = events(lab, changed.seq)
    assert shown[0].kind == "note.shown" and shown[0].public and shown[0].payload["hidden"] is False


def test_blocking_a_participant_hides_their_notes(cast):
    lab = make_lab(cast)
    lens = lab.lenses.first()
    troll = participant(lab, "Troll")
    first, second = note(lab, lens, "a", troll), note(lab, lens, "b", troll)
    facilitation.block_participant(cast.femke, troll)
    troll.refresh_from_db()
    assert troll.is_blocked
    assert Note.objects.filter(pk__in=[first.pk, second.pk], is_hidden=True).count() == 2
    blocked = [e for e in events(lab) if e.kind == "participant.blocked"]
    assert len(blocked) == 1 and not blocked[0].public


def test_make_cluster_rename_and_remove_sends_notes_back(cast):
    lab = make_lab(cast)
    lens = lab.lenses.first()
    a, b = note(lab, lens, "a"), note(lab, lens, "b")
    cluster = facilitation.make_cluster(cast.femke, lab, lens, "Groen", [a, b])
    assert set(cluster.notes.all()) == {a, b}
    kinds = [e.kind for e in events(lab)]
    assert kinds.count("cluster.added") == 1 and kinds.count("note.changed") == 2
    facilitation.rename_cluster(cast.femke, cluster, "Groen en water")
    assert Cluster.objects.get(pk=cluster.pk).title == "Groen en water"
    cluster_id = cluster.pk
    facilitation.remove_cluster(cast.femke, cluster)
    assert not Cluster.objects.filter(pk=cluster_id).exists()
    assert Note.objects.filter(pk__in=[a.pk, b.pk], cluster=None).count() == 2
    last = events(lab)[-1]
    assert last.kind == "cluster.removed" and last.payload == {"id": cluster_id}


def test_a_cluster_takes_only_notes_of_its_own_lens_and_lab(cast):
    lab, other = make_lab(cast), make_lab(cast)
    first, second = lab.lenses.order_by("order")[:2]
    with pytest.raises(facilitation.FacilitationError):
        facilitation.make_cluster(cast.femke, lab, first, "x", [note(lab, second)])
    with pytest.raises(facilitation.FacilitationError):
        facilitation.make_cluster(cast.femke, lab, first, "x", [note(other, other.lenses.first())])


def test_move_note_to_cluster_and_back(cast):
    lab = make_lab(cast)
    lens = lab.lenses.first()
    a = note(lab, lens)
    cluster = facilitation.make_cluster(cast.femke, lab, lens, "Groen")
    facilitation.move_note_to_cluster(cast.femke, a, cluster)
    assert Note.objects.get(pk=a.pk).cluster == cluster
    facilitation.move_note_to_cluster(cast.femke, a, None)
    assert Note.objects.get(pk=a.pk).cluster is None


def test_merge_follows_the_chain_and_refuses_a_loop(cast):
    lab = make_lab(cast)
    lens = lab.lenses.first()
    a, b, c = note(lab, lens, "a"), note(lab, lens, "b"), note(lab, lens, "c")
    facilitation.merge_notes(cast.femke, a, b)
    assert Note.objects.get(pk=a.pk).merged_into == b
    merged = [e for e in events(lab) if e.kind == "note.merged"]
    assert merged[-1].payload == {"id": a.pk, "into": b.pk} and merged[-1].public
    facilitation.merge_notes(cast.femke, b, c)
    # a followed b into c
    assert Note.objects.get(pk=a.pk).merged_into_id == c.pk
    with pytest.raises(facilitation.FacilitationError):
        facilitation.merge_notes(cast.femke, c, Note.objects.get(pk=a.pk))
    with pytest.raises(facilitation.FacilitationError):
        facilitation.merge_notes(cast.femke, c, c)


def test_closing_the_voting_publishes_the_tallies(cast):
    lab = make_lab(cast)
    lens = lab.lenses.first()
    piet, anna = participant(lab, "Piet"), participant(lab, "Anna", "bewoner")
    a, b = note(lab, lens, "a"), note(lab, lens, "b")
    cluster = facilitation.make_cluster(cast.femke, lab, lens, "Groen")
    facilitation.open_voting(cast.femke, lab)
    for who, target in [(piet, a), (piet, a), (anna, a), (anna, b)]:
        Vote.objects.create(lab=lab, participant=who, note=target)
    Vote.objects.create(lab=lab, participant=piet, cluster=cluster)
    facilitation.close_voting(cast.femke, lab)
    lab.refresh_from_db()
    assert lab.voting == VotingState.GESLOTEN
    results = [e for e in events(lab) if e.kind == "votes.results"]
    assert len(results) == 1 and results[0].public
    assert results[0].payload == {"notes": {str(a.pk): 3, str(b.pk): 1}, "clusters": {str(cluster.pk): 1}}
    phase_events = [e.payload["voting"] for e in events(lab) if e.kind == "lab.phase"]
    assert phase_events == ["open", "gesloten"]
    # Closing twice publishes nothing new.
    facilitation.close_voting(cast.femke, lab)
    assert len([e for e in events(lab) if e.kind == "votes.results"]) == 1


def test_closing_the_lab_closes_open_voting(cast):
    lab = make_lab(cast)
    facilitation.open_voting(cast.femke, lab)
    facilitation.set_phase(cast.femke, lab, Phase.AFGESLOTEN)
    lab.refresh_from_db()
    assert lab.voting == VotingState.GESLOTEN
    assert any(e.kind == "votes.results" for e in events(lab))
    with pytest.raises(facilitation.FacilitationError):
        facilitation.open_voting(cast.femke, lab)


def test_lenses_add_rename_move_and_remove_only_without_notes(cast):
    lab = make_lab(cast)
    added = facilitation.add_lens(cast.femke, lab, title="Mobiliteit", prompt="Hoe kom je er?")
    assert added.key == "mobiliteit" and added.order == lab.lenses.count()
    again = facilitation.add_lens(cast.femke, lab, title="Mobiliteit")
    assert again.key == "mobiliteit-2"
    facilitation.rename_lens(cast.femke, added, title="Bereikbaarheid", prompt="")
    assert Lens.objects.get(pk=added.pk).title == "Bereikbaarheid"
    facilitation.move_lens(cast.femke, added, up=True)
    assert Lens.objects.get(pk=added.pk).order == lab.lenses.count() - 2
    facilitation.remove_lens(cast.femke, again)
    assert not Lens.objects.filter(pk=again.pk).exists()
    used = lab.lenses.first()
    note(lab, used)
    with pytest.raises(facilitation.FacilitationError):
        facilitation.remove_lens(cast.femke, used)
    assert any(e.kind == "lab.changed" for e in events(lab))


def test_decisions_are_added_and_removed(cast):
    lab = make_lab(cast)
    decision = facilitation.add_decision(cast.femke, lab, text="Werkgroep groen", who="OV", when="maart")
    assert lab.decisions.count() == 1
    facilitation.remove_decision(cast.femke, decision)
    assert lab.decisions.count() == 0
    assert AuditEvent.objects.filter(action__in=["labs.decision_added", "labs.decision_removed"]).count() == 2


def test_save_template_cleans_lenses(cast):
    template = facilitation.save_template(
        cast.ellen, cast.maasdijk, "Ons canvas", "", [{"title": "Wonen"}, {"title": ""}, {"title": "Wonen"}]
    )
    assert [lens["key"] for lens in template.lenses] == ["wonen", "wonen-2"]
    with pytest.raises(facilitation.FacilitationError):
        facilitation.save_template(cast.ellen, cast.maasdijk, "Leeg", "", [])


def test_every_audit_code_has_a_label():
    codes = set()
    with open(facilitation.__file__, encoding="utf-8") as handle:
        for line in handle:
            if '"labs.' in line:
                codes.add("labs." + line.split('"labs.')[1].split('"')[0])
    assert len(codes) > 15
    for code in codes:
        assert audit.action_label(code) != code, code


def test_the_published_results_are_the_phones_and_the_reports_numbers(cast):
    """The closing event counts as labs/tallies.py does: a merged note's dots go to the note it joined, a hidden
    note's dots are left out (a screen that reloads shows the same numbers as one that heard the event)."""
    from kernkompas.labs import tallies

    lab = make_lab(cast)
    lens = lab.lenses.first()
    piet = participant(lab, "Piet")
    a, b, c = note(lab, lens, "a"), note(lab, lens, "b"), note(lab, lens, "c")
    facilitation.open_voting(cast.femke, lab)
    for target in (a, b, b, c):
        Vote.objects.create(lab=lab, participant=piet, note=target)
    facilitation.merge_notes(cast.femke, b, a)
    facilitation.hide_note(cast.femke, c)
    facilitation.close_voting(cast.femke, lab)
    (results,) = [e for e in events(lab) if e.kind == "votes.results"]
    assert results.payload == {"notes": {str(a.pk): 3}, "clusters": {}}
    assert results.payload == tallies.dots(lab).as_payload()
