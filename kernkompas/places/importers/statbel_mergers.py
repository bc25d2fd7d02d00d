"""Belgian municipal mergers (CSV: ``nis_old``, ``name_old``, ``nis_new``, ``name_new``, ``effective_date``).

History stays: each old municipality keeps its row, figures and boundary, and gets ``valid_until`` (the day before
the merger) and ``merged_into``. A new code gets ``valid_from``. A municipality that keeps its code and absorbs
others (Antwerpen 11002 + Borsbeek) appears with the same code on both sides and is not itself marked as merged.
Missing municipalities are created with the names in the list. The population of a new municipality for the
years before it existed is derived by the write step (sum of the predecessors, ``derived=True``).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import line_place
from kernkompas.places.importers import base
from kernkompas.places.importers.provinces import belgian_province_of, belgian_province_record, known_arrondissement

OLD, OLD_NAME, NEW, NEW_NAME, DATE = "nis_old", "name_old", "nis_new", "name_new", "effective_date"


class Format(base.BaseFormat):
    key = "statbel-mergers-csv"
    label = gettext_lazy("Belgian municipal mergers (CSV)")
    source = "Statbel REFNIS (fusies)"
    rank = base.RANK_NAMES_ONLY
    order = 40
    kind = "csv"

    def detect(self, document):
        return document.kind == "csv" and all(document.column(name) for name in (OLD, NEW, DATE))

    def parse(self, document, options, problems):
        batch = base.Batch()
        columns = {name: document.column(name) for name in (OLD, OLD_NAME, NEW, NEW_NAME, DATE)}
        missing = [name for name, column in columns.items() if column is None]
        if missing:
            problems.add(_("the column is missing"), where=line_place(1), field=missing[0])
            return batch
        names: dict[str, str] = {}
        old_lines: dict[str, int] = {}
        for line, row in document.rows:
            merger = self._row(line, row, columns, problems)
            if merger is None:
                continue
            if merger.old_code in old_lines:
                problems.add(
                    _("municipality %(code)s is also on line %(line)s")
                    % {"code": merger.old_code, "line": old_lines[merger.old_code]},
                    where=merger.where,
                    field=columns[OLD],
                )
                continue
            old_lines[merger.old_code] = line
            names.setdefault(merger.old_code, row[columns[OLD_NAME]])
            names.setdefault(merger.new_code, row[columns[NEW_NAME]])
            batch.mergers.append(merger)
        self._check_chains(batch.mergers, columns, problems)
        for code, name in sorted(names.items()):
            batch.gemeenten.append(self._gemeente(code, name, old_lines.get(code)))
        provinces = {belgian_province_of(code) for code in names} - {None}
        batch.provinces = [belgian_province_record(code) for code in sorted(provinces)]
        return batch

    def _row(self, line, row, columns, problems) -> base.MergerRecord | None:
        where = line_place(line)
        codes = {}
        for name in (OLD, NEW):
            value = row.get(columns[name]) or ""
            code = base.nis_code(value)
            if code is None or not base.is_municipality_nis(code) or not known_arrondissement(code):
                problems.add(
                    _("“%(value)s” is not a Belgian municipality code (NIS, five digits such as 71004)")
                    % {"value": value},
                    where=where,
                    field=columns[name],
                )
            codes[name] = code
        for name in (OLD_NAME, NEW_NAME):
            if not row.get(columns[name]):
                problems.add(_("the name is empty"), where=where, field=columns[name])
        effective = self._date(row.get(columns[DATE]) or "", where, columns[DATE], problems)
        if None in codes.values() or effective is None or not all(row.get(columns[n]) for n in (OLD_NAME, NEW_NAME)):
            return None
        return base.MergerRecord(codes[OLD], codes[NEW], effective, where)

    def _date(self, value, where, column, problems) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            problems.add(
                _("“%(value)s” is not a date written as year-month-day (2025-01-01)") % {"value": value},
                where=where,
                field=column,
            )
            return None

    def _check_chains(self, mergers, columns, problems):
        # A municipality that disappears cannot also receive others in the same list: that would be two mergers
        # in a row, which this list format cannot date.
        disappearing = {m.old_code for m in mergers if m.old_code != m.new_code}
        for merger in mergers:
            if merger.new_code in disappearing:
                problems.add(
                    _("municipality %(code)s is merged into another one elsewhere in this file")
                    % {"code": merger.new_code},
                    where=merger.where,
                    field=columns[NEW],
                )

    def _gemeente(self, code, name, line) -> base.GemeenteRecord:
        return base.GemeenteRecord(
            code=code,
            country="BE",
            where=line_place(line) if line else "",
            name_nl=name.strip(),
            province_stated=True,
            province=belgian_province_of(code),
        )
