"""A Flemish centre manager's first real file: names the default branch list does not know are resolved in the
import wizard, not refused (issue 11, problem 4).

On main the file was refused with a problem per row ("“Frituur” is not a branch; …", "the branch “Apotheek”
belongs to another function group than “Diensten”") and nothing said how to fix it. Now the wizard lists each
name once with its rows and a proposal, the officer chooses, and the choices are remembered for the next file of
the same municipality only.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.models import Branch, BranchAlias, PendingUpload, UnitState
from kernkompas.monitor.tests.flemish_files import UNKNOWN_BRANCHES, flemish_xlsx, second_count
from kernkompas.monitor.tests.test_upload_flow import texts
from kernkompas.monitor.tests.test_upload_views import url
from kernkompas.places.models import Gebied, GebiedKind, Kern

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "uploads"


def upload(client, area, content: bytes, count_date="2025-03-01"):
    response = client.post(
        url("upload", area),
        {"kind": "units", "count_date": count_date, "file": SimpleUploadedFile("export.xlsx", content, XLSX)},
    )
    assert response.status_code == 302, response.content.decode()
    pending = PendingUpload.objects.latest("pk")
    response = client.post(url("upload_columns", area, pk=pending.pk), _proposed_columns(client, area, pending))
    assert response.status_code == 302, response.content.decode()
    return pending


def _proposed_columns(client, area, pending) -> dict:
    form = client.get(url("upload_columns", area, pk=pending.pk)).context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def choices_as_proposed(response) -> dict:
    """The form as the officer finds it: every proposal preselected, names and groups prefilled."""
    form = response.context["branch_step"].form
    return {name: form[name].value() or "" for name in form.fields}


def test_unknown_names_are_listed_once_with_rows_and_a_proposal(client, cast):
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx())
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    assert response.status_code == 200
    names = {n.text: n for n in response.context["branch_step"].report.unknown}
    assert set(names) == UNKNOWN_BRANCHES | {"Apotheek"}
    assert names["Frituur"].rows == 2 and names["Frituur"].proposal == "b:fastservice"
    assert names["Handelspand leeg"].proposal == "g:leegstand"
    assert names["Apotheek"].kind == "conflict" and names["Apotheek"].group_text == "Diensten"
    html = response.content.decode()
    assert "Frituur" in html and "Fastservice en afhaal" in html
    assert "Importeren</button>" not in html  # nothing can be imported before the names are resolved
    assert response.context["problems"] == []  # the name problems are the choices, not refusals


def test_the_file_imports_after_the_choices_and_they_are_remembered(client, cast):
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx())
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    data = choices_as_proposed(response)
    rows = {n.text: i for i, n in enumerate(response.context["branch_step"].report.unknown)}
    data[f"choice_{rows['Nachtwinkel']}"] = "new"  # a branch of Maasdijk's own, in the group the file says
    response = client.post(url("upload_branches", cast.markt, pk=pending.pk), data)
    assert response.status_code == 302, response.content.decode()
    response = client.get(response.url)
    assert not any("herkend" in text for text in texts(response))  # the choices were just said to be saved
    assert "branch_step" not in response.context
    assert response.context["problems"] == []
    assert len(response.context["records"]) == 10
    response = client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    assert response.status_code == 302

    states = UnitState.objects.filter(count__gebied=cast.markt).select_related("group", "branch", "unit")
    by_address = {f"{s.unit.street} {s.unit.house_number}": s for s in states}
    assert by_address["Grote Markt 2"].branch.code == "fastservice"
    assert by_address["Grote Markt 5"].group.code == "leegstand" and by_address["Grote Markt 5"].is_vacant
    assert by_address["Grote Markt 6 bus 1"].group.code == "dagelijks"  # followed the default list
    nachtwinkel = by_address["Grote Markt 4"].branch
    assert (nachtwinkel.name, nachtwinkel.gemeente, nachtwinkel.group.code) == (
        "Nachtwinkel",
        cast.maasdijk,
        "dagelijks",
    )
    assert BranchAlias.objects.filter(gemeente=cast.maasdijk).count() == 4
    assert AuditEvent.objects.filter(action="monitor.branch_alias_saved", gemeente=cast.maasdijk).count() == 4
    assert AuditEvent.objects.filter(action="monitor.branch_created", gemeente=cast.maasdijk).count() == 1

    # The next year's file of Maasdijk needs no choices: the names are recognised from the earlier ones.
    pending = upload(client, cast.markt, second_count(), count_date="2026-03-01")
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    assert "branch_step" not in response.context and response.context["problems"] == []
    assert any("4 namen herkend uit je eerdere keuzes" in text for text in texts(response))
    client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    assert UnitState.objects.filter(count__date="2026-03-01", group__code="leegstand").count() == 3


def test_following_the_file_makes_a_branch_in_the_group_the_file_says(client, cast):
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx())
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    data = choices_as_proposed(response)
    index = next(i for i, n in enumerate(response.context["branch_step"].report.unknown) if n.kind == "conflict")
    data[f"choice_{index}"] = "new"
    assert data[f"group_{index}"] == "diensten"
    assert client.post(url("upload_branches", cast.markt, pk=pending.pk), data).status_code == 302
    client.post(url("upload_confirm", cast.markt, pk=pending.pk))
    state = UnitState.objects.get(unit__house_number="6 bus 1")
    assert (state.group.code, state.branch.gemeente, state.branch.name) == ("diensten", cast.maasdijk, "Apotheek")
    assert Branch.objects.get(gemeente=None, code="apotheek").group.code == "dagelijks"  # the default is untouched


def test_a_new_branch_without_a_group_is_asked_for_again(client, cast):
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx())
    data = choices_as_proposed(client.get(url("upload_check", cast.markt, pk=pending.pk)))
    data["choice_0"], data["group_0"] = "new", ""
    response = client.post(url("upload_branches", cast.markt, pk=pending.pk), data)
    assert response.status_code == 200
    assert "Kies de branchegroep waar de nieuwe branche bij hoort." in response.content.decode()
    assert not BranchAlias.objects.exists()


def test_another_municipality_s_choices_never_apply(client, cast):
    """Sofie's Veldrode mapped "Frituur" to a café; Maasdijk's file is still asked about, and proposed its own."""
    veldrode_kern = Kern.objects.create(gemeente=cast.veldrode, code="99002_1", name="Veldrode", slug="centrum")
    Gebied.objects.create(kern=veldrode_kern, name="Markt", slug="markt", kind=GebiedKind.KERNWINKELGEBIED)
    BranchAlias.objects.create(
        gemeente=cast.veldrode,
        branch_key="frituur",
        source_text="Frituur",
        group=Branch.objects.get(code="cafe").group,
        branch=Branch.objects.get(code="cafe"),
    )
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx())
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    names = {n.text: n for n in response.context["branch_step"].report.unknown}
    assert names["Frituur"].proposal == "b:fastservice"
    assert response.context["branch_step"].report.recognised == 0


@pytest.mark.parametrize("who", ["ellen", "femke", "anton"])
def test_the_area_s_staff_resolve_names_in_their_own_upload(client, cast, who):
    client.force_login(getattr(cast, who))
    pending = upload(client, cast.markt, flemish_xlsx())
    response = client.get(url("upload_check", cast.markt, pk=pending.pk))
    assert response.status_code == 200 and response.context["branch_step"].form is not None
    response = client.post(url("upload_branches", cast.markt, pk=pending.pk), choices_as_proposed(response))
    assert response.status_code == 302
    assert BranchAlias.objects.filter(gemeente=cast.maasdijk).count() == 4


@pytest.mark.parametrize(
    ("who", "status"),
    [("ellen", 302), ("anton", 404), ("femke", 404), ("sofie", 404), ("bram", 404), ("eva", 404), (None, 404)],
)
def test_only_the_uploader_may_save_choices_for_an_upload(client, cast, who, status):
    """The area is not public: for everyone but its staff it does not exist; a pending upload is its uploader's
    alone (Ellen's here), so other staff cannot continue it either. Nothing is saved for them."""
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx())
    data = choices_as_proposed(client.get(url("upload_check", cast.markt, pk=pending.pk)))
    client.logout()
    if who:
        client.force_login(getattr(cast, who))
    assert client.get(url("upload_check", cast.markt, pk=pending.pk)).status_code == 404 or who == "ellen"
    response = client.post(url("upload_branches", cast.markt, pk=pending.pk), data)
    assert response.status_code == status
    assert BranchAlias.objects.exists() == (status == 302)


def test_a_get_of_the_choices_address_is_refused(client, cast):
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx())
    assert client.get(url("upload_branches", cast.markt, pk=pending.pk)).status_code == 405


def test_hostile_names_reach_the_page_as_text(client, cast):
    rows = [["Grote Markt", "1", "3700", "Maasdijk", "Horeca", "<img src=x onerror=alert(1)>", "X", 50]]
    client.force_login(cast.ellen)
    pending = upload(client, cast.markt, flemish_xlsx(rows))
    html = client.get(url("upload_check", cast.markt, pk=pending.pk)).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
