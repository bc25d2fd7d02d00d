"""Taking part in a lab from a phone, without an account: join by code, add notes, dot-vote — and every bad input
of issue 13 (an empty note, a note of 100,000 characters, a vote beyond the budget, a replayed vote, joining a
closed lab, a wrong code guessed many times, a note on another lab's lens, a blocked participant, a forged cookie)."""

from __future__ import annotations

import json
import re
import uuid
from unittest import mock

import pytest
from django.core.signing import get_cookie_signer
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kernkompas.labs import events, identity
from kernkompas.labs.actions import participation
from kernkompas.labs.models import Cluster, Lab, LabEvent, Note, Participant, Phase, Vote, VotingState
from kernkompas.labs.tests.lab_factory import join, make_lab

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def lab(cast):
    return make_lab(cast.maasdijk)


def _set(lab, **fields):
    # As the facilitator's operations do: never save a whole lab read before its events (event_seq) moved on.
    Lab.objects.filter(pk=lab.pk).update(**fields)
    lab.refresh_from_db()


def _joined_client(client, lab, name="Aïcha", role="ondernemer"):
    response = client.post(reverse("labs:join", kwargs={"code": lab.code}), {"display_name": name, "role": role})
    assert response.status_code == 302, response.content.decode()[:500]
    return Participant.objects.filter(lab=lab).latest("pk")


def _note(client, lab, lens, text="Meer groen op de Markt", client_id=None, **extra):
    data = {"lens": lens.pk, "text": text, "client_id": str(client_id or uuid.uuid4())}
    return client.post(reverse("labs:add_note", kwargs={"code": lab.code}), data, **{**JSON, **extra})


def _vote(client, lab, *, note=None, cluster=None, nonce=None):
    data = {"nonce": str(nonce or uuid.uuid4())}
    data.update({"note": note.pk} if note else {"cluster": cluster.pk})
    return client.post(reverse("labs:vote", kwargs={"code": lab.code}), data, **JSON)


def _state(response) -> dict:
    match = re.search(r'<script id="lab-state" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "the canvas embeds the lab's state"
    return json.loads(match.group(1))


# --- Joining ----------------------------------------------------------------------------------------------------


def test_an_anonymous_participant_joins_by_code_in_any_case_and_sees_the_canvas(client, lab):
    response = client.post(reverse("labs:join_code"), {"code": " k7px-3m "})
    assert response.status_code == 302
    assert response["Location"] == reverse("labs:join", kwargs={"code": "K7PX3M"})
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Hoe maken we het centrum van Maasdijk sterker?" in page.content.decode()
    response = client.post(response["Location"], {"display_name": "  Aïcha  ", "role": "vastgoed"})
    assert response["Location"] == reverse("labs:canvas", kwargs={"code": "K7PX3M"})
    participant = Participant.objects.get(lab=lab)
    assert (participant.display_name, participant.role, participant.user) == ("Aïcha", "vastgoed", None)
    cookie = client.cookies[f"kk_lab_{lab.pk}"]
    assert cookie["httponly"] and participant.secret_hash not in cookie.value
    canvas = client.get(response["Location"])
    assert canvas.status_code == 200
    state = _state(canvas)
    assert state["seq"] == 1 and state["phase"] == "verkennen" and state["dots"] == 3 and state["remaining"] == 3
    assert [lens["title"] for lens in state["lenses"]] == ["Wonen", "Winkelen", "Kansen"]
    event = LabEvent.objects.get(lab=lab)
    assert (event.kind, event.payload, event.public) == ("participant.joined", {"count": 1}, False)


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_anyone_can_join_with_the_code_whatever_their_role(client, cast, lab, who):
    user = cast.by_role()[who]
    if user is not None:
        client.force_login(user)
    participant = _joined_client(client, lab, name=who)
    assert participant.user == user
    assert _note(client, lab, lab.lenses.first()).status_code == 201


def test_a_phone_that_already_joined_goes_straight_to_the_canvas(client, lab):
    _joined_client(client, lab)
    response = client.get(reverse("labs:join", kwargs={"code": lab.code}))
    assert response["Location"] == reverse("labs:canvas", kwargs={"code": lab.code})


BAD_NAMES = [
    ("   ", "Vul een naam in."),
    ("x" * 41, "hoogstens 40 tekens"),
    ("Eve\u202eliv", "stuurtekens"),
    ("a\x07b", "stuurtekens"),
    ("a\x00b", "Null"),
]


@pytest.mark.parametrize(("name", "message"), BAD_NAMES)
def test_a_bad_display_name_is_refused_in_dutch(client, lab, name, message):
    response = client.post(reverse("labs:join", kwargs={"code": lab.code}), {"display_name": name, "role": "bewoner"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Participant.objects.exists()


def test_a_role_outside_the_list_is_refused(client, lab):
    response = client.post(reverse("labs:join", kwargs={"code": lab.code}), {"display_name": "Jan", "role": "koning"})
    assert response.status_code == 400 and not Participant.objects.exists()


def test_an_unknown_code_gives_a_friendly_404_with_the_form(client, lab):
    response = client.post(reverse("labs:join_code"), {"code": "ZZZZZZ"})
    assert response.status_code == 404
    body = response.content.decode()
    assert "Onbekende code" in body and 'name="code"' in body
    assert client.get(reverse("labs:join", kwargs={"code": "ZZZZZZ"})).status_code == 404


def test_a_wrong_code_guessed_many_times_is_stopped_with_a_dutch_429(client, lab):
    for _ in range(20):
        assert client.post(reverse("labs:join_code"), {"code": "WRONG1"}).status_code == 404
    response = client.post(reverse("labs:join_code"), {"code": "WRONG2"})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # Also the right code, from that address, until the window ends: guessing and then typing it gains nothing.
    assert client.post(reverse("labs:join_code"), {"code": lab.code}).status_code == 429


def test_every_page_under_a_code_counts_wrong_codes_and_then_refuses_the_right_one_too(client, lab):
    participant_client_cookie = _joined_client(client, lab)
    assert participant_client_cookie
    for number in range(10):
        assert client.get(reverse("labs:canvas", kwargs={"code": f"NOPE{number}"})).status_code == 404
        response = client.post(reverse("labs:add_note", kwargs={"code": f"NOPE{number}"}), {"text": "x"}, **JSON)
        assert response.status_code == 404
    assert client.get(reverse("labs:canvas", kwargs={"code": lab.code})).status_code == 429
    response = _note(client, lab, lab.lenses.first())
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert not Note.objects.exists()


def test_right_codes_do_not_count_so_a_whole_room_on_one_address_can_join(client, lab):
    for _ in range(40):
        assert client.post(reverse("labs:join_code"), {"code": lab.code.lower()}).status_code == 302


def test_joining_a_closed_lab_is_refused_with_a_page(client, lab):
    _set(lab, phase=Phase.AFGESLOTEN)
    page = client.get(reverse("labs:join", kwargs={"code": lab.code}))
    assert page.status_code == 200 and "Dit lab is afgesloten" in page.content.decode()
    response = client.post(reverse("labs:join", kwargs={"code": lab.code}), {"display_name": "Jan", "role": "bewoner"})
    assert response.status_code == 403 and not Participant.objects.exists()
    with pytest.raises(participation.NotAllowed):
        participation.join(lab, "Jan", "bewoner")


# --- Notes ------------------------------------------------------------------------------------------------------


def test_a_note_is_stored_once_and_announced_to_everyone(client, lab):
    participant = _joined_client(client, lab)
    lens = lab.lenses.get(key="wonen")
    client_id = uuid.uuid4()
    response = _note(client, lab, lens, "  Wonen boven winkels  ", client_id)
    assert response.status_code == 201
    body = response.json()
    note = Note.objects.get()
    assert body["note"] == {
        "id": note.pk,
        "lens": lens.pk,
        "text": "Wonen boven winkels",
        "author": "Aïcha",
        "role": "ondernemer",
        "cluster": None,
        "merged_into": None,
        "hidden": False,
        "created": note.created_at.isoformat(),
    }
    event = LabEvent.objects.get(lab=lab, kind="note.added")
    assert event.public and event.seq == body["seq"] == 2 and event.payload["id"] == note.pk
    again = _note(client, lab, lens, "Wonen boven winkels", client_id)
    assert again.status_code == 200 and again.json()["note"]["id"] == note.pk
    assert Note.objects.count() == 1 and LabEvent.objects.filter(kind="note.added").count() == 1
    assert note.participant == participant


def test_without_javascript_a_note_is_posted_by_the_form_and_shown_on_the_page(client, lab):
    _joined_client(client, lab)
    lens = lab.lenses.get(key="kansen")
    url = reverse("labs:add_note", kwargs={"code": lab.code})
    response = client.post(url, {"lens": lens.pk, "text": "<b>Leegstand</b> als kans", "client_id": ""})
    assert response.status_code == 302 and response["Location"].endswith(f"#lens-{lens.pk}")
    page = client.get(reverse("labs:canvas", kwargs={"code": lab.code})).content.decode()
    assert "&lt;b&gt;Leegstand&lt;/b&gt; als kans" in page and "<b>Leegstand" not in page


def test_an_empty_note_is_refused_in_dutch(client, lab):
    _joined_client(client, lab)
    response = _note(client, lab, lab.lenses.first(), " \n\t ")
    assert response.status_code == 400
    assert response.json() == {"errors": {"text": ["Schrijf iets op de notitie."]}}
    assert not Note.objects.exists()


def test_a_note_of_100000_characters_is_refused_not_cut_short(client, lab):
    _joined_client(client, lab)
    response = _note(client, lab, lab.lenses.first(), "x" * 100_000)
    assert response.status_code == 400
    message = response.json()["errors"]["text"][0]
    assert "500 tekens" in message and "100.000" in message
    assert not Note.objects.exists()
    assert _note(client, lab, lab.lenses.first(), "x" * 500).status_code == 201


def test_a_note_on_another_labs_lens_is_refused(client, cast, lab):
    other = make_lab(cast.veldrode, code="VELD22")
    participant = _joined_client(client, lab)
    response = _note(client, lab, other.lenses.first())
    assert response.status_code == 400 and "lens" in response.json()["errors"]
    with pytest.raises(participation.Invalid):
        participation.add_note(participant, other.lenses.first(), "Mag niet")
    assert not Note.objects.exists()


@pytest.mark.parametrize("phase", [Phase.VOORBEREIDING, Phase.PRIORITEREN, Phase.AFSPRAKEN])
def test_notes_are_only_added_while_exploring_and_clustering(client, lab, phase):
    _joined_client(client, lab)
    _set(lab, phase=phase)
    response = _note(client, lab, lab.lenses.first())
    assert response.status_code == 403 and "fase" in response.json()["errors"]["__all__"][0]
    _set(lab, phase=Phase.CLUSTEREN)
    assert _note(client, lab, lab.lenses.first()).status_code == 201


def test_posting_to_a_closed_lab_is_refused_with_403(client, lab):
    _joined_client(client, lab)
    _set(lab, phase=Phase.AFGESLOTEN, voting=VotingState.OPEN)
    response = _note(client, lab, lab.lenses.first())
    assert response.status_code == 403 and "afgesloten" in response.json()["errors"]["__all__"][0]
    assert not Note.objects.exists()


def test_a_blocked_participant_can_no_longer_post(client, lab):
    participant = _joined_client(client, lab)
    Participant.objects.filter(pk=participant.pk).update(is_blocked=True)
    assert _note(client, lab, lab.lenses.first()).status_code == 403
    with pytest.raises(participation.NotAllowed):
        participation.add_note(participant, lab.lenses.first(), "toch")
    assert client.get(reverse("labs:canvas", kwargs={"code": lab.code})).status_code == 302
    assert not Note.objects.exists()


def test_without_a_cookie_or_with_a_forged_one_nobody_posts(client, lab):
    participant = join(lab)
    assert _note(client, lab, lab.lenses.first()).status_code == 403
    # A cookie not signed by the site, and one signed but with a guessed secret.
    client.cookies[f"kk_lab_{lab.pk}"] = f"{participant.pk}:guess"
    assert _note(client, lab, lab.lenses.first()).status_code == 403
    signed = get_cookie_signer(salt=f"kk_lab_{lab.pk}" + identity.SALT).sign(f"{participant.pk}:guess")
    client.cookies[f"kk_lab_{lab.pk}"] = signed
    assert _note(client, lab, lab.lenses.first()).status_code == 403
    # Without JSON, the form is sent back to join.
    response = client.post(reverse("labs:add_note", kwargs={"code": lab.code}), {"text": "x"})
    assert response["Location"] == reverse("labs:join", kwargs={"code": lab.code})
    assert not Note.objects.exists()


def test_a_cookie_of_one_lab_does_not_open_another(client, cast, lab):
    other = make_lab(cast.veldrode, code="VELD22")
    participant = _joined_client(client, lab)
    client.cookies[f"kk_lab_{other.pk}"] = client.cookies[f"kk_lab_{lab.pk}"].value
    assert _note(client, other, other.lenses.first()).status_code == 403
    assert participant.notes.count() == 0


def test_notes_are_rate_limited_per_participant(client, lab, settings):
    settings.RATELIMITS = {"lab_note": (3, 60)}
    _joined_client(client, lab)
    for _ in range(3):
        assert _note(client, lab, lab.lenses.first()).status_code == 201
    response = _note(client, lab, lab.lenses.first())
    assert response.status_code == 429 and "Retry-After" in response


# --- Dots -------------------------------------------------------------------------------------------------------


@pytest.fixture
def voting(client, lab):
    participant = _joined_client(client, lab)
    lens = lab.lenses.first()
    notes = [Note.objects.create(lab=lab, lens=lens, participant=participant, text=f"n{i}") for i in range(3)]
    cluster = Cluster.objects.create(lab=lab, lens=lens, title="Groen")
    _set(lab, phase=Phase.PRIORITEREN, voting=VotingState.OPEN)
    return participant, notes, cluster


def test_dots_are_refused_while_voting_is_not_open(client, lab, voting):
    _, notes, _ = voting
    _set(lab, voting=VotingState.NIET_GESTART)
    response = _vote(client, lab, note=notes[0])
    assert response.status_code == 409 and response.json()["errors"]["__all__"] == ["Stippen geven is niet open."]
    assert not Vote.objects.exists()


def test_a_vote_beyond_the_budget_is_refused(client, lab, voting):
    participant, notes, cluster = voting
    assert _vote(client, lab, note=notes[0]).json()["remaining"] == 2
    assert _vote(client, lab, note=notes[0]).json()["remaining"] == 1
    response = _vote(client, lab, cluster=cluster)
    assert response.status_code == 201 and response.json()["remaining"] == 0
    over = _vote(client, lab, note=notes[1])
    assert over.status_code == 409 and "al je stippen" in over.json()["errors"]["__all__"][0]
    assert Vote.objects.filter(participant=participant).count() == 3
    casts = LabEvent.objects.filter(lab=lab, kind="votes.cast").order_by("seq")
    assert [e.payload["total"] for e in casts] == [1, 2, 3] and not any(e.public for e in casts)


def test_a_replayed_vote_is_counted_once(client, lab, voting):
    participant, notes, _ = voting
    nonce = uuid.uuid4()
    first = _vote(client, lab, note=notes[0], nonce=nonce)
    again = _vote(client, lab, note=notes[0], nonce=nonce)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["remaining"] == again.json()["remaining"] == 2
    assert Vote.objects.filter(participant=participant).count() == 1
    # Even when the replay names another note, or arrives after voting closed: the dot was counted once.
    _set(lab, voting=VotingState.GESLOTEN)
    assert _vote(client, lab, note=notes[1], nonce=nonce).status_code == 200
    assert Vote.objects.count() == 1


def test_a_hidden_or_merged_note_gets_no_dots(client, lab, voting):
    participant, notes, _ = voting
    Note.objects.filter(pk=notes[0].pk).update(is_hidden=True)
    Note.objects.filter(pk=notes[1].pk).update(merged_into=notes[2])
    assert _vote(client, lab, note=notes[0]).status_code == 400
    assert _vote(client, lab, note=notes[1]).status_code == 409
    notes[1].refresh_from_db()
    with pytest.raises(participation.NotNow):
        participation.vote(participant, note=notes[1], nonce=uuid.uuid4())
    assert not Vote.objects.exists()


def test_a_dot_taken_back_can_be_given_elsewhere(client, lab, voting):
    _, notes, _ = voting
    for _ in range(3):
        _vote(client, lab, note=notes[0])
    url = reverse("labs:unvote", kwargs={"code": lab.code})
    response = client.post(url, {"note": notes[0].pk}, **JSON)
    assert response.status_code == 200 and response.json()["remaining"] == 1
    assert _vote(client, lab, note=notes[1]).status_code == 201
    nothing = client.post(url, {"note": notes[2].pk}, **JSON)
    assert nothing.status_code == 409
    assert Vote.objects.filter(note=notes[0]).count() == 2 and Vote.objects.filter(note=notes[1]).count() == 1


def test_a_dot_on_a_note_merged_afterwards_can_be_taken_back_from_the_note_it_joined(client, lab, voting):
    participant, notes, _ = voting
    _vote(client, lab, note=notes[0])
    Note.objects.filter(pk=notes[0].pk).update(merged_into=notes[2])
    url = reverse("labs:unvote", kwargs={"code": lab.code})
    assert client.post(url, {"note": notes[2].pk}, **JSON).json()["remaining"] == 3
    assert not Vote.objects.exists()


def test_the_budget_is_checked_with_the_participants_row_locked(lab, voting):
    participant, notes, _ = voting
    original = Participant.objects.select_for_update
    with mock.patch.object(Participant.objects, "select_for_update", side_effect=original) as locking:
        with CaptureQueriesContext(connection) as queries:
            participation.vote(participant, note=notes[0], nonce=uuid.uuid4())
    locking.assert_called_once_with()
    if connection.features.has_select_for_update:  # PostgreSQL; SQLite locks the database at BEGIN IMMEDIATE
        locked = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
        assert locked and "labs_participant" in locked[0]
    # The count of used dots comes after the lock, within the same transaction.
    sqls = [q["sql"] for q in queries]
    lock_at = next(i for i, sql in enumerate(sqls) if "labs_participant" in sql)
    count_at = next(i for i, sql in enumerate(sqls) if "COUNT(" in sql and "labs_vote" in sql)
    assert lock_at < count_at


def test_the_canvas_shows_dot_buttons_and_the_dots_left_during_voting(client, lab, voting):
    _, notes, _ = voting
    _vote(client, lab, note=notes[0])
    page = client.get(reverse("labs:canvas", kwargs={"code": lab.code}))
    body = page.content.decode()
    assert "Stip geven" in body and "Stip terugnemen" in body and "nog 2 stippen" in body
    state = _state(page)
    assert state["remaining"] == 2 and state["mine"]["notes"] == {str(notes[0].pk): 1}
    assert state["voting"] == "open" and state["voting_label"] == "open"


def test_hostile_text_reaches_the_page_as_text(client, lab):
    _joined_client(client, lab, name="<img src=x onerror=alert(1)>")
    _note(client, lab, lab.lenses.first(), "</script><script>alert(1)</script>")
    body = client.get(reverse("labs:canvas", kwargs={"code": lab.code})).content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "\\u003C/script\\u003E" in body  # json_script escapes the data block


def test_dots_sent_at_the_same_moment_never_exceed_the_budget_on_postgresql(committed_db, cast, monkeypatch):
    """Ten dots from one participant at once, budget three: exactly three are counted. Five sends of one dot (the
    same nonce) at once: one is counted. Needs PostgreSQL (threads on their own connections); SQLite serialises
    every write transaction at BEGIN IMMEDIATE, so there the race cannot happen at all."""
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("the row lock is PostgreSQL's; run with DATABASE_URL=postgres://…")
    # Committed for real here, so events are announced after each commit; the channel is not what this tests.
    monkeypatch.setattr(events, "_announce", lambda lab_id, seq: None)
    lab = make_lab(cast.maasdijk, dots=3)
    participant = join(lab)
    note = Note.objects.create(lab=lab, lens=lab.lenses.first(), participant=participant, text="Groen")
    Lab.objects.filter(pk=lab.pk).update(phase=Phase.PRIORITEREN, voting=VotingState.OPEN)

    def race(nonces):
        barrier = threading.Barrier(len(nonces))
        outcomes = []

        def cast_one(nonce):
            try:
                barrier.wait()
                outcomes.append(participation.vote(participant, note=note, nonce=nonce).counted)
            except participation.NotNow:
                outcomes.append("refused")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=cast_one, args=(nonce,)) for nonce in nonces]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcomes

    same = uuid.uuid4()
    assert sorted(map(str, race([same] * 5))) == ["False", "False", "False", "False", "True"]
    outcomes = race([uuid.uuid4() for _ in range(10)])
    assert outcomes.count(True) == 2 and outcomes.count("refused") == 8
    assert Vote.objects.filter(participant=participant).count() == 3
    assert LabEvent.objects.filter(lab=lab, kind="votes.cast").count() == 3


def test_the_canvas_shows_clusters_merged_notes_and_the_results_once_voting_is_closed(client, lab, voting):
    participant, notes, cluster = voting
    _vote(client, lab, note=notes[0])
    _vote(client, lab, cluster=cluster)
    Note.objects.filter(pk=notes[1].pk).update(merged_into=notes[0])
    Note.objects.filter(pk=notes[0].pk).update(cluster=cluster)
    Note.objects.filter(pk=notes[2].pk).update(is_hidden=True)
    _set(lab, voting=VotingState.GESLOTEN)
    page = client.get(reverse("labs:canvas", kwargs={"code": lab.code}))
    body = page.content.decode()
    assert "Groen" in body and "Samengevoegd met deze notitie:" in body and "1 stippen" in body
    assert ">n2<" not in body  # the hidden note is shown to nobody
    state = _state(page)
    assert state["results"] == {"notes": {str(notes[0].pk): 1}, "clusters": {str(cluster.pk): 1}}
    assert [n["id"] for n in state["notes"]] == [notes[0].pk, notes[1].pk]
    assert "lab-dot-button" not in body
