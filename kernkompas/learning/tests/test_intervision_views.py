"""Intervision: an area at the centre of a session. Its registered participants, the staff who run the programme,
the area's municipality and editors read the case material its municipality shares (figures, DNA, action plan) and
leave advice; the area's team takes advice into one of its own action plans, as an action or a note, once, or sets
it aside. Someone not registered, or staff of another municipality, gets neither the material nor a say."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kernkompas.core.models import AuditEvent
from kernkompas.dna.tests.test_place_dna import dna
from kernkompas.labs.actions import plans as plan_actions
from kernkompas.labs.models import Action, Bottleneck, BottleneckKind
from kernkompas.learning.actions import advice as actions
from kernkompas.learning.models import (
    Advice,
    AdviceStatus,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    SessionKind,
    SessionStatus,
)
from kernkompas.monitor.tests.test_place_figures import indicators

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("kk")</script>'
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def programme(cast):
    return Programme.objects.create(title="Leren in Maasdijk", slug="maasdijk", gemeente=cast.maasdijk)


@pytest.fixture
def session(cast, programme):
    starts = timezone.now() + datetime.timedelta(days=7)
    return Session.objects.create(
        programme=programme,
        kind=SessionKind.INTERVISIE,
        title="Het Marktplein aan zet",
        slug="marktplein",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=SessionStatus.GEPUBLICEERD,
        gebied=cast.markt,
        kern=cast.centrum,
    )


def register(session, user, status=RegistrationStatus.INGESCHREVEN):
    number = session.registrations.count() + 1
    return Registration.objects.create(
        session=session,
        user=user,
        name=user.first_name,
        email=user.email,
        status=status,
        arrival=number,
        secret_hash=f"{number:064d}",
    )


@pytest.fixture
def plan(cast):
    plan = plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Centrum 2030", kern=cast.centrum)
    plan_actions.add_bottleneck(cast.ellen, plan, title="Leegstand in de Kerkstraat")
    plan_actions.add_action(cast.ellen, plan, title="Pop-upwinkels")
    return plan


def page(session):
    return reverse("learning:intervision", kwargs={"programme": session.programme.slug, "slug": session.slug})


def manage(session):
    return reverse("learning:advice_manage", args=[session.pk])


# --- Who sees the intervision page -----------------------------------------------------------------------------

# Without registration: the programme's staff (Ellen, Femke), the area's municipality (Ellen), editors, admins.
SEES_WITHOUT_REGISTRATION = {"gemeente", "begeleider", "redactie", "beheerder"}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_on_the_intervision_page(client, cast, session, role):
    user = cast.by_role()[role]
    response = login(client, user).get(page(session))
    if user is None:
        assert response.status_code == 302
        assert "next=" in response["Location"]
    elif role in SEES_WITHOUT_REGISTRATION:
        assert response.status_code == 200
        assert "Het Marktplein aan zet" in response.text
    else:
        assert response.status_code == 403
        assert "ingeschreven deelnemers" in response.text
        assert "Adviezen" not in response.text


@pytest.mark.parametrize("role", ["lid", "gemeente_andere"])
def test_a_registered_member_sees_the_page_and_a_waiting_one_does_not(client, cast, session, role):
    user = cast.by_role()[role]
    registration = register(session, user, status=RegistrationStatus.WACHTLIJST)
    login(client, user)
    assert client.get(page(session)).status_code == 403
    registration.status = RegistrationStatus.INGESCHREVEN
    registration.save()
    response = client.get(page(session))
    assert response.status_code == 200
    assert response.context["form"].initial["author_name"] == user.first_name


def test_a_draft_session_exists_only_for_the_people_who_run_it(client, cast, session):
    session.status = SessionStatus.CONCEPT
    session.save()
    register(session, cast.bram)
    assert login(client, cast.bram).get(page(session)).status_code == 404
    assert login(client, cast.sofie).get(page(session)).status_code == 404
    assert login(client, cast.ellen).get(page(session)).status_code == 200


def test_a_thematic_session_has_no_intervision_page(client, cast, session):
    session.kind = SessionKind.THEMATISCH
    session.save()
    assert login(client, cast.ellen).get(page(session)).status_code == 404
    assert login(client, cast.ellen).get(manage(session)).status_code == 404


# --- The case material ----------------------------------------------------------------------------------------


def test_the_case_material_is_what_the_municipality_shares(client, cast, session, plan):
    dna(cast.centrum, tagline="De markt van de Maas")
    indicators(cast.markt, datetime.date(2026, 3, 1), units=40, vacant_units=5, mix={"dagelijks": 10})
    login(client, cast.eva)
    response = client.get(page(session))
    # The area is not public: its figures are shown only because the municipality shares its dashboard.
    assert "Kerncijfers" in response.text and "12,5 %" in response.text
    assert "De markt van de Maas" in response.text
    assert "Centrum 2030" in response.text and "Leegstand in de Kerkstraat" in response.text
    assert "Pop-upwinkels" in response.text

    session.share_dashboard = session.share_dna = session.share_plan = False
    session.save()
    response = client.get(page(session))
    assert "12,5 %" not in response.text
    assert "De markt van de Maas" not in response.text
    assert "Centrum 2030" not in response.text
    assert "De gemeente deelt geen casusmateriaal voor deze sessie." in response.text


def test_without_the_dashboard_only_public_figures_show(client, cast, session):
    cast.markt.is_public = True
    cast.markt.save()
    indicators(cast.markt, datetime.date(2026, 3, 1), units=40, vacant_units=5, mix={"dagelijks": 10})
    session.share_dashboard = False
    session.save()
    response = login(client, cast.eva).get(page(session))
    assert "12,5 %" in response.text
    assert "Alleen de openbare cijfers" in response.text


def test_the_plans_of_another_core_or_municipality_are_not_case_material(client, cast, session, plan):
    plan_actions.create_plan(cast.sofie, cast.veldrode, title="Veldrode Vooruit")
    response = login(client, cast.eva).get(page(session))
    assert [p.title for p in response.context["material"].plans] == ["Centrum 2030"]


# --- Giving advice ----------------------------------------------------------------------------------------------


def advise(client, session, text="Betrek de eigenaren vroeg", **extra):
    data = {"author_name": "Bram", "organisation": "Ondernemers", "text": text, **extra}
    return client.post(page(session), data)


def test_a_registered_member_gives_advice_shown_escaped(client, cast, session):
    register(session, cast.bram)
    login(client, cast.bram)
    response = advise(client, session, text=HOSTILE, organisation=HOSTILE)
    assert response.status_code == 302
    advice = Advice.objects.get()
    assert (advice.author, advice.author_name, advice.status) == (cast.bram, "Bram", AdviceStatus.NIEUW)
    assert AuditEvent.objects.filter(action="learning.advice_given", actor=cast.bram).exists()
    response = client.get(page(session))
    assert HOSTILE not in response.text
    assert "&lt;script&gt;alert(&quot;kk&quot;)&lt;/script&gt;" in response.text


@pytest.mark.parametrize("role", ["lid", "gemeente_andere"])
def test_advice_by_someone_not_registered_is_refused(client, cast, session, role):
    response = advise(login(client, cast.by_role()[role]), session)
    assert response.status_code == 403
    assert not Advice.objects.exists()


def test_anonymous_advice_goes_to_the_login_page(client, session):
    response = advise(client, session)
    assert response.status_code == 302
    assert not Advice.objects.exists()


def test_bad_advice_is_refused_in_dutch(client, cast, session):
    login(client, cast.ellen)
    response = advise(client, session, text="")
    assert response.status_code == 400
    assert "Schrijf je advies." in response.text
    assert advise(client, session, text="x" * 2001).status_code == 400
    assert advise(client, session, author_name="").status_code == 400
    assert not Advice.objects.exists()


def test_no_advice_once_advice_is_closed(client, cast, session):
    session.advice_open = False
    session.save()
    login(client, cast.ellen)
    assert client.get(page(session)).context["form"] is None
    advise(client, session)
    assert not Advice.objects.exists()
    with pytest.raises(ValidationError):
        actions.give_advice(cast.ellen, session, author_name="Ellen", organisation="", text="Toch")


@override_settings(RATELIMITS={"learning_advice": (2, 3600)})
def test_advice_is_rate_limited(client, cast, session):
    login(client, cast.ellen)
    advise(client, session)
    advise(client, session)
    assert advise(client, session).status_code == 429
    assert Advice.objects.count() == 2


# --- The area team's screen ------------------------------------------------------------------------------------


@pytest.fixture
def advice(cast, session):
    register(session, cast.bram)
    return actions.give_advice(
        cast.bram, session, author_name="Bram", organisation="", text="Zet een kwartiermaker in\nDat werkt."
    )


# The area's team (Maasdijk's staff and facilitator, administrators) decides; editors only look.
TEAM = {"gemeente", "begeleider", "beheerder"}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_on_the_advice_screen(client, cast, session, plan, advice, role):
    user = cast.by_role()[role]
    login(client, user)
    response = client.get(manage(session))
    decide = client.post(manage(session), {"advies": advice.pk, "besluit": "terzijde"})
    if user is None:
        assert response.status_code == 302 and decide.status_code == 302
    elif role in TEAM:
        assert response.status_code == 200
        assert "Zet een kwartiermaker in" in response.text
        assert f'name="advies-{advice.pk}-plan"' in response.text
        assert decide.status_code == 302
    elif role == "redactie":
        assert response.status_code == 200
        assert f'name="advies-{advice.pk}-plan"' not in response.text
        assert decide.status_code == 404
    else:
        assert response.status_code == 404 and decide.status_code == 404
    advice.refresh_from_db()
    assert advice.status == (AdviceStatus.TERZIJDE if role in TEAM else AdviceStatus.NIEUW)


def take(client, session, advice, plan_id, kind="actie", title="Kwartiermaker inzetten"):
    prefix = f"advies-{advice.pk}"
    data = {"advies": advice.pk, "besluit": "opnemen", f"{prefix}-plan": plan_id, f"{prefix}-kind": kind}
    return client.post(manage(session), {**data, f"{prefix}-title": title})


def test_the_team_takes_advice_into_its_plan_as_an_action_once(client, cast, session, plan, advice):
    login(client, cast.ellen)
    form = client.get(manage(session)).context["forms"][advice.pk]
    assert form.initial["title"] == "Zet een kwartiermaker in"
    assert take(client, session, advice, plan.pk).status_code == 302
    advice.refresh_from_db()
    action = Action.objects.get(plan=plan, title="Kwartiermaker inzetten")
    assert action.description == "Zet een kwartiermaker in\nDat werkt."
    assert (advice.status, advice.taken_by) == (AdviceStatus.ACTIE, cast.ellen)
    assert advice.taken_url == reverse("labs:action", kwargs={"pk": action.pk})
    assert AuditEvent.objects.filter(action="learning.advice_taken", actor=cast.ellen).exists()
    assert AuditEvent.objects.filter(action="labs.action_added", actor=cast.ellen).count() == 2  # with the fixture's

    take(client, session, advice, plan.pk)
    actions.take_advice(cast.ellen, advice, plan_id=plan.pk, kind="notitie", title="Nog eens")
    assert Action.objects.filter(plan=plan).count() == 2  # the fixture's action and this one
    assert not Bottleneck.objects.filter(title="Nog eens").exists()
    response = client.get(manage(session))
    assert f'href="{advice.taken_url}"' in response.text


def test_the_team_takes_advice_as_a_note(client, cast, session, plan, advice):
    login(client, cast.femke)
    assert take(client, session, advice, plan.pk, kind="notitie", title="Kwartiermaker").status_code == 302
    note = Bottleneck.objects.get(plan=plan, title="Kwartiermaker")
    assert note.kind == BottleneckKind.KANS
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.NOTITIE
    assert advice.taken_url == reverse("labs:bottleneck_edit", kwargs={"pk": note.pk})


def test_taking_advice_into_another_municipalitys_plan_is_refused(client, cast, session, plan, advice):
    other = plan_actions.create_plan(cast.sofie, cast.veldrode, title="Veldrode Vooruit")
    response = take(login(client, cast.anton), session, advice, other.pk)
    assert response.status_code == 400
    assert "Kies een actieplan van de gemeente van het gebied." in response.text
    with pytest.raises(ValidationError):
        actions.take_advice(cast.anton, advice, plan_id=other.pk, kind="actie", title="Via de achterdeur")
    assert not Action.objects.filter(plan=other).exists()
    advice.refresh_from_db()
    assert (advice.status, advice.taken_url) == (AdviceStatus.NIEUW, "")


def test_a_take_without_a_title_is_refused_in_dutch(client, cast, session, plan, advice):
    response = take(login(client, cast.ellen), session, advice, plan.pk, title=" ")
    assert response.status_code == 400
    assert "Geef de actie of notitie een korte titel." in response.text
    assert Action.objects.filter(plan=plan).count() == 1


def test_the_intervision_page_shows_what_happened_with_advice(client, cast, session, plan, advice):
    actions.take_advice(cast.ellen, advice, plan_id=plan.pk, kind="actie", title="Kwartiermaker")
    response = login(client, cast.bram).get(page(session))
    assert "als actie in het actieplan opgenomen" in response.text


@pytest.mark.parametrize("who", ["sofie", "eva", "bram"])
def test_only_the_area_team_takes_or_sets_aside_advice(cast, session, plan, advice, who):
    person = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        actions.take_advice(person, advice, plan_id=plan.pk, kind="actie", title="Ongevraagd")
    with pytest.raises(PermissionDenied):
        actions.set_aside(person, advice)
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.NIEUW
    assert not Action.objects.filter(title="Ongevraagd").exists()
