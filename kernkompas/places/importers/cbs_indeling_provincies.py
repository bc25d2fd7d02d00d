"""Dutch provinces: CBS "gebiedsindelingen" provinces as TopoJSON.

File: ``Provincie_2015_layer_q1e3.topojson``, object ``layer`` with properties ``statcode`` (PVxx) and
``statnaam``. It names the provinces, and places every Dutch municipality that has no province yet in the province
that contains its representative point (municipalities created by mergers after the municipality file's year).
The boundaries are coarse (quantised), which is fine for a point well inside a municipality.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import feature_place, limit_reason
from kernkompas.lib.filelimits import LimitExceeded
from kernkompas.lib.geo import GeometryError, check_area_geometry
from kernkompas.lib.topojson import Topology, TopologyError
from kernkompas.places.importers import base
from kernkompas.places.importers.cbs_indeling_gemeenten import OBJECT, _layer_has
from kernkompas.places.importers.provinces import DUTCH_PROVINCES

CODE, NAME = "statcode", "statnaam"


class Format(base.BaseFormat):
    key = "cbs-indeling-provincies-topojson"
    label = gettext_lazy("Dutch provinces (CBS area divisions, TopoJSON)")
    source = "CBS gebiedsindelingen"
    rank = base.RANK_OLDER
    order = 55
    kind = "json"

    def detect(self, document):
        return _layer_has(document, CODE, NAME, prefix="PV")

    def parse(self, document, options, problems):
        batch = base.Batch()
        try:
            topology = Topology(document.data)
            members = topology.members(OBJECT)
        except TopologyError as exc:
            problems.add(_("the TopoJSON structure is broken: %(detail)s") % {"detail": exc})
            return batch
        for number, member in enumerate(members, start=1):
            self._member(topology, number, member, batch, problems)
        return batch

    def _member(self, topology, number, member, batch, problems):
        where = feature_place(number)
        props = base.feature_properties(member, where, problems)
        if props is None:
            return
        code = base.required(props, CODE, where, problems)
        name = base.required(props, NAME, where, problems)
        if code is None or name is None:
            return
        where = feature_place(number, code)
        if code not in DUTCH_PROVINCES:
            problems.add(
                _("“%(value)s” is not a CBS province code (PV20 to PV31)") % {"value": code}, where=where, field=CODE
            )
            return
        try:
            geometry = check_area_geometry(topology.geometry(member, where))
        except LimitExceeded as exc:
            problems.add(limit_reason(exc), where=where, field="geometry")
            return
        except TopologyError as exc:
            problems.add(_("the TopoJSON structure is broken: %(detail)s") % {"detail": exc}, where=where)
            return
        except GeometryError as exc:
            problems.add(base.geometry_reason(exc), where=where, field="geometry")
            return
        batch.provinces.append(
            base.ProvinceRecord(code=code, country="NL", name_nl=str(name), authoritative=True, where=where)
        )
        batch.province_areas.append(base.ProvinceAreaRecord(province=code, country="NL", geometry=geometry))
