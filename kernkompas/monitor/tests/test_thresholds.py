"""Thresholds: a crossing opens once, e-mails the area team once (after commit), closes, and may open again."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kernkompas.core.models import AuditEvent
from kernkompas.monitor.actions.thresholds import check_thresholds, save_threshold
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.models import ThresholdCrossing
from kernkompas.monitor.tests.fixture_counts import DATES, count_1, count_2, count_3

pytestmark = pytest.mark.django_db


def load(gebied, records, day, capture):
    with capture(execute=True):
        import_units(gebied, records, count_date=day, file_name=f"{day}.csv", sha256=str(day), format="csv")


def test_vacancy_above_ten_percent_mails_once_per_crossing(cast, django_capture_on_commit_callbacks):
    # Given as a percentage: 25 means 25 %.
    threshold = save_threshold(
        cast.markt, indicator="vacancy_rate", direction="above", value="25", recipients=[cast.ellen], by=cast.ellen
    )
    assert threshold.value == 0.25
    assert AuditEvent.objects.filter(action="monitor.threshold_created").exists()
    # Count 1: 2 of 9 vacant (22 %): below the threshold.
    load(cast.markt, count_1(), DATES[0], django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 0
    # Count 2: 3 of 9 (33 %): crossed → one e-mail, in Dutch, to Ellen.
    load(cast.markt, count_2(), DATES[1], django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ellen@example.org"]
    assert "Marktplein" in message.subject
    assert "33,3 %" in message.body and "25,0 %" in message.body
    gemeente, kern = cast.markt.kern.gemeente, cast.markt.kern
    assert f"/monitor/{gemeente.slug}/{kern.slug}/{cast.markt.slug}/" in message.body  # a link to the dashboard
    crossing = ThresholdCrossing.objects.get()
    assert crossing.opened_count.date == DATES[1] and crossing.closed_count is None
    assert crossing.value == pytest.approx(1 / 3) and crossing.notified_at is not None
    # Checking again (or importing the same file again) sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        check_thresholds(cast.markt)
    load(cast.markt, count_2(), DATES[1], django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    # Count 3: 1 of 8 (12.5 %): the crossing closes, no e-mail.
    load(cast.markt, count_3(), DATES[2], django_capture_on_commit_callbacks)
    crossing.refresh_from_db()
    assert crossing.closed_count.date == DATES[2]
    assert len(mail.outbox) == 1
    # Count 4: four of the nine units vacant → above again: a second crossing, a second e-mail.
    records = count_3()
    for r in records[:3]:
        r.group, r.branch, r.occupant, r.is_chain = "leegstand", "", "", None
    load(cast.markt, records, datetime.date(2025, 3, 1), django_capture_on_commit_callbacks)
    assert ThresholdCrossing.objects.count() == 2
    assert len(mail.outbox) == 2


def test_no_mail_when_the_import_is_rolled_back(cast, django_capture_on_commit_callbacks):
    save_threshold(cast.markt, indicator="vacant_units", direction="above", value=0, recipients=[cast.ellen])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_units(cast.markt, count_1(), count_date=DATES[0], file_name="a.csv", sha256="a", format="csv")
    assert len(callbacks) == 1 and len(mail.outbox) == 0  # only sent when the transaction commits


def test_structural_vacancy_rising(cast, django_capture_on_commit_callbacks):
    save_threshold(
        cast.markt, indicator="long_vacancy", direction="rising", value=0, recipients=[cast.ellen, cast.femke]
    )
    for day, records in zip(DATES, (count_1, count_2, count_3), strict=True):
        load(cast.markt, records(), day, django_capture_on_commit_callbacks)
    # Long vacancy (1–3 years): 0, 0, 1 → rises at count 3 only; both recipients get a mail.
    crossing = ThresholdCrossing.objects.get()
    assert crossing.opened_count.date == DATES[2]
    assert sorted(m.to[0] for m in mail.outbox) == ["ellen@example.org", "femke@example.org"]


def test_threshold_validation():
    from kernkompas.places.models import Gebied

    gebied = Gebied()
    with pytest.raises(ValidationError) as caught:
        save_threshold(gebied, indicator="nonsense", direction="above", value=1)
    assert "indicator" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        save_threshold(gebied, indicator="vacancy_rate", direction="above", value="150")
    assert "value" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        save_threshold(gebied, indicator="vacancy_rate", direction="sideways", value="veel")
    assert set(caught.value.message_dict) == {"direction", "value"}


def test_changing_a_threshold_starts_its_crossings_afresh(cast, django_capture_on_commit_callbacks):
    threshold = save_threshold(
        cast.markt, indicator="vacancy_rate", direction="above", value=0.1, recipients=[cast.ellen]
    )
    load(cast.markt, count_1(), DATES[0], django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        save_threshold(
            cast.markt,
            indicator="vacancy_rate",
            direction="above",
            value=0.5,
            recipients=[cast.ellen],
            threshold=threshold,
        )
    assert not ThresholdCrossing.objects.exists() and len(mail.outbox) == 1
