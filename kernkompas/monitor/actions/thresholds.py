"""Thresholds of an area's indicators: saved by the municipality, checked after every change of the counts, and
one e-mail per crossing to the area team."""

from __future__ import annotations

import logging
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernkompas.core.audit import record
from kernkompas.monitor.indicator_catalogue import INDICATORS, format_value
from kernkompas.monitor.models import AreaIndicators, Threshold, ThresholdCrossing

logger = logging.getLogger(__name__)


def _holds(threshold: Threshold, value, previous) -> bool:
    if value is None:
        return False
    if threshold.direction == Threshold.Direction.ABOVE:
        return value > threshold.value
    if threshold.direction == Threshold.Direction.BELOW:
        return value < threshold.value
    return previous is not None and value - previous > threshold.value


class _Run(NamedTuple):
    """Counts in a row in which a threshold holds, from the one that opens the run."""

    closed_count_id: int | None  # the first count where it no longer holds; None while it still does
    value: float  # the indicator's value at the opening count


def check_thresholds(gebied) -> int:
    """Open and close the crossings of the area's active thresholds along its counts; e-mail new open ones.

    A crossing opens at the first count where the threshold holds after a count where it did not (or at the first
    count), and closes at the first count where it no longer holds. The area team gets one e-mail per crossing
    that is still open, after the transaction commits; ``notified_at`` makes sure a re-run never sends it again.
    Returns the number of crossings opened.
    """
    rows = list(AreaIndicators.objects.filter(gebied=gebied).order_by("date").only("count_id", "date", "values"))
    opened = 0
    to_notify: list[int] = []
    with transaction.atomic():
        for threshold in Threshold.objects.filter(gebied=gebied, is_active=True):
            indicator = INDICATORS.get(threshold.indicator)
            if indicator is None:
                logger.warning("threshold %s names an unknown indicator %r", threshold.pk, threshold.indicator)
                continue
            opened += _store_crossings(threshold, _runs(threshold, indicator, rows), to_notify)
        if to_notify:
            transaction.on_commit(lambda ids=tuple(to_notify): _send_crossing_mails(ids))
    return opened


def _runs(threshold: Threshold, indicator, rows: list[AreaIndicators]) -> dict[int, _Run]:
    """The runs of counts in which the threshold holds, by the count that opens each."""
    runs: dict[int, _Run] = {}
    current = previous = None
    for row in rows:
        value = indicator.value(row.values)
        if _holds(threshold, value, previous):
            if current is None:
                current = row.count_id
                runs[current] = _Run(None, float(value))
        elif current is not None:
            runs[current] = runs[current]._replace(closed_count_id=row.count_id)
            current = None
        previous = value
    return runs


def _store_crossings(threshold: Threshold, runs: dict[int, _Run], to_notify: list[int]) -> int:
    """The threshold's crossings as the runs say (ids of those to e-mail added to ``to_notify``); returns how many
    were opened."""
    existing = {c.opened_count_id: c for c in threshold.crossings.all()}
    for count_id, crossing in existing.items():
        if count_id not in runs:
            crossing.delete()  # the counts were corrected: this crossing never happened
    opened = 0
    for count_id, (closed, value) in runs.items():
        crossing = existing.get(count_id)
        if crossing is None:
            crossing = ThresholdCrossing.objects.create(
                threshold=threshold, opened_count_id=count_id, closed_count_id=closed, value=value
            )
            opened += 1
        elif (crossing.closed_count_id, crossing.value) != (closed, value):
            crossing.closed_count_id, crossing.value = closed, value
            crossing.save(update_fields=["closed_count", "value"])
        if crossing.closed_count_id is None and crossing.notified_at is None:
            crossing.notified_at = timezone.now()
            crossing.save(update_fields=["notified_at"])
            to_notify.append(crossing.pk)
    return opened


def _dashboard_path(gebied) -> str:
    kern = gebied.kern
    return reverse("monitor:gebied", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug, "gebied": gebied.slug})


def _send_crossing_mails(crossing_ids) -> None:
    crossings = ThresholdCrossing.objects.filter(pk__in=crossing_ids).select_related(
        "threshold__gebied__kern__gemeente", "opened_count"
    )
    for crossing in crossings:
        threshold = crossing.threshold
        indicator = INDICATORS[threshold.indicator]
        for user in threshold.recipients.filter(is_active=True).exclude(email=""):
            language = getattr(user, "language", "") or settings.LANGUAGE_CODE
            with translation.override(language):
                context = {
                    "user": user,
                    "gebied": threshold.gebied,
                    "gemeente": threshold.gebied.kern.gemeente,
                    "indicator": indicator,
                    "direction": threshold.get_direction_display(),
                    "threshold_value": format_value(indicator, threshold.value),
                    "value": format_value(indicator, crossing.value),
                    "date": crossing.opened_count.date,
                    "dashboard_url": settings.BASE_URL + _dashboard_path(threshold.gebied),
                }
                subject = render_to_string("monitor/emails/threshold_subject.txt", context).strip()
                body = render_to_string("monitor/emails/threshold_body.txt", context)
            try:
                send_mail(" ".join(subject.split()), body, None, [user.email])
            except Exception:  # a mail server that is down must not undo an import that was committed
                logger.exception("threshold e-mail to %s failed", user.pk)


def save_threshold(
    gebied, *, indicator: str, direction: str, value, recipients=(), is_active=True, by=None, threshold=None
):
    """Create or change a threshold of an area. Shares may be given as 0–1 or as a percentage (10 = 10 %).

    Raises ``django.core.exceptions.ValidationError`` with a message per field.
    """
    number = _checked_value(indicator, direction, value)
    gemeente = gebied.kern.gemeente
    with transaction.atomic():
        created = threshold is None
        if created:
            threshold = Threshold(gebied=gebied)
        before = (threshold.indicator, threshold.direction, threshold.value)
        threshold.indicator = indicator
        threshold.direction = direction
        threshold.value = number
        threshold.is_active = is_active
        threshold.save()
        threshold.recipients.set(recipients)
        if not created and before != (indicator, direction, number):
            threshold.crossings.all().delete()  # another signal: its crossings start afresh
        record(
            by,
            "monitor.threshold_created" if created else "monitor.threshold_changed",
            threshold,
            gemeente=gemeente,
            changes={"indicator": indicator, "direction": direction, "value": number, "active": is_active},
        )
        check_thresholds(gebied)
    return threshold


def _checked_value(indicator: str, direction: str, value) -> float:
    """The threshold's value as stored (a share as 0–1); ValidationError with a message per field."""
    errors = {}
    found = INDICATORS.get(indicator)
    if found is None:
        errors["indicator"] = _("Choose one of the indicators in the list.")
    if direction not in Threshold.Direction.values:
        errors["direction"] = _("Choose above, below or rising.")
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        errors["value"] = _("Give a number, e.g. 10 for 10 %.")
        number = None
    if number is not None and found is not None:
        if found.unit == "share":
            if number > 1:
                number = number / 100  # given as a percentage
            low = -1.0 if direction == Threshold.Direction.RISING else 0.0
            if not low <= number <= 1:
                errors["value"] = _("A share lies between 0 and 100 %.")
        elif number < 0 and direction != Threshold.Direction.RISING:
            errors["value"] = _("The value cannot be negative.")
    if errors:
        raise ValidationError(errors)
    return number
