"""The participants page of a session for the staff who run its programme: the registered and the waiting list in
arrival order, recording attendance after the start, and a CSV download that no spreadsheet runs as a formula."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import Registration
from kernkompas.learning.tests.test_public_setup import make_programme, make_session
from kernkompas.testing import make_user


@pytest.fixture
def session(cast):
    session = make_session(make_programme(cast.maasdijk), capacity=2)
    registrations.register_guest(session, name='=HYPERLINK("http://evil")', email="evil@example.be", organisation="+31")
    registrations.confirm(Registration.objects.get(email="evil@example.be"))
    for name in ("Tweede", "Derde", "Vierde"):
        registrations.register_member(session, make_user(name.lower(), name))
    return session


def page(session):
    return reverse("learning:attendance", kwargs={"pk": session.pk})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("lid", 404),
        ("gemeente", 200),
        ("gemeente_andere", 404),
        ("begeleider", 200),
        ("redactie", 200),
        ("beheerder", 200),
    ],
)
def test_only_who_runs_the_programme_sees_the_participants(client, cast, session, role, status):
    client.force_login(cast.by_role()[role])
    assert client.get(page(session)).status_code == status
    assert client.get(page(session) + "?formaat=csv").status_code == status
    # Saving the attendance answers with a redirect back to the page, or 404 outside the user's scope.
    assert client.post(page(session), {"aanwezig": []}).status_code == (302 if status == 200 else 404)


def test_an_anonymous_visitor_is_sent_to_log_in(client, session):
    response = client.get(page(session))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_a_platform_wide_programme_is_the_editors_only(client, cast):
    session = make_session(make_programme(None, slug="platform"), slug="platform-sessie")
    client.force_login(cast.ellen)
    assert client.get(page(session)).status_code == 404
    client.force_login(cast.eva)
    assert client.get(page(session)).status_code == 200


def test_the_list_shows_the_registered_and_the_waiting_list_in_arrival_order(client, cast, session):
    client.force_login(cast.ellen)
    html = client.get(page(session)).content.decode()
    assert html.index("Tweede") < html.index("Derde") < html.index("Vierde")
    waiting = html[html.index('id="waiting-title"') :]
    assert "Derde" in waiting and "Vierde" in waiting and "Tweede" not in waiting
    assert "Aanwezigheid opslaan" not in html  # not before the start


def test_attendance_is_recorded_after_the_start(client, cast, session):
    client.force_login(cast.ellen)
    present = Registration.objects.get(name="Tweede")
    with time_machine.travel(session.starts_at + datetime.timedelta(minutes=30), tick=False):
        assert "Aanwezigheid opslaan" in client.get(page(session)).content.decode()
        client.post(page(session), {"aanwezig": [present.pk]})
    attended = dict(Registration.objects.values_list("name", "attended"))
    assert attended["Tweede"] is True and attended['=HYPERLINK("http://evil")'] is False
    assert attended["Derde"] is None  # on the waiting list: not counted either way


def test_attendance_before_the_start_is_refused_and_saves_nothing(client, cast, session):
    client.force_login(cast.ellen)
    client.post(page(session), {"aanwezig": [Registration.objects.get(name="Tweede").pk]})
    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_the_csv_never_starts_a_cell_with_a_formula_character(client, cast, session):
    client.force_login(cast.ellen)
    response = client.get(page(session) + "?formaat=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Volgnummer" and len(rows) == 5
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(cell == '\'=HYPERLINK("http://evil")' for row in rows for cell in row)
