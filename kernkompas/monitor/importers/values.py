"""Reading one value from a cell the way Dutch and Belgian spreadsheets write it.

Numbers with a decimal comma and thousands dots ("1.234,5"), dates as ``31-12-2024``, ``31/12/2024``, ISO
``2024-12-31`` or an Excel serial number, yes/no as ja/nee/yes/no/x/1/0. Each parser returns the value, ``None`` for
an empty cell, or raises :class:`BadValue` whose message says in the user's language what is wrong with the text.
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _


class BadValue(ValueError):
    """The text cannot be read as the value the column needs; ``str(exc)`` is the reason for the user."""


_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_UNIT = re.compile(r"\s*(m2|m²|m\^2|㎡)\s*$", re.IGNORECASE)
_PLAIN = re.compile(r"[-+]?\d+")
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")
_DECIMAL_POINT = re.compile(r"[-+]?\d*\.\d+")
_THOUSANDS_DOTS = re.compile(r"[-+]?\d{1,3}(\.\d{3})+")
_THOUSANDS_COMMAS = re.compile(r"[-+]?\d{1,3}(,\d{3}){2,}")
_NL_FULL = re.compile(r"[-+]?\d{1,3}(\.\d{3})+,\d+")  # 1.234,5
_EN_FULL = re.compile(r"[-+]?\d{1,3}(,\d{3})+\.\d+")  # 1,234.5


def is_empty(text: str | None) -> bool:
    return text is None or not str(text).strip()


def number(text: str | None, *, point_is_decimal: bool = False) -> float | None:
    """A number as written in NL/BE files: "12,5", "1.234,5", "1234", "1.234" (= 1234), also "1,234.5".

    A single dot followed by exactly three digits is read as a thousands separator ("1.234" = 1234, as Dutch
    spreadsheets write it), except with ``point_is_decimal`` (coordinates: "5.123" is 5.123 degrees).
    """
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    if raw.isascii():  # fast paths for the common "85" and "12,5"
        if raw.isdigit():
            return float(raw)
        whole, comma, fraction = raw.partition(",")
        if comma and whole.isdigit() and fraction.isdigit():
            return float(f"{whole}.{fraction}")
    cleaned = raw if raw.isascii() and raw.replace(",", "").replace(".", "").lstrip("-+").isdigit() else None
    if cleaned is None:  # units ("85 m²") and spaces or apostrophes as thousands separators
        cleaned = _SPACES.sub("", _UNIT.sub("", raw))
    value: str | None = None
    if _PLAIN.fullmatch(cleaned):
        value = cleaned
    elif _DECIMAL_COMMA.fullmatch(cleaned):
        value = cleaned.replace(",", ".")
    elif _NL_FULL.fullmatch(cleaned):
        value = cleaned.replace(".", "").replace(",", ".")
    elif _EN_FULL.fullmatch(cleaned):
        value = cleaned.replace(",", "")
    elif _THOUSANDS_DOTS.fullmatch(cleaned) and not (point_is_decimal and cleaned.count(".") == 1):
        value = cleaned.replace(".", "")
    elif _DECIMAL_POINT.fullmatch(cleaned):
        value = cleaned
    elif _THOUSANDS_COMMAS.fullmatch(cleaned):
        value = cleaned.replace(",", "")
    if value is None:
        raise BadValue(_("“%(value)s” is not a number") % {"value": raw})
    return float(value)


def area(text: str | None) -> int | None:
    """A floor area in whole m² (rounded); not negative."""
    value = number(text)
    if value is None:
        return None
    if value < 0:
        raise BadValue(_("“%(value)s” is negative; a floor area is 0 or more m²") % {"value": str(text).strip()})
    if value > 10_000_000:
        raise BadValue(_("“%(value)s” m² is not a plausible floor area") % {"value": str(text).strip()})
    return round(value)


_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")  # 10000 = 1927, 73050 = 2100
_YEAR = re.compile(r"\d{4}")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug compensated)


def date(text: str | datetime.date | None) -> datetime.date | None:
    """A date: ``31-12-2024``, ``31/12/2024``, ``31.12.2024``, ``31-12-24``, ISO ``2024-12-31``, an Excel serial
    (``45657``) or only a year (``2019`` = 1 January 2019)."""
    if text is None:
        return None
    if isinstance(text, datetime.datetime):
        return text.date()
    if isinstance(text, datetime.date):
        return text
    raw = str(text).strip()
    if not raw:
        return None
    try:
        sep = raw[2] if len(raw) == 10 and raw.isascii() else ""
        if sep in ("-", "/") and raw[5] == sep and raw.replace(sep, "").isdigit():
            day, month, year = int(raw[:2]), int(raw[3:5]), int(raw[6:])  # fast path for 31-12-2024
        elif match := _YMD.fullmatch(raw):
            year, month, day = (int(part) for part in match.groups())
        elif match := _DMY.fullmatch(raw):
            day, month, year = (int(part) for part in match.groups())
            if len(match.group(3)) == 2:
                year += 2000 if year <= datetime.date.today().year % 100 + 1 else 1900
        elif _YEAR.fullmatch(raw):  # only the year is known ("sinds 2019"): the first of January
            year, month, day = int(raw), 1, 1
        elif _SERIAL.fullmatch(raw):
            serial = int(raw.replace(",", ".").split(".")[0])
            value = _EXCEL_EPOCH + datetime.timedelta(days=serial)
            year, month, day = value.year, value.month, value.day
        else:
            raise BadValue(_("“%(value)s” is not a date; write it as 31-12-2024 or 2024-12-31") % {"value": raw})
        value = datetime.date(year, month, day)
    except ValueError as exc:
        if isinstance(exc, BadValue):
            raise
        raise BadValue(_("“%(value)s” is not an existing date") % {"value": raw}) from exc
    if not 1800 <= value.year <= 2100:
        raise BadValue(_("“%(value)s” is not a plausible date") % {"value": raw})
    return value


_TRUE = {"ja", "j", "yes", "y", "x", "1", "true", "waar", "wel", "keten", "filiaal", "chain", "oui", "vrai"}
_FALSE = {"nee", "n", "no", "0", "false", "onwaar", "niet", "geen", "zelfstandig", "independent", "non", "faux", "-"}


def boolean(text: str | None) -> bool | None:
    """Yes/no as ja/nee, yes/no, x (ticked), 1/0, true/false; also "keten"/"filiaal" and "zelfstandig"."""
    if is_empty(text):
        return None
    key = str(text).strip().lower().rstrip(".")
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise BadValue(_("“%(value)s” is not yes or no; write ja/nee, yes/no, x or 1/0") % {"value": str(text).strip()})


def cell_text(value) -> str:
    """A cell from Excel or a JSON property as the text a Dutch spreadsheet shows, so that the same parsers read
    every format: 12.5 → "12,5" (never "12.5", which would read as a thousands dot), dates ISO, booleans 1/0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        if "e" in text or "E" in text:
            text = f"{value:.12f}".rstrip("0")
        return text.replace(".", ",")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()
