"""The provinces of Belgium and the Netherlands by official code, and the Belgian NIS prefix rule.

Province codes have not changed since 1995 (BE) and 1986 (NL), so a fixed list is safer than trusting each file's
spelling: the TopoJSON says "Provincie Antwerpen", the population CSV "Provincie Antwerpen", the merger list nothing.
"""

from __future__ import annotations

from kernkompas.places.importers.base import ProvinceRecord

BELGIAN_PROVINCES = {
    "10000": ("Antwerpen", "Anvers"),
    "20001": ("Vlaams-Brabant", "Brabant flamand"),
    "20002": ("Waals-Brabant", "Brabant wallon"),
    "30000": ("West-Vlaanderen", "Flandre occidentale"),
    "40000": ("Oost-Vlaanderen", "Flandre orientale"),
    "50000": ("Henegouwen", "Hainaut"),
    "60000": ("Luik", "Liège"),
    "70000": ("Limburg", "Limbourg"),
    "80000": ("Luxemburg", "Luxembourg"),
    "90000": ("Namen", "Namur"),
}

# CBS codes and the names of CBS's own province file (2015).
DUTCH_PROVINCES = {
    "PV20": "Groningen",
    "PV21": "Friesland",
    "PV22": "Drenthe",
    "PV23": "Overijssel",
    "PV24": "Flevoland",
    "PV25": "Gelderland",
    "PV26": "Utrecht",
    "PV27": "Noord-Holland",
    "PV28": "Zuid-Holland",
    "PV29": "Zeeland",
    "PV30": "Noord-Brabant",
    "PV31": "Limburg",
}

# The first two digits of a municipality's NIS code are its arrondissement, which lies in one province.
_ARRONDISSEMENT_PROVINCE = {
    **dict.fromkeys(("11", "12", "13"), "10000"),
    **dict.fromkeys(("23", "24"), "20001"),
    "25": "20002",
    **dict.fromkeys(("31", "32", "33", "34", "35", "36", "37", "38"), "30000"),
    **dict.fromkeys(("41", "42", "43", "44", "45", "46"), "40000"),
    **dict.fromkeys(("51", "52", "53", "55", "56", "57", "58"), "50000"),
    **dict.fromkeys(("61", "62", "63", "64"), "60000"),
    **dict.fromkeys(("71", "72", "73"), "70000"),
    **dict.fromkeys(("81", "82", "83", "84", "85"), "80000"),
    **dict.fromkeys(("91", "92", "93"), "90000"),
    "21": None,  # Brussels-Capital Region: in no province
}


def known_arrondissement(nis: str) -> bool:
    return nis[:2] in _ARRONDISSEMENT_PROVINCE


def belgian_province_of(nis: str) -> str | None:
    """The province code of a municipality from its NIS code (None for Brussels or an unknown prefix)."""
    return _ARRONDISSEMENT_PROVINCE.get(nis[:2])


def belgian_province_record(code: str) -> ProvinceRecord:
    name_nl, name_fr = BELGIAN_PROVINCES[code]
    return ProvinceRecord(code=code, country="BE", name_nl=name_nl, name_fr=name_fr)


def dutch_province_record(code: str) -> ProvinceRecord:
    return ProvinceRecord(code=code, country="NL", name_nl=DUTCH_PROVINCES[code])


def province_record(code: str) -> ProvinceRecord | None:
    """A record for a province in the fixed lists, or None for a code they do not know."""
    if code in BELGIAN_PROVINCES:
        return belgian_province_record(code)
    if code in DUTCH_PROVINCES:
        return dutch_province_record(code)
    return None
