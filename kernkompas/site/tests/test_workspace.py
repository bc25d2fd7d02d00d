"""A municipality's workspace and where each role lands after logging in (issue 11).

On main every role landed on the profile form after log-in, and there was no workspace: a new centre manager had
to find her areas, imports, thresholds and colleagues in three different places. Every test here failed there.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kernkompas.accounts.actions import invitations
from kernkompas.accounts.models import Membership, Role
from kernkompas.core import parts
from kernkompas.core.workspace import Panel
from kernkompas.monitor.models import Count, PendingUpload, Threshold
from kernkompas.places.models import Gebied
from kernkompas.testing import PASSWORD

pytestmark = pytest.mark.django_db


def workspace_url(gemeente) -> str:
    return reverse("site:workspace", kwargs={"slug": gemeente.slug})


# --- Who sees the workspace ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("gemeente", 200),
        ("begeleider", 200),
        ("beheerder", 200),
        ("gemeente_andere", 403),  # Sofie of Veldrode
        ("redactie", 403),
        ("lid", 403),
        ("bezoeker", 302),  # to the log-in
    ],
)
def test_who_sees_the_workspace_of_maasdijk(client, cast, who, status):
    person = cast.by_role()[who]
    if person:
        client.force_login(person)
    response = client.get(workspace_url(cast.maasdijk))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    if status == 403:
        assert "Marktplein" not in response.content.decode()


def test_an_unknown_municipality_is_not_found(client, cast):
    client.force_login(cast.anton)
    assert client.get(reverse("site:workspace", kwargs={"slug": "nergensdorp"})).status_code == 404


# --- What it shows -------------------------------------------------------------------------------------------------


def test_cores_and_areas_with_their_state_and_links(client, cast):
    Gebied.objects.create(kern=cast.centrum, name="Stationsstraat", slug="stationsstraat", is_public=True)
    client.force_login(cast.ellen)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "Maasdijk-Centrum" in html
    assert "Marktplein" in html and "niet openbaar: alleen je gemeente ziet het" in html
    assert "Stationsstraat" in html and ">openbaar<" in html
    assert reverse("monitor:gebied", kwargs={"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"}) in html
    assert reverse("monitor:upload", kwargs={"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"}) in html
    assert reverse("wagtailsnippets_places_gebied:edit", args=[cast.markt.pk]) in html
    assert cast.centrum.get_absolute_url() in html


def test_next_steps_when_there_is_no_area_yet(client, cast):
    cast.markt.delete()
    client.force_login(cast.ellen)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "Maak je eerste gebied" in html
    # Prefilled with the municipality's main core.
    assert f"{reverse('wagtailsnippets_places_gebied:add')}?kern={cast.centrum.pk}" in html


def test_an_area_without_a_count_asks_for_an_import_and_one_with_counts_shows_them(client, cast):
    client.force_login(cast.ellen)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "Importeer een telling voor Marktplein" in html
    assert "Nog geen telling" in html
    Count.objects.create(gebied=cast.markt, date=date(2025, 3, 1))
    Threshold.objects.create(gebied=cast.markt, indicator="vacancy_rate", direction="above", value=0.1)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "Importeer een telling voor Marktplein" not in html
    assert "1 telling, de laatste op 1 maart 2025" in html
    assert "1 actieve drempelwaarde" in html


def test_open_imports_are_listed_and_only_the_uploader_continues(client, cast):
    upload = PendingUpload.objects.create(
        gebied=cast.markt, kind="units", file_name="telling-2025.xlsx", created_by=cast.femke
    )
    upload.file.save("telling-2025.xlsx", ContentFile(b"x"), save=True)
    client.force_login(cast.ellen)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "telling-2025.xlsx" in html
    continue_url = reverse(
        "monitor:upload_columns",
        kwargs={"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein", "pk": upload.pk},
    )
    assert continue_url not in html
    client.force_login(cast.femke)
    assert continue_url in client.get(workspace_url(cast.maasdijk)).content.decode()
    upload.file.delete()


def test_staff_see_pending_invitations_and_are_asked_to_invite_a_colleague(client, cast):
    invitations.invite("nieuwe.collega@example.org", Role.GEMEENTE, cast.maasdijk, by=cast.ellen)
    client.force_login(cast.ellen)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "Nodig een collega uit" in html
    assert "nieuwe.collega@example.org" in html
    assert reverse("kk_members:gemeente", kwargs={"slug": "maasdijk"}) in html


def test_facilitators_see_the_people_but_cannot_invite(client, cast):
    invitations.invite("nieuwe.collega@example.org", Role.GEMEENTE, cast.maasdijk, by=cast.ellen)
    client.force_login(cast.femke)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "Ellen" in html
    assert "Nodig een collega uit" not in html
    assert "nieuwe.collega@example.org" not in html  # the address is for those who manage the members
    assert "1 uitnodiging wacht op antwoord." in html
    assert reverse("kk_members:gemeente", kwargs={"slug": "maasdijk"}) not in html


def test_hostile_names_reach_the_page_as_text(client, cast):
    Gebied.objects.filter(pk=cast.markt.pk).update(name='<script>alert("x")</script>')
    client.force_login(cast.ellen)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_part_adds_its_panel_through_the_registry(client, cast, monkeypatch):
    """The Kern-DNA (or any later part) puts a panel on the workspace without the site naming it."""
    places = next(part for part in parts.all_parts() if part.label == "places")
    monkeypatch.setattr(places, "workspace_panels", f"{__name__}.extra_panels")
    client.force_login(cast.ellen)
    html = client.get(workspace_url(cast.maasdijk)).content.decode()
    assert "Kern-DNA van Maasdijk" in html


def extra_panels(request, gemeente):
    return [Panel(key="dna", title=f"Kern-DNA van {gemeente}", template="accounts/includes/head.html", order=5)]


# --- Where each role lands after logging in ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "where"),
    [
        ("gemeente", "workspace"),
        ("begeleider", "workspace"),
        ("gemeente_andere", "workspace_veldrode"),
        ("beheerder", "back_office"),
        ("redactie", "back_office"),
        ("lid", "home"),
    ],
)
def test_each_role_lands_on_its_work_after_logging_in(client, cast, who, where):
    person = cast.by_role()[who]
    login = client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    assert login["Location"] == reverse("site:landing")
    expected = {
        "workspace": workspace_url(cast.maasdijk),
        "workspace_veldrode": workspace_url(cast.veldrode),
        "back_office": reverse("wagtailadmin_home"),
        "home": reverse("site:home"),
    }[where]
    assert client.get(reverse("site:landing"))["Location"] == expected


def test_a_next_address_still_wins(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "ellen", "password": PASSWORD, "next": "/vitrine/"})
    assert response["Location"] == "/vitrine/"


def test_staff_of_several_municipalities_choose(client, cast):
    Membership.objects.create(user=cast.femke, role=Role.BEGELEIDER, gemeente=cast.veldrode)
    client.force_login(cast.femke)
    assert client.get(reverse("site:landing"))["Location"] == reverse("site:workspaces")
    chooser = client.get(reverse("site:workspaces")).content.decode()
    assert workspace_url(cast.maasdijk) in chooser and workspace_url(cast.veldrode) in chooser
    # Each workspace links to the other.
    assert workspace_url(cast.veldrode) in client.get(workspace_url(cast.maasdijk)).content.decode()


def test_administrators_find_any_municipality_in_the_chooser(client, cast):
    client.force_login(cast.anton)
    response = client.get(reverse("site:workspaces"), {"q": "veldr"})
    assert list(response.context["gemeenten"]) == [cast.veldrode]


def test_the_chooser_is_for_people_with_a_workspace_only(client, cast):
    client.force_login(cast.bram)
    assert client.get(reverse("site:workspaces")).status_code == 403


def test_the_header_links_to_my_workspace_for_those_who_have_one(client, cast):
    client.force_login(cast.ellen)
    assert "Mijn werkplek" in client.get(reverse("site:home")).content.decode()
    client.force_login(cast.bram)
    assert "Mijn werkplek" not in client.get(reverse("site:home")).content.decode()


def test_a_member_lands_on_the_home_page_with_their_own_entry_points(client, cast):
    client.force_login(cast.bram)
    html = client.get(reverse("site:home")).content.decode()
    assert 'id="your-work"' in html or "Je werk" in html
    assert reverse("vitrine:for_you") in html
    assert reverse("vitrine:saved_searches") in html
    client.logout()
    assert "Je werk" not in client.get(reverse("site:home")).content.decode()


def test_the_add_area_link_from_the_workspace_preselects_the_core(client, cast):
    """'Maak je eerste gebied' opens the back office's area form with the municipality's core already chosen."""
    client.force_login(cast.ellen)
    response = client.get(reverse("wagtailsnippets_places_gebied:add"), {"kern": cast.centrum.pk})
    assert response.context["form"]["kern"].value() == cast.centrum.pk
    veldrode_core = cast.centrum.__class__.objects.create(
        gemeente=cast.veldrode, code="99002_1", name="Veldrode-Centrum", slug="centrum"
    )
    other = client.get(reverse("wagtailsnippets_places_gebied:add"), {"kern": veldrode_core.pk})
    assert "selected>Veldrode-Centrum" not in other.content.decode()
    assert veldrode_core not in other.context["form"].fields["kern"].queryset
