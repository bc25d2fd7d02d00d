"""The arithmetic of places and the waiting list: places go by arrival order, a cancellation gives its place to the
first on the waiting list, an unconfirmed registration never holds a place, and 30 people at once for 10 places
end as exactly 10 registered and 20 waiting."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.core import mail as outbox
from django.core.exceptions import ValidationError
from django.db import connection, connections

from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import Registration, RegistrationStatus, SessionStatus
from kernkompas.learning.tests.test_public_setup import make_programme, make_session
from kernkompas.testing import make_user

REGISTERED, WAITING = RegistrationStatus.INGESCHREVEN, RegistrationStatus.WACHTLIJST


def people(count: int, prefix: str = "deelnemer"):
    return [make_user(f"{prefix}{number}", f"Deelnemer {number}") for number in range(1, count + 1)]


def state(session) -> list[tuple[int, str]]:
    return list(
        Registration.objects.filter(session=session)
        .exclude(status=RegistrationStatus.GEANNULEERD)
        .order_by("arrival")
        .values_list("arrival", "status")
    )


def assert_fair(session) -> None:
    """The registered are the first ``capacity`` of those still there, in arrival order; the rest wait."""
    active = state(session)
    expected = [REGISTERED] * min(session.capacity, len(active)) + [WAITING] * max(0, len(active) - session.capacity)
    assert [status for _arrival, status in active] == expected


@pytest.fixture
def full_session(cast):
    session = make_session(make_programme(cast.maasdijk), capacity=2)
    five = [registrations.register_member(session, user) for user in people(5)]
    return session, five


def test_two_places_for_five_people_go_to_the_first_two_in_arrival_order(full_session):
    session, five = full_session
    assert state(session) == [(1, REGISTERED), (2, REGISTERED), (3, WAITING), (4, WAITING), (5, WAITING)]
    assert registrations.places_left(session) == 0
    session.refresh_from_db()
    assert session.arrivals == 5


def test_a_cancellation_gives_the_place_to_the_first_on_the_waiting_list_who_gets_an_e_mail(
    full_session, django_capture_on_commit_callbacks
):
    session, five = full_session
    outbox.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(five[0])
    assert state(session) == [(2, REGISTERED), (3, REGISTERED), (4, WAITING), (5, WAITING)]
    promoted = Registration.objects.get(arrival=3, session=session)
    assert promoted.promoted_at is not None
    assert [message.to for message in outbox.outbox] == [[promoted.email]]
    assert "plaats" in outbox.outbox[0].subject.lower()


def test_cancelling_a_place_on_the_waiting_list_moves_nobody_up(full_session):
    session, five = full_session
    registrations.cancel(five[3])
    assert state(session) == [(1, REGISTERED), (2, REGISTERED), (3, WAITING), (5, WAITING)]
    registrations.cancel(five[0])
    assert state(session) == [(2, REGISTERED), (3, REGISTERED), (5, WAITING)]


@pytest.mark.parametrize("order", list(itertools.permutations(range(5), 3)))
def test_any_three_cancellations_in_any_order_keep_the_places_fair(cast, order):
    session = make_session(make_programme(cast.maasdijk), capacity=2)
    five = [registrations.register_member(session, user) for user in people(5)]
    for index in order:
        registrations.cancel(five[index])
        assert_fair(session)
        assert Registration.objects.filter(session=session, status=REGISTERED).count() <= 2
    assert len(state(session)) == 2 and all(status == REGISTERED for _a, status in state(session))


def test_cancelling_twice_changes_nothing(full_session):
    session, five = full_session
    registrations.cancel(five[0])
    registrations.cancel(five[0])
    assert state(session) == [(2, REGISTERED), (3, REGISTERED), (4, WAITING), (5, WAITING)]


def test_an_unconfirmed_registration_never_takes_a_place(cast):
    session = make_session(make_programme(cast.maasdijk), capacity=1)
    guest = registrations.register_guest(session, name="Gast", email="gast@example.be")
    assert guest.status == RegistrationStatus.WACHT_OP_BEVESTIGING and guest.arrival is None
    assert registrations.places_left(session) == 1
    member = registrations.register_member(session, cast.bram)
    assert member.status == REGISTERED and member.arrival == 1
    guest = registrations.confirm(guest)
    assert guest.status == WAITING and guest.arrival == 2
    # A cancelled place goes to the confirmed guest, not to someone who never confirmed.
    registrations.register_guest(session, name="Nooit", email="nooit@example.be")
    registrations.cancel(member)
    guest.refresh_from_db()
    assert guest.status == REGISTERED
    assert Registration.objects.get(email="nooit@example.be").status == RegistrationStatus.WACHT_OP_BEVESTIGING


def test_someone_who_cancelled_may_register_again_and_joins_at_the_end(full_session):
    session, five = full_session
    registrations.cancel(five[0])
    again = registrations.register_member(session, five[0].user)
    assert again.pk != five[0].pk and again.arrival == 6 and again.status == WAITING
    assert_fair(session)


def test_a_second_active_registration_for_the_same_address_is_refused_and_the_link_sent_again(
    cast, django_capture_on_commit_callbacks
):
    session = make_session(make_programme(cast.maasdijk), capacity=5)
    first = registrations.register_guest(session, name="Gast", email="Gast@Example.be")
    outbox.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(registrations.AlreadyRegistered):
        registrations.register_guest(session, name="Gast", email="gast@example.be ")
    assert Registration.objects.filter(session=session).count() == 1
    assert [message.to for message in outbox.outbox] == [["gast@example.be"]]
    first.refresh_from_db()
    assert str(first.pk) in outbox.outbox[0].body


def test_without_a_capacity_everyone_has_a_place(cast):
    session = make_session(make_programme(cast.maasdijk), capacity=None)
    assert {registrations.register_member(session, user).status for user in people(4)} == {REGISTERED}
    assert registrations.places_left(session) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"days": -1}, "al begonnen"),
        ({"days": 0, "hours": 3, "starts_at_offset": -1}, "al begonnen"),
        ({"status": SessionStatus.GEANNULEERD}, "geannuleerd"),
        ({"status": SessionStatus.CONCEPT}, "niet open"),
    ],
)
def test_a_session_that_is_over_started_cancelled_or_a_draft_refuses_registrations(cast, change, message):
    import datetime

    from django.utils import timezone

    offset = change.pop("starts_at_offset", None)
    if offset is not None:
        change["starts_at"] = timezone.now() + datetime.timedelta(hours=offset)
    session = make_session(make_programme(cast.maasdijk), capacity=5, **change)
    with pytest.raises(ValidationError) as refusal:
        registrations.register_guest(session, name="Gast", email="gast@example.be")
    assert message in " ".join(refusal.value.messages)
    with pytest.raises(ValidationError):
        registrations.register_member(session, cast.bram)
    assert not Registration.objects.exists()


def test_a_session_of_a_programme_that_is_not_public_refuses_registrations(cast):
    session = make_session(make_programme(cast.maasdijk, public=False), capacity=5)
    with pytest.raises(ValidationError):
        registrations.register_member(session, cast.bram)
    assert not Registration.objects.exists()


def test_a_cancellation_after_the_start_is_refused(cast):
    import time_machine

    session = make_session(make_programme(cast.maasdijk), capacity=1)
    registration = registrations.register_member(session, cast.bram)
    with time_machine.travel(session.starts_at, tick=False), pytest.raises(ValidationError):
        registrations.cancel(registration)
    registration.refresh_from_db()
    assert registration.status == REGISTERED


def test_thirty_people_at_once_for_ten_places_end_as_ten_registered_and_twenty_waiting(committed_db, cast):
    """Real threads, each on its own connection, on a committed database. Needs PostgreSQL: SQLite's in-memory test
    database cannot be shared by threads (the bench runs the same race on a real SQLite file)."""
    if connection.vendor != "postgresql":
        pytest.skip("threads need a shared database; run with DATABASE_URL=postgres://… (the bench covers SQLite)")
    session = make_session(make_programme(cast.maasdijk), capacity=10)
    users = people(30)
    barrier = threading.Barrier(len(users))
    errors = []

    def register(user):
        try:
            barrier.wait()
            registrations.register_member(session, user)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = state(session)
    assert [arrival for arrival, _status in rows] == list(range(1, 31))
    assert [status for _arrival, status in rows] == [REGISTERED] * 10 + [WAITING] * 20
    session.refresh_from_db()
    assert session.arrivals == 30


def test_a_larger_capacity_moves_the_waiting_list_up_in_arrival_order(full_session):
    session, five = full_session
    session.capacity = 4
    session.save(update_fields=["capacity"])
    promoted = registrations.move_up(session)
    assert [registration.arrival for registration in promoted] == [3, 4]
    assert state(session) == [(1, REGISTERED), (2, REGISTERED), (3, REGISTERED), (4, REGISTERED), (5, WAITING)]


def test_raising_the_capacity_through_the_staff_operation_moves_the_waiting_list_up_with_an_e_mail(
    full_session, cast, django_capture_on_commit_callbacks
):
    from kernkompas.learning.actions import programme as programme_actions

    session, _five = full_session
    session.meeting_url = "https://meet.example.org/leegstand"
    session.save(update_fields=["meeting_url"])
    with django_capture_on_commit_callbacks(execute=True):
        programme_actions.change_session(cast.ellen, session, {"capacity": 3})
    assert state(session) == [(1, REGISTERED), (2, REGISTERED), (3, REGISTERED), (4, WAITING), (5, WAITING)]
    assert [message.to for message in outbox.outbox] == [["deelnemer3@example.org"]]


def test_the_capacity_cannot_go_below_the_places_already_taken(full_session, cast):
    from kernkompas.learning.actions import programme as programme_actions

    session, _five = full_session
    session.meeting_url = "https://meet.example.org/leegstand"
    session.save(update_fields=["meeting_url"])
    with pytest.raises(ValidationError) as refused:
        programme_actions.change_session(cast.ellen, session, {"capacity": 1})
    assert "Er hebben al 2 mensen een plaats" in str(refused.value)
    session.refresh_from_db()
    assert session.capacity == 2
    assert_fair(session)
