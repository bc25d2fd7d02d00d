"""Belgian municipalities (state 2019–2024) as TopoJSON with names, provinces and population on 1 January.

File: ``belgium_municipalities.topojson`` (bmesuere/belgium-topojson, Statbel data). Object ``municipalities``
(581 geometries) with properties ``nis``, ``name_nl``, ``name_fr``, ``prov_nis``/``prov_nl``/``prov_fr`` (absent
for the 19 Brussels municipalities) and ``population``. The population is that of 1 January 2020.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import feature_place, limit_reason
from kernkompas.lib.filelimits import LimitExceeded
from kernkompas.lib.geo import GeometryError, check_area_geometry, round_coordinates
from kernkompas.lib.topojson import Topology, TopologyError
from kernkompas.places.importers import base
from kernkompas.places.importers.provinces import BELGIAN_PROVINCES, belgian_province_of, known_arrondissement

OBJECT = "municipalities"
POPULATION_YEAR = 2020
_PROVINCE_PREFIX = re.compile(r"^(Provincie|Province)\s+(de\s+|du\s+|d')?", re.IGNORECASE)


class Format(base.BaseFormat):
    key = "statbel-topojson-2020"
    label = gettext_lazy("Belgian municipalities 2020 (TopoJSON, Statbel)")
    source = "Statbel 2020 (bmesuere/belgium-topojson)"
    # The same figures as Statbel's own population file: one source name, so the order of import does not matter.
    figure_source = "Statbel"
    rank = base.RANK_OLDER
    order = 10
    kind = "json"

    def detect(self, document):
        data = document.data
        if not isinstance(data, dict) or data.get("type") != "Topology":
            return False
        members = (data.get("objects") or {}).get(OBJECT)
        geometries = members.get("geometries") if isinstance(members, dict) else None
        return isinstance(geometries, list) and base.has_properties(
            [{"properties": g.get("properties")} for g in geometries if isinstance(g, dict)], "nis"
        )

    def parse(self, document, options, problems):
        batch = base.Batch()
        try:
            topology = Topology(document.data)
            members = topology.members(OBJECT)
        except TopologyError as exc:
            problems.add(_("the TopoJSON structure is broken: %(detail)s") % {"detail": exc})
            return batch
        provinces = {}  # (code, names) → the first feature that names them
        for number, member in enumerate(members, start=1):
            self._member(topology, number, member, batch, provinces, problems)
        batch.provinces = [self._province(code, names, where) for (code, names), where in sorted(provinces.items())]
        return batch

    def _member(self, topology, number, member, batch, provinces, problems):
        where = feature_place(number)
        props = base.feature_properties(member, where, problems)
        if props is None:
            return
        code = base.nis_code(props.get("nis"))
        where = feature_place(number, code)
        if not self._check_code(props, code, where, problems):
            return
        name_nl = base.required(props, "name_nl", where, problems)
        population = base.required(props, "population", where, problems)
        if population is not None:
            population = base.whole_number(population, where, "population", problems)
        province = self._province_of(props, code, where, problems)
        geometry = self._geometry(topology, member, where, problems)
        if None in (name_nl, population, geometry) or province is False:
            return
        if province:
            provinces.setdefault((province, (props.get("prov_nl") or "", props.get("prov_fr") or "")), where)
        batch.gemeenten.append(
            base.GemeenteRecord(
                code=code,
                country="BE",
                where=where,
                name_nl=name_nl,
                name_fr=(props.get("name_fr") or "").strip() or None,
                province_stated=True,
                province=province,
                geometry=geometry,
            )
        )
        batch.figures.append(base.FigureRecord(code, POPULATION_YEAR, population, where))

    def _check_code(self, props, code, where, problems) -> bool:
        if "nis" not in props:
            problems.add(_("the property is missing"), where=where, field="nis")
            return False
        if code is None or not base.is_municipality_nis(code) or not known_arrondissement(code):
            problems.add(
                _("“%(value)s” is not a Belgian municipality code (NIS, five digits such as 71004)")
                % {"value": props.get("nis")},
                where=where,
                field="nis",
            )
            return False
        return True

    def _province_of(self, props, code, where, problems):
        """The province code from the file, else from the NIS prefix; False (and a problem) when it is wrong."""
        stated = props.get("prov_nis")
        if not stated:
            return belgian_province_of(code)
        province = base.nis_code(stated)
        if province is None or (province[1:] != "0000" and province not in ("20001", "20002")):
            problems.add(
                _("“%(value)s” is not a Belgian province code (NIS such as 70000)") % {"value": stated},
                where=where,
                field="prov_nis",
            )
            return False
        return province

    def _geometry(self, topology, member, where, problems):
        try:
            geometry = topology.geometry(member, where)
        except LimitExceeded as exc:
            problems.add(limit_reason(exc), where=where, field="geometry")
            return None
        except TopologyError as exc:
            problems.add(_("the TopoJSON structure is broken: %(detail)s") % {"detail": exc}, where=where)
            return None
        if geometry is None:
            problems.add(_("the feature has no geometry"), where=where)
            return None
        try:
            return round_coordinates(check_area_geometry(geometry))
        except LimitExceeded as exc:
            problems.add(limit_reason(exc), where=where, field="geometry")
            return None
        except GeometryError as exc:
            problems.add(base.geometry_reason(exc), where=where, field="geometry")
            return None

    def _province(self, code, names, where):
        if code in BELGIAN_PROVINCES:
            name_nl, name_fr = BELGIAN_PROVINCES[code]
        else:
            name_nl, name_fr = (_PROVINCE_PREFIX.sub("", name).strip() or code for name in names)
        return base.ProvinceRecord(code=code, country="BE", name_nl=name_nl, name_fr=name_fr, where=where)
