"""The dot-voting counted against results worked out by hand: four participants in three roles, a budget of
five, a replayed dot, a dot taken back, notes merged (in a chain) and a hidden note (see ``labs/tallies.py``)."""

from __future__ import annotations

import uuid

import pytest

from kernkompas.labs import tallies
from kernkompas.labs.actions import participation
from kernkompas.labs.models import Cluster, Lab, Note, Phase, VotingState
from kernkompas.labs.tests.lab_factory import join, make_lab


def _dots(participant, target, n=1):
    kind = "cluster" if isinstance(target, Cluster) else "note"
    nonces = [uuid.uuid4() for _ in range(n)]
    for nonce in nonces:
        participation.vote(participant, **{kind: target}, nonce=nonce)
    return nonces


@pytest.fixture
def evening(cast):
    lab = make_lab(cast.maasdijk, dots=5)
    lens = lab.lenses.first()
    anna, bart = join(lab, "Anna", "ondernemer"), join(lab, "Bart", "ondernemer")
    cor, dirk = join(lab, "Cor", "vastgoed"), join(lab, "Dirk", "bewoner")
    n1, n2, n3, n4, n5 = (Note.objects.create(lab=lab, lens=lens, participant=anna, text=f"n{i}") for i in range(1, 6))
    c1 = Cluster.objects.create(lab=lab, lens=lens, title="Groen")
    c2 = Cluster.objects.create(lab=lab, lens=lens, title="Wonen")
    Lab.objects.filter(pk=lab.pk).update(phase=Phase.PRIORITEREN, voting=VotingState.OPEN)

    # Anna: n1 ×2, n2 ×1, c1 ×1 (4 of 5), and her n2 dot sent again by a phone that retried.
    _dots(anna, n1, 2)
    (replayed,) = _dots(anna, n2)
    participation.vote(anna, note=n2, nonce=replayed)
    _dots(anna, c1)
    # Bart: n1 ×1, n3 ×2, c1 ×2 (5 of 5), then a sixth is refused.
    _dots(bart, n1)
    _dots(bart, n3, 2)
    _dots(bart, c1, 2)
    with pytest.raises(participation.NotNow):
        _dots(bart, n5)
    # Cor: n2 ×3, n4 ×1 (4 of 5).
    _dots(cor, n2, 3)
    _dots(cor, n4)
    # Dirk: n4 ×2, n5 ×1, c2 ×1, then takes one back from n4 (3 of 5).
    _dots(dirk, n4, 2)
    _dots(dirk, n5)
    _dots(dirk, c2)
    participation.unvote(dirk, note=n4)

    # Afterwards the facilitator merges n4 into n2 and n3 into n4 (a chain: n3 ends in n2), and hides n5.
    Note.objects.filter(pk=n4.pk).update(merged_into=n2)
    Note.objects.filter(pk=n3.pk).update(merged_into=n4)
    Note.objects.filter(pk=n5.pk).update(is_hidden=True)
    Note.objects.filter(pk=n1.pk).update(cluster=c1)
    Note.objects.filter(pk=n2.pk).update(cluster=c2)
    lab.refresh_from_db()
    return lab, (anna, bart, cor, dirk), (n1, n2, n3, n4, n5), (c1, c2)


def test_the_totals_follow_merges_and_leave_out_the_hidden_note(evening):
    lab, _, (n1, n2, *_), (c1, c2) = evening
    tally = tallies.dots(lab)
    # n1: Anna 2 + Bart 1 = 3.  n2: own 4 (Anna 1, Cor 3) + n4's 2 (Cor 1, Dirk 1) + n3's 2 (Bart) = 8.
    # n5 (Dirk's 1) is hidden. c1: Anna 1 + Bart 2 = 3; c2: Dirk 1.
    assert tally.notes == {n1.pk: 3, n2.pk: 8}
    assert tally.clusters == {c1.pk: 3, c2.pk: 1}
    # Every dot cast: Anna 4 + Bart 5 + Cor 4 + Dirk 3 = 16 (the hidden note's dot too).
    assert (tally.total, tally.voters) == (16, 4)
    assert tally.as_payload() == {"notes": {str(n1.pk): 3, str(n2.pk): 8}, "clusters": {str(c1.pk): 3, str(c2.pk): 1}}


def test_the_dots_per_role(evening):
    """The report's counts (``per_role``): each note's own dots per role, before merges (the report lays merged
    notes under their target and adds them there), every cluster's, and the participants and dots per role."""
    lab, _, (n1, n2, n3, n4, n5), (c1, c2) = evening
    counted = tallies.per_role(lab)
    own = {pk: dict(tally.by_role) for pk, tally in counted.notes.items()}
    assert own == {
        n1.pk: {"ondernemer": 3},  # Anna 2, Bart 1
        n2.pk: {"ondernemer": 1, "vastgoed": 3},  # Anna 1 (her replay counted once), Cor 3
        n3.pk: {"ondernemer": 2},  # Bart
        n4.pk: {"vastgoed": 1, "bewoner": 1},  # Cor 1, Dirk 2 − 1 taken back
        n5.pk: {"bewoner": 1},  # Dirk; the report leaves the hidden note out
    }
    assert {pk: dict(t.by_role) for pk, t in counted.clusters.items()} == {
        c1.pk: {"ondernemer": 3},
        c2.pk: {"bewoner": 1},
    }
    assert counted.dots_cast == {"ondernemer": 9, "vastgoed": 4, "bewoner": 3}
    assert counted.participants == {"ondernemer": 2, "vastgoed": 1, "bewoner": 1}
    assert [code for code, _label in counted.roles()] == ["ondernemer", "vastgoed", "bewoner"]


def test_each_participants_own_dots_and_what_is_left(evening):
    lab, (anna, bart, cor, dirk), (n1, n2, *_), (c1, _c2) = evening
    assert (tallies.dots_of(bart).notes, tallies.dots_of(bart).clusters) == ({n1.pk: 1, n2.pk: 2}, {c1.pk: 2})
    assert [tallies.remaining(p) for p in (anna, bart, cor, dirk)] == [1, 0, 1, 2]


def test_cluster_totals_add_the_dots_of_their_notes(evening):
    lab, _, _, (c1, c2) = evening
    # c1: own 3 + n1's 3 = 6; c2: own 1 + n2's 8 = 9.
    assert tallies.cluster_totals(lab) == {c1.pk: 6, c2.pk: 9}


def test_a_dot_taken_back_after_a_merge_comes_off_the_merged_family(evening):
    lab, (_, _, cor, _), (_, n2, _, n4, _), _ = evening
    participation.unvote(cor, note=n2)  # his latest dot in n2's family is the one on n4
    assert not n4.votes.filter(participant=cor).exists()
    assert tallies.dots(lab).notes[n2.pk] == 7
    assert tallies.remaining(cor) == 2


def test_a_hidden_note_shown_again_counts_its_dots_again(evening):
    lab, _, (*_, n5), _ = evening
    Note.objects.filter(pk=n5.pk).update(is_hidden=False)
    assert tallies.dots(lab).notes[n5.pk] == 1
