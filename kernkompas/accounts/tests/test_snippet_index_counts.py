"""The snippets overview in the back office (/beheer/snippets/) counts only what the user may see.

Wagtail's overview lists each snippet model with its number of objects, counted over the whole table: staff of
Veldrode would learn how many owner contacts and counter keys Maasdijk has. Every number there must be the number
of objects the user finds on that model's own listing.

Each of our snippets has its own menu, so Wagtail's overview lists none of them today; it lists every one with
``WAGTAILSNIPPETS_MENU_SHOW_ALL`` (as it would a snippet a new app registers without a menu), which these tests set.
"""

from __future__ import annotations

import pytest

from kernkompas.monitor.actions.counter_keys import create_counter_token
from kernkompas.monitor.models import OwnerContact, Unit
from kernkompas.places.models import Gebied, Kern

SNIPPETS = "/beheer/snippets/"


@pytest.fixture(autouse=True)
def every_snippet_in_the_overview(settings):
    settings.WAGTAILSNIPPETS_MENU_SHOW_ALL = True


@pytest.fixture
def registers(cast):
    """Maasdijk: two owner contacts and one counter key. Veldrode: one owner contact and two counter keys."""
    kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp")
    dorp = Gebied.objects.create(kern=kern, name="Dorpsplein", slug="dorpsplein")
    for gebied, owners in ((cast.markt, ("Jan", "An")), (dorp, ("Piet",))):
        for n, name in enumerate(owners, start=1):
            unit = Unit.objects.create(gebied=gebied, street="Markt", house_number=str(n), address_key=f"markt {n}")
            OwnerContact.objects.create(unit=unit, name=name)
    for gemeente, keys in ((cast.maasdijk, 1), (cast.veldrode, 2)):
        for n in range(keys):
            create_counter_token(gemeente, f"Teller {n}", by=cast.anton)
    return cast


def overview(client, user) -> dict[str, int]:
    """Model (app_label.ModelName) -> the number the overview shows next to it."""
    client.force_login(user)
    response = client.get(SNIPPETS)
    assert response.status_code == 200
    return {row["model"]._meta.label: row["count"] for row in response.context["object_list"]}


def test_each_municipalitys_staff_count_only_their_own_owner_contacts_and_counter_keys(client, registers):
    ellen, sofie, anton = (overview(client, u) for u in (registers.ellen, registers.sofie, registers.anton))

    counted = ("monitor.OwnerContact", "monitor.CounterToken", "places.Gemeente", "places.Kern")
    assert [ellen[m] for m in counted] == [2, 1, 1, 1]  # Maasdijk's
    assert [sofie[m] for m in counted] == [1, 2, 1, 1]  # Veldrode's
    assert [anton[m] for m in counted] == [3, 3, 2, 2]  # the administrator: all


def test_roles_without_the_model_do_not_see_it_counted(client, registers):
    femke = overview(client, registers.femke)  # facilitator of Maasdijk: areas and counts, no owners or keys
    eva = overview(client, registers.eva)  # editor: the Vitrine's vocabularies only

    assert "monitor.OwnerContact" not in femke and "monitor.CounterToken" not in femke
    assert femke["places.Gebied"] == 1
    assert not any(label.startswith(("monitor.", "places.")) for label in eva)


@pytest.mark.parametrize("role", ["gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"])
def test_every_number_is_what_the_models_own_listing_counts_for_that_role(client, registers, role):
    user = registers.by_role()[role]
    client.force_login(user)
    response = client.get(SNIPPETS)
    assert response.status_code == 200
    wrong = []
    for row in response.context["object_list"]:
        listing = client.get(row["url"])
        assert listing.status_code == 200, row["url"]
        if row["count"] != listing.context["items_count"]:
            wrong.append(f"{row['name']}: {row['count']} in the overview, {listing.context['items_count']} listed")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
