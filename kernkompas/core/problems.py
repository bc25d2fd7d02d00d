"""What every import says about a file it refuses: one problem per thing wrong, worded so a municipal officer can
find and fix it (file, line or feature, field, reason), collected per file, and raised together so nothing is
written. Shared by every importer of every part (places, Kernmonitor, and the parts to come).

Also the words for a file that goes over a limit of :mod:`kernkompas.lib.filelimits`, a text longer than its
database column, and bounded JSON reading.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kernkompas.lib.filelimits import LimitExceeded, check_json_text

MAX_PROBLEMS_PER_FILE = 25


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, said so that a municipal officer can find and fix it."""

    file: str
    reason: str
    where: str = ""  # "feature 12 (nis 71004)", "line 7"
    field: str = ""

    def __post_init__(self) -> None:
        # Word the whole message now, in the language active while the file is checked, so the place ("regel 7,
        # veld …") and the reason never end up in two languages.
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(_("field “%(field)s”") % {"field": self.field})
        object.__setattr__(
            self, "text", _("%(place)s: %(reason)s") % {"place": ", ".join(parts), "reason": self.reason}
        )

    def __str__(self) -> str:
        return self.text


class ImportRejected(Exception):
    """The files were not imported; ``problems`` says why. Nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self) -> str:
        """What a command prints: that nothing was imported, then every problem on a line of its own."""
        lines = [_("Nothing was imported. Fix these problems and run the command again:")]
        return "\n".join(lines + [f"- {problem}" for problem in self.problems])


class Problems:
    """Collects the problems of one file (the first few in full, then a count), so one run shows them all."""

    def __init__(self, file_name: str):
        self.file = file_name
        self.items: list[Problem] = []
        self.hidden = 0

    def add(self, reason: str, *, where: str = "", field: str = "") -> None:
        if len(self.items) >= MAX_PROBLEMS_PER_FILE:
            self.hidden += 1
            return
        self.items.append(Problem(self.file, reason, where, field))

    def __bool__(self) -> bool:
        return bool(self.items)

    def as_list(self) -> list[Problem]:
        if not self.hidden:
            return list(self.items)
        more = Problem(
            self.file,
            ngettext("and %(count)s more problem in this file", "and %(count)s more problems in this file", self.hidden)
            % {"count": self.hidden},
        )
        return [*self.items, more]


def feature_place(number: int, code: str | None = None) -> str:
    if code:
        return _("feature %(number)s (%(code)s)") % {"number": number, "code": code}
    return _("feature %(number)s") % {"number": number}


def line_place(number: int) -> str:
    return _("line %(number)s") % {"number": number}


# What each limit of kernkompas.lib.filelimits means, for the person whose file went over it.
LIMIT_REASONS = {
    "cell_chars": gettext_lazy("a cell of %(found)s characters; the most is %(maximum)s"),
    "header_chars": gettext_lazy("a column heading of %(found)s characters; the most is %(maximum)s"),
    "header_columns": gettext_lazy("%(found)s columns; the most is %(maximum)s"),
    "columns": gettext_lazy("a value in column %(found)s; a file may have at most %(maximum)s columns"),
    "cells": gettext_lazy("more than %(maximum)s cells (rows × columns), the most one import may have: split it up"),
    "line_chars": gettext_lazy("a line of more than %(maximum)s characters, the most one line may have"),
    "excel_rows": gettext_lazy("row %(found)s lies beyond the last row of a sheet (%(maximum)s): the file is damaged"),
    "xlsx_unpacked": gettext_lazy("the Excel file unpacks to %(found)s; the most is %(maximum)s"),
    "xlsx_part": gettext_lazy("the part “%(part)s” of the Excel file unpacks to %(found)s; the most is %(maximum)s"),
    "xlsx_parts": gettext_lazy("the Excel file consists of %(found)s parts; the most is %(maximum)s"),
    "xlsx_text": gettext_lazy(
        "the Excel file holds a cell of more than %(maximum)s characters, the most one cell may have"
    ),
    "shared_strings": gettext_lazy(
        "the Excel file holds more than %(maximum)s different texts, the most one import may have: split it up"
    ),
    "json_values": gettext_lazy(
        "the file holds %(found)s values (numbers, texts, lists); the most is %(maximum)s: split it up"
    ),
    "json_depth": gettext_lazy("the data is nested too deeply (lists within lists within lists …)"),
    "vertices": gettext_lazy("a geometry of %(found)s corner points; the most is %(maximum)s"),
    "topology_positions": gettext_lazy(
        "the boundaries in the file have more than %(maximum)s corner points together, the most one import may have"
    ),
    "osm_objects": gettext_lazy(
        "the extract holds more than %(maximum)s shops, cafés and services, the most one import may have: cut it "
        "to the area first"
    ),
    "osm_tags": gettext_lazy("an object with %(found)s tags; the most is %(maximum)s"),
    "footfall_points": gettext_lazy("more than %(maximum)s counting points; the most is %(maximum)s"),
    "footfall_figures": gettext_lazy(
        "more than %(maximum)s counts (points × hours), the most one import may have: split the file up"
    ),
}


_SIZE_LIMITS = {"xlsx_unpacked", "xlsx_part"}


def limit_reason(exc: LimitExceeded) -> str:
    """What went over which limit, with the numbers: "een cel van 300.000 tekens; het maximum is 10.000"."""
    size = _size if exc.limit in _SIZE_LIMITS else _number
    return LIMIT_REASONS[exc.limit] % {"found": size(exc.found), "maximum": size(exc.maximum), "part": exc.part}


def limit_place(exc: LimitExceeded, place=None) -> str:
    """Where a limit was reached: "regel 3, kolom 17" (``place`` words the line: :func:`line_place` by default,
    :func:`feature_place` for the features of a GeoJSON file); "" when the file as a whole is too large."""
    if not exc.line:
        return ""
    where = (place or line_place)(exc.line)
    if exc.column and exc.limit != "columns":
        where = _("%(place)s, column %(column)s") % {"place": where, "column": exc.column}
    return where


def add_limit_problem(problems: Problems, exc: LimitExceeded, place=None) -> None:
    problems.add(limit_reason(exc), where=limit_place(exc, place))


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _size(value: int) -> str:
    if value >= 1_000_000_000:
        return formats.number_format(round(value / 1_000_000_000, 1), 1) + " GB"
    return formats.number_format(round(value / 1_000_000), force_grouping=True) + " MB"


def check_length(problems: Problems, model, field_name: str, value, *, where: str = "", field="") -> bool:
    """False (and a problem naming the limit and the length) when ``value`` is longer than the column
    ``model.field_name`` holds; the limit is read from the model, so it is written down once.

    Every import checks each text it will store this way before it writes anything: PostgreSQL refuses a longer
    text (the import would fail halfway with a server error) and SQLite would store it whole. ``field`` is how the
    file names it (a column heading); without one, the model field's name is used.
    """
    model_field = model._meta.get_field(field_name)
    limit = model_field.max_length
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        return True
    problems.add(
        _("the text is %(length)s characters long; this field holds at most %(limit)s")
        % {"length": _number(len(value)), "limit": _number(limit)},
        where=where,
        field=str(field or model_field.verbose_name),
    )
    return False


def max_length(model, field_name: str) -> int:
    """The most characters the column ``model.field_name`` holds."""
    return model._meta.get_field(field_name).max_length


def load_json(text: str):
    """``json.loads`` within the limits: at most :data:`~kernkompas.lib.filelimits.MAX_JSON_VALUES` values, counted
    before they are built; nesting deeper than Python's recursion allows, or a number of thousands of digits, is a
    :class:`LimitExceeded` / :class:`json.JSONDecodeError` like any other broken file."""
    check_json_text(text)
    try:
        return json.loads(text)
    except RecursionError:
        raise LimitExceeded("json_depth", found=0, maximum=0) from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise json.JSONDecodeError(str(exc), text, 0) from None


def json_reason(exc: json.JSONDecodeError, text: str) -> str:
    """Why a JSON text cannot be read: cut off at the end, or broken at a line and column."""
    if exc.pos >= len(text.rstrip()) - 1:
        return _("the file stops in the middle of the data: it is probably incomplete (cut off)")
    return _("the file is not valid JSON at line %(line)s, column %(column)s") % {
        "line": exc.lineno,
        "column": exc.colno,
    }


def sniff_osm(path, problems: Problems) -> str | None:
    """ "pbf" or "osm" (XML) from an OpenStreetMap extract's first bytes, whatever the file is called; otherwise says
    in ``problems`` what is wrong with the file and returns None. Every OSM import (places, Kernmonitor, Kern-DNA)
    asks this first, so a wrong file gets the same words everywhere."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except FileNotFoundError:
        problems.add(_("the file does not exist (check the name and the folder)"))
        return None
    except PermissionError:
        problems.add(_("you have no permission to read this file"))
        return None
    except OSError as exc:
        problems.add(_("the file cannot be read (%(reason)s)") % {"reason": exc.strerror or exc})
        return None
    if not head.strip():
        problems.add(_("the file is empty"))
        return None
    # A PBF file starts with the length of its first block header, then the block type "OSMHeader".
    if len(head) > 13 and head[:2] == b"\x00\x00" and b"OSMHeader" in head[:20]:
        return "pbf"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xml", b"<osm")):
        return "osm"
    problems.add(_("this is not an OpenStreetMap file (.osm.pbf or .osm)"))
    return None
