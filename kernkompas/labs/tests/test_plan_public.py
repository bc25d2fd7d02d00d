"""The public page of an action plan, the list of published plans, the Atom feed and the downloads: public only when
published (staff of the municipality get a preview), hostile text shown as text, no personal data, and a download
that never starts a cell with a formula."""

from __future__ import annotations

import csv
import io

import feedparser
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kernkompas.labs.models import ActionPlan, ProgressUpdate
from kernkompas.labs.tests.plan_fixtures import FORMULA, HOSTILE, make_plan

pytestmark = pytest.mark.django_db

ROLES = ("bram", "sofie", "femke", "eva", "ellen", "anton")
STAFF = {"femke", "ellen", "anton"}  # may manage Maasdijk


def _login(client, cast, who):
    if who != "anonymous":
        client.force_login(getattr(cast, who))


@pytest.mark.parametrize("who", ["anonymous", *ROLES])
def test_published_plan_is_public_for_everyone(cast, client, who):
    found = make_plan(cast)
    _login(client, cast, who)
    response = client.get(reverse("labs:plan_public", kwargs={"pk": found.plan.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "In 2030 is ons centrum de ontmoetingsplek van de regio." in body
    assert "Minder leegstand in de Marktstraat" in body
    assert "Leegstand rond de markt" in body and "Kans" in body and "Knelpunt" in body
    assert "Pop-upwinkels in lege panden" in body
    assert "Ondernemersvereniging Maasdijk" in body
    assert "Lopend" in body or "lopend" in body
    assert "€ 30.000,50" in body  # 25.000 + 5.000,50
    assert "30 juni 2027" in body
    assert "Drie panden zijn verhuurd aan starters." in body
    assert "Voorbeeld: dit actieplan is niet openbaar" not in body
    assert 'type="application/atom+xml"' in body
    assert 'property="og:title"' in body
    assert cast.ellen.email not in body  # the update's author is shown as the party
    # staff report from the page itself, visitors do not see the form
    assert (f'name="a{found.action.pk}-text"' in body) == (who in STAFF)


@pytest.mark.parametrize("who", ["anonymous", *ROLES])
def test_unpublished_plan_only_for_staff_with_a_banner(cast, client, who):
    found = make_plan(cast, published=False)
    _login(client, cast, who)
    response = client.get(reverse("labs:plan_public", kwargs={"pk": found.plan.pk}))
    if who in STAFF:
        assert response.status_code == 200
        body = response.content.decode()
        assert "Voorbeeld: dit actieplan is niet openbaar" in body
        assert 'name="robots" content="noindex"' in body
    else:
        assert response.status_code == 404
    feed = client.get(reverse("labs:plan_feed", kwargs={"pk": found.plan.pk}))
    assert feed.status_code == 404  # a feed only for published plans
    export = client.get(reverse("labs:plan_export", kwargs={"pk": found.plan.pk, "fmt": "csv"}))
    assert export.status_code == (200 if who in STAFF else 404)


def test_list_shows_only_published_plans(cast, client):
    make_plan(cast, title="Openbaar plan")
    make_plan(cast, published=False, title="Geheim concept")
    client.force_login(cast.ellen)
    body = client.get(reverse("labs:plans_public")).content.decode()
    assert "Openbaar plan" in body and "Geheim concept" not in body


def test_english_page_has_english_labels(cast, client):
    found = make_plan(cast)
    response = client.get("/en" + reverse("labs:plan_public", kwargs={"pk": found.plan.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bottlenecks and opportunities" in body and "Knelpunten en kansen" not in body


def test_hostile_text_is_escaped(cast, client):
    found = make_plan(cast)
    ActionPlan.objects.filter(pk=found.plan.pk).update(title=HOSTILE, vision=HOSTILE)
    found.action.title = HOSTILE
    found.action.save()
    ProgressUpdate.objects.filter(pk=found.update.pk).update(text=HOSTILE)
    found.ondernemers.name = HOSTILE
    found.ondernemers.save()
    body = client.get(reverse("labs:plan_public", kwargs={"pk": found.plan.pk})).content.decode()
    assert HOSTILE not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_atom_feed_has_the_updates(cast, client):
    found = make_plan(cast)
    ProgressUpdate.objects.create(
        action=found.other, date="2026-05-02", text="Subsidie van de provincie toegezegd", author=cast.ellen
    )
    response = client.get(reverse("labs:plan_feed", kwargs={"pk": found.plan.pk}))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Voortgang van het actieplan Samen naar een levendig centrum"
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Fietsroute naar het centrum · gemeente",
        "Pop-upwinkels in lege panden · Ondernemersvereniging Maasdijk",
    ]
    assert "Drie panden zijn verhuurd aan starters." in feed.entries[1].summary
    assert cast.ellen.email not in response.content.decode()
    assert f"#actie-{found.action.pk}" in feed.entries[1].link


def _csv_rows(content: bytes):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_download_in_dutch_with_decimal_commas_and_no_formulas(cast, client):
    found = make_plan(cast)
    found.action.title = FORMULA
    found.action.save()
    response = client.get(reverse("labs:plan_export", kwargs={"pk": found.plan.pk, "fmt": "csv"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content
    assert content.startswith("\ufeff".encode())
    rows = _csv_rows(content)
    header = rows[0]
    assert header[:3] == ["nummer", "actie", "beschrijving"]
    assert "trekker" in header and "rol van de gemeente" in header and "budget (€)" in header
    first = dict(zip(header, rows[1], strict=True))
    assert first["actie"] == "'" + FORMULA  # neutralised
    assert first["budget (€)"] == "30000,50"
    assert first["beginwaarde"] == "0,2"
    assert first["status"] == "lopend"
    assert first["trekker"] == "Ondernemersvereniging Maasdijk"
    assert "Ondernemersvereniging Maasdijk: Drie panden" in first["laatste voortgang"]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_xlsx_download_keeps_a_formula_as_text(cast, client):
    found = make_plan(cast)
    found.action.title = FORMULA
    found.action.save()
    response = client.get(reverse("labs:plan_export", kwargs={"pk": found.plan.pk, "fmt": "xlsx"}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[1] == "actie"
    cell = sheet.cell(row=2, column=2)
    assert cell.value == FORMULA and cell.data_type == "s" and cell.quotePrefix
    assert sheet.cell(row=2, column=header.index("budget (€)") + 1).value == pytest.approx(30000.5)


def test_unknown_download_format_is_404(cast, client):
    found = make_plan(cast)
    assert client.get(reverse("labs:plan_export", kwargs={"pk": found.plan.pk, "fmt": "pdf"})).status_code == 404


def test_unknown_plan_is_404(db, client):
    assert client.get(reverse("labs:plan_public", kwargs={"pk": 999999})).status_code == 404
