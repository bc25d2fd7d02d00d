"""A municipality's own branches and the names from its files in the back office (issue 11, problem 4).

On main the municipality field of a new branch said "Empty for the default taxonomy" to municipal staff, who may
not leave it empty, and offered a chooser over all 598 municipalities on 60 pages. Staff now get a plain list of
their own municipalities with theirs preselected; administrators may leave it empty for the default list.
"""

from __future__ import annotations

import re

import pytest

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.models import Branch, BranchAlias, FunctionGroup

ADD_BRANCH = "/beheer/monitor/branches/add/"


def select_options(html: str, name: str) -> list[tuple[str, bool]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no plain <select name={name}>"
    return [
        (label.strip(), "selected" in attrs)
        for attrs, label in re.findall(r"<option([^>]*)>(.*?)</option>", select.group(1), re.S)
    ]


def test_staff_get_their_own_municipality_preselected_and_nothing_else(client, cast):
    client.force_login(cast.ellen)
    html = client.get(ADD_BRANCH).content.decode()
    options = [option for option in select_options(html, "gemeente") if option[0] != "---------"]
    assert options == [("Maasdijk", True)]
    assert "Veldrode" not in html
    assert "Empty for the default" not in html and "Leeg voor de standaard" not in html


def test_staff_add_a_branch_of_their_own(client, cast):
    client.force_login(cast.ellen)
    group = FunctionGroup.objects.get(gemeente=None, code="leisure")
    data = {"group": group.pk, "name": "Frituur", "code": "frituur", "gemeente": cast.maasdijk.pk}
    assert client.post(ADD_BRANCH, data).status_code == 302
    assert Branch.objects.get(code="frituur").gemeente == cast.maasdijk


def test_staff_cannot_add_a_branch_for_another_municipality(client, cast):
    client.force_login(cast.ellen)
    group = FunctionGroup.objects.get(gemeente=None, code="leisure")
    data = {"group": group.pk, "name": "Frituur", "code": "frituur", "gemeente": cast.veldrode.pk}
    assert client.post(ADD_BRANCH, data).status_code == 200
    assert not Branch.objects.filter(code="frituur").exists()


def test_administrators_may_leave_the_municipality_empty_for_the_default_list(client, cast):
    client.force_login(cast.anton)
    html = client.get(ADD_BRANCH).content.decode()
    assert "Laat leeg voor de standaardlijst" in html
    group = FunctionGroup.objects.get(gemeente=None, code="leisure")
    response = client.post(ADD_BRANCH, {"group": group.pk, "name": "Frituur", "code": "frituur", "gemeente": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Branch.objects.get(code="frituur").gemeente is None


@pytest.fixture
def alias(cast):
    leisure = FunctionGroup.objects.get(gemeente=None, code="leisure")
    return BranchAlias.objects.create(
        gemeente=cast.maasdijk, branch_key="frituur", source_text="Frituur", group=leisure,
        branch=Branch.objects.get(code="fastservice"),
    )  # fmt: skip


def test_staff_change_what_a_name_means_and_it_is_audited(client, cast, alias):
    client.force_login(cast.ellen)
    cafe = Branch.objects.get(code="cafe")
    data = {"gemeente": cast.maasdijk.pk, "group": cafe.group_id, "branch": cafe.pk}
    response = client.post(f"/beheer/monitor/namen-uit-bestanden/edit/{alias.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    alias.refresh_from_db()
    assert (alias.branch, alias.source_text, alias.branch_key) == (cafe, "Frituur", "frituur")
    assert AuditEvent.objects.filter(action="monitor.branchalias_changed", gemeente=cast.maasdijk).exists()


def test_a_branch_of_another_group_is_refused(client, cast, alias):
    client.force_login(cast.ellen)
    kapper = Branch.objects.get(code="kapper")
    data = {"gemeente": cast.maasdijk.pk, "group": alias.group_id, "branch": kapper.pk}
    response = client.post(f"/beheer/monitor/namen-uit-bestanden/edit/{alias.pk}/", data)
    assert response.status_code == 200
    alias.refresh_from_db()
    assert alias.branch.code == "fastservice"


@pytest.mark.parametrize(("who", "status"), [("ellen", 200), ("femke", 200), ("anton", 200), ("sofie", 404)])
def test_the_names_of_a_municipality_are_for_its_people(client, cast, alias, who, status):
    client.force_login(getattr(cast, who))
    assert client.get(f"/beheer/monitor/namen-uit-bestanden/inspect/{alias.pk}/").status_code == status
