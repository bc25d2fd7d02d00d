"""sitemap.xml lists every municipality and core page in both languages, demo places left out."""

from __future__ import annotations

import re

import pytest

from kernkompas.places.models import Kern, KernKind
from kernkompas.testing import make_gemeente

pytestmark = pytest.mark.django_db


def test_the_sitemap_has_municipality_and_core_pages_in_both_languages_but_no_demo_places(client):
    lommel = make_gemeente("71034", "Lommel", 35_000)
    Kern.objects.create(gemeente=lommel, code="71034_1", name="Lommel-Centrum", slug="centrum", kind=KernKind.HOOFDKERN)
    demo = make_gemeente("99001", "Maasdijk", 28_400, is_demo=True)
    Kern.objects.create(gemeente=demo, code="99001_1", name="Centrum", slug="centrum", kind=KernKind.HOOFDKERN)

    xml = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    assert {
        "http://testserver/plaatsen/lommel/",
        "http://testserver/en/plaatsen/lommel/",
        "http://testserver/plaatsen/lommel/centrum/",
        "http://testserver/en/plaatsen/lommel/centrum/",
    } <= locations
    assert not any("maasdijk" in location for location in locations)
    assert 'hreflang="en" href="http://testserver/en/plaatsen/lommel/centrum/"' in xml
    assert client.get("/plaatsen/lommel/centrum/").status_code == 200
