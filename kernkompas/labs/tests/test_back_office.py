"""The Binnenstadslab's back-office lists: a municipality edits its own canvas templates and roles, reads the
platform-wide ones, and never sees another municipality's; only administrators change the platform-wide ones."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.labs.models import CanvasTemplate, SteeringRole

ADD = "wagtailsnippets_labs_canvastemplate:add"
EDIT = "wagtailsnippets_labs_canvastemplate:edit"
LIST = "wagtailsnippets_labs_canvastemplate:list"


@pytest.fixture
def templates(cast):
    shared = CanvasTemplate.objects.get(gemeente=None, name="Canvas Nieuwe Binnensteden")
    veldrode = CanvasTemplate.objects.create(
        gemeente=cast.veldrode, name="Canvas Veldrode", lenses=[{"key": "a", "title": "A", "prompt": ""}]
    )
    return shared, veldrode


def test_staff_make_a_template_for_their_municipality_from_lines_of_text(client, cast, templates):
    client.force_login(cast.ellen)
    response = client.post(
        reverse(ADD),
        {
            "name": "Canvas Maasdijk",
            "description": "",
            "gemeente": cast.maasdijk.pk,
            "lenses_text": "Wonen | Waar kan er meer gewoond worden?\n\n<script>x</script> | vraag\nWonen",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    made = CanvasTemplate.objects.get(name="Canvas Maasdijk")
    assert made.gemeente == cast.maasdijk
    assert made.lenses == [
        {"key": "wonen", "title": "Wonen", "prompt": "Waar kan er meer gewoond worden?"},
        {"key": "scriptxscript", "title": "<script>x</script>", "prompt": "vraag"},
        {"key": "wonen-3", "title": "Wonen", "prompt": ""},
    ]
    assert AuditEvent.objects.filter(action="labs.canvastemplate_created", gemeente=cast.maasdijk).exists()


def test_a_template_without_lenses_or_for_another_municipality_is_refused(client, cast, templates):
    client.force_login(cast.ellen)
    empty = client.post(reverse(ADD), {"name": "Leeg", "gemeente": cast.maasdijk.pk, "lenses_text": "  \n "})
    assert empty.status_code == 200 and not CanvasTemplate.objects.filter(name="Leeg").exists()
    other = client.post(reverse(ADD), {"name": "Vreemd", "gemeente": cast.veldrode.pk, "lenses_text": "A | b"})
    assert other.status_code == 200 and not CanvasTemplate.objects.filter(name="Vreemd").exists()


@pytest.mark.parametrize(
    "who, sees_veldrode, edits_shared",
    [("ellen", False, False), ("femke", False, False), ("sofie", True, False), ("anton", True, True)],
)
def test_who_sees_and_changes_which_template(client, cast, templates, who, sees_veldrode, edits_shared):
    shared, veldrode = templates
    client.force_login(getattr(cast, who))
    listing = client.get(reverse(LIST)).content.decode()
    assert "Canvas Nieuwe Binnensteden" in listing
    assert ("Canvas Veldrode" in listing) is sees_veldrode
    edit_veldrode = client.get(reverse(EDIT, args=[veldrode.pk]))
    assert edit_veldrode.status_code in ((200,) if sees_veldrode else (403, 404, 302))
    edit_shared = client.get(reverse(EDIT, args=[shared.pk]))
    assert (edit_shared.status_code == 200) is edits_shared


@pytest.mark.parametrize("who", ["bram", "eva"])
def test_members_and_editors_have_no_canvas_screens(client, cast, templates, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse(LIST)).status_code in (302, 403)


def test_the_platform_roles_are_read_only_for_staff_and_their_own_are_theirs(client, cast):
    own = SteeringRole.objects.create(gemeente=cast.maasdijk, name="Aanjager")
    regisseur = SteeringRole.objects.get(gemeente=None, name="Regisseur")
    client.force_login(cast.ellen)
    assert client.get(reverse("wagtailsnippets_labs_steeringrole:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_labs_steeringrole:edit", args=[regisseur.pk])).status_code != 200
    client.force_login(cast.sofie)
    assert client.get(reverse("wagtailsnippets_labs_steeringrole:edit", args=[own.pk])).status_code == 404
