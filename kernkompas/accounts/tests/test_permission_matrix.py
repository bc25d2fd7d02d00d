"""Who may open which page: one table for every role, read row by row.

ok       the page opens and shows Maasdijk's data
hidden   the page opens but shows none of Maasdijk's data (it is scoped to the user's own municipality)
refused  the back office says "no permission" (redirect to its home), or the object is not found (404)
login    the visitor is sent to a log-in page
"""

import pytest
from django.urls import reverse

from kernkompas.core import audit

MATRIX = """
                  profile  admin_home  area_list  area_edit  members  audit_log
bezoeker          login    login       login      login      login    login
lid               ok       login       login      login      login    login
gemeente          ok       ok          ok         ok         ok       ok
gemeente_andere   ok       ok          hidden     refused    refused  hidden
begeleider        ok       ok          ok         refused    refused  refused
redactie          ok       ok          refused    refused    refused  refused
beheerder         ok       ok          ok         ok         ok       ok
"""


def _parse(matrix: str) -> list[tuple[str, str, str]]:
    header, *rows = [line.split() for line in matrix.strip().splitlines()]
    return [(row[0], page, expected) for row in rows for page, expected in zip(header, row[1:], strict=True)]


# For each page: its address, and a text that only appears when Maasdijk's data is shown.
PAGES = {
    "profile": (lambda cast: reverse("accounts:profile"), lambda cast, user: user.email),
    "admin_home": (lambda cast: reverse("wagtailadmin_home"), lambda cast, user: ""),
    "area_list": (lambda cast: reverse("wagtailsnippets_places_gebied:list"), lambda cast, user: "Marktplein"),
    "area_edit": (
        lambda cast: reverse("wagtailsnippets_places_gebied:edit", args=[cast.markt.pk]),
        lambda cast, user: "Marktplein",
    ),
    "members": (
        lambda cast: reverse("kk_members:gemeente", kwargs={"slug": cast.maasdijk.slug}),
        lambda cast, user: "femke@example.org",
    ),
    "audit_log": (lambda cast: reverse("kk_audit_log"), lambda cast, user: "Marktplein"),
}


def outcome(response, marker: str) -> str:
    if response.status_code == 200:
        return "ok" if marker in response.content.decode() else "hidden"
    if response.status_code in (403, 404):
        return "refused"
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith((reverse("accounts:login"), reverse("wagtailadmin_login"))):
        return "login"
    if response.status_code == 302 and location == reverse("wagtailadmin_home"):
        return "refused"
    return f"unexpected {response.status_code} {location}"


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "page", "expected"), _parse(MATRIX))
def test_permission_matrix(client, cast, role, page, expected):
    audit.record(cast.ellen, "gebied.changed", cast.markt, gemeente=cast.maasdijk)
    user = cast.by_role()[role]
    if user is not None:
        client.force_login(user)
    address, marker = PAGES[page]
    response = client.get(address(cast))
    assert outcome(response, marker(cast, user) if user else "") == expected


@pytest.mark.django_db
def test_the_matrix_covers_every_role_of_the_cast_and_every_page(cast):
    rows = _parse(MATRIX)
    assert {role for role, _, _ in rows} == set(cast.by_role())
    assert {page for _, page, _ in rows} == set(PAGES)
