"""Materials before and after a session: links (only http and https), uploaded slides in the document library,
notes, their order, their links to cases and themes, and who may change them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.learning.models import Material, MaterialTiming
from kernkompas.learning.tests.test_staff_fixtures import client_for, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, monkeypatch):
    return make_world(cast, monkeypatch)


def material_data(**changes) -> dict:
    data = {
        "kind": "opname",
        "timing": "achteraf",
        "title": "Opname van de sessie",
        "url": "https://video.example.org/1",
    }
    data.update(changes)
    return data


def add(user, session, **changes):
    return client_for(user).post(reverse("learning:material_new", args=[session.pk]), material_data(**changes))


def test_ellen_adds_a_recording_linked_to_a_case_and_a_theme(world):
    theme = world.framework.themes.first()
    response = add(world.ellen, world.session, cases=[world.case.pk], themes=[theme.pk])
    assert response.status_code == 302
    material = Material.objects.get(title="Opname van de sessie")
    assert material.session == world.session
    assert list(material.cases.all()) == [world.case]
    assert list(material.themes.all()) == [theme]
    assert AuditEvent.objects.filter(action="learning.material_added").exists()
    page = client_for(world.ellen).get(reverse("learning:session_manage", args=[world.session.pk])).content.decode()
    assert "Opname van de sessie" in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x", "vbscript:x"])
def test_only_web_links_are_accepted(world, url):
    response = add(world.ellen, world.session, url=url)
    assert response.status_code == 400
    assert "url" in response.context["form"].errors
    assert "https://" in " ".join(response.context["form"].errors["url"])
    assert not Material.objects.exists()


def test_the_operation_itself_refuses_a_javascript_link(world):
    from django.core.exceptions import ValidationError

    from kernkompas.learning.actions import programme as operations

    with pytest.raises(ValidationError) as error:
        operations.add_material(
            world.ellen, world.session, {"kind": "link", "title": "x", "url": "javascript:alert(1)"}
        )
    assert "url" in error.value.message_dict


def test_a_recording_needs_its_link(world):
    response = add(world.ellen, world.session, url="")
    assert response.status_code == 400
    assert "Geef de link naar de opname." in response.context["form"].errors["url"]


def test_notes_are_written_text(world):
    assert add(world.ellen, world.session, kind="verslag", url="", text="").status_code == 400
    assert add(world.ellen, world.session, kind="verslag", url="", text="Drie lessen: ...").status_code == 302


def test_slides_are_uploaded_into_the_document_library(world):
    upload = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
    data = material_data(kind="slides", timing="vooraf", title="Slides", url="", upload=upload)
    response = client_for(world.ellen).post(reverse("learning:material_new", args=[world.session.pk]), data)
    assert response.status_code == 302
    material = Material.objects.get(title="Slides")
    assert material.document is not None
    assert material.document.file.name.endswith(".pdf")


def test_a_file_of_a_kind_the_library_refuses_is_not_stored(world):
    upload = SimpleUploadedFile("slides.exe", b"MZ", content_type="application/octet-stream")
    data = material_data(kind="slides", timing="vooraf", title="Slides", url="", upload=upload)
    response = client_for(world.ellen).post(reverse("learning:material_new", args=[world.session.pk]), data)
    assert response.status_code == 400
    assert "upload" in response.context["form"].errors
    assert not Material.objects.exists()


def test_markup_in_a_material_title_is_shown_as_text(world):
    add(world.ellen, world.session, title="<img src=x onerror=alert(1)>")
    page = client_for(world.ellen).get(reverse("learning:session_manage", args=[world.session.pk])).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_materials_are_changed_moved_and_removed(world):
    for title in ("Eerste", "Tweede", "Derde"):
        add(world.ellen, world.session, title=title)
    first, second, third = Material.objects.order_by("order")
    client = client_for(world.ellen)
    edit = client.post(reverse("learning:material_edit", args=[second.pk]), material_data(title="Tweede (nieuw)"))
    assert edit.status_code == 302
    client.post(reverse("learning:material_move", args=[third.pk]), {"richting": "op"})
    titles = list(world.session.materials.filter(timing=MaterialTiming.ACHTERAF).values_list("title", flat=True))
    assert titles == ["Eerste", "Derde", "Tweede (nieuw)"]
    assert client.get(reverse("learning:material_remove", args=[first.pk])).status_code == 200
    client.post(reverse("learning:material_remove", args=[first.pk]))
    assert not Material.objects.filter(pk=first.pk).exists()
    assert AuditEvent.objects.filter(action="learning.material_removed").exists()


def test_moving_the_first_one_up_changes_nothing(world):
    add(world.ellen, world.session, title="Eerste")
    add(world.ellen, world.session, title="Tweede")
    first = Material.objects.get(title="Eerste")
    client_for(world.ellen).post(reverse("learning:material_move", args=[first.pk]), {"richting": "op"})
    assert list(world.session.materials.values_list("title", flat=True)) == ["Eerste", "Tweede"]


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
def test_who_may_change_the_materials_of_maasdijks_session(world, role, status):
    add(world.ellen, world.session)
    material = Material.objects.get()
    user = world.cast.by_role()[role]
    for name in ("learning:material_new",):
        assert client_for(user).get(reverse(name, args=[world.session.pk])).status_code == status
    for name in ("learning:material_edit", "learning:material_remove"):
        assert client_for(user).get(reverse(name, args=[material.pk])).status_code == status


def test_sofie_cannot_remove_or_move_maasdijks_material(world):
    add(world.ellen, world.session)
    material = Material.objects.get()
    assert client_for(world.sofie).post(reverse("learning:material_remove", args=[material.pk])).status_code == 404
    assert client_for(world.sofie).post(reverse("learning:material_move", args=[material.pk])).status_code == 404
    assert Material.objects.filter(pk=material.pk).exists()
