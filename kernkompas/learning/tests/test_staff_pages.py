"""The overview of what a user runs, theme frameworks (editors only), programmes, the workspace panel and the back
office: every role, every scope, bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.learning import access
from kernkompas.learning.models import LearningTheme, Programme, Session, ThemeFramework
from kernkompas.learning.tests.test_staff_fixtures import at, client_for, make_world
from kernkompas.places.models import Regio

pytestmark = pytest.mark.django_db

ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]


@pytest.fixture
def world(cast, monkeypatch):
    return make_world(cast, monkeypatch)


def get(user, name, *args):
    return client_for(user).get(reverse(name, args=args))


# --- The permission helpers ------------------------------------------------------------------------------------


def test_who_runs_which_programme(world):
    runs = {role: set(access.programmes_run_by(user)) for role, user in world.cast.by_role().items()}
    everything = {world.programme, world.other_programme, world.platform}
    assert runs["bezoeker"] == runs["lid"] == set()
    assert runs["gemeente"] == runs["begeleider"] == {world.programme}
    assert runs["gemeente_andere"] == {world.other_programme}
    assert runs["redactie"] == runs["beheerder"] == everything
    for role, user in world.cast.by_role().items():
        for programme in everything:
            assert access.can_run_programme(user, programme) is (programme in runs[role]), (role, programme)


def test_who_publishes(world):
    assert access.can_publish_in(world.ellen, world.programme)
    assert not access.can_publish_in(world.femke, world.programme)
    assert not access.can_publish_in(world.ellen, world.platform)
    assert access.can_publish_in(world.eva, world.platform)


def test_visible_sessions_are_the_published_ones_plus_ones_own(world):
    draft_elsewhere = Session.objects.create(
        programme=world.other_programme,
        title="Concept Veldrode",
        slug="concept",
        starts_at=at(2030, 6, 1),
        ends_at=at(2030, 6, 1, 16),
    )
    published = Session.objects.create(
        programme=world.other_programme,
        title="Open Veldrode",
        slug="open",
        starts_at=at(2030, 6, 2),
        ends_at=at(2030, 6, 2, 16),
        status="gepubliceerd",
    )
    assert set(access.visible_sessions(world.bram)) == {published}
    assert set(access.visible_sessions(world.ellen)) == {published, world.session}
    assert set(access.visible_sessions(world.sofie)) == {published, draft_elsewhere}
    assert set(access.visible_sessions(world.eva)) == {published, draft_elsewhere, world.session}


# --- The overview ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), list(zip(ROLES, [302, 404, 200, 200, 200, 200, 200], strict=True)))
def test_who_opens_the_overview(world, role, status):
    assert get(world.cast.by_role()[role], "learning:manage").status_code == status


def test_the_overview_shows_only_what_the_user_runs(world):
    ellen = get(world.ellen, "learning:manage").content.decode()
    assert "Leren in Maasdijk" in ellen and "Aanpak leegstand" in ellen
    assert "Leren in Veldrode" not in ellen and "Stedelijk leren</a>" not in ellen
    assert reverse("learning:frameworks") not in ellen
    eva = get(world.eva, "learning:manage").content.decode()
    assert "Leren in Veldrode" in eva and reverse("learning:frameworks") in eva


@pytest.mark.parametrize(("role", "status"), list(zip(ROLES, [302, 404, 200, 404, 200, 200, 200], strict=True)))
def test_who_opens_maasdijks_programme_and_session(world, role, status):
    user = world.cast.by_role()[role]
    assert get(user, "learning:programme_manage", world.programme.pk).status_code == status
    assert get(user, "learning:programme_edit", world.programme.pk).status_code == status
    assert get(user, "learning:session_manage", world.session.pk).status_code == status
    assert get(user, "learning:session_edit", world.session.pk).status_code == status


def test_an_unknown_session_is_not_found(world):
    assert get(world.anton, "learning:session_manage", 999999).status_code == 404


def test_the_session_page_counts_registrations_and_links_to_the_other_screens(world):
    from kernkompas.learning.models import RegistrationStatus
    from kernkompas.learning.tests.test_staff_fixtures import register

    register(world.session, "Anna")
    register(world.session, "Bert")
    register(world.session, "Cor", RegistrationStatus.WACHTLIJST)
    response = get(world.ellen, "learning:session_manage", world.session.pk)
    assert (response.context["registered"], response.context["waiting"]) == (2, 1)
    html = response.content.decode()
    assert reverse("learning:session_edit", args=[world.session.pk]) in html
    assert reverse("learning:session_publish", args=[world.session.pk]) in html
    assert reverse("learning:material_new", args=[world.session.pk]) in html
    if response.context["attendance_url"]:
        assert response.context["attendance_url"] in html


# --- Programmes -------------------------------------------------------------------------------------------------


def programme_data(**changes):
    data = {"title": "Kernenleren", "description": "", "framework": "", "is_public": "on"}
    data.update(changes)
    return data


def test_ellen_starts_a_programme_for_her_municipality(world):
    response = client_for(world.ellen).post(
        reverse("learning:programme_new"), programme_data(gemeente=world.maasdijk.pk)
    )
    programme = Programme.objects.get(title="Kernenleren")
    assert response["Location"] == reverse("learning:programme_manage", args=[programme.pk])
    assert programme.gemeente == world.maasdijk
    assert programme.framework == world.framework  # the default framework when none is chosen
    assert AuditEvent.objects.filter(action="learning.programme_created", gemeente=world.maasdijk).exists()


def test_ellen_cannot_start_a_platform_wide_or_veldrode_programme(world):
    client = client_for(world.ellen)
    assert client.post(reverse("learning:programme_new"), programme_data()).status_code == 400
    response = client.post(reverse("learning:programme_new"), programme_data(gemeente=world.veldrode.pk))
    assert response.status_code == 400 and "gemeente" in response.context["form"].errors
    assert not Programme.objects.filter(title="Kernenleren").exists()


def test_an_editor_starts_a_platform_wide_programme(world):
    assert client_for(world.eva).post(reverse("learning:programme_new"), programme_data()).status_code == 302
    assert Programme.objects.get(title="Kernenleren").gemeente is None


def test_a_regional_programme_belongs_to_one_of_the_regions_municipalities(world):
    regio = Regio.objects.create(name="Maasland", slug="maasland")
    regio.gemeenten.add(world.maasdijk, world.veldrode)
    other = Regio.objects.create(name="Elders", slug="elders")
    client = client_for(world.ellen)
    refused = client.post(reverse("learning:programme_new"), programme_data(gemeente=world.maasdijk.pk, regio=other.pk))
    assert refused.status_code == 400 and "regio" in refused.context["form"].errors
    client.post(reverse("learning:programme_new"), programme_data(gemeente=world.maasdijk.pk, regio=regio.pk))
    programme = Programme.objects.get(title="Kernenleren")
    assert programme.regio == regio
    # An intervision of a regional programme may put an area of any of the region's municipalities at its centre.
    assert world.station in access.gebieden_for(programme)


def test_markup_in_a_programme_title_is_shown_as_text(world):
    client_for(world.ellen).post(
        reverse("learning:programme_new"), programme_data(title="<b>Vet</b>", gemeente=world.maasdijk.pk)
    )
    html = get(world.ellen, "learning:manage").content.decode()
    assert "<b>Vet</b>" not in html and "&lt;b&gt;Vet&lt;/b&gt;" in html


def test_programme_slugs_stay_unique(world):
    for _ in range(2):
        client_for(world.ellen).post(reverse("learning:programme_new"), programme_data(gemeente=world.maasdijk.pk))
    assert sorted(Programme.objects.filter(title="Kernenleren").values_list("slug", flat=True)) == [
        "kernenleren",
        "kernenleren-2",
    ]


# --- Theme frameworks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), list(zip(ROLES, [302, 404, 404, 404, 404, 200, 200], strict=True)))
def test_only_editors_and_administrators_define_frameworks(world, role, status):
    user = world.cast.by_role()[role]
    theme = world.framework.themes.first()
    assert get(user, "learning:frameworks").status_code == status
    assert get(user, "learning:framework_new").status_code == status
    assert get(user, "learning:framework_edit", world.framework.pk).status_code == status
    assert get(user, "learning:theme_new", world.framework.pk).status_code == status
    assert get(user, "learning:theme_edit", theme.pk).status_code == status


def test_an_editor_enters_the_stuurwiel_as_a_second_framework(world):
    client = client_for(world.eva)
    response = client.post(
        reverse("learning:framework_new"), {"name": "Stuurwiel CMA", "description": "", "order": "1"}
    )
    assert response.status_code == 302
    stuurwiel = ThemeFramework.objects.get(name="Stuurwiel CMA")
    for name in ("Samenwerking", "Ruimtelijke kwaliteit", "Samenwerking"):
        client.post(reverse("learning:theme_new", args=[stuurwiel.pk]), {"name": name, "order": "0"})
    assert list(stuurwiel.themes.values_list("name", flat=True)) == ["Ruimtelijke kwaliteit", "Samenwerking"]
    page = client.get(reverse("learning:frameworks")).content.decode()
    assert "Stuurwiel CMA" in page and "Ruimtelijke kwaliteit" in page
    assert AuditEvent.objects.filter(action="learning.theme_created").count() == 2


def test_a_theme_is_renamed_and_removed(world):
    theme = world.framework.themes.first()
    client = client_for(world.anton)
    client.post(reverse("learning:theme_edit", args=[theme.pk]), {"name": "Leegstand aanpakken", "order": "0"})
    theme.refresh_from_db()
    assert theme.name == "Leegstand aanpakken"
    client.post(reverse("learning:theme_remove", args=[theme.pk]))
    assert not LearningTheme.objects.filter(pk=theme.pk).exists()


def test_the_default_framework_stays(world):
    response = client_for(world.eva).post(reverse("learning:framework_remove", args=[world.framework.pk]), follow=True)
    assert ThemeFramework.objects.filter(pk=world.framework.pk).exists()
    assert "standaardkader" in response.content.decode()


def test_a_framework_without_a_name_is_refused(world):
    response = client_for(world.eva).post(reverse("learning:framework_new"), {"name": "", "order": "0"})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors


# --- The workspace panel ----------------------------------------------------------------------------------------


def test_the_workspace_of_maasdijk_lists_its_programmes_and_coming_sessions(world):
    html = get(world.ellen, "site:workspace", "maasdijk").content.decode()
    assert "Stedelijk leren" in html
    assert reverse("learning:programme_manage", args=[world.programme.pk]) in html
    assert reverse("learning:session_manage", args=[world.session.pk]) in html
    assert "Leren in Veldrode" not in html


def test_a_municipality_without_a_programme_is_offered_to_start_one(world):
    html = get(world.sofie, "site:workspace", "veldrode").content.decode()
    assert "Leren in Veldrode" in html
    Programme.objects.filter(gemeente=world.veldrode).delete()
    html = get(world.sofie, "site:workspace", "veldrode").content.decode()
    assert reverse("learning:programme_new") in html


# --- The back office --------------------------------------------------------------------------------------------

PROGRAMMES = "wagtailsnippets_learning_programme"
SESSIONS = "wagtailsnippets_learning_session"
FRAMEWORKS = "wagtailsnippets_learning_themeframework"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("ellen", {"Leren in Maasdijk"}),
        ("femke", {"Leren in Maasdijk"}),
        ("sofie", {"Leren in Veldrode"}),
        ("eva", {"Leren in Maasdijk", "Leren in Veldrode", "Stedelijk leren"}),
        ("anton", {"Leren in Maasdijk", "Leren in Veldrode", "Stedelijk leren"}),
    ],
)
def test_the_back_office_lists_only_the_programmes_one_runs(world, who, sees):
    html = client_for(getattr(world, who)).get(reverse(f"{PROGRAMMES}:list")).content.decode()
    for title in ("Leren in Maasdijk", "Leren in Veldrode"):
        assert (title in html) is (title in sees), (who, title)


def test_another_municipalitys_session_is_not_found_in_the_back_office(world):
    assert client_for(world.sofie).get(reverse(f"{SESSIONS}:edit", args=[world.session.pk])).status_code == 404
    assert client_for(world.ellen).get(reverse(f"{SESSIONS}:edit", args=[world.session.pk])).status_code == 200


def test_frameworks_are_the_editors_in_the_back_office(world):
    assert client_for(world.eva).get(reverse(f"{FRAMEWORKS}:list")).status_code == 200
    assert client_for(world.ellen).get(reverse(f"{FRAMEWORKS}:list")).status_code in (302, 403)


def test_a_back_office_edit_goes_through_the_operation_and_the_audit_log(world):
    client = client_for(world.ellen)
    data = {"title": "Leren in Maasdijk 2030", "description": "", "gemeente": world.maasdijk.pk, "is_public": "on"}
    response = client.post(reverse(f"{PROGRAMMES}:edit", args=[world.programme.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    world.programme.refresh_from_db()
    assert world.programme.title == "Leren in Maasdijk 2030"
    assert AuditEvent.objects.filter(action="learning.programme_changed", target_id=str(world.programme.pk)).exists()


def test_a_back_office_edit_that_does_not_fit_is_refused_on_the_form(world):
    client = client_for(world.ellen)
    data = {"title": "Gekaapt", "description": "", "gemeente": world.veldrode.pk, "is_public": "on"}
    response = client.post(reverse(f"{PROGRAMMES}:edit", args=[world.programme.pk]), data)
    assert response.status_code == 200
    world.programme.refresh_from_db()
    assert world.programme.title == "Leren in Maasdijk"


def back_office_session(programme, **changes):
    data = {
        "programme": programme.pk,
        "kind": "thematisch",
        "title": "Sessie uit de beheeromgeving",
        "description": "",
        "starts_at": "2030-05-01 14:00",
        "ends_at": "2030-05-01 15:00",
        "format": "online",
        "location": "",
        "meeting_url": "https://meet.example.org/beheer",
        "meeting_link_opens_minutes": "30",
        "speakers": "",
        "capacity": "",
        "advice_open": "on",
    }
    data.update(changes)
    return data


def test_a_session_made_in_the_back_office_is_checked_like_one_made_on_the_staff_pages(world):
    client = client_for(world.ellen)
    add = reverse(f"{SESSIONS}:add")
    assert client.get(add).status_code == 200
    refused = client.post(add, back_office_session(world.programme, ends_at="2030-05-01 13:00"))
    assert refused.status_code == 200 and "ends_at" in refused.context["form"].errors
    elsewhere = client.post(add, back_office_session(world.other_programme))
    assert elsewhere.status_code == 200 and "programme" in elsewhere.context["form"].errors
    assert not Session.objects.filter(title="Sessie uit de beheeromgeving").exists()
    made = client.post(add, back_office_session(world.programme))
    assert made.status_code == 302, made.context["form"].errors
    session = Session.objects.get(title="Sessie uit de beheeromgeving")
    assert session.starts_at == at(2030, 5, 1, 14)
    assert AuditEvent.objects.filter(action="learning.session_created", target_id=str(session.pk)).exists()


def test_only_editors_delete_and_only_a_draft_nobody_registered_for(world):
    from kernkompas.learning.tests.test_staff_fixtures import register

    delete = reverse(f"{SESSIONS}:delete", args=[world.session.pk])
    assert client_for(world.ellen).post(delete).status_code in (302, 403)
    assert Session.objects.filter(pk=world.session.pk).exists()
    register(world.session, "Anna")
    assert client_for(world.eva).post(delete).status_code == 404
    assert Session.objects.filter(pk=world.session.pk).exists()
    world.session.registrations.all().delete()
    assert client_for(world.eva).post(delete).status_code == 302
    assert not Session.objects.filter(pk=world.session.pk).exists()
    assert AuditEvent.objects.filter(action="learning.backoffice_deleted").exists()


def every_staff_url(world):
    from kernkompas.learning.models import Material

    material = Material.objects.create(session=world.session, title="Opname", url="https://video.example.org/1")
    theme = world.framework.themes.first()
    return [
        reverse("learning:manage"),
        reverse("learning:frameworks"),
        reverse("learning:framework_new"),
        reverse("learning:framework_edit", args=[world.framework.pk]),
        reverse("learning:framework_remove", args=[world.framework.pk]),
        reverse("learning:theme_new", args=[world.framework.pk]),
        reverse("learning:theme_edit", args=[theme.pk]),
        reverse("learning:theme_remove", args=[theme.pk]),
        reverse("learning:programme_new"),
        reverse("learning:programme_manage", args=[world.programme.pk]),
        reverse("learning:programme_edit", args=[world.programme.pk]),
        reverse("learning:session_new", args=[world.programme.pk]),
        reverse("learning:session_manage", args=[world.session.pk]),
        reverse("learning:session_edit", args=[world.session.pk]),
        reverse("learning:session_publish", args=[world.session.pk]),
        reverse("learning:session_cancel", args=[world.session.pk]),
        reverse("learning:material_new", args=[world.session.pk]),
        reverse("learning:material_edit", args=[material.pk]),
        reverse("learning:material_remove", args=[material.pk]),
        reverse("learning:material_move", args=[material.pk]),
    ]


def test_every_staff_page_sends_an_anonymous_visitor_to_the_login_page(world):
    from django.conf import settings

    for url in every_staff_url(world):
        for method in ("get", "post"):
            response = getattr(client_for(None), method)(url)
            assert response.status_code == 302, (method, url)
            assert response["Location"].startswith(reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else "/")


def test_every_staff_page_is_not_found_for_a_member_without_a_role(world):
    for url in every_staff_url(world):
        for method in ("get", "post"):
            status = getattr(client_for(world.bram), method)(url).status_code
            assert status in (404, 405), (method, url, status)
    world.session.refresh_from_db()
    assert world.session.status == "concept"


def test_every_page_of_maasdijks_programme_is_not_found_for_sofie(world):
    urls = [url for url in every_staff_url(world) if "/programma/" in url or "/sessie/" in url or "/materiaal/" in url]
    for url in urls:
        if url.endswith("/programma/nieuw/"):
            continue
        for method in ("get", "post"):
            status = getattr(client_for(world.sofie), method)(url).status_code
            assert status in (404, 405), (method, url, status)
