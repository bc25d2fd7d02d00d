"""Footfall posted by an automatic counter through the API, with a key of :mod:`.counter_keys`."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.audit import record
from kernkompas.lib import clock
from kernkompas.monitor import footfall_rules
from kernkompas.monitor.actions.counter_keys import counter_for_key
from kernkompas.monitor.actions.footfall import stored_start, upsert_footfall
from kernkompas.monitor.models import CounterToken, CountingPoint, FootfallCount, Resolution


class FootfallPostRejected(ValueError):
    """The posted counts are not usable; ``problems`` lists why (item number and field)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _parse_start(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass
class _PostedCount:
    """One item of a post, checked: where it goes (point, resolution, local wall-clock start) and, in the hour the
    autumn change repeats, which time the clocks showed it (0 first, 1 second; None: the sender did not say)."""

    number: int
    point: CountingPoint | None
    resolution: str
    start: datetime.datetime | None
    time: int | None
    value: int | None


def _posted_start(number: int, raw, resolution: str, span: footfall_rules.Span) -> tuple:
    """(local wall-clock start, which time, problem) of an item's ``start``: an aware time is converted to the site's
    time zone, a naive one is local already (and must exist: not in the hour the spring change skips)."""
    zone = settings.TIME_ZONE
    start = _parse_start(raw)
    if start is None:
        return None, None, _("item %(n)s, start: not a date and time such as 2025-03-01T14:00:00") % {"n": number}
    given = raw if isinstance(raw, str) else start.isoformat()
    aware = start.tzinfo is not None and start.utcoffset() is not None
    if not span.contains_year(start.year):
        # Far outside the span: say so without converting (converting 9999-12-31T23:00-05:00 overflows).
        problem = span.problem(start.replace(tzinfo=None), given)
        return None, None, _("item %(n)s, start: %(why)s") % {"n": number, "why": problem}
    skipped = None if aware else footfall_rules.skipped_problem(start)
    if skipped:
        return None, None, _("item %(n)s, start: %(why)s") % {"n": number, "why": skipped}
    local, time = clock.wall_clock(start, zone)
    problem = span.problem(local, given)
    if problem:
        return None, None, _("item %(n)s, start: %(why)s") % {"n": number, "why": problem}
    if local.minute or local.second or local.microsecond or (resolution == Resolution.DAY and local.hour):
        if not aware:
            return None, None, _("item %(n)s, start: give the start of the hour or day") % {"n": number}
        values = {"n": number, "start": given, "local": footfall_rules.shown(local), "zone": zone}
        if resolution == Resolution.DAY:
            why = _("item %(n)s, start: %(start)s is %(local)s in %(zone)s; a day count starts at 0:00 there")
        else:
            why = _("item %(n)s, start: %(start)s is %(local)s in %(zone)s, not the start of an hour there")
        return None, None, why % values
    return local, time, None


def _check_posted(item, number: int, by_name: dict, by_external: dict, gemeente, span) -> tuple[_PostedCount, list]:
    """An item of a post as a _PostedCount, with every problem (item number, field, why)."""
    problems = []
    if not isinstance(item, dict):
        return _PostedCount(number, None, "", None, None, None), [_("item %(n)s: not an object") % {"n": number}]
    name = str(item.get("point") or "").strip()
    point = by_name.get(name) or by_external.get(name)
    if point is None:
        problems.append(
            _("item %(n)s, point: “%(point)s” is not a counting point of %(gemeente)s")
            % {"n": number, "point": name, "gemeente": gemeente.name_nl}
        )
    resolution = item.get("resolution") or Resolution.HOUR
    if resolution not in Resolution.values:
        problems.append(_("item %(n)s, resolution: use hour or day") % {"n": number})
    start, time, problem = _posted_start(number, item.get("start"), resolution, span)
    if problem:
        problems.append(problem)
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > footfall_rules.MAX_VALUE:
        problems.append(
            _("item %(n)s, value: a whole number of passers-by from 0 to %(max)s")
            % {"n": number, "max": footfall_rules.MAX_VALUE}
        )
    return _PostedCount(number, point, resolution, start, time, value), problems


class _Problem(NamedTuple):
    number: int  # of the item it is about
    text: str


def _pair_repeated_hours(items: list[_PostedCount]) -> tuple[list[_Problem], list[str]]:
    """The file rule for a post: each point and hour (or day) once, except the hour the autumn change repeats,
    which may come twice (the two times the clocks showed it) and then adds up. Sets ``time`` of such a pair;
    returns (problems, notices)."""
    problems, notices = [], []
    groups: dict[tuple, list[_PostedCount]] = defaultdict(list)
    for item in items:
        groups[(item.point.pk, item.resolution, item.start)].append(item)
    for group in groups.values():
        if len(group) > 1:
            _pair(group, problems, notices)
    return problems, notices


def _pair(group: list[_PostedCount], problems: list[_Problem], notices: list[str]) -> None:
    """Items for the same point and hour: the two times of a repeated autumn hour are a pair (with a notice);
    every other item is a problem."""
    first, second, *more = group
    values = {"point": first.point.name, "start": footfall_rules.shown(first.start), "first": first.number}
    repeated = first.resolution == Resolution.HOUR and clock.is_repeated(first.start, settings.TIME_ZONE)
    if not repeated or (first.time is not None and first.time == second.time):
        more = [second, *more]
        twice = _("item %(n)s, start: %(point)s already has a count for %(start)s in item %(first)s")
    else:
        # A time without offset is the one the other item leaves (both without: in the order sent).
        if first.time is None:
            first.time = 0 if second.time in (None, 1) else 1
        if second.time is None:
            second.time = 1 - first.time
        values["second"] = second.number
        notices.append(
            _(
                "%(point)s, %(start)s: this hour happened twice because the clocks went back; the counts of "
                "items %(first)s and %(second)s are added up in that hour"
            )
            % values
        )
        twice = _(
            "item %(n)s, start: %(point)s already has the two counts of %(start)s, the hour that happened "
            "twice (items %(first)s and %(second)s)"
        )
    problems += [_Problem(item.number, twice % {**values, "n": item.number}) for item in more]


def post_footfall(token_key: str, payload: list[dict]) -> dict:
    """Counts posted by an automatic counter, idempotent per point and hour (or day).

    ``payload``: ``[{"point": name or own id, "start": ISO datetime, "value": int, "resolution": "hour"}]``. A
    start without offset is local time; one with an offset (or Z) is converted to local time. The rule of the
    footfall files applies: each point and hour once, except the hour the autumn clock change repeats, whose two
    counts add up (with a notice); a local time the spring change skips is refused, and so is a start outside
    :mod:`~kernkompas.monitor.footfall_rules`' span. Each of the two times of a repeated hour sent with its
    offset is kept apart (so the two may come in separate posts, and sending one again replaces only that one);
    a repeated hour sent once without offset is the whole hour.

    Raises :class:`CounterKeyInvalid` for an unknown or revoked key and :class:`FootfallPostRejected` (nothing
    written) for unusable items. Returns ``{"created", "updated", "unchanged", "items": [{"point", "start",
    "status"}], "notices"}``, one item per count sent, where status is created, updated (another value replaced
    the stored one) or unchanged.
    """
    token = counter_for_key(token_key)
    items, notices = _checked(payload, token.gemeente)
    with transaction.atomic():
        result = _write_posted(items)
        CounterToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        if result["created"] or result["updated"]:
            record(
                None,
                "monitor.footfall_posted",
                token,
                gemeente=token.gemeente,
                changes={"created": result["created"], "updated": result["updated"]},
            )
    return {**result, "notices": notices}


def _checked(payload, gemeente) -> tuple[list[_PostedCount], list[str]]:
    """The items of a post, checked (with the notices of repeated hours); FootfallPostRejected with every problem
    when any item is not usable."""
    if not isinstance(payload, list) or not payload:
        raise FootfallPostRejected([_("Send a list of counts.")])
    points = CountingPoint.objects.filter(gebied__kern__gemeente=gemeente)
    by_name = {p.name: p for p in points}
    by_external = {p.external_id: p for p in points if p.external_id}
    span = footfall_rules.accepted_span()
    problems, items = [], []
    for number, item in enumerate(payload, start=1):
        checked, found = _check_posted(item, number, by_name, by_external, gemeente, span)
        problems += [_Problem(number, problem) for problem in found]
        if not found:
            items.append(checked)
    repeats, notices = _pair_repeated_hours(items)
    problems += repeats
    if problems:
        # In the order of the items, so each item's problems stand together.
        raise FootfallPostRejected([problem.text for problem in sorted(problems, key=lambda p: p.number)])
    return items, notices


class _Slot(NamedTuple):
    """Where a count is stored: its point, resolution and start (local wall-clock time, labelled UTC)."""

    point_id: int
    resolution: str
    start: datetime.datetime


def _write_posted(items: list[_PostedCount]) -> dict:
    """Write checked counts; the status of each (created, updated, unchanged) against what was stored."""
    slots = [_Slot(item.point.pk, item.resolution, stored_start(item.start)) for item in items]
    stored = _stored(slots)
    result = {"created": 0, "updated": 0, "unchanged": 0, "items": []}
    firsts, seconds, whole_hours = [], [], []
    for item, slot in zip(items, slots, strict=True):
        time = item.time or 0
        before = stored.get((*slot, time))
        # Sent once without offset, a repeated hour is the whole hour: a second time stored apart goes.
        replaces_second = item.time is None and (*slot, 1) in stored
        if before is None and not replaces_second:
            status = "created"
        elif before == item.value and not replaces_second:
            status = "unchanged"
        else:
            status = "updated"
        result[status] += 1
        result["items"].append({"point": item.point.name, "start": item.start.isoformat(), "status": status})
        if status != "unchanged":
            (seconds if time else firsts).append((*slot, item.value))
        if replaces_second:
            whole_hours.append(slot)
    upsert_footfall(firsts, second_times=seconds, whole_hours=whole_hours)
    return result


def _stored(slots: list[_Slot]) -> dict[tuple, int]:
    """What is stored for these points and hours, by (point id, resolution, start, fold): one query over the
    posted span (not one per item)."""
    starts = [slot.start for slot in slots]
    stored = FootfallCount.objects.filter(
        point_id__in={slot.point_id for slot in slots},
        resolution__in={slot.resolution for slot in slots},
        start__gte=min(starts),
        start__lte=max(starts),
    ).values_list("point_id", "resolution", "start", "fold", "value")
    return {(p, r, s.replace(tzinfo=datetime.UTC), f): v for p, r, s, f, v in stored}
