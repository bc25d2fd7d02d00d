"""Settlement cores (kernen) of the province of Limburg (GeoJSON, WGS84).

File: ``kern_wgs84.geojson`` (Provincies in Cijfers, built from Statbel statistical sectors), properties ``fid``
(a row number, not kept) and ``kern``: ``<NIS>_<n>``, e.g. ``72020_7``. The NIS part can be a code from before the
2025 mergers (``73083_1`` is in Tongeren, now Tongeren-Borgloon); the write step links each core to the municipality
that exists now. The file has no names: a core is called "Lommel – kern 7" until someone gives it a better name.
Per municipality the core with the largest area is the main core (hoofdkern), the others are sub-cores.

Left out: the feature without a code (the rest of Flanders) and the ``RWM_…`` features, which are rural areas of
a region, not the core of one municipality.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import feature_place
from kernkompas.places.importers import base

CODE = "kern"
_CORE = re.compile(r"(\d{5})_(\d{1,3})")
_NOT_A_CORE = re.compile(r"RWM_[A-Z0-9_]+")


class Format(base.BaseFormat):
    key = "vl-kernen-geojson"
    label = gettext_lazy("Settlement cores of Limburg (GeoJSON)")
    source = "Statbel (Provincies in Cijfers, kernen)"
    rank = base.RANK_CURRENT
    order = 70
    kind = "json"

    def detect(self, document):
        features = base.features_of(document)
        return features is not None and base.has_properties(features, "fid", CODE)

    def parse(self, document, options, problems):
        batch = base.Batch()
        seen: dict[str, int] = {}
        for number, feature in enumerate(base.features_of(document), start=1):
            record = self._feature(number, feature, seen, batch, problems)
            if record is not None:
                batch.kernen.append(record)
        return batch

    def _feature(self, number, feature, seen, batch, problems) -> base.KernRecord | None:
        where = feature_place(number)
        props = base.feature_properties(feature, where, problems)
        if props is None:
            return None
        if CODE not in props:
            problems.add(_("the property is missing"), where=where, field=CODE)
            return None
        value = str(props[CODE] or "").strip()
        match = _CORE.fullmatch(value)
        if match is None:
            if not value or _NOT_A_CORE.fullmatch(value):
                batch.skipped[_("areas that are not the core of one municipality (no code, or RWM_…)")] += 1
            else:
                problems.add(
                    _("“%(value)s” is not a core code such as 72020_1 (NIS code, underscore, number)")
                    % {"value": value},
                    where=where,
                    field=CODE,
                )
            return None
        where = feature_place(number, value)
        if value in seen:
            problems.add(
                _("core %(code)s is also feature %(number)s") % {"code": value, "number": seen[value]},
                where=where,
                field=CODE,
            )
            return None
        seen[value] = number
        geometry = base.checked_geometry(feature, where, problems)
        if geometry is None:
            return None
        return base.KernRecord(
            code=value, gemeente_code=match.group(1), number=int(match.group(2)), geometry=geometry, where=where
        )
