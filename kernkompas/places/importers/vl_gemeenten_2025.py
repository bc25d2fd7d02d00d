"""Flemish and Brussels municipalities after the mergers of 1 January 2025 (GeoJSON, WGS84).

File: ``gemeente_2025_wgs84.geojson`` (Provincies in Cijfers, Statbel sectors), 304 features with properties
``geoitem`` (NIS code) and ``naam`` (Dutch name). These are the current boundaries: they overwrite the older
2020 ones. New codes (Tongeren-Borgloon 73111) are created; ``valid_from`` comes from the merger list.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import feature_place
from kernkompas.places.importers import base
from kernkompas.places.importers.provinces import belgian_province_of, belgian_province_record, known_arrondissement

CODE, NAME = "geoitem", "naam"


class Format(base.BaseFormat):
    key = "vl-gemeenten-2025-geojson"
    label = gettext_lazy("Flemish and Brussels municipalities 2025 (GeoJSON)")
    source = "Statbel 2025 (Provincies in Cijfers, gebiedsniveaus)"
    rank = base.RANK_CURRENT
    order = 30
    kind = "json"

    def detect(self, document):
        features = base.features_of(document)
        return features is not None and base.has_properties(features, CODE, NAME)

    def parse(self, document, options, problems):
        batch = base.Batch()
        seen: dict[str, int] = {}
        for number, feature in enumerate(base.features_of(document), start=1):
            record = self._feature(number, feature, seen, problems)
            if record is not None:
                batch.gemeenten.append(record)
        provinces = {r.province for r in batch.gemeenten} - {None}
        batch.provinces = [belgian_province_record(code) for code in sorted(provinces)]
        return batch

    def _feature(self, number, feature, seen, problems) -> base.GemeenteRecord | None:
        where = feature_place(number)
        props = base.feature_properties(feature, where, problems)
        if props is None:
            return None
        value = base.required(props, CODE, where, problems)
        if value is None:
            return None
        code = base.nis_code(value)
        if code is None or not base.is_municipality_nis(code) or not known_arrondissement(code):
            problems.add(
                _("“%(value)s” is not a Belgian municipality code (NIS, five digits such as 71004)") % {"value": value},
                where=where,
                field=CODE,
            )
            return None
        where = feature_place(number, code)
        if code in seen:
            problems.add(
                _("municipality %(code)s is also feature %(number)s") % {"code": code, "number": seen[code]},
                where=where,
                field=CODE,
            )
            return None
        seen[code] = number
        name = base.required(props, NAME, where, problems)
        geometry = base.checked_geometry(feature, where, problems)
        if name is None or geometry is None:
            return None
        return base.GemeenteRecord(
            code=code,
            country="BE",
            where=where,
            name_nl=str(name),
            province_stated=True,
            province=belgian_province_of(code),
            geometry=geometry,
        )
