"""The action plan's operations: what they save, what they refuse (and then save nothing), the audit trail, the
indicator link through the registry and publishing by the municipality only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from kernkompas.core import parts
from kernkompas.core.models import AuditEvent
from kernkompas.labs import plan_display
from kernkompas.labs.actions import plans as plan_actions
from kernkompas.labs.actions import progress
from kernkompas.labs.models import Action, ActionFunding, ActionPlan, Party, SteeringRole
from kernkompas.monitor.models import AreaIndicators, Count
from kernkompas.places.models import Gebied, Kern

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast):
    return plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Centrum 2030", kern=cast.centrum)


@pytest.fixture
def ondernemers(cast, plan):
    return plan_actions.add_party(cast.ellen, plan, name="Ondernemersvereniging", kind="ondernemers")


@pytest.fixture
def veldrode_gebied(cast):
    kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Centrum", slug="v-centrum")
    return Gebied.objects.create(kern=kern, name="Kerkstraat", slug="kerkstraat")


def measure(gebied, date, **values):
    count = Count.objects.create(gebied=gebied, date=date)
    return AreaIndicators.objects.create(count=count, gebied=gebied, date=date, values=values)


def dutch_messages(error: ValidationError, field: str) -> str:
    with translation.override("nl"):
        return " ".join(str(message) for message in error.message_dict[field])


def test_a_plan_is_created_for_a_core_of_its_municipality_and_logged(cast, plan):
    assert plan.gemeente == cast.maasdijk and plan.kern == cast.centrum and not plan.is_published
    event = AuditEvent.objects.get(action="labs.plan_created")
    assert event.actor == cast.ellen and event.gemeente == cast.maasdijk


def test_a_plan_for_a_core_of_another_municipality_is_refused(cast):
    kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Centrum", slug="v-centrum")
    with pytest.raises(ValidationError) as error:
        plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Fout", kern=kern)
    assert "kern" in dutch_messages(error.value, "kern")
    assert not ActionPlan.objects.exists()


def test_bottlenecks_goals_and_actions_are_numbered_and_move(cast, plan):
    first = plan_actions.add_bottleneck(cast.ellen, plan, title="Leegstand", consequence="Verloedering")
    second = plan_actions.add_bottleneck(cast.ellen, plan, title="Bereikbaarheid", kind="kans")
    assert (first.order, second.order) == (1, 2)
    plan_actions.move_bottleneck(cast.ellen, second, -1)
    assert list(plan.bottlenecks.values_list("title", flat=True)) == ["Bereikbaarheid", "Leegstand"]
    goal = plan_actions.add_goal(cast.ellen, plan, "Minder leegstand")
    plan_actions.change_goal(cast.ellen, goal, "Leegstand onder 8 %")
    goal.refresh_from_db()
    assert goal.text == "Leegstand onder 8 %"
    assert AuditEvent.objects.filter(action="labs.bottleneck_moved").count() == 1


def test_an_action_with_owner_partners_role_and_funding_is_saved(cast, plan, ondernemers):
    provincie = plan_actions.add_party(cast.ellen, plan, name="Provincie", kind="provincie")
    regisseur = SteeringRole.objects.get(gemeente=None, name="Regisseur")
    action = plan_actions.add_action(
        cast.ellen,
        plan,
        title="Pop-upwinkels",
        owner=ondernemers,
        partners=[provincie],
        municipal_role=regisseur,
        start_date=datetime.date(2026, 1, 1),
        deadline=datetime.date(2026, 12, 31),
        funding=[
            {"payer": "gemeente", "amount": "12.500,50"},
            {"payer": "provincie", "amount": "7500"},
        ],
    )
    assert action.owner == ondernemers and list(action.partners.all()) == [provincie]
    assert sorted(action.funding.values_list("amount", flat=True)) == [Decimal("7500.00"), Decimal("12500.50")]
    with translation.override("nl"):
        row = plan_display.action_rows(plan)[0]
    assert row["budget"] == "€ 20.000,50"
    assert AuditEvent.objects.filter(action="labs.action_added").exists()


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"start_date": datetime.date(2026, 6, 1), "deadline": datetime.date(2026, 5, 1)}, "deadline", "deadline"),
        ({"funding": [{"payer": "gemeente", "amount": "-5"}]}, "funding", "negatief"),
        ({"funding": [{"payer": "gemeente", "amount": "vijfduizend"}]}, "funding", "aantal euro"),
        ({"funding": [{"payer": "gemeente", "amount": "99.999.999.999"}]}, "funding", "te groot"),
        ({"funding": [{"payer": "gemeente", "amount": "1e400"}]}, "funding", "aantal euro"),
        ({"funding": [{"payer": "gemeente", "amount": "1,234"}]}, "funding", "aantal euro"),
        ({"funding": [{"payer": "oom", "amount": "5"}]}, "funding", "wie betaalt"),
        ({"status": "klaar"}, "status", "geldige keuze"),
    ],
)
def test_an_action_that_does_not_fit_is_refused_in_dutch_and_nothing_is_saved(cast, plan, values, field, words):
    with pytest.raises(ValidationError) as error:
        plan_actions.add_action(cast.ellen, plan, title="Actie", **values)
    assert words in dutch_messages(error.value, field).lower()
    assert not Action.objects.exists() and not ActionFunding.objects.exists()
    assert not AuditEvent.objects.filter(action="labs.action_added").exists()


def test_a_party_of_another_plan_cannot_own_or_partner_an_action(cast, plan):
    other = plan_actions.create_plan(cast.ellen, cast.maasdijk, title="Ander plan")
    stranger = plan_actions.add_party(cast.ellen, other, name="Vreemde partij", kind="anders")
    with pytest.raises(ValidationError) as error:
        plan_actions.add_action(cast.ellen, plan, title="Actie", owner=stranger)
    assert "partij van dit plan" in dutch_messages(error.value, "owner")
    with pytest.raises(ValidationError):
        plan_actions.add_action(cast.ellen, plan, title="Actie", partners=[stranger])
    assert not Action.objects.exists()


def test_an_area_of_another_municipality_cannot_measure_an_action_or_bottleneck(cast, plan, veldrode_gebied):
    with pytest.raises(ValidationError) as error:
        plan_actions.add_action(
            cast.ellen, plan, title="Actie", indicator_code="vacancy_rate", indicator_gebied=veldrode_gebied
        )
    assert "gebied van de gemeente" in dutch_messages(error.value, "indicator_gebied")
    with pytest.raises(ValidationError):
        plan_actions.add_bottleneck(
            cast.ellen, plan, title="Leegstand", indicator_code="vacancy_rate", indicator_gebied=veldrode_gebied
        )
    assert not Action.objects.exists() and not plan.bottlenecks.exists()


def test_an_unknown_indicator_is_refused(cast, plan):
    with pytest.raises(ValidationError) as error:
        plan_actions.add_action(cast.ellen, plan, title="Actie", indicator_code="geluk", indicator_gebied=cast.markt)
    assert "indicator" in dutch_messages(error.value, "indicator_code").lower()


def test_another_municipalitys_own_role_cannot_be_chosen(cast, plan):
    theirs = plan_actions.add_role(cast.sofie, cast.veldrode, "Aanjager")
    with pytest.raises(ValidationError):
        plan_actions.add_action(cast.ellen, plan, title="Actie", municipal_role=theirs)
    assert not Action.objects.exists()


def test_the_registry_offers_the_kernmonitor_catalogue_and_latest_values(cast):
    codes = {row[0] for row in parts.indicator_catalogue()}
    assert {"vacancy_rate", "units", "diversity"} <= codes
    measure(cast.markt, datetime.date(2024, 3, 1), vacancy_rate=0.15)
    measure(cast.markt, datetime.date(2025, 3, 1), vacancy_rate=0.12)
    value, date, formatted = parts.indicator_values([cast.markt.pk], ["vacancy_rate"])[(cast.markt.pk, "vacancy_rate")]
    assert (value, date) == (0.12, datetime.date(2025, 3, 1))
    assert formatted == "12,0 %"


@pytest.mark.parametrize(
    ("text", "euros"),
    [
        ("12.500", "12500.00"),
        ("12.500,50", "12500.50"),
        ("12,500.50", "12500.50"),
        ("7500", "7500.00"),
        ("0,5", "0.50"),
    ],
)
def test_amounts_are_read_as_dutch_or_english_people_write_them(text, euros):
    assert str(plan_actions.parse_amount(text)) == euros


def test_a_linked_action_starts_from_the_current_value_and_shows_its_progress(cast, plan):
    measure(cast.markt, datetime.date(2024, 3, 1), vacancy_rate=0.12)
    action = plan_actions.add_action(
        cast.ellen,
        plan,
        title="Leegstand omlaag",
        indicator_code="vacancy_rate",
        indicator_gebied=cast.markt,
        indicator_target=0.08,
    )
    assert action.indicator_baseline == 0.12
    with translation.override("nl"):
        assert plan_display.action_rows(plan)[0]["indicator"]["percent"] == 0
        measure(cast.markt, datetime.date(2025, 3, 1), vacancy_rate=0.10)
        indicator = plan_display.action_rows(plan)[0]["indicator"]
    assert indicator["percent"] == 50 and indicator["current"] == "10,0 %" and indicator["target"] == "8,0 %"


def test_a_linked_action_without_figures_has_no_progress(cast, plan):
    plan_actions.add_action(
        cast.ellen, plan, title="Meer winkels", indicator_code="units", indicator_gebied=cast.markt, indicator_target=50
    )
    indicator = plan_display.action_rows(plan)[0]["indicator"]
    assert indicator["percent"] is None and indicator["current"] == ""


def test_a_progress_update_with_a_status_moves_the_action(cast, plan, ondernemers):
    action = plan_actions.add_action(cast.ellen, plan, title="Pop-ups")
    progress.report_progress(
        cast.ellen, action, date=datetime.date(2026, 3, 1), text="Eerste drie open", status="lopend"
    )
    action.refresh_from_db()
    assert action.status == "lopend"
    progress.report_progress(cast.femke, action, date=datetime.date(2026, 4, 1), text="Nog bezig", party=ondernemers)
    action.refresh_from_db()
    assert action.status == "lopend" and action.updates.count() == 2
    assert AuditEvent.objects.filter(action="labs.progress_reported").count() == 2


def test_seeded_roles_are_read_only_and_own_roles_can_be_renamed(cast):
    seeded = SteeringRole.objects.get(gemeente=None, name="Regisseur")
    with pytest.raises(ValidationError):
        plan_actions.rename_role(cast.ellen, seeded, "Baas")
    assert SteeringRole.objects.get(pk=seeded.pk).name == "Regisseur"
    own = plan_actions.add_role(cast.ellen, cast.maasdijk, "Aanjager")
    plan_actions.rename_role(cast.ellen, own, "Kwartiermaker", "Zet beweging in gang")
    own.refresh_from_db()
    assert own.name == "Kwartiermaker"
    with pytest.raises(ValidationError):
        plan_actions.add_role(cast.ellen, cast.maasdijk, "regisseur")


def test_a_party_name_is_unique_within_a_plan(cast, plan, ondernemers):
    with pytest.raises(ValidationError) as error:
        plan_actions.add_party(cast.ellen, plan, name="ondernemersvereniging", kind="ondernemers")
    assert "al een partij" in dutch_messages(error.value, "name")
    assert Party.objects.count() == 1


def test_only_who_may_publish_makes_a_plan_public_and_it_is_logged(cast, plan):
    with pytest.raises(PermissionDenied):
        plan_actions.set_published(cast.femke, plan, True)
    plan.refresh_from_db()
    assert not plan.is_published
    plan_actions.set_published(cast.ellen, plan, True)
    plan.refresh_from_db()
    assert plan.is_published and plan.published_at is not None
    plan_actions.set_published(cast.anton, plan, False)
    assert AuditEvent.objects.get(action="labs.plan_published").actor == cast.ellen
    assert AuditEvent.objects.get(action="labs.plan_unpublished").actor == cast.anton


def test_the_role_matrix_counts_actions_per_role(cast, plan):
    regisseur = SteeringRole.objects.get(gemeente=None, name="Regisseur")
    plan_actions.add_action(cast.ellen, plan, title="A", municipal_role=regisseur)
    plan_actions.add_action(cast.ellen, plan, title="B", municipal_role=regisseur, status="afgerond")
    plan_actions.add_action(cast.ellen, plan, title="C")
    matrix = {row["role"].name if row["role"] else None: row for row in plan_display.role_matrix(plan)}
    assert (matrix["Regisseur"]["total"], matrix["Regisseur"]["open"]) == (2, 1)
    assert matrix["Investeerder"]["total"] == 0
    assert matrix[None]["total"] == 1
