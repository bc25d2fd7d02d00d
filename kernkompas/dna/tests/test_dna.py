"""The Kern-DNA's first slice: trajectories and their steps, who may see and change them, the public list and
page, the workspace and place panels, the API and the demo data."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kernkompas.core import audit
from kernkompas.core.models import AuditEvent
from kernkompas.dna import methods
from kernkompas.dna.actions import steps as step_actions
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.demo import load_demo
from kernkompas.dna.models import Method, Step, StepStatus, Trajectory
from kernkompas.places.models import Kern, KernKind

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("dna")</script><img src=x onerror=alert(1)>'

# Who may edit the trajectories of Maasdijk (and see them unpublished).
EDITORS = {"gemeente", "begeleider", "beheerder"}


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def maasdijk_trajectory(cast):
    return trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")


# --- Models and actions -------------------------------------------------------------------------------------------


def test_starting_copies_the_steps_of_the_method_and_logs_it(cast):
    trajectory = trajectory_actions.start_trajectory(
        cast.femke, kern=cast.centrum, title="Het DNA", method=Method.NAAR_DE_KERN
    )
    steps = list(trajectory.steps.order_by("order"))
    assert [s.name for s in steps] == [t.name for t in methods.NAAR_DE_KERN]
    assert [s.order for s in steps] == list(range(1, 9))
    assert [s.is_optional for s in steps] == [False] * 7 + [True]
    assert not trajectory.is_published
    event = AuditEvent.objects.get(action="dna.trajectory_started")
    assert event.actor == cast.femke and event.gemeente == cast.maasdijk


def test_the_compact_method_has_seven_steps(maasdijk_trajectory):
    assert maasdijk_trajectory.steps.count() == 7 == len(methods.COMPACT)


def test_steps_are_added_at_the_end_moved_and_removed_keeping_their_numbers(cast, maasdijk_trajectory):
    added = step_actions.add_step(cast.ellen, maasdijk_trajectory, name="Extra avond")
    assert added.order == 8
    first = maasdijk_trajectory.steps.get(order=1)
    step_actions.move_step(cast.ellen, first, 1)
    names = list(maasdijk_trajectory.steps.order_by("order").values_list("name", flat=True))
    assert names[:2] == [methods.COMPACT[1].name, methods.COMPACT[0].name]
    step_actions.move_step(cast.ellen, maasdijk_trajectory.steps.get(order=1), -1)  # already first: nothing
    step_actions.remove_step(cast.ellen, maasdijk_trajectory.steps.get(order=2))
    orders = list(maasdijk_trajectory.steps.order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, 8))
    assert methods.COMPACT[0].name not in maasdijk_trajectory.steps.values_list("name", flat=True)
    for action in ("dna.step_added", "dna.step_moved", "dna.step_removed"):
        assert AuditEvent.objects.filter(action=action, gemeente=cast.maasdijk).exists()


def test_every_action_the_part_writes_has_a_name():
    for code in (
        "dna.trajectory_started",
        "dna.trajectory_changed",
        "dna.trajectory_published",
        "dna.trajectory_unpublished",
        "dna.step_added",
        "dna.step_changed",
        "dna.step_moved",
        "dna.step_removed",
    ):
        assert str(audit.action_label(code)) != code


def test_changing_a_step_logs_what_changed_and_nothing_when_nothing_did(cast, maasdijk_trajectory):
    step = maasdijk_trajectory.steps.get(order=1)
    step_actions.change_step(cast.ellen, step, status=StepStatus.BEZIG, start_date=datetime.date(2026, 3, 1))
    event = AuditEvent.objects.get(action="dna.step_changed")
    assert event.changes["status"] == ["gepland", "bezig"]
    step_actions.change_step(cast.ellen, step, status=StepStatus.BEZIG)
    assert AuditEvent.objects.filter(action="dna.step_changed").count() == 1


# --- Pages: every role ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_who_sees_an_unpublished_trajectory_and_who_may_edit_it(client, cast, maasdijk_trajectory, who):
    user = cast.by_role()[who]
    login(client, user)
    pk = maasdijk_trajectory.pk
    step = maasdijk_trajectory.steps.get(order=1)
    page = client.get(reverse("dna:trajectory", kwargs={"pk": pk}))
    index = client.get(reverse("dna:index"))
    forms = [
        reverse("dna:edit", kwargs={"pk": pk}),
        reverse("dna:publish", kwargs={"pk": pk}),
        reverse("dna:add_step", kwargs={"pk": pk}),
        reverse("dna:edit_step", kwargs={"pk": pk, "step_pk": step.pk}),
        reverse("dna:remove_step", kwargs={"pk": pk, "step_pk": step.pk}),
    ]
    answers = [client.get(url).status_code for url in forms]
    move = client.post(reverse("dna:move_step", kwargs={"pk": pk, "step_pk": step.pk}), {"direction": "down"})
    if who in EDITORS:
        assert page.status_code == 200
        assert "niet openbaar" in page.content.decode().lower()
        publish_url = reverse("dna:publish", kwargs={"pk": pk})
        assert (publish_url in page.content.decode()) == (who != "begeleider")  # the municipality publishes
        assert "DNA Centrum" in index.content.decode()
        # The municipality decides what is public: its facilitator prepares the trajectory but does not publish it.
        assert answers == [200, 200 if who != "begeleider" else 403, 200, 200, 200]
        assert move.status_code == 302
        assert maasdijk_trajectory.steps.get(pk=step.pk).order == 2
    else:
        assert page.status_code == 404
        assert "DNA Centrum" not in index.content.decode()
        expected = 302 if user is None else 404  # anonymous: to the login page; others: it does not exist
        assert answers == [expected] * 5
        assert move.status_code == expected
        assert maasdijk_trajectory.steps.get(pk=step.pk).order == 1


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_a_published_trajectory_is_read_by_all_and_edited_by_its_municipality(client, cast, maasdijk_trajectory, who):
    step = maasdijk_trajectory.steps.get(order=1)
    step_actions.change_step(cast.ellen, step, notes="Interne notitie", participants="UNIZO")
    trajectory_actions.set_published(cast.ellen, maasdijk_trajectory, True)
    user = cast.by_role()[who]
    login(client, user)
    page = client.get(reverse("dna:trajectory", kwargs={"pk": maasdijk_trajectory.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "UNIZO" in text
    edit = client.get(reverse("dna:edit_step", kwargs={"pk": maasdijk_trajectory.pk, "step_pk": step.pk}))
    if who in EDITORS:
        assert "Interne notitie" in text
        assert edit.status_code == 200
    else:
        assert "Interne notitie" not in text  # the notes are not public
        assert edit.status_code == (302 if user is None else 403)


@pytest.mark.parametrize(
    "who", ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
)
def test_who_may_start_a_trajectory_and_for_which_core(client, cast, who):
    veldrode_kern = Kern.objects.create(
        gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp", kind=KernKind.HOOFDKERN
    )
    user = cast.by_role()[who]
    login(client, user)
    url = reverse("dna:start")
    form = client.get(url)
    data = {"kern": cast.centrum.pk, "title": "Nieuw traject", "method": "naar-de-kern"}
    answer = client.post(url, data)
    if user is None:
        assert form.status_code == answer.status_code == 302
        assert "/account/inloggen/" in answer["Location"]
    elif who in ("lid", "redactie"):
        assert form.status_code == answer.status_code == 403
    elif who == "gemeente_andere":
        # Sofie may start one for Veldrode, not for a core of Maasdijk: the form does not offer it.
        assert form.status_code == 200
        assert "Maasdijk-Centrum (Maasdijk)" not in form.content.decode()
        assert "Veldrode-Dorp (Veldrode)" in form.content.decode()
        assert answer.status_code == 200
        assert "geldige keuze" in answer.content.decode()
        ok = client.post(url, {**data, "kern": veldrode_kern.pk})
        assert ok.status_code == 302
    else:
        assert form.status_code == 200
        assert answer.status_code == 302
    created = Trajectory.objects.filter(title="Nieuw traject", kern=cast.centrum)
    assert created.exists() == (who in EDITORS)


def test_a_step_with_its_end_before_its_start_is_refused_with_a_reason(client, cast, maasdijk_trajectory):
    client.force_login(cast.femke)
    step = maasdijk_trajectory.steps.get(order=1)
    answer = client.post(
        reverse("dna:edit_step", kwargs={"pk": maasdijk_trajectory.pk, "step_pk": step.pk}),
        {"name": "Start", "status": "bezig", "start_date": "2026-05-02", "end_date": "2026-05-01"},
    )
    assert answer.status_code == 200
    assert "De einddatum ligt vóór de begindatum" in answer.content.decode()
    assert Step.objects.get(pk=step.pk).start_date is None


def test_publishing_asks_first_then_makes_it_public_and_logs_it(client, cast, maasdijk_trajectory):
    client.force_login(cast.ellen)
    url = reverse("dna:publish", kwargs={"pk": maasdijk_trajectory.pk})
    client.post(url, {"is_published": "1"})  # without the confirmation: only the question
    maasdijk_trajectory.refresh_from_db()
    assert not maasdijk_trajectory.is_published
    client.post(url, {"is_published": "1", "confirm": "1"})
    maasdijk_trajectory.refresh_from_db()
    assert maasdijk_trajectory.is_published
    assert AuditEvent.objects.filter(action="dna.trajectory_published", actor=cast.ellen).exists()


def test_hostile_text_reaches_every_page_as_text(client, cast, maasdijk_trajectory):
    trajectory_actions.change_trajectory(cast.ellen, maasdijk_trajectory, title=HOSTILE)
    step = maasdijk_trajectory.steps.get(order=1)
    step_actions.change_step(cast.ellen, step, name=HOSTILE, description=HOSTILE, notes=HOSTILE, participants=HOSTILE)
    trajectory_actions.set_published(cast.ellen, maasdijk_trajectory, True)
    client.force_login(cast.ellen)
    pages = [
        reverse("dna:index"),
        reverse("dna:trajectory", kwargs={"pk": maasdijk_trajectory.pk}),
        reverse("dna:edit_step", kwargs={"pk": maasdijk_trajectory.pk, "step_pk": step.pk}),
        reverse("dna:remove_step", kwargs={"pk": maasdijk_trajectory.pk, "step_pk": step.pk}),
        reverse("site:workspace", kwargs={"slug": cast.maasdijk.slug}),
        reverse("places:kern", kwargs={"gemeente": cast.maasdijk.slug, "slug": cast.centrum.slug}),
    ]
    for url in pages:
        text = client.get(url).content.decode()
        assert '<script>alert("dna")' not in text, url
        assert "<img src=x" not in text, url
        assert "&lt;script&gt;" in text, url


# --- Registry hooks: workspace and place page ---------------------------------------------------------------------


def test_the_workspace_lists_the_trajectories_and_offers_to_start_one(client, cast):
    client.force_login(cast.femke)
    url = reverse("site:workspace", kwargs={"slug": cast.maasdijk.slug})
    text = client.get(url).content.decode()
    assert "Start een DNA-traject" in text
    assert reverse("dna:start") + "?gemeente=maasdijk" in text
    trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")
    text = client.get(url).content.decode()
    assert "DNA Centrum" in text and "niet openbaar" in text


def test_the_core_page_shows_a_published_trajectory_to_visitors_and_an_unpublished_one_to_staff(
    client, cast, maasdijk_trajectory
):
    url = reverse("places:kern", kwargs={"gemeente": cast.maasdijk.slug, "slug": cast.centrum.slug})
    assert "DNA Centrum" not in client.get(url).content.decode()
    client.force_login(cast.sofie)
    assert "DNA Centrum" not in client.get(url).content.decode()
    client.force_login(cast.ellen)
    assert "DNA Centrum" in client.get(url).content.decode()
    trajectory_actions.set_published(cast.ellen, maasdijk_trajectory, True)
    client.logout()
    assert "DNA Centrum" in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"])
def test_the_back_office_menu_leads_staff_and_facilitators_to_the_trajectories(client, cast, who):
    user = cast.by_role()[who]
    client.force_login(user)
    answer = client.get("/beheer/")
    if who == "lid":
        assert answer.status_code in (302, 403)
        return
    assert (reverse("dna:index") in answer.content.decode()) == (who in EDITORS | {"gemeente_andere"})


def test_the_sitemap_lists_published_trajectories_only(client, cast, maasdijk_trajectory):
    hidden = trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="Nog geheim", method="compact")
    trajectory_actions.set_published(cast.ellen, maasdijk_trajectory, True)
    text = client.get("/sitemap.xml").content.decode()
    assert maasdijk_trajectory.get_absolute_url() in text
    assert hidden.get_absolute_url() not in text


# --- API ---------------------------------------------------------------------------------------------------------


def test_the_api_lists_published_trajectories_only_without_notes(client, cast, maasdijk_trajectory):
    hidden = trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="Nog geheim", method="compact")
    step = maasdijk_trajectory.steps.get(order=1)
    step_actions.change_step(cast.ellen, step, notes="Interne notitie", participants="UNIZO")
    trajectory_actions.set_published(cast.ellen, maasdijk_trajectory, True)
    answer = client.get("/api/v1/dna/trajectories")
    assert answer.status_code == 200
    data = answer.json()
    assert data["count"] == 1
    [item] = data["items"]
    assert item["title"] == "DNA Centrum" and item["kern"]["slug"] == "centrum"
    assert item["steps"][0]["participants"] == "UNIZO"
    assert "Interne notitie" not in answer.content.decode()
    assert hidden.title not in answer.content.decode()
    assert client.get("/api/v1/dna/trajectories?limit=101").status_code == 422
    assert client.get("/api/v1/dna/trajectories?offset=1").json()["items"] == []
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/dna/trajectories" in schema["paths"]


# --- Demo ---------------------------------------------------------------------------------------------------------


def test_the_demo_loads_a_published_and_an_unpublished_trajectory_once(cast):
    Kern.objects.create(
        gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp", kind=KernKind.HOOFDKERN
    )
    first = load_demo(cast.anton)
    assert first.created["dna.Trajectory"] == 2
    published = Trajectory.objects.get(is_published=True)
    assert published.kern.slug == "dorp" and published.method == Method.NAAR_DE_KERN
    assert published.steps.filter(status=StepStatus.AFGEROND).count() == 5
    assert Trajectory.objects.get(is_published=False).kern == cast.centrum
    rows = list(Step.objects.order_by("pk").values())
    events = AuditEvent.objects.count()
    again = load_demo(cast.anton)
    assert not again.created
    assert list(Step.objects.order_by("pk").values()) == rows
    assert AuditEvent.objects.count() == events


def test_the_pages_speak_english_under_en_and_dutch_otherwise(client, cast, maasdijk_trajectory):
    trajectory_actions.set_published(cast.ellen, maasdijk_trajectory, True)
    url = reverse("dna:trajectory", kwargs={"pk": maasdijk_trajectory.pk})
    dutch = client.get(url).content.decode()
    assert "Stappen" in dutch and "Naar de Kern Compact (zeven stappen)" in dutch
    english = client.get("/en" + url).content.decode()
    assert "Steps" in english and "Naar de Kern Compact (seven steps)" in english and ">planned<" in english
