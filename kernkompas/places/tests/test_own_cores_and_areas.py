"""Issue 11, as a centre manager of Tongeren-Borgloon found it after importing the open data: which municipality is
current, which core is the main one, making her own cores and drawing or uploading area outlines, links from an
area to its dashboard, yes/no in words, and addresses that follow a rename."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyproj import Transformer

from kernkompas.core import parts
from kernkompas.core.models import AuditEvent
from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind, OldSlug
from kernkompas.testing import make_gemeente

pytestmark = pytest.mark.django_db

INSIDE_MAASDIJK = [[5.35, 51.14], [5.36, 51.14], [5.36, 51.15], [5.35, 51.15], [5.35, 51.14]]


def url(model, view, *args):
    return reverse(f"wagtailsnippets_places_{model}:{view}", args=args)


def chooser(model, view="choose", *args):
    return reverse(f"wagtailsnippetchoosers_places_{model}:{view}", args=args)


def login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.fixture
def tongeren(cast):
    """Tongeren-Borgloon (current) and Tongeren (ended 2024-12-31, merged into it), as after the 2025 import."""
    tb = make_gemeente("73111", "Tongeren-Borgloon", 42_700, valid_from=datetime.date(2025, 1, 1))
    old = make_gemeente("73083", "Tongeren", 31_100, merged_into=tb, valid_until=datetime.date(2024, 12, 31))
    kernen = []
    for number in (1, 2, 10, 13):
        kern = Kern(
            gemeente=tb,
            code=f"73111_{number}",
            name=f"Tongeren – kern {number}",
            slug=f"kern-{number}",
            kind=KernKind.HOOFDKERN if number == 13 else KernKind.DEELKERN,
        )
        kern.refresh_derived()
        kern.save()
        kernen.append(kern)
    return {"tb": tb, "old": old, "kernen": kernen}


def area_form(cast, **overrides):
    data = {
        "kern": cast.centrum.pk,
        "name": "Marktplein",
        "slug": "marktplein",
        "kind": GebiedKind.KERNWINKELGEBIED,
        "description": "",
        "geometry": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def kern_form(gemeente, **overrides):
    data = {"gemeente": gemeente.pk, "name": "Maasdijk – Noord", "kind": KernKind.DEELKERN, "description": ""}
    data.update(overrides)
    return data


# --- 1. Current municipalities first, ended ones marked ---------------------------------------------------------


def test_the_municipality_chooser_lists_current_ones_first_and_marks_ended_ones(client, cast, tongeren):
    """Issue 11: the chooser listed "Tongeren" (ended) before "Tongeren-Borgloon" with no sign which is current."""
    client.force_login(cast.anton)
    response = client.get(chooser("gemeente"), {"q": "tongeren"})
    names = [g.name_nl for g in response.context["results"]]
    assert names == ["Tongeren-Borgloon", "Tongeren"]
    html = response.json()["html"]
    assert "Tongeren — opgeheven op 31-12-2024, nu Tongeren-Borgloon" in html


def test_the_municipality_chooser_has_a_search_box_and_pages_of_a_few_items(client, cast, tongeren):
    client.force_login(cast.ellen)
    html = client.get(chooser("gemeente")).json()["html"]
    assert 'name="q"' in html
    found = client.get(chooser("gemeente", "choose_results"), {"q": "borgloon"}).context["results"]
    assert [g.name_nl for g in found] == ["Tongeren-Borgloon"]


def test_the_municipality_list_in_the_back_office_puts_ended_ones_last_with_their_end(client, cast, tongeren):
    client.force_login(cast.anton)
    response = client.get(url("gemeente", "list"))
    names = [g.name_nl for g in response.context["object_list"]]
    assert names[-1] == "Tongeren"
    assert "opgeheven op 31-12-2024, nu Tongeren-Borgloon" in response.content.decode()


# --- 2. The main core, the same everywhere --------------------------------------------------------------------


def test_the_area_forms_core_list_marks_the_main_core_as_the_core_list_does(client, cast, tongeren):
    """Issue 11: the core list said "hoofdkern", the area form's core choice did not."""
    client.force_login(cast.anton)
    form = client.get(url("gebied", "add")).context["form"]
    labels = [label for _, label in form.fields["kern"].choices if "Tongeren-Borgloon" in str(label)]
    # The main core first, then in natural order ("kern 2" before "kern 10").
    assert labels == [
        "Tongeren – kern 13 (hoofdkern) · Tongeren-Borgloon",
        "Tongeren – kern 1 · Tongeren-Borgloon",
        "Tongeren – kern 2 · Tongeren-Borgloon",
        "Tongeren – kern 10 · Tongeren-Borgloon",
    ]
    listing = client.get(url("kern", "list"), {"q": "kern 13"}).content.decode()
    assert "Tongeren – kern 13 (hoofdkern)" in listing
    choose = client.get(chooser("kern"), {"q": "kern 13"}).json()["html"]
    assert "Tongeren – kern 13 (hoofdkern) · Tongeren-Borgloon" in choose


def test_cores_are_found_by_their_municipalitys_name_in_the_list_and_the_chooser(client, cast, tongeren):
    client.force_login(cast.anton)
    listed = client.get(url("kern", "list"), {"q": "Borgloon"}).context["object_list"]
    assert {k.name for k in listed} == {k.name for k in tongeren["kernen"]}
    chosen = client.get(chooser("kern", "choose_results"), {"q": "Borgloon"}).context["results"]
    assert {k.name for k in chosen} == {k.name for k in tongeren["kernen"]}
    # Word by word, in the list as in the chooser: the whole text "Borgloon kern 13" is in no single field.
    listed = client.get(url("kern", "list"), {"q": "Borgloon kern 13"}).context["object_list"]
    assert [k.name for k in listed] == ["Tongeren – kern 13"]


# --- 3. Staff make their own cores ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may_add"),
    [
        ("bezoeker", False),
        ("lid", False),
        ("gemeente", True),
        ("gemeente_andere", True),
        ("begeleider", False),
        ("redactie", False),
        ("beheerder", True),
    ],
)
def test_who_may_open_the_new_core_form(client, cast, role, may_add):
    """Issue 11: staff (role gemeente) could add an area but not a core."""
    login(client, cast.by_role()[role])
    response = client.get(url("kern", "add"))
    assert (response.status_code == 200) is may_add, role


def test_staff_create_a_core_of_their_own_municipality_with_a_code_made_for_them(client, cast):
    client.force_login(cast.ellen)
    form = client.get(url("kern", "add")).context["form"]
    assert list(form.fields["gemeente"].queryset) == [cast.maasdijk]
    assert "code" not in form.fields and "is_demo" not in form.fields
    response = client.post(url("kern", "add"), kern_form(cast.maasdijk))
    assert response.status_code == 302, response.context["form"].errors
    kern = Kern.objects.get(name="Maasdijk – Noord")
    assert kern.gemeente == cast.maasdijk
    assert kern.code == "99001-2"
    assert kern.slug == "maasdijk-noord"
    assert AuditEvent.objects.filter(action="kern.created", gemeente=cast.maasdijk).exists()
    client.post(url("kern", "add"), kern_form(cast.maasdijk, name="Maasdijk – Noord"))
    assert set(Kern.objects.filter(name="Maasdijk – Noord").values_list("code", "slug")) == {
        ("99001-2", "maasdijk-noord"),
        ("99001-3", "maasdijk-noord-2"),
    }


def test_staff_cannot_create_a_core_in_another_municipality(client, cast):
    client.force_login(cast.sofie)
    response = client.post(url("kern", "add"), kern_form(cast.maasdijk, name="Gekaapt"))
    assert response.status_code == 200
    assert "gemeente" in response.context["form"].errors
    assert not Kern.objects.filter(name="Gekaapt").exists()


def test_a_facilitator_still_only_reads_cores(client, cast):
    client.force_login(cast.femke)
    assert client.get(url("kern", "list")).status_code == 200
    response = client.post(url("kern", "edit", cast.centrum.pk), kern_form(cast.maasdijk, name="Anders"))
    assert response.status_code in (302, 403)
    cast.centrum.refresh_from_db()
    assert cast.centrum.name == "Maasdijk-Centrum"


def test_administrators_still_set_a_cores_code_and_may_leave_it_empty(client, cast):
    client.force_login(cast.anton)
    form = client.get(url("kern", "add")).context["form"]
    assert "code" in form.fields
    response = client.post(url("kern", "add"), kern_form(cast.veldrode, name="Veldrode-Zuid", code="", slug=""))
    assert response.status_code == 302, response.context["form"].errors
    assert Kern.objects.get(name="Veldrode-Zuid").code == "99002-1"


# --- 4. Outlines: drawn, pasted or uploaded ------------------------------------------------------------------


def _projected(epsg: int, ring):
    to = Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
    return [list(to.transform(x, y)) for x, y in ring]


@pytest.mark.parametrize("epsg", [31370, 28992])
def test_an_outline_file_from_qgis_in_lambert_72_or_rd_new_is_reprojected(client, cast, epsg):
    """Issue 11: an outline could only be pasted as WGS84 GeoJSON text; a QGIS export (FeatureCollection with a
    crs member) was refused."""
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}},
        "features": [
            {"type": "Feature", "properties": {"naam": "Markt"}, "geometry": {"type": "Polygon", "coordinates": [
                _projected(epsg, INSIDE_MAASDIJK)]}}
        ],
    }  # fmt: skip
    upload = SimpleUploadedFile("markt.geojson", json.dumps(collection).encode(), "application/geo+json")
    client.force_login(cast.ellen)
    response = client.post(url("gebied", "edit", cast.markt.pk), {**area_form(cast), "outline_file": upload})
    assert response.status_code == 302, response.context["form"].errors
    cast.markt.refresh_from_db()
    west, south, east, north = cast.markt.bbox
    assert abs(west - 5.35) < 0.001 and abs(north - 51.15) < 0.001
    assert cast.markt.geometry["type"] == "Polygon"


def test_a_drawn_outline_is_saved_as_a_polygon(client, cast):
    client.force_login(cast.ellen)
    drawn = {"type": "Polygon", "coordinates": [INSIDE_MAASDIJK]}
    response = client.post(url("gebied", "edit", cast.markt.pk), area_form(cast, geometry=json.dumps(drawn)))
    assert response.status_code == 302
    cast.markt.refresh_from_db()
    assert cast.markt.geometry == drawn


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (
            {"type": "Polygon", "coordinates": [[[4.0, 50.0], [4.01, 50.0], [4.01, 50.01], [4.0, 50.0]]]},
            "De omtrek ligt buiten Maasdijk",
        ),
        ({"type": "Point", "coordinates": [5.35, 51.14]}, "moet uit veelhoeken bestaan"),
        (
            {"type": "Polygon", "coordinates": [[[5.35 + i / 1e6, 51.14] for i in range(20_001)] + [[5.35, 51.14]]]},
            "hoogstens 20000",
        ),
    ],
)
def test_an_outline_that_cannot_be_used_is_explained_in_dutch_and_nothing_is_saved(client, cast, geometry, expected):
    client.force_login(cast.ellen)
    response = client.post(url("gebied", "edit", cast.markt.pk), area_form(cast, geometry=json.dumps(geometry)))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["geometry"])
    assert expected in errors
    cast.markt.refresh_from_db()
    assert cast.markt.geometry is None


def test_an_uploaded_file_that_is_not_geojson_names_the_file(client, cast):
    client.force_login(cast.ellen)
    upload = SimpleUploadedFile("markt.geojson", b"naam;straat\nMarkt;Kerkstraat\n")
    response = client.post(url("gebied", "edit", cast.markt.pk), {**area_form(cast), "outline_file": upload})
    errors = " ".join(response.context["form"].errors["outline_file"])
    assert "Het bestand “markt.geojson”" in errors and "geen geldige JSON" in errors


def test_the_area_form_has_the_drawing_map_with_the_core_and_municipality_as_reference(client, cast):
    client.force_login(cast.ellen)
    html = client.get(url("gebied", "edit", cast.markt.pk)).content.decode()
    assert "data-outline-editor" in html and "places/outline-editor.js" in html
    assert "Begin met tekenen" in html
    reference = json.loads(html.split('id="outline-reference" type="application/json">', 1)[1].split("</script>")[0])
    assert reference["gemeenten"][str(cast.maasdijk.pk)]["geometry"]["type"] == "Polygon"
    assert str(cast.centrum.pk) in reference["kernen"]


# --- 5. From a saved area to its dashboard --------------------------------------------------------------------


def test_after_saving_an_area_the_message_and_the_edit_screen_link_to_its_dashboard_and_import(client, cast):
    """Issue 11: after saving an area there was no way to its dashboard."""
    client.force_login(cast.ellen)
    response = client.post(url("gebied", "edit", cast.markt.pk), area_form(cast), follow=True)
    dashboard = reverse("monitor:gebied", kwargs={"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"})
    upload = reverse("monitor:upload", kwargs={"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"})
    assert any(dashboard in str(message.message) for message in response.context["messages"])
    edit = client.get(url("gebied", "edit", cast.markt.pk)).content.decode()
    assert f'href="{dashboard}"' in edit and "Bekijk het dashboard" in edit
    assert f'href="{upload}"' in edit


def test_the_area_links_come_from_the_parts_registry_and_keep_to_the_users_scope(cast):
    assert [label for label, _ in parts.area_links(cast.markt, cast.ellen)] == [
        "Bekijk het dashboard",
        "Gegevens importeren",
        "Maak openbaar",  # the dashboard's confirmation page: publishing asks first
    ]
    assert parts.area_links(cast.markt, cast.sofie) == []  # not public, not hers
    # Her facilitator prepares, the municipality publishes (product.md: "decides what is public").
    assert [label for label, _ in parts.area_links(cast.markt, cast.femke)] == [
        "Bekijk het dashboard",
        "Gegevens importeren",
    ]
    cast.markt.is_public = True
    assert [label for label, _ in parts.area_links(cast.markt, cast.sofie)] == ["Bekijk het dashboard"]
    assert [label for label, _ in parts.area_links(cast.markt, cast.ellen)][-1] == "Maak niet-openbaar"


# --- 6. Yes/no in words -----------------------------------------------------------------------------------------


def test_the_area_list_says_public_or_not_public_in_words(client, cast):
    """Issue 11: the list showed an icon titled "False"."""
    client.force_login(cast.ellen)
    html = client.get(url("gebied", "list")).content.decode()
    assert "Niet openbaar" in html
    assert "False" not in html
    inspect = client.get(url("gebied", "inspect", cast.markt.pk)).content.decode()
    assert "False" not in inspect and "Nee" in inspect


# --- 7. Addresses follow a rename ----------------------------------------------------------------------------------


def test_a_renamed_core_gets_a_new_address_and_the_old_one_redirects(client, cast):
    """Issue 11: a renamed core kept its old slug; now the address follows and the old one redirects (301)."""
    client.force_login(cast.ellen)
    response = client.post(
        url("kern", "edit", cast.centrum.pk), kern_form(cast.maasdijk, name="Maasdijk Stad", kind=KernKind.HOOFDKERN)
    )
    assert response.status_code == 302, response.context["form"].errors
    cast.centrum.refresh_from_db()
    assert cast.centrum.slug == "maasdijk-stad"
    client.logout()
    old = client.get("/plaatsen/maasdijk/centrum/")
    assert old.status_code == 301 and old["Location"] == "/plaatsen/maasdijk/maasdijk-stad/"
    assert client.get("/plaatsen/maasdijk/maasdijk-stad/").status_code == 200
    client.force_login(cast.ellen)
    dashboard = client.get("/monitor/maasdijk/centrum/marktplein/?tellingsdatum=x")
    assert dashboard.status_code == 301
    assert dashboard["Location"] == "/monitor/maasdijk/maasdijk-stad/marktplein/?tellingsdatum=x"


def test_a_renamed_area_redirects_only_for_who_may_see_it(client, cast):
    client.force_login(cast.ellen)
    response = client.post(url("gebied", "edit", cast.markt.pk), area_form(cast, name="Grote Markt", slug="marktplein"))
    assert response.status_code == 302
    cast.markt.refresh_from_db()
    assert cast.markt.slug == "grote-markt"
    assert OldSlug.objects.filter(gebied=cast.markt, slug="marktplein", parent_id=cast.centrum.pk).exists()
    old = client.get("/monitor/maasdijk/centrum/marktplein/")
    assert old.status_code == 301 and old["Location"] == "/monitor/maasdijk/centrum/grote-markt/"
    client.force_login(cast.sofie)  # not public: the old address tells her nothing either
    assert client.get("/monitor/maasdijk/centrum/marktplein/").status_code == 404


def test_a_renamed_municipality_redirects_and_a_reused_slug_wins(client, cast):
    client.force_login(cast.ellen)
    form = client.get(url("gemeente", "edit", cast.maasdijk.pk)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["name_nl"] = "Maasdijk-Rivierenland"
    response = client.post(url("gemeente", "edit", cast.maasdijk.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    cast.maasdijk.refresh_from_db()
    assert cast.maasdijk.slug == "maasdijk-rivierenland"
    assert client.get("/plaatsen/maasdijk/")["Location"] == "/plaatsen/maasdijk-rivierenland/"
    assert client.get("/plaatsen/maasdijk/centrum/")["Location"] == "/plaatsen/maasdijk-rivierenland/centrum/"
    make_gemeente("99003", "Maasdijk", 1_000)  # a new municipality takes the old slug: its page, not a redirect
    assert client.get("/plaatsen/maasdijk/").status_code == 200


def test_an_unknown_address_is_still_not_found(client, cast):
    assert client.get("/plaatsen/maasdijk/bestaat-niet/").status_code == 404
    assert client.get("/monitor/maasdijk/centrum/bestaat-niet/").status_code == 404


def test_a_new_area_without_slug_gets_one_from_its_name(client, cast):
    client.force_login(cast.ellen)
    response = client.post(url("gebied", "add"), area_form(cast, name="Kerkstraat", slug=""))
    assert response.status_code == 302
    assert Gebied.objects.get(name="Kerkstraat").slug == "kerkstraat"
