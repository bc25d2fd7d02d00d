"""The back office's "not found" page is Kernkompas's own: Dutch, without Wagtail's name, with a way back. Staff of
another municipality get it for an object they may not read, so it also says that."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["anton", "sofie"])
def test_an_object_that_is_not_there_or_not_yours_answers_our_not_found_page(client, cast, who):
    client.force_login(getattr(cast, who))
    response = client.get("/beheer/snippets/places/gemeente/edit/999999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in page
    assert "hoort bij een gemeente waarvoor je niet werkt" in page
    assert "Terug naar het beheer" in page
    assert "Wagtail" not in page.split("<main", 1)[1]
