"""The lab report (web page and PDF), publishing it, the background page and the regional view: every role, hidden
notes never shown, the dots per role against numbers worked out by hand, hostile text escaped in HTML and printed
literally in the PDF."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kernkompas.core.models import AuditEvent
from kernkompas.dna.tests.test_place_dna import dna
from kernkompas.labs import report
from kernkompas.labs.actions import reports as report_actions
from kernkompas.labs.models import Cluster, Decision, Lab, Lens, Note, Participant, Vote
from kernkompas.monitor.tests.test_place_figures import indicators
from kernkompas.places.models import Gebied, Kern, KernKind, Regio
from kernkompas.vitrine.tests.list_cases import make_case

HOSTILE = "<script>alert(1)</script>"
HIDDEN_TEXT = "GEHEIM-VERBORGEN"


def make_lab(gemeente, *, code="ABC123", **extra) -> Lab:
    lab = Lab.objects.create(
        gemeente=gemeente,
        title=extra.pop("title", "Lab Maasdijk"),
        question="Hoe maken we het centrum weer levendig?",
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 12, 19, 30)),
        location="Stadhuis",
        code=code,
        **extra,
    )
    Lens.objects.create(lab=lab, order=1, key="knelpunten", title="Knelpunten")
    Lens.objects.create(lab=lab, order=2, key="kansen", title="Kansen")
    return lab


def vote(lab, participant, n=1, *, note=None, cluster=None):
    for _ in range(n):
        Vote.objects.create(lab=lab, participant=participant, note=note, cluster=cluster)


def filled_lab(gemeente, **extra):
    """The worked example: 4 participants, 5 notes (one hidden, one merged), one cluster, 11 dots."""
    lab = make_lab(gemeente, **extra)
    knelpunten, kansen = lab.lenses.order_by("order")
    p1 = Participant.objects.create(lab=lab, display_name="Piet", role="ondernemer", secret_hash="1")
    p2 = Participant.objects.create(lab=lab, display_name="Els", role="ondernemer", secret_hash="2")
    p3 = Participant.objects.create(lab=lab, display_name="Bea", role="bewoner", secret_hash="3")
    p4 = Participant.objects.create(lab=lab, display_name="Gert", role="gemeente", secret_hash="4")
    n1 = Note.objects.create(lab=lab, lens=knelpunten, participant=p1, text="Te veel leegstand")
    n2 = Note.objects.create(lab=lab, lens=knelpunten, participant=p3, text=HOSTILE)
    n3 = Note.objects.create(lab=lab, lens=knelpunten, participant=p2, text="Lege panden", merged_into=n1)
    n4 = Note.objects.create(lab=lab, lens=kansen, participant=p3, text=HIDDEN_TEXT, is_hidden=True)
    c1 = Cluster.objects.create(lab=lab, lens=kansen, title="Markt op zondag")
    n5 = Note.objects.create(lab=lab, lens=kansen, participant=p4, text="Zondagsmarkt", cluster=c1)
    vote(lab, p1, 2, note=n1)
    vote(lab, p3, 1, note=n1)
    vote(lab, p2, 1, note=n3)
    vote(lab, p3, 2, note=n2)
    vote(lab, p4, 1, note=n4)
    vote(lab, p4, 2, cluster=c1)
    vote(lab, p2, 1, cluster=c1)
    vote(lab, p1, 1, note=n5)
    Decision.objects.create(lab=lab, order=1, text="Leegstandsteam opstarten", who="Gemeente", when="Q2")
    return lab, {"n1": n1, "n2": n2, "n3": n3, "n4": n4, "n5": n5, "c1": c1}


def client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client


# --- The numbers --------------------------------------------------------------------------------------------------


def test_dots_per_role_match_the_hand_computed_numbers(cast):
    lab, notes = filled_lab(cast.maasdijk)
    built = report.build(lab)
    assert [code for code, _label in built.roles] == ["ondernemer", "bewoner", "gemeente"]
    rows = {row.code: (row.participants, row.dots) for row in built.role_rows}
    # ondernemer: Piet 2+1, Els 1+1; bewoner: Bea 1+2; gemeente: Gert 1 (on the hidden note) + 2.
    assert rows == {"ondernemer": (2, 5), "bewoner": (1, 3), "gemeente": (1, 3)}
    assert (built.participant_count, built.dot_count) == (4, 11)
    table = [(item.kind, item.obj.pk, item.cells, item.tally.total) for item in built.items]
    assert table == [
        ("note", notes["n1"].pk, [3, 1, 0], 4),  # its own 3 dots and the merged note's 1
        ("cluster", notes["c1"].pk, [1, 0, 2], 3),
        ("note", notes["n2"].pk, [0, 2, 0], 2),
        ("note", notes["n5"].pk, [1, 0, 0], 1),
    ]


def test_hidden_notes_and_notes_merged_into_them_are_left_out(cast):
    lab, notes = filled_lab(cast.maasdijk)
    Note.objects.create(lab=lab, lens=notes["n4"].lens, text="onder verborgen", merged_into=notes["n4"])
    built = report.build(lab)
    shown = [entry.note.pk for lens in built.lenses for entry in lens.notes]
    shown += [entry.note.pk for lens in built.lenses for c in lens.clusters for entry in c.notes]
    assert notes["n4"].pk not in shown
    assert all(item.obj.pk != notes["n4"].pk or item.kind != "note" for item in built.items)
    merged = [entry.note.pk for lens in built.lenses for entry in lens.notes for entry in entry.merged]
    assert merged == [notes["n3"].pk]


# --- Who may read it ----------------------------------------------------------------------------------------------

PRIVATE_STATUS = {
    "bezoeker": 404,
    "lid": 404,
    "gemeente": 200,
    "gemeente_andere": 404,
    "begeleider": 200,
    "redactie": 404,
    "beheerder": 200,
}


@pytest.mark.parametrize("role", list(PRIVATE_STATUS))
def test_private_report_only_for_the_municipality(cast, client, role):
    lab, _notes = filled_lab(cast.maasdijk)
    client_as(client, cast.by_role()[role])
    for name in ("labs:report", "labs:report_pdf"):
        response = client.get(reverse(name, kwargs={"pk": lab.pk}))
        assert response.status_code == PRIVATE_STATUS[role], (name, role)


@pytest.mark.parametrize("role", list(PRIVATE_STATUS))
def test_public_report_for_everyone(cast, client, role):
    lab, _notes = filled_lab(cast.maasdijk, is_report_public=True)
    client_as(client, cast.by_role()[role])
    response = client.get(reverse("labs:report", kwargs={"pk": lab.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Te veel leegstand" in page
    # Only staff see the publish button and the way into the action plan.
    assert (reverse("labs:carry", kwargs={"pk": lab.pk}) in page) == (PRIVATE_STATUS[role] == 200)
    # Outsiders read roles, not the names people typed in the room.
    assert ("Piet" in page) == (PRIVATE_STATUS[role] == 200)
    pdf = client.get(reverse("labs:report_pdf", kwargs={"pk": lab.pk}))
    assert pdf.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert ("Piet" in text) == (PRIVATE_STATUS[role] == 200)
    assert "Te veel leegstand" in text


def test_report_page_escapes_and_hides(cast, client):
    lab, _notes = filled_lab(cast.maasdijk)
    client.force_login(cast.ellen)
    page = client.get(reverse("labs:report", kwargs={"pk": lab.pk})).content.decode()
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HIDDEN_TEXT not in page
    assert "Leegstandsteam opstarten" in page
    assert "Ondernemer" in page and "ondernemer</th>" not in page  # the role's Dutch label, not its code


def test_report_pdf_reads_back(cast, client):
    lab, _notes = filled_lab(cast.maasdijk)
    client.force_login(cast.ellen)
    response = client.get(reverse("labs:report_pdf", kwargs={"pk": lab.pk}))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4
    assert HOSTILE in text
    assert HIDDEN_TEXT not in text
    assert "Verslag: Lab Maasdijk" in text
    assert "Stippen per rol" in text and "Ondernemer" in text
    assert "Leegstandsteam opstarten" in text


# --- Publishing ---------------------------------------------------------------------------------------------------


def test_publish_toggle(cast, client):
    lab, _notes = filled_lab(cast.maasdijk)
    url = reverse("labs:report_publish", kwargs={"pk": lab.pk})
    client.force_login(cast.femke)  # the facilitator prepares, the municipality publishes
    assert client.post(url, {"public": "1"}).status_code == 403
    client.force_login(cast.sofie)
    assert client.post(url, {"public": "1"}).status_code == 404
    client.force_login(cast.ellen)
    assert client.get(url).status_code == 405
    response = client.post(url, {"public": "1"})
    assert response.status_code == 302
    lab.refresh_from_db()
    assert lab.is_report_public
    assert AuditEvent.objects.filter(action="labs.report_published").count() == 1
    client.logout()
    assert client.get(reverse("labs:report", kwargs={"pk": lab.pk})).status_code == 200
    client.force_login(cast.anton)
    client.post(url, {"public": "0"})
    lab.refresh_from_db()
    assert not lab.is_report_public


def test_publish_anonymous_goes_to_login(cast, client):
    lab, _notes = filled_lab(cast.maasdijk)
    response = client.post(reverse("labs:report_publish", kwargs={"pk": lab.pk}), {"public": "1"})
    assert response.status_code == 302 and "inloggen" in response["Location"]
    lab.refresh_from_db()
    assert not lab.is_report_public


def test_set_report_public_refuses_facilitator(cast):
    lab = make_lab(cast.maasdijk)
    with pytest.raises(PermissionDenied):
        report_actions.set_report_public(cast.femke, lab, True)


# --- Background and the regional view -----------------------------------------------------------------------------


def test_background_page_by_code(cast, client):
    lab = make_lab(cast.maasdijk, show_figures=True, show_dna=True, show_cases=False)
    response = client.get(reverse("labs:background", kwargs={"code": lab.code}))
    assert response.status_code == 200
    assert lab.question in response.content.decode()
    assert client.get(reverse("labs:background", kwargs={"code": "NOPE99"})).status_code == 404


def test_background_shows_public_figures_dna_and_chosen_cases_only(cast, client):
    cast.markt.is_public = True
    cast.markt.save()
    hidden = Gebied.objects.create(kern=cast.centrum, name="Achterstraat", slug="achterstraat")
    indicators(cast.markt, datetime.date(2026, 3, 1), units=40, vacant_units=5, mix={})
    indicators(hidden, datetime.date(2026, 3, 1), units=60, vacant_units=20, mix={})
    dna(cast.centrum, tagline="De markt van de Maas")
    case = make_case("gemert", "De dorpswinkel", ["samenwerking"], [], "10k-25k", "dorpskern", "NL", "lt10k")
    lab = make_lab(cast.maasdijk, kern=cast.centrum)
    lab.cases.set([case.pk])
    page = client.get(reverse("labs:background", kwargs={"code": lab.code.lower()})).content.decode()
    assert "12,5 %" in page and "25,0 %" not in page  # the private area's count stays out
    assert "De markt van de Maas" in page and "Markt" in page
    assert "De dorpswinkel" in page
    lab.show_figures = lab.show_dna = lab.show_cases = False
    lab.save()
    page = client.get(reverse("labs:background", kwargs={"code": lab.code})).content.decode()
    assert "12,5 %" not in page and "De markt van de Maas" not in page and "De dorpswinkel" not in page


def test_codes_cannot_be_guessed_through_the_background_page(cast, client, settings):
    settings.RATELIMITS = {"lab_join": (3, 3600)}
    lab = make_lab(cast.maasdijk)
    url = reverse("labs:background", kwargs={"code": lab.code})
    for _ in range(5):
        assert client.get(url).status_code == 200  # the right code does not count
    for guess in ("AAAAA1", "AAAAA2", "AAAAA3"):
        assert client.get(reverse("labs:background", kwargs={"code": guess})).status_code == 404
    assert client.get(reverse("labs:background", kwargs={"code": "AAAAA4"})).status_code == 429
    assert client.get(url).status_code == 429  # over the limit, a right guess tells nothing either
    assert client.get(reverse("labs:participant_regional", kwargs={"code": lab.code})).status_code == 429


def test_regional_view(cast, client):
    regio = Regio.objects.create(name="Maasland", slug="maasland")
    lab = make_lab(cast.maasdijk, regio=regio)
    lab.gemeenten.set([cast.maasdijk, cast.veldrode])
    veld = Kern(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp", kind=KernKind.HOOFDKERN)
    veld.refresh_derived()
    veld.save()
    url = reverse("labs:regional", kwargs={"pk": lab.pk})
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(cast.sofie)
    assert client.get(url).status_code == 404
    client.force_login(cast.ellen)
    page = client.get(url).content.decode()
    assert "Maasdijk-Centrum" in page and "Veldrode-Dorp" in page
    client.logout()
    response = client.get(reverse("labs:participant_regional", kwargs={"code": lab.code}))
    assert response.status_code == 200 and "Veldrode-Dorp" in response.content.decode()
    plain = make_lab(cast.maasdijk, code="PLAIN1")
    assert client.get(reverse("labs:participant_regional", kwargs={"code": plain.code})).status_code == 404
