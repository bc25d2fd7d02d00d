"""Which province each Dutch municipality is in: CBS "gebiedsindelingen" municipalities as TopoJSON.

File: ``Gemeente_2015_layer_q1e3.topojson`` (ties/cbs_gebiedsindelingen_topojson), object ``layer`` with
properties ``statcode`` (GMxxxx) and ``provincie`` (PVxx). It only attaches provinces to municipalities that are
in the database already (import the CBS municipalities first, or on the same command line): municipalities that
have merged away since the file's year are not created again. Municipalities created by a later merger are not in
the file; the province file (``Provincie_…``) places those by their location.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import feature_place
from kernkompas.lib.topojson import Topology, TopologyError
from kernkompas.places.importers import base
from kernkompas.places.importers.provinces import DUTCH_PROVINCES, dutch_province_record

OBJECT, CODE, PROVINCE = "layer", "statcode", "provincie"
_PROVINCE_CODE = re.compile(r"PV\d\d")


class Format(base.BaseFormat):
    key = "cbs-indeling-gemeenten-topojson"
    label = gettext_lazy("Provinces of Dutch municipalities (CBS area divisions, TopoJSON)")
    source = "CBS gebiedsindelingen"
    rank = base.RANK_OLDER
    order = 50
    kind = "json"

    def detect(self, document):
        return _layer_has(document, CODE, PROVINCE, prefix="GM")

    def parse(self, document, options, problems):
        batch = base.Batch()
        try:
            members = Topology(document.data).members(OBJECT)
        except TopologyError as exc:
            problems.add(_("the TopoJSON structure is broken: %(detail)s") % {"detail": exc})
            return batch
        for number, member in enumerate(members, start=1):
            record = self._member(number, member, problems)
            if record is not None:
                batch.gemeenten.append(record)
        provinces = {r.province for r in batch.gemeenten}
        batch.provinces = [dutch_province_record(code) for code in sorted(provinces)]
        return batch

    def _member(self, number, member, problems) -> base.GemeenteRecord | None:
        where = feature_place(number)
        props = base.feature_properties(member, where, problems)
        if props is None:
            return None
        code = base.required(props, CODE, where, problems)
        province = base.required(props, PROVINCE, where, problems)
        if code is None or province is None:
            return None
        where = feature_place(number, code)
        if not base.CBS_GEMEENTE_CODE.fullmatch(str(code)):
            problems.add(
                _("“%(value)s” is not a CBS municipality code (GM and four digits, such as GM0453)") % {"value": code},
                where=where,
                field=CODE,
            )
            return None
        if not _PROVINCE_CODE.fullmatch(str(province)) or province not in DUTCH_PROVINCES:
            problems.add(
                _("“%(value)s” is not a CBS province code (PV20 to PV31)") % {"value": province},
                where=where,
                field=PROVINCE,
            )
            return None
        return base.GemeenteRecord(
            code=code, country="NL", where=where, province_stated=True, province=province, only_existing=True
        )


def _layer_has(document, *names, prefix) -> bool:
    """True for a CBS TopoJSON whose ``layer`` members carry ``names`` and a ``statcode`` starting with ``prefix``."""
    data = document.data
    if not isinstance(data, dict) or data.get("type") != "Topology":
        return False
    layer = (data.get("objects") or {}).get(OBJECT)
    members = layer.get("geometries") if isinstance(layer, dict) else None
    if not isinstance(members, list):
        return False
    features = [{"properties": m.get("properties")} for m in members[:25] if isinstance(m, dict)]
    codes = [str((f["properties"] or {}).get(CODE, "")) for f in features]
    return base.has_properties(features, *names) and any(code.startswith(prefix) for code in codes)
