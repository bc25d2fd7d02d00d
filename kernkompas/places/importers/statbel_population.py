"""Statbel population per municipality on 1 January (CSV: ``NIS code``, ``Woonplaats``, ``Mannen``, ``Vrouwen``,
``Totaal``).

The file also has rows for the country, regions, provinces and arrondissements; only municipality rows are used.
The year is not in the file: it comes from ``--year``, else from a four-digit year in the file name
(``bevolking_per_gemeente_2020.csv``). A municipality code that is not in the database yet is created with the
name from the file (without Statbel's disambiguation such as "Hove (Antwerpen)") and the province of its
arrondissement.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import line_place
from kernkompas.places.importers import base
from kernkompas.places.importers.provinces import belgian_province_of, belgian_province_record, known_arrondissement

CODE, NAME, MEN, WOMEN, TOTAL = "NIS code", "Woonplaats", "Mannen", "Vrouwen", "Totaal"
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# Statbel adds the arrondissement to names that occur twice in Belgium's history: "Hove (Antwerpen)".
_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)$")


class Format(base.BaseFormat):
    key = "statbel-population-csv"
    label = gettext_lazy("Statbel population per municipality (CSV)")
    source = "Statbel (bevolking per gemeente)"
    figure_source = "Statbel"
    rank = base.RANK_NAMES_ONLY
    order = 20
    kind = "csv"

    def detect(self, document):
        return document.kind == "csv" and all(document.column(name) for name in (CODE, TOTAL))

    def parse(self, document, options, problems):
        batch = base.Batch()
        year = self._year(document, options, problems)
        columns = self._columns(document, problems)
        if columns is None:
            return batch
        seen: dict[str, int] = {}
        provinces = set()
        for line, row in document.rows:
            parsed = self._row(line, row, columns, seen, batch, problems)
            if parsed is None:
                continue
            record, total = parsed
            batch.gemeenten.append(record)
            if record.province:
                provinces.add(record.province)
            if year is not None:
                batch.figures.append(base.FigureRecord(record.code, year, total, record.where))
        batch.provinces = [belgian_province_record(code) for code in sorted(provinces)]
        return batch

    def _year(self, document, options, problems) -> int | None:
        if options.year is not None:
            return options.year
        match = _YEAR_IN_NAME.search(document.path.stem)
        if match:
            return int(match.group(1))
        problems.add(
            _(
                "the file does not say for which year the population counts are, and its name contains no year: "
                "give the year with --year (for example --year 2020)"
            )
        )
        return None

    def _columns(self, document, problems) -> dict[str, str | None] | None:
        columns = {name: document.column(name) for name in (CODE, NAME, MEN, WOMEN, TOTAL)}
        missing = [name for name in (CODE, NAME, TOTAL) if columns[name] is None]
        if missing:
            problems.add(
                _("the column is missing (the header has: %(header)s)") % {"header": ", ".join(document.header)},
                where=line_place(1),
                field=missing[0],
            )
            return None
        return columns

    def _row(self, line, row, columns, seen, batch, problems):
        where = line_place(line)
        raw_code = row.get(columns[CODE]) or ""
        code = base.nis_code(raw_code)
        if code is None:
            problems.add(
                _("“%(value)s” is not a NIS code (five digits such as 71004)") % {"value": raw_code},
                where=where,
                field=columns[CODE],
            )
            return None
        if not base.is_municipality_nis(code):
            batch.skipped[_("rows for the country, a region, province or arrondissement")] += 1
            return None
        if not known_arrondissement(code):
            problems.add(
                _("“%(value)s” is not a Belgian municipality code") % {"value": code}, where=where, field=columns[CODE]
            )
            return None
        if code in seen:
            problems.add(
                _("municipality %(code)s is also on line %(line)s") % {"code": code, "line": seen[code]},
                where=where,
                field=columns[CODE],
            )
            return None
        seen[code] = line
        total = self._counts(row, columns, where, problems)
        name = _DISAMBIGUATION.sub("", (row.get(columns[NAME]) or "").replace("’", "'")).strip()
        if not name:
            problems.add(_("the name is empty"), where=where, field=columns[NAME])
            return None
        if total is None:
            return None
        record = base.GemeenteRecord(
            code=code,
            country="BE",
            where=where,
            name_nl=name,
            province_stated=True,
            province=belgian_province_of(code),
        )
        return record, total

    def _counts(self, row, columns, where, problems) -> int | None:
        total = base.whole_number(row.get(columns[TOTAL]) or "", where, columns[TOTAL], problems)
        parts = []
        for name in (MEN, WOMEN):
            column = columns[name]
            if column and row.get(column):
                parts.append(base.whole_number(row[column], where, column, problems))
        if total is None or None in parts:
            return None
        if len(parts) == 2 and sum(parts) != total:
            problems.add(
                _("%(total)s is not the sum of men and women (%(men)s + %(women)s)")
                % {"total": total, "men": parts[0], "women": parts[1]},
                where=where,
                field=columns[TOTAL],
            )
            return None
        return total
