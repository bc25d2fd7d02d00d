"""The action plan's staff pages: who may open them (every role), the four steps on the plan page, the forms that
refuse bad input in Dutch and save nothing, publishing by the municipality only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.labs.actions import plans as plan_actions
from kernkompas.labs.actions import progress
from kernkompas.labs.models import Action, ActionPlan, Bottleneck, Goal, Party, SteeringRole
from kernkompas.monitor.models import AreaIndicators, Count
from kernkompas.vitrine.tests.list_cases import make_case

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("kk")</script>'
EDITORS = {"gemeente", "begeleider", "beheerder"}
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def plan(cast):
    return plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Centrum 2030", kern=cast.centrum)


@pytest.fixture
def filled(cast, plan):
    """A plan with one of everything."""
    party = plan_actions.add_party(cast.ellen, plan, name="Ondernemersvereniging", kind="ondernemers")
    bottleneck = plan_actions.add_bottleneck(cast.ellen, plan, title="Leegstand", consequence="Verloedering")
    goal = plan_actions.add_goal(cast.ellen, plan, "Minder leegstand")
    action = plan_actions.add_action(
        cast.ellen, plan, title="Pop-ups", owner=party, funding=[{"payer": "gemeente", "amount": "1000"}]
    )
    return {"plan": plan, "party": party, "bottleneck": bottleneck, "goal": goal, "action": action}


def pages(filled, cast):
    """Every staff page of the action plan, with the view's name."""
    plan, action = filled["plan"], filled["action"]
    return {
        "plans": reverse("labs:plans"),
        "plan_new": reverse("labs:plan_new"),
        "plan": reverse("labs:plan", kwargs={"pk": plan.pk}),
        "plan_edit": reverse("labs:plan_edit", kwargs={"pk": plan.pk}),
        "bottleneck_new": reverse("labs:bottleneck_new", kwargs={"pk": plan.pk}),
        "bottleneck_edit": reverse("labs:bottleneck_edit", kwargs={"pk": filled["bottleneck"].pk}),
        "bottleneck_remove": reverse("labs:bottleneck_remove", kwargs={"pk": filled["bottleneck"].pk}),
        "goal_new": reverse("labs:goal_new", kwargs={"pk": plan.pk}),
        "goal_edit": reverse("labs:goal_edit", kwargs={"pk": filled["goal"].pk}),
        "goal_remove": reverse("labs:goal_remove", kwargs={"pk": filled["goal"].pk}),
        "party_new": reverse("labs:party_new", kwargs={"pk": plan.pk}),
        "party_edit": reverse("labs:party_edit", kwargs={"pk": filled["party"].pk}),
        "party_remove": reverse("labs:party_remove", kwargs={"pk": filled["party"].pk}),
        "action_new": reverse("labs:action_new", kwargs={"pk": plan.pk}),
        "action": reverse("labs:action", kwargs={"pk": action.pk}),
        "action_edit": reverse("labs:action_edit", kwargs={"pk": action.pk}),
        "action_remove": reverse("labs:action_remove", kwargs={"pk": action.pk}),
        "plan_roles": reverse("labs:plan_roles", kwargs={"gemeente_pk": cast.maasdijk.pk}),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_page_is_for_the_municipalitys_staff_only(client, cast, filled, role):
    user = cast.by_role()[role]
    login(client, user)
    for name, url in pages(filled, cast).items():
        response = client.get(url)
        if user is None:
            assert response.status_code == 302, name
            assert "next=" in response["Location"], name
        elif role in EDITORS:
            assert response.status_code == 200, name
        elif role == "gemeente_andere" and name in {"plans", "plan_new"}:
            assert response.status_code == 200, name  # her own plans (none of Maasdijk's)
            assert "Centrum 2030" not in response.content.decode()
        else:
            assert response.status_code == 404, name


@pytest.mark.parametrize("role", ROLES)
def test_nobody_outside_the_municipality_changes_or_removes_anything(client, cast, filled, role):
    user = cast.by_role()[role]
    if role in EDITORS:
        return
    login(client, user)
    posts = {
        "labs:plan_edit": ({"pk": filled["plan"].pk}, {"title": "Gekaapt"}),
        "labs:plan_publish": ({"pk": filled["plan"].pk}, {"publiceren": "1"}),
        "labs:action_remove": ({"pk": filled["action"].pk}, {}),
        "labs:goal_move": ({"pk": filled["goal"].pk}, {"richting": "op"}),
        "labs:action": ({"pk": filled["action"].pk}, {"date": "2026-01-01", "text": "Hallo"}),
    }
    for name, (kwargs, data) in posts.items():
        assert client.post(reverse(name, kwargs=kwargs), data).status_code in (302, 404), name
    plan = ActionPlan.objects.get()
    assert plan.title == "Centrum 2030" and not plan.is_published
    assert Action.objects.exists() and not filled["action"].updates.exists()


def test_the_plan_page_shows_the_four_steps_with_words_not_codes(client, cast, filled):
    plan_actions.change_bottleneck(cast.ellen, filled["bottleneck"], evidence="Kernmonitor: 12 %", kind="knelpunt")
    plan_actions.change_plan(cast.ellen, filled["plan"], vision="In 2030 is ons centrum de ontmoetingsplek.")
    page = login(client, cast.ellen).get(reverse("labs:plan", kwargs={"pk": filled["plan"].pk})).content.decode()
    for words in ("Knelpunten & kansen", "Agenda", "Samenwerking", "Acties", "Verloedering", "Kernmonitor: 12 %"):
        assert words in page
    assert "ontmoetingsplek" in page and "Minder leegstand" in page
    assert "€ 1.000,00" in page  # the budget in Dutch
    assert "Gepland" in page or "gepland" in page  # the status's label
    assert "Regisseur" in page  # the matrix lists the roles
    assert "nog geen cijfer" not in page  # no indicator linked: a dash


def test_hostile_text_is_shown_as_text(client, cast, filled):
    plan_actions.change_action(cast.ellen, filled["action"], title=HOSTILE, description=HOSTILE)
    progress.report_progress(cast.ellen, filled["action"], date=datetime.date(2026, 1, 1), text=HOSTILE)
    login(client, cast.ellen)
    for url in (reverse("labs:plan", kwargs={"pk": filled["plan"].pk}), filled["action"].get_absolute_url()):
        page = client.get(url).content.decode()
        assert HOSTILE not in page and "&lt;script&gt;" in page


def action_post(plan, **extra):
    data = {
        "title": "Gevelfonds",
        "status": "gepland",
        "financiering-TOTAL_FORMS": "2",
        "financiering-INITIAL_FORMS": "0",
        "financiering-MIN_NUM_FORMS": "0",
        "financiering-MAX_NUM_FORMS": "20",
        "financiering-0-payer": "gemeente",
        "financiering-0-amount": "25.000",
        "financiering-1-payer": "",
        "financiering-1-amount": "",
    }
    data.update(extra)
    return data


def test_an_action_is_added_through_the_form_with_its_funding(client, cast, filled):
    plan = filled["plan"]
    response = login(client, cast.femke).post(
        reverse("labs:action_new", kwargs={"pk": plan.pk}),
        action_post(plan, owner=filled["party"].pk, **{"financiering-0-amount": "25.000,00"}),
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Gevelfonds")
    assert action.owner == filled["party"] and str(action.funding.get().amount) == "25000.00"


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"start_date": "2026-06-01", "deadline": "2026-05-01"}, "deadline kan niet vóór de start"),
        ({"financiering-0-amount": "-10"}, "kan niet negatief"),
        ({"financiering-0-amount": "tienduizend"}, "aantal euro"),
    ],
)
def test_the_action_form_refuses_bad_input_in_dutch_and_saves_nothing(client, cast, filled, extra, words):
    plan = filled["plan"]
    response = login(client, cast.ellen).post(
        reverse("labs:action_new", kwargs={"pk": plan.pk}), action_post(plan, **extra)
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Action.objects.filter(title="Gevelfonds").exists()


def test_the_action_form_refuses_a_party_of_another_plan(client, cast, filled):
    other = plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Ander plan")
    stranger = plan_actions.add_party(cast.ellen, other, name="Vreemd", kind="anders")
    response = login(client, cast.ellen).post(
        reverse("labs:action_new", kwargs={"pk": filled["plan"].pk}), action_post(filled["plan"], owner=stranger.pk)
    )
    assert response.status_code == 400 and not Action.objects.filter(title="Gevelfonds").exists()


def test_a_share_target_is_entered_as_a_percentage_and_the_baseline_defaults_to_now(client, cast, filled):
    count = Count.objects.create(gebied=cast.markt, date=datetime.date(2025, 3, 1))
    AreaIndicators.objects.create(count=count, gebied=cast.markt, date=count.date, values={"vacancy_rate": 0.12})
    response = login(client, cast.ellen).post(
        reverse("labs:action_new", kwargs={"pk": filled["plan"].pk}),
        action_post(
            filled["plan"], indicator_code="vacancy_rate", indicator_gebied=cast.markt.pk, indicator_target="8"
        ),
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Gevelfonds")
    assert action.indicator_baseline == 0.12 and action.indicator_target == pytest.approx(0.08)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "0 % van de weg" in page and "12,0 %" in page and "8,0 %" in page


def test_a_progress_update_through_the_action_page_moves_its_status(client, cast, filled):
    action = filled["action"]
    response = login(client, cast.femke).post(
        action.get_absolute_url(), {"date": "2026-03-01", "text": "De eerste drie zijn open", "status": "lopend"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "lopend"
    assert "De eerste drie zijn open" in client.get(action.get_absolute_url()).content.decode()


def test_a_facilitator_prepares_but_does_not_publish(client, cast, filled):
    plan = filled["plan"]
    login(client, cast.femke)
    assert "Openbaar maken" not in client.get(plan.get_absolute_url()).content.decode()
    response = client.post(reverse("labs:plan_publish", kwargs={"pk": plan.pk}), {"publiceren": "1"})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert not plan.is_published and not AuditEvent.objects.filter(action="labs.plan_published").exists()


def test_the_municipality_publishes_and_it_is_logged(client, cast, filled):
    plan = filled["plan"]
    login(client, cast.ellen)
    assert client.post(reverse("labs:plan_publish", kwargs={"pk": plan.pk}), {"publiceren": "1"}).status_code == 302
    plan.refresh_from_db()
    assert plan.is_published
    assert AuditEvent.objects.get(action="labs.plan_published").actor == cast.ellen


def test_a_plan_is_created_through_the_form_only_for_own_municipalities(client, cast):
    login(client, cast.ellen)
    refused = client.post(reverse("labs:plan_new"), {"gemeente": cast.veldrode.pk, "title": "Niet van mij"})
    assert refused.status_code == 400 and not ActionPlan.objects.exists()
    created = client.post(reverse("labs:plan_new"), {"gemeente": cast.maasdijk.pk, "title": "Centrum", "kern": ""})
    assert created.status_code == 302 and ActionPlan.objects.get().gemeente == cast.maasdijk


def test_bottlenecks_goals_and_parties_are_added_through_their_forms(client, cast, plan):
    login(client, cast.ellen)
    client.post(reverse("labs:bottleneck_new", kwargs={"pk": plan.pk}), {"kind": "kans", "title": "Leeg pand"})
    client.post(reverse("labs:goal_new", kwargs={"pk": plan.pk}), {"text": "Levendig plein"})
    client.post(reverse("labs:party_new", kwargs={"pk": plan.pk}), {"name": "Provincie", "kind": "provincie"})
    assert Bottleneck.objects.get().kind == "kans"
    assert Goal.objects.get().text == "Levendig plein"
    assert Party.objects.get().name == "Provincie"
    duplicate = client.post(reverse("labs:party_new", kwargs={"pk": plan.pk}), {"name": "provincie", "kind": "rijk"})
    assert duplicate.status_code == 400 and "al een partij met deze naam" in duplicate.content.decode()


def test_own_roles_are_added_and_renamed_but_standard_roles_are_not_editable(client, cast):
    login(client, cast.ellen)
    url = reverse("labs:plan_roles", kwargs={"gemeente_pk": cast.maasdijk.pk})
    assert client.post(url, {"name": "Aanjager", "description": ""}).status_code == 302
    own = SteeringRole.objects.get(gemeente=cast.maasdijk)
    seeded = SteeringRole.objects.get(gemeente=None, name="Regisseur")
    assert client.get(reverse("labs:role_edit", kwargs={"pk": seeded.pk})).status_code == 404
    client.post(reverse("labs:role_edit", kwargs={"pk": own.pk}), {"name": "Kwartiermaker", "description": ""})
    own.refresh_from_db()
    assert own.name == "Kwartiermaker"
    login(client, cast.sofie)
    assert client.get(reverse("labs:role_edit", kwargs={"pk": own.pk})).status_code == 404


def test_the_english_pages_speak_english(client, cast, filled):
    page = login(client, cast.ellen).get("/en" + filled["plan"].get_absolute_url()).content.decode()
    assert "Bottlenecks & opportunities" in page and "Knelpunten" not in page
    assert "€ 1,000.00" in page


def test_an_action_names_published_vitrine_cases_but_not_drafts(client, cast, filled):
    live = make_case("tongeren", "Pop-upwinkels in Tongeren", [], [], "25k-50k", "binnenstad", "BE", "lt10k")
    draft = make_case("draft", "Nog niet af", [], [], "25k-50k", "stadskern", "BE", "lt10k", live=False)
    login(client, cast.ellen)
    url = reverse("labs:action_edit", kwargs={"pk": filled["action"].pk})
    form_page = client.get(url).content.decode()
    assert "Pop-upwinkels in Tongeren" in form_page and "Nog niet af" not in form_page
    refused = client.post(url, action_post(filled["plan"], title="Pop-ups", cases=[draft.pk]))
    assert refused.status_code == 400 and not filled["action"].cases.exists()
    assert client.post(url, action_post(filled["plan"], title="Pop-ups", cases=[live.pk])).status_code == 302
    assert list(filled["action"].cases.values_list("pk", flat=True)) == [live.pk]
    assert live.url in client.get(filled["action"].get_absolute_url()).content.decode()


def test_the_list_of_plans_leads_to_the_area_approach_of_own_areas_only(client, cast, plan):
    page = login(client, cast.ellen).get(reverse("labs:plans")).content.decode()
    assert "Centrum 2030" in page and reverse("labs:area", kwargs={"gebied_pk": cast.markt.pk}) in page
    other = login(client, cast.sofie).get(reverse("labs:plans")).content.decode()
    assert "Centrum 2030" not in other and "Marktplein" not in other
