"""Dutch municipalities with CBS key figures (GeoJSON, WGS84), e.g. the 2023 "Wijk- en Buurtkaart" layer.

Properties used: ``gemeentecode`` (GMxxxx), ``gemeentenaam``, ``jaar`` (year of the figures), ``aantalInwoners``
(population on 1 January of ``jaar``), ``oppervlakteTotaalInHa`` (area, hectares) and
``stedelijkheidAdressenPerKm2`` (urbanity class 1–5). CBS writes negative values such as -99999999 for "unknown
or secret": such a value is treated as not given. GM0998 "Buitenland" (abroad) is not a municipality and is left out.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernkompas.core.problems import feature_place
from kernkompas.places.importers import base

CODE, NAME, YEAR = "gemeentecode", "gemeentenaam", "jaar"
POPULATION, AREA, URBANITY = "aantalInwoners", "oppervlakteTotaalInHa", "stedelijkheidAdressenPerKm2"
NOT_MUNICIPALITIES = {"GM0998"}  # CBS's code for people living abroad ("Buitenland")


class Format(base.BaseFormat):
    key = "cbs-gemeenten-geojson"
    label = gettext_lazy("Dutch municipalities with CBS key figures (GeoJSON)")
    source = "CBS/Kadaster Wijk- en Buurtkaart"
    figure_source = "CBS"
    rank = base.RANK_CURRENT
    order = 30
    kind = "json"

    def detect(self, document):
        features = base.features_of(document)
        return features is not None and base.has_properties(features, CODE, NAME, POPULATION)

    def parse(self, document, options, problems):
        batch = base.Batch()
        seen: dict[str, int] = {}
        for number, feature in enumerate(base.features_of(document), start=1):
            self._feature(number, feature, seen, batch, problems)
        return batch

    def _feature(self, number, feature, seen, batch, problems):
        where = feature_place(number)
        props = base.feature_properties(feature, where, problems)
        if props is None:
            return
        code = base.required(props, CODE, where, problems)
        if code is None:
            return
        if not base.CBS_GEMEENTE_CODE.fullmatch(str(code)):
            problems.add(
                _("“%(value)s” is not a CBS municipality code (GM and four digits, such as GM0453)") % {"value": code},
                where=where,
                field=CODE,
            )
            return
        if code in NOT_MUNICIPALITIES:
            batch.skipped[_("GM0998 “Buitenland” (abroad), which is not a municipality")] += 1
            return
        where = feature_place(number, code)
        if code in seen:
            problems.add(
                _("municipality %(code)s is also feature %(number)s") % {"code": code, "number": seen[code]},
                where=where,
                field=CODE,
            )
            return
        seen[code] = number
        self._municipality(code, props, feature, where, batch, problems)

    def _municipality(self, code, props, feature, where, batch, problems):
        name = base.required(props, NAME, where, problems)
        year = self._year(props, where, problems)
        population = self._known(props, POPULATION, where, problems, required=True)
        area_ha = self._known(props, AREA, where, problems)
        urbanity = self._urbanity(props, where, problems)
        geometry = base.checked_geometry(feature, where, problems)
        if name is None or year is None or geometry is None or any(v is False for v in (population, area_ha, urbanity)):
            return
        batch.gemeenten.append(
            base.GemeenteRecord(
                code=code,
                country="NL",
                where=where,
                name_nl=str(name),
                geometry=geometry,
                area_km2=area_ha / 100 if area_ha else None,
                urbanity=urbanity,
            )
        )
        if population is not None:
            batch.figures.append(base.FigureRecord(code, year, population, where))

    def _year(self, props, where, problems) -> int | None:
        value = base.required(props, YEAR, where, problems)
        if value is None:
            return None
        year = base.whole_number(value, where, YEAR, problems)
        if year is not None and not 1900 <= year <= 2100:
            problems.add(_("%(value)s is not a year") % {"value": value}, where=where, field=YEAR)
            return None
        return year

    def _known(self, props, name, where, problems, *, required=False):
        """A whole number, None for CBS's "unknown" (negative or empty), False (reported) for anything else."""
        if name not in props:
            if required:
                problems.add(_("the property is missing"), where=where, field=name)
                return False
            return None
        value = props[name]
        if value is None or value == "":
            return None
        number = base.whole_number(value, where, name, problems, allow_negative=True)
        if number is None:
            return False
        return number if number >= 0 else None

    def _urbanity(self, props, where, problems):
        value = self._known(props, URBANITY, where, problems)
        if value is None or value is False or 1 <= value <= 5:
            return value
        problems.add(
            _("%(value)s is not an urbanity class from 1 to 5") % {"value": value}, where=where, field=URBANITY
        )
        return False
