"""Sessions as staff create, change, publish and cancel them: times in Europe/Brussels, bounded capacity, places
and meeting links where the format needs them, a new calendar version when a published session moves, an e-mail to
everyone registered or waiting when it is cancelled, and who may do what."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.learning.models import RegistrationStatus, Session, SessionStatus
from kernkompas.learning.tests.test_staff_fixtures import at, client_for, make_world, register, session_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, monkeypatch):
    return make_world(cast, monkeypatch)


def new_session_url(programme):
    return reverse("learning:session_new", args=[programme.pk])


def test_ellen_creates_a_session_in_her_programme_with_brussels_times(world):
    theme = world.framework.themes.first()
    data = session_data(themes=[theme.pk], cases=[world.case.pk], indicator_codes=["leegstand"])
    response = client_for(world.ellen).post(new_session_url(world.programme), data)
    session = Session.objects.get(title="Openbare ruimte die werkt")
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:session_manage", args=[session.pk])
    assert session.starts_at == at(2030, 4, 9, 14)
    assert session.status == SessionStatus.CONCEPT
    assert session.capacity == 40
    assert list(session.themes.all()) == [theme]
    assert list(session.cases.all()) == [world.case]
    assert session.indicator_codes == ["leegstand"]
    assert AuditEvent.objects.filter(action="learning.session_created", target_id=str(session.pk)).exists()
    page = client_for(world.ellen).get(reverse("learning:session_manage", args=[session.pk])).content.decode()
    assert "14:00–15:30" in page
    assert "Leegstand (%)" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2030-04-09T13:00"}, "ends_at", "Het einde moet na het begin liggen."),
        ({"capacity": "0"}, "capacity", "1"),
        ({"capacity": "10001"}, "capacity", "10000"),
        ({"capacity": "99999999999999999999"}, "capacity", "10000"),
        ({"format": "locatie", "location": ""}, "location", "Geef het adres"),
        ({"meeting_url": "javascript:alert(1)"}, "meeting_url", "https://"),
        ({"title": ""}, "title", "verplicht"),
        ({"title": "x" * 201}, "title", "200"),
    ],
)
def test_a_session_that_does_not_fit_is_refused_next_to_its_field(world, changes, field, message):
    response = client_for(world.ellen).post(new_session_url(world.programme), session_data(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Session.objects.filter(title="Openbare ruimte die werkt").exists()
    assert "Niet opgeslagen" in response.content.decode()


def test_an_empty_capacity_means_no_limit(world):
    client_for(world.ellen).post(new_session_url(world.programme), session_data(capacity=""))
    assert Session.objects.get(title="Openbare ruimte die werkt").capacity is None


def test_markup_in_a_title_is_shown_as_text(world):
    client_for(world.ellen).post(new_session_url(world.programme), session_data(title="<script>alert(1)</script>"))
    session = Session.objects.get(title="<script>alert(1)</script>")
    page = client_for(world.ellen).get(reverse("learning:session_manage", args=[session.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("bezoeker", 302),
        ("lid", 404),
        ("gemeente_andere", 404),
        ("gemeente", 200),
        ("begeleider", 200),
        ("redactie", 200),
        ("beheerder", 200),
    ],
)
def test_who_may_open_the_new_session_form_of_maasdijks_programme(world, role, status):
    user = world.cast.by_role()[role]
    response = client_for(user).get(new_session_url(world.programme))
    assert response.status_code == status
    if role == "bezoeker":
        assert "/login" in response["Location"] or "inloggen" in response["Location"]


def test_sofie_cannot_post_a_session_into_maasdijks_programme(world):
    response = client_for(world.sofie).post(new_session_url(world.programme), session_data())
    assert response.status_code == 404
    assert not Session.objects.filter(title="Openbare ruimte die werkt").exists()


def test_only_editors_run_the_platform_wide_programme(world):
    assert client_for(world.ellen).get(new_session_url(world.platform)).status_code == 404
    assert client_for(world.eva).get(new_session_url(world.platform)).status_code == 200
    assert client_for(world.anton).post(new_session_url(world.platform), session_data()).status_code == 302


# --- Publishing -----------------------------------------------------------------------------------------------


def publish(user, session):
    return client_for(user).post(reverse("learning:session_publish", args=[session.pk]))


def test_ellen_publishes_a_session_of_her_municipality(world):
    response = publish(world.ellen, world.session)
    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.GEPUBLICEERD
    assert AuditEvent.objects.filter(action="learning.session_published").exists()


def test_femke_prepares_but_does_not_publish(world):
    page = client_for(world.femke).get(reverse("learning:session_manage", args=[world.session.pk])).content.decode()
    assert reverse("learning:session_publish", args=[world.session.pk]) not in page
    assert publish(world.femke, world.session).status_code == 403
    assert client_for(world.femke).get(reverse("learning:session_cancel", args=[world.session.pk])).status_code == 403
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.CONCEPT


@pytest.mark.parametrize("role", ["bezoeker", "lid", "gemeente_andere"])
def test_outsiders_cannot_publish(world, role):
    response = publish(world.cast.by_role()[role], world.session)
    assert response.status_code in (302, 404)
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.CONCEPT


@pytest.mark.parametrize("role", ["redactie", "beheerder"])
def test_editors_and_administrators_publish_anywhere(world, role):
    publish(world.cast.by_role()[role], world.session)
    world.session.refresh_from_db()
    assert world.session.is_published


def test_an_online_session_without_a_meeting_link_is_not_published(world):
    Session.objects.filter(pk=world.session.pk).update(meeting_url="")
    response = client_for(world.ellen).post(reverse("learning:session_publish", args=[world.session.pk]), follow=True)
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.CONCEPT
    assert "vergaderlink" in response.content.decode().lower()


def test_publishing_is_a_post(world):
    assert client_for(world.ellen).get(reverse("learning:session_publish", args=[world.session.pk])).status_code == 405


# --- Changing a published session -----------------------------------------------------------------------------


def edit(user, session, **changes):
    data = session_data(
        title=session.title,
        starts_at="2030-03-12T14:00",
        ends_at="2030-03-12T16:00",
        meeting_url=session.meeting_url,
        capacity="",
    )
    data.update(changes)
    return client_for(user).post(reverse("learning:session_edit", args=[session.pk]), data)


def test_a_new_time_of_a_published_session_is_a_new_calendar_version(world):
    publish(world.ellen, world.session)
    assert edit(world.ellen, world.session, starts_at="2030-03-12T15:00", ends_at="2030-03-12T17:00").status_code == 302
    world.session.refresh_from_db()
    assert world.session.sequence == 1
    assert world.session.starts_at == at(2030, 3, 12, 15)


def test_a_new_place_of_a_published_session_is_a_new_calendar_version(world):
    publish(world.ellen, world.session)
    edit(world.ellen, world.session, format="hybride", location="Stadhuis, Markt 1")
    world.session.refresh_from_db()
    assert world.session.sequence == 1


def test_a_new_description_is_not_a_new_calendar_version(world):
    publish(world.ellen, world.session)
    edit(world.ellen, world.session, description="Met een gastspreker.")
    world.session.refresh_from_db()
    assert world.session.description == "Met een gastspreker."
    assert world.session.sequence == 0


def test_a_draft_keeps_its_version_when_it_moves(world):
    edit(world.ellen, world.session, starts_at="2030-03-13T14:00", ends_at="2030-03-13T16:00")
    world.session.refresh_from_db()
    assert world.session.sequence == 0


def test_sofie_cannot_change_maasdijks_session(world):
    assert edit(world.sofie, world.session, title="Gekaapt").status_code == 404
    world.session.refresh_from_db()
    assert world.session.title == "Aanpak leegstand"


# --- Cancelling -------------------------------------------------------------------------------------------------


def test_cancelling_a_published_session_mails_everyone_registered_or_waiting(world, django_capture_on_commit_callbacks):
    publish(world.ellen, world.session)
    register(world.session, "Anna")
    register(world.session, "Bert", RegistrationStatus.WACHTLIJST)
    register(world.session, "Cor", RegistrationStatus.WACHT_OP_BEVESTIGING)
    register(world.session, "Dirk", RegistrationStatus.GEANNULEERD)
    mail.outbox.clear()
    url = reverse("learning:session_cancel", args=[world.session.pk])
    assert client_for(world.ellen).get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.ellen).post(url)
    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.status == SessionStatus.GEANNULEERD
    assert world.session.sequence == 1
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@example.org", "bert@example.org"]
    message = mail.outbox[0]
    assert "Geannuleerd: Aanpak leegstand" == message.subject
    assert "Aanpak leegstand" in message.body
    assert message.alternatives


def test_cancelling_a_draft_mails_nobody(world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.ellen).post(reverse("learning:session_cancel", args=[world.session.pk]))
    world.session.refresh_from_db()
    assert world.session.is_cancelled
    assert mail.outbox == []


def test_a_cancelled_session_cannot_be_published(world):
    client_for(world.ellen).post(reverse("learning:session_cancel", args=[world.session.pk]))
    publish(world.ellen, world.session)
    world.session.refresh_from_db()
    assert world.session.is_cancelled


# --- From a theme suggestion ----------------------------------------------------------------------------------


def test_a_session_planned_from_a_suggestion_is_prefilled(world):
    from kernkompas.learning.models import ThemeSuggestion

    theme = world.framework.themes.last()
    suggestion = ThemeSuggestion.objects.create(
        title="Ondermijning herkennen", description="Signalen in panden", author=world.bram, theme=theme
    )
    url = new_session_url(world.programme) + f"?voorstel={suggestion.pk}"
    form = client_for(world.eva).get(url).context["form"]
    assert form.initial["title"] == "Ondermijning herkennen"
    assert form.initial["themes"] == [theme.pk]
    response = client_for(world.eva).post(url, session_data(title="Ondermijning herkennen"))
    session = Session.objects.get(title="Ondermijning herkennen")
    assert response.status_code == 302
    assert f"sessie={session.pk}" in response["Location"] or response["Location"].endswith(f"/sessie/{session.pk}/")


def test_a_bad_suggestion_number_is_ignored(world):
    url = new_session_url(world.programme) + "?voorstel=99999999999999999999999"
    assert client_for(world.eva).get(url).status_code == 200


def test_the_cancellation_mail_escapes_a_title_with_markup_in_its_html_part(world, django_capture_on_commit_callbacks):
    Session.objects.filter(pk=world.session.pk).update(title="<b>Leegstand</b>")
    publish(world.ellen, world.session)
    register(world.session, "Anna")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.ellen).post(reverse("learning:session_cancel", args=[world.session.pk]))
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "<b>Leegstand</b>" not in html and "&lt;b&gt;Leegstand&lt;/b&gt;" in html
    assert message.subject == "Geannuleerd: <b>Leegstand</b>"  # a subject is plain text, shown as written


def test_searching_cases_narrows_the_choices_keeps_the_input_and_saves_nothing(world, monkeypatch):
    from kernkompas.core import parts

    other = type(world.case).objects.exclude(pk=world.case.pk).first()
    rows = [(world.case.pk, "Leegstand in Tielt", "/vitrine/tielt/"), (other.pk, "Markt in Lier", "/vitrine/lier/")]
    monkeypatch.setattr(parts, "case_choices", lambda limit=200: rows)
    monkeypatch.setattr(
        parts, "search_cases", lambda text, limit=10: [parts.CaseLink("Markt in Lier", "/vitrine/lier/")]
    )
    url = new_session_url(world.programme)
    response = client_for(world.ellen).post(url, session_data(title="", casus_zoekterm="markt", casus_zoeken="1"))
    assert response.status_code == 200
    form = response.context["form"]
    assert [label for _value, label in form.fields["cases"].choices] == ["Markt in Lier"]
    assert 'value="markt"' in response.content.decode()
    assert "Niet opgeslagen" not in response.content.decode()
    assert not Session.objects.filter(title="Openbare ruimte die werkt").exists()
    saved = client_for(world.ellen).post(url, session_data(cases=[other.pk], casus_zoekterm="markt"))
    assert saved.status_code == 302
    assert list(Session.objects.get(title="Openbare ruimte die werkt").cases.all()) == [other]
