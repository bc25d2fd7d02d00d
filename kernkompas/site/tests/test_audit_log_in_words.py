"""The audit log shows its details as Dutch "name: value" lines and its dates in Dutch. Before, the Details column
was a Python dict with the code's keys ({'count_date': '2024-10-01', 'count_created': True, 'sha256': …}) and the
dates read "4 Dec 2026"."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from kernkompas.core import audit
from kernkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _details(page: str) -> list[str]:
    lists = re.findall(r'<ul class="audit-changes">(.*?)</ul>', page, re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for chunk in lists for item in re.findall(r"<li>(.*?)</li>", chunk)]


@pytest.fixture
def import_event(cast):
    event = audit.record(
        cast.ellen,
        "monitor.import_units",
        cast.markt,
        gemeente=cast.maasdijk,
        changes={
            "file": "telling.csv",
            "count_date": "2024-10-01",
            "count_created": True,
            "rows": 1250,
            "states_removed": 0,
            "points_created": ["Grote Markt", "Nieuwstraat"],
        },
    )
    AuditEvent.objects.filter(pk=event.pk).update(
        created_at=datetime.datetime(2026, 12, 4, 13, 3, tzinfo=datetime.UTC)  # 14:03 in Brussels
    )
    return event


@pytest.mark.parametrize("who", ["anton", "ellen"])
def test_the_details_are_dutch_lines_with_dutch_numbers_and_dates(client, cast, import_event, who):
    client.force_login(getattr(cast, who))
    page = client.get(reverse("kk_audit_log")).content.decode()
    details = _details(page)
    assert "bestand: telling.csv" in details
    assert "datum telling: 1 oktober 2024" in details
    assert "nieuwe telling: ja" in details
    assert "rijen: 1.250" in details
    assert "panden niet meer in de telling: 0" in details
    assert "nieuwe telpunten: Grote Markt, Nieuwstraat" in details
    assert "count_date" not in page and "True" not in page and "{" not in "".join(details)
    assert "4 december 2026 14:03" in page


def test_a_threshold_names_its_indicator_and_direction_in_words(client, cast):
    from kernkompas.monitor.models import Threshold

    threshold = Threshold.objects.create(gebied=cast.markt, indicator="vacancy_rate", direction="above", value=0.12)
    audit.record(
        cast.ellen,
        "monitor.threshold_created",
        threshold,
        gemeente=cast.maasdijk,
        changes={"indicator": "vacancy_rate", "direction": "above", "value": 0.12, "active": True},
    )
    client.force_login(cast.ellen)
    details = _details(client.get(reverse("kk_audit_log")).content.decode())
    assert {"indicator: leegstand", "richting: boven", "waarde: 0,12", "actief: ja"} <= set(details)


def test_a_back_office_save_names_the_fields_by_their_labels(client, cast):
    audit.record(
        cast.ellen,
        "places.gebied_changed",
        cast.markt,
        gemeente=cast.maasdijk,
        changes={"fields": {"name": "Marktplein", "geometry": "changed"}},
    )
    client.force_login(cast.ellen)
    details = _details(client.get(reverse("kk_audit_log")).content.decode())
    assert "naam: Marktplein" in details
    assert any(line.endswith(": gewijzigd") for line in details), details


def test_every_detail_key_the_demo_writes_has_a_dutch_name():
    """The demo's events (imports, thresholds, the demo's own summary) show no key of the code."""
    from django.utils import translation

    from kernkompas.site.demo import load_demo_data

    load_demo_data(with_parts=True)
    with translation.override("nl"):
        for event in AuditEvent.objects.all():
            for name, _value in audit.detail_lines(event):
                assert "_" not in name and not re.search(r"\b[a-z]+\.[A-Z]", name), (event.action, name)


def test_objects_named_by_number_are_named_in_dutch(client, cast):
    """Was: "saved search #12" and "user #7", the code's English, in the Object column."""
    from kernkompas.vitrine.actions import saved_searches

    search = saved_searches.save_search(cast.ellen, "Leegstand", "q=leegstand")
    audit.record(None, "personal_data.exported", None, gemeente=cast.maasdijk, label=f"user #{cast.ellen.pk}")
    client.force_login(cast.anton)
    page = client.get(reverse("kk_audit_log")).content.decode()
    assert f"bewaarde zoekopdracht #{search.pk}" in page
    assert f"gebruiker #{cast.ellen.pk}" in page
    assert "saved search #" not in page and "user #" not in page
