"""The demo region and ``kernkompas demo``: fictional, clearly marked, complete for every role, and idempotent."""

from __future__ import annotations

import csv
import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from shapely.geometry import shape

from kernkompas.accounts import permissions
from kernkompas.accounts.models import Membership, User
from kernkompas.core.models import AuditEvent
from kernkompas.dna.models import Step, Trajectory
from kernkompas.places.models import Gebied, Gemeente, Kern, PopulationFigure, Regio
from kernkompas.site.demo import DEMO_PASSWORD, load_demo_data
from kernkompas.site.demo import data as demo_data
from kernkompas.site.management.commands.serve import links_point_at

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_data() -> Path:
    """The real open data beside the checkout; skipped when absent, except on CI where it must be there."""
    path = Path(os.environ.get("KERNKOMPAS_SHARED_DATA") or REPO_ROOT / ".." / "shared" / "data")
    if not path.is_dir():
        message = f"the shared open data folder {path} is missing (set KERNKOMPAS_SHARED_DATA)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def snapshot() -> dict:
    """Every demo-related row with every value, to compare before and after a second run."""
    return {
        "gemeenten": list(Gemeente.objects.order_by("pk").values()),
        "population": list(PopulationFigure.objects.order_by("pk").values()),
        "kernen": list(Kern.objects.order_by("pk").values()),
        "gebieden": list(Gebied.objects.order_by("pk").values()),
        "regios": list(Regio.objects.order_by("pk").values()),
        "regio_gemeenten": list(Regio.gemeenten.through.objects.order_by("pk").values()),
        "regio_kernen": list(Regio.kernen.through.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "audit": AuditEvent.objects.count(),
        "dna_trajectories": list(Trajectory.objects.order_by("pk").values()),
        "dna_steps": list(Step.objects.order_by("pk").values()),
    }


@pytest.fixture
def demo(db):
    # The region only: the Vitrine's demo cases have their own tests (kernkompas/vitrine/tests/test_demo_cases.py).
    return load_demo_data(with_parts=False)


def test_a_second_load_creates_and_changes_nothing(demo):
    before = snapshot()

    second = load_demo_data(with_parts=False)

    assert not second.changed
    assert snapshot() == before


def test_the_first_load_creates_the_whole_region_and_records_one_audit_event(demo):
    assert Gemeente.objects.count() == 4
    assert Kern.objects.count() == 10
    assert PopulationFigure.objects.count() == 40
    assert Regio.objects.get().gemeenten.count() == 4
    event = AuditEvent.objects.get()
    assert event.action == "demo.loaded"
    assert event.target_label == "Demoregio Kempenland"
    assert event.changes["created"]["places.Gemeente"] == 4


def test_a_load_puts_changed_demo_values_back_and_leaves_added_rows_alone(demo):
    maasdijk = Gemeente.objects.get(code="DEMO1")
    Gemeente.objects.filter(pk=maasdijk.pk).update(population=1)
    Gebied.objects.filter(slug="statiestraat").update(is_public=True)
    added = Gebied.objects.create(kern=maasdijk.kernen.get(slug="centrum"), name="Kerkstraat", slug="kerkstraat")
    ellen = User.objects.get(username="ellen")
    ellen.set_password("something-else-entirely")
    ellen.save()

    summary = load_demo_data(with_parts=False)

    maasdijk.refresh_from_db()
    assert maasdijk.population == 28_400
    assert Gebied.objects.get(slug="statiestraat").is_public is False
    assert Gebied.objects.filter(pk=added.pk).exists()
    assert User.objects.get(username="ellen").check_password(DEMO_PASSWORD)
    assert summary.updated == {"places.Gemeente": 1, "places.Gebied": 1, "accounts.User": 1}
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 2


def test_every_demo_place_is_marked_as_demo_and_has_a_code_no_real_place_can_have(demo):
    assert set(Gemeente.objects.values_list("code", flat=True)) == {"DEMO1", "DEMO2", "DEMO3", "DEMO4"}
    assert all(code.startswith("DEMO") for code in Kern.objects.values_list("code", flat=True))
    for model in (Gemeente, Kern, Gebied, Regio):
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    assert "fictief" in Gemeente.objects.get(code="DEMO3").source.lower()
    assert "Demoregio" in Regio.objects.get().name


def test_no_demo_name_is_the_name_of_a_real_municipality():
    data = shared_data()
    real = set()
    with open(data / "be_municipalities_population_2020" / "REFNIS_2019.csv", encoding="utf-8-sig") as handle:
        for row in csv.reader(handle, delimiter=";"):
            real.update(name.strip().lower() for name in (row[1], row[4]) if name.strip())
    features = json.loads((data / "nl_gemeenten_cbs_2023" / "gemeenten_2023.geojson").read_text(encoding="utf-8"))
    for feature in features["features"]:
        real.update(str(value).strip().lower() for value in feature["properties"].values() if isinstance(value, str))
    assert len(real) > 900, "the reference lists were not read"

    gemeenten = demo_data.demo_region().gemeenten
    invented = {item.name for item in gemeenten} | {kern.name for item in gemeenten for kern in item.kernen}

    assert {name for name in invented if name.lower() in real} == set()


def test_cores_lie_in_their_municipality_and_areas_in_their_core(demo):
    for kern in Kern.objects.select_related("gemeente"):
        assert shape(kern.gemeente.geometry).contains(shape(kern.geometry)), kern.name
        for gebied in kern.gebieden.all():
            assert shape(kern.geometry).contains(shape(gebied.geometry)), gebied.name


def test_neighbouring_municipalities_touch_without_overlapping(demo):
    shapes = {g.name_nl: shape(g.geometry) for g in Gemeente.objects.all()}
    assert shapes["Maasdijk"].touches(shapes["Veldrode"])
    assert shapes["Bremhout"].touches(shapes["Maasdijk"])
    for name, geometry in shapes.items():
        for other, other_geometry in shapes.items():
            if name < other:
                assert geometry.intersection(other_geometry).area == pytest.approx(0, abs=1e-12), (name, other)


def test_each_municipality_has_a_main_core_with_areas_some_public_and_some_not(demo):
    for gemeente in Gemeente.objects.all():
        assert 2 <= gemeente.kernen.count() <= 3
        hoofdkern = gemeente.kernen.get(kind="hoofdkern")
        assert 1 <= hoofdkern.gebieden.count() <= 3
    assert Gebied.objects.filter(is_public=True).exists()
    assert Gebied.objects.filter(is_public=False).exists()


def test_population_history_runs_from_2015_to_2024_and_ends_at_the_current_figure(demo):
    bremhout = Gemeente.objects.get(name_nl="Bremhout")
    years = list(bremhout.population_figures.values_list("year", flat=True))
    assert years == list(range(2015, 2025))
    assert bremhout.population_figures.get(year=2024).population == bremhout.population == 46_000
    assert bremhout.size_class == "25k-50k"
    assert 50 < bremhout.area_km2 < 150


def test_every_role_has_a_demo_user_who_logs_in_with_the_one_password(demo, client):
    roles = {login.username: login.role for login in demo.logins}
    assert roles == {
        "ellen": "gemeente",
        "sofie": "gemeente",
        "femke": "begeleider",
        "eva": "redactie",
        "anton": "beheerder",
        "bram": "lid",
    }
    for username in roles:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()


def test_demo_users_have_the_scope_their_role_gives(demo):
    maasdijk, veldrode = Gemeente.objects.get(name_nl="Maasdijk"), Gemeente.objects.get(name_nl="Veldrode")
    users = {user.username: user for user in User.objects.all()}

    assert permissions.can_manage_gemeente(users["ellen"], maasdijk)
    assert not permissions.can_manage_gemeente(users["ellen"], veldrode)
    assert permissions.can_manage_gemeente(users["sofie"], veldrode)
    assert not permissions.can_manage_gemeente(users["sofie"], maasdijk)
    assert permissions.can_manage_gemeente(users["femke"], maasdijk)
    assert permissions.is_redactie(users["eva"])
    assert permissions.is_beheerder(users["anton"]) and users["anton"].is_superuser
    assert permissions.role_names(users["bram"]) == ["lid"]
    assert users["bram"].member_type == "ondernemer"
    assert users["bram"].home_gemeente == maasdijk


def test_the_demo_command_prints_the_log_ins_and_changes_nothing_when_run_again(db):
    first, second = StringIO(), StringIO()

    call_command("demo", "--no-serve", "--port", "8765", stdout=first)
    before = snapshot()
    call_command("demo", "--no-serve", "--port", "8765", stdout=second)

    assert snapshot() == before
    for output in (first.getvalue(), second.getvalue()):
        for username, role in [("ellen", "gemeente"), ("femke", "begeleider"), ("anton", "beheerder"), ("bram", "lid")]:
            assert any(username in line and role in line and DEMO_PASSWORD in line for line in output.splitlines())
        assert "http://127.0.0.1:8765/" in output
    assert Gemeente.objects.filter(is_demo=True).count() == 4
    # The Kern-DNA's demo: one published trajectory, one that is not, each loaded once.
    assert sorted(Trajectory.objects.values_list("kern__gemeente__slug", "is_published")) == [
        ("maasdijk", False),
        ("veldrode", True),
    ]


def test_the_demo_command_refuses_a_port_that_does_not_exist(db):
    with pytest.raises(CommandError, match="65535"):
        call_command("demo", "--no-serve", "--port", "70000", stdout=StringIO())
    assert not Gemeente.objects.exists()


def test_demo_e_mails_link_to_the_port_it_serves_unless_a_public_address_is_set(
    db, mailoutbox, monkeypatch, settings, django_capture_on_commit_callbacks
):
    monkeypatch.delenv("KERNKOMPAS_BASE_URL", raising=False)
    with django_capture_on_commit_callbacks(execute=True):  # the mails go out once the load commits
        call_command("demo", "--no-serve", "--port", "8123", stdout=StringIO())
    assert mailoutbox, "the demo's threshold crossings send e-mails"
    assert all("http://127.0.0.1:8123/monitor/" in mail.body for mail in mailoutbox)

    monkeypatch.setenv("KERNKOMPAS_BASE_URL", "https://kernkompas.gemeente.be")
    settings.BASE_URL = "https://kernkompas.gemeente.be"
    links_point_at("127.0.0.1", 8123)
    assert settings.BASE_URL == "https://kernkompas.gemeente.be"
