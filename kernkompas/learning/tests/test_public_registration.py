"""Registering through the pages: a visitor registers, confirms with the link from the e-mail, downloads the
calendar file and cancels, after which the waiting list moves up; a member registers with one click; refusals
save nothing; a forged or someone else's link is a 404 that reveals nobody."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail as outbox
from django.test import override_settings
from django.urls import reverse

from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import Material, Registration, RegistrationStatus
from kernkompas.learning.tests.test_public_setup import last_link, make_programme, make_session
from kernkompas.testing import make_user

MEETING = "https://meet.example.org/kamer-42"


@pytest.fixture
def session(cast):
    return make_session(make_programme(cast.maasdijk), capacity=1, meeting_url=MEETING)


def register_url(session):
    return reverse("learning:register", kwargs={"programme": session.programme.slug, "slug": session.slug})


def personal(pk, secret):
    return reverse("learning:registration", kwargs={"pk": pk, "secret": secret})


def guest(client, session, name="Griet Gast", email="griet@example.be", organisation="Winkeliersvereniging"):
    return client.post(register_url(session), {"name": name, "email": email, "organisation": organisation})


def test_a_visitor_registers_confirms_downloads_the_calendar_and_cancels_and_the_waiting_list_moves_up(
    client, cast, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = guest(client, session)
    assert response.status_code == 302
    assert "Bijna klaar" in client.get(response["Location"]).content.decode()
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.WACHT_OP_BEVESTIGING and registration.arrival is None
    assert outbox.outbox[-1].subject == f"Bevestig je inschrijving: {session.title}"
    pk, secret = last_link("griet@example.be")
    assert pk == registration.pk and secret not in registration.secret_hash

    page = client.get(personal(pk, secret)).content.decode()
    assert "Mijn inschrijving bevestigen" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(personal(pk, secret), {"actie": "bevestigen"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.INGESCHREVEN and registration.arrival == 1
    page = client.get(personal(pk, secret)).content.decode()
    assert "je hebt een plaats" in page and "sessie.ics" in page
    assert client.get(reverse("learning:session_ics", kwargs={"programme": "maasdijk-leert", "slug": session.slug}))[
        "Content-Type"
    ].startswith("text/calendar")

    # Bram joins the full session: waiting list. Griet cancels from her link: Bram gets the place and an e-mail.
    client.force_login(cast.bram)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(session), {"organisation": ""})
    assert Registration.objects.get(user=cast.bram).status == RegistrationStatus.WACHTLIJST
    client.logout()
    confirm_page = client.get(personal(pk, secret) + "?annuleren=1").content.decode()
    assert "Ja, annuleer mijn inschrijving" in confirm_page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(personal(pk, secret), {"actie": "annuleren"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.GEANNULEERD
    assert Registration.objects.get(user=cast.bram).status == RegistrationStatus.INGESCHREVEN
    assert outbox.outbox[-1].to == ["bram@example.org"]
    assert "vrijgekomen" in outbox.outbox[-1].subject
    bram_pk, bram_secret = last_link("bram@example.org")
    assert "je hebt een plaats" in client.get(personal(bram_pk, bram_secret)).content.decode()


def test_a_member_registers_with_one_click_with_the_name_and_address_of_her_account(client, cast, session):
    client.force_login(cast.bram)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Je schrijft je in als Bram (bram@example.org)" in page and 'name="email"' not in page
    client.post(register_url(session), {"organisation": "Bakkerij Bram"})
    registration = Registration.objects.get()
    assert (registration.user, registration.name, registration.email, registration.organisation) == (
        cast.bram,
        "Bram",
        "bram@example.org",
        "Bakkerij Bram",
    )
    assert registration.status == RegistrationStatus.INGESCHREVEN
    assert "Je bent ingeschreven voor deze sessie" in client.get(session.get_absolute_url()).content.decode()
    second_click = client.post(register_url(session), {"organisation": ""}, follow=True).content.decode()
    assert "Je bent met dit e-mailadres al ingeschreven" in second_click
    assert Registration.objects.count() == 1


def test_a_member_cancels_from_the_session_page_after_a_confirm_page(client, cast, session):
    registrations.register_member(session, cast.bram)
    client.force_login(cast.bram)
    path = reverse("learning:unregister", kwargs={"programme": "maasdijk-leert", "slug": session.slug})
    assert "Ja, annuleer mijn inschrijving" in client.get(path).content.decode()
    assert Registration.objects.get().status == RegistrationStatus.INGESCHREVEN
    client.post(path)
    assert Registration.objects.get().status == RegistrationStatus.GEANNULEERD


def test_the_waiting_list_page_says_the_position_and_hides_the_meeting_link(client, cast, session):
    registrations.register_member(session, cast.ellen)
    first = registrations.register_guest(session, name="Een", email="een@example.be")
    second = registrations.register_guest(session, name="Twee", email="twee@example.be")
    registrations.confirm(first)
    registrations.confirm(second)
    secret = "vast-geheim-voor-de-test"
    Registration.objects.filter(pk=second.pk).update(secret_hash=registrations.tokens.hash_secret(secret))
    with time_machine.travel(session.starts_at, tick=False):
        page = client.get(personal(second.pk, secret)).content.decode()
    assert "als nummer 2" in page and MEETING not in page


def test_the_personal_page_shows_the_meeting_link_only_in_its_window(client, cast, session):
    Material.objects.create(session=session, title="Slides voor deelnemers", is_public=False, url="https://a.example/p")
    registration = registrations.register_guest(session, name="Griet", email="griet@example.be")
    registrations.confirm(registration)
    secret = "nog-een-vast-geheim"
    Registration.objects.filter(pk=registration.pk).update(secret_hash=registrations.tokens.hash_secret(secret))
    page = client.get(personal(registration.pk, secret)).content.decode()
    assert MEETING not in page and "Slides voor deelnemers" in page
    with time_machine.travel(session.meeting_link_opens_at() + datetime.timedelta(minutes=1), tick=False):
        assert MEETING in client.get(personal(registration.pk, secret)).content.decode()
    with time_machine.travel(session.ends_at, tick=False):
        assert MEETING not in client.get(personal(registration.pk, secret)).content.decode()


def test_a_forged_or_someone_elses_link_is_a_404_that_says_the_link_is_not_valid(client, session):
    griet = registrations.register_guest(session, name="Griet Geheim", email="griet@example.be")
    other = registrations.register_guest(session, name="Otto", email="otto@example.be")
    for path in (
        personal(griet.pk, "vervalst"),
        personal(griet.pk, other.secret),
        personal(999999, griet.secret),
        personal(griet.pk, griet.secret_hash),
    ):
        response = client.get(path)
        assert response.status_code == 404
        page = response.content.decode()
        assert "Deze link is niet geldig" in page and "Griet" not in page and "griet@" not in page
        assert client.post(path, {"actie": "annuleren"}).status_code == 404
    griet.refresh_from_db()
    assert griet.status == RegistrationStatus.WACHT_OP_BEVESTIGING


def test_markup_in_a_name_is_shown_escaped(client, cast, session):
    registration = registrations.register_guest(
        session, name='<script>alert("x")</script>', email="x@example.be", organisation="<b>Org</b>"
    )
    page = client.get(personal(registration.pk, registration.secret)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    client.force_login(cast.ellen)
    staff = client.get(reverse("learning:attendance", kwargs={"pk": session.pk})).content.decode()
    assert "<script>alert" not in staff and "<b>Org</b>" not in staff and "&lt;b&gt;Org&lt;/b&gt;" in staff


def test_a_second_registration_for_the_same_address_is_refused_and_the_link_sent_again(
    client, session, django_capture_on_commit_callbacks
):
    guest(client, session)
    outbox.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = guest(client, session, email="GRIET@example.be")
    assert response.status_code == 400
    assert "Je bent met dit e-mailadres al ingeschreven" in response.content.decode()
    assert Registration.objects.count() == 1
    assert [message.to for message in outbox.outbox] == [["griet@example.be"]]
    pk, secret = last_link("griet@example.be")
    assert client.get(personal(pk, secret)).status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "a@example.be"}, "Vul je naam in."),
        ({"name": "   ", "email": "a@example.be"}, "Vul je naam in."),
        ({"name": "Ann", "email": ""}, "Vul je e-mailadres in"),
        ({"name": "Ann", "email": "geen-adres"}, "Dit is geen geldig e-mailadres"),
        ({"name": "A" * 121, "email": "a@example.be"}, "niet meer dan 120 tekens"),
        ({"name": "Ann", "email": "a@example.be", "organisation": "x" * 151}, "niet meer dan 150 tekens"),
    ],
)
def test_bad_input_is_refused_with_a_message_on_the_field_and_nothing_is_saved(client, session, data, message):
    response = client.post(register_url(session), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_a_past_session_refuses_registration_through_the_page(client, cast):
    past = make_session(make_programme(cast.maasdijk), slug="voorbij", days=-2)
    page = client.get(past.get_absolute_url()).content.decode()
    assert "al begonnen of voorbij" in page and 'name="email"' not in page
    response = guest(client, past)
    assert response.status_code == 400 and "al begonnen of voorbij" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_draft_or_unknown_session_cannot_be_registered_for(client, cast):
    draft = make_session(make_programme(cast.maasdijk), slug="concept", status="concept")
    assert guest(client, draft).status_code == 404
    client.force_login(cast.ellen)
    response = client.post(register_url(draft), {})
    assert response.status_code == 400 and "niet open" in response.content.decode()
    assert not Registration.objects.exists()


@override_settings(RATELIMITS={"learning_register": (2, 3600)})
def test_the_visitors_form_is_rate_limited(client, session):
    assert guest(client, session, email="a@example.be").status_code == 302
    assert guest(client, session, email="b@example.be").status_code == 302
    assert guest(client, session, email="c@example.be").status_code == 429
    assert Registration.objects.count() == 2


def test_the_form_needs_a_csrf_token(cast, session):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(register_url(session), {"name": "A", "email": "a@example.be"}).status_code == 403


def test_my_learning_lists_registrations_and_the_themes_covered_and_next(client, cast):
    from kernkompas.learning.models import LearningTheme

    programme = make_programme(cast.maasdijk)
    leegstand, branding = LearningTheme.objects.get(slug="aanpak-leegstand"), LearningTheme.objects.get(slug="branding")
    past = make_session(programme, slug="voorbij", title="Leegstand vorig jaar", days=-30)
    past.themes.add(leegstand)
    coming = make_session(programme, slug="komend", title="Branding dit voorjaar", days=10)
    coming.themes.add(branding)
    registration = Registration.objects.create(
        session=past,
        user=cast.bram,
        name="Bram",
        email="bram@example.org",
        status="ingeschreven",
        arrival=1,
        attended=True,
    )
    assert registration.attended
    registrations.register_member(coming, cast.bram)
    assert client.get(reverse("learning:mine")).status_code == 302
    client.force_login(cast.bram)
    page = client.get(reverse("learning:mine")).content.decode()
    assert "Leegstand vorig jaar" in page and "Branding dit voorjaar" in page and "aanwezig" in page
    assert "Je hebt 1 van de 7 thema's behandeld." in page
    row = page[page.index("Branding en citymarketing") :]
    assert "Branding dit voorjaar" in row[: row.index("</tr>")]
    client.force_login(cast.sofie)
    assert "Leegstand vorig jaar" not in client.get(reverse("learning:mine")).content.decode()


def test_the_e_mails_are_dutch_with_a_plain_text_part(client, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guest(client, session)
    message = outbox.outbox[-1]
    assert "Hallo Griet Gast" in message.body or "Griet Gast" in message.body
    assert message.alternatives[0][1] == "text/html"
    make_user("x", "x")
