"""The small hand-computed fixture of the indicator tests: ten units on the Marktplein over three counts.

Count 1 (1 March 2022)            Count 2 (1 March 2023)              Count 3 (1 March 2024)
U1  Dagelijks/supermarkt 1000 m²  same                                same
U2  Mode/kleding 200 "Jansen"     occupant now "Mode Anna"            same
U3  vacant 150                    Vrije tijd/boeken "Boekhandel Vos"  same
U4  Leisure/café 120              same                                same (written "Markt 4 A", no id)
U5  vacant 80                     vacant                              vacant (vacant in every count: open start)
U6  Dagelijks/bakker 60 "Smit"    Leisure/lunchroom "Lunchroom Smit"  same
U7  Mode/schoenen 100             vacant                              — merged into U11
U8  Diensten/kapper (no area)     same                                same (no id, matched by address)
U9  wonen 90                      same                                same
U10 Mode/kleding 70 chain         vacant                              — merged into U11
                                                                      U11 Mode/kleding 170 "Zeeman" chain ← U7+U10
"""

from __future__ import annotations

import datetime

from kernkompas.monitor.importers.records import OwnerRecord, UnitRecord

DATES = (datetime.date(2022, 3, 1), datetime.date(2023, 3, 1), datetime.date(2024, 3, 1))


def unit(n, group, branch="", area=None, occupant="", chain=None, **extra) -> UnitRecord:
    fields = {
        "where": f"regel {n + 1}",
        "external_id": f"U{n}",
        "street": "Markt",
        "house_number": str(n),
        "lat": 51.14,
        "lon": 5.36,
        "group": group,
        "branch": branch,
        "floor_area": area,
        "occupant": occupant,
        "is_chain": chain,
    }
    fields.update(extra)
    return UnitRecord(**fields)


def count_1() -> list[UnitRecord]:
    return [
        unit(1, "dagelijks", "supermarkt", 1000, "Albert Heijn", True),
        unit(2, "mode-luxe", "kleding", 200, "Modehuis Jansen", False),
        unit(3, "leegstand", "", 150),
        unit(4, "leisure", "cafe", 120, "Café De Markt", False, house_number="4a"),
        unit(5, "leegstand", "", 80, owner=OwnerRecord("Piet de Vries", email="piet@example.org")),
        unit(6, "dagelijks", "bakker", 60, "Bakkerij Smit", False),
        unit(7, "mode-luxe", "schoenen", 100, "Schoenen Pieters", False),
        unit(8, "diensten", "kapper", None, "Kapsalon Anna", None),
        unit(9, "wonen", "", 90),
        unit(10, "mode-luxe", "kleding", 70, "Jeans Store", True),
    ]


def count_2() -> list[UnitRecord]:
    return [
        unit(1, "dagelijks", "supermarkt", 1000, "Albert Heijn", True),
        unit(2, "mode-luxe", "kleding", 200, "Mode Anna", False),
        unit(3, "vrije-tijd", "boeken", 150, "Boekhandel Vos", True),
        unit(4, "leisure", "cafe", 120, "Café De Markt", False, house_number="4a"),
        unit(5, "leegstand", "", 80),
        unit(6, "leisure", "lunchroom", 60, "Lunchroom Smit", False),
        unit(7, "leegstand", "", 100),
        unit(8, "diensten", "kapper", None, "Kapsalon Anna", None),
        unit(9, "wonen", "", 90),
        unit(10, "leegstand", "", 70),
    ]


def count_3() -> list[UnitRecord]:
    return [
        unit(1, "dagelijks", "supermarkt", 1000, "Albert Heijn", True),
        unit(2, "mode-luxe", "kleding", 200, "Mode Anna", False),
        unit(3, "vrije-tijd", "boeken", 150, "Boekhandel Vos", True),
        # no own id: recognised by the address, written differently
        unit(4, "leisure", "cafe", 120, "Café De Markt", False, external_id="", street="MARKT", house_number="4 A"),
        unit(5, "leegstand", "", 80),
        unit(6, "leisure", "lunchroom", 60, "Lunchroom Smit", False),
        unit(8, "diensten", "kapper", None, "Kapsalon Anna", None, external_id=""),
        unit(9, "wonen", "", 90),
        unit(11, "mode-luxe", "kleding", 170, "Zeeman", True, previous_ids=("U7", "U10")),
    ]


COUNTS = (count_1, count_2, count_3)


def import_all(gebied, upto=3, by=None):
    from kernkompas.monitor.actions.units import import_units

    results = []
    for number, (day, records) in enumerate(zip(DATES[:upto], COUNTS[:upto], strict=True), start=1):
        results.append(
            import_units(
                gebied,
                records(),
                count_date=day,
                by=by,
                file_name=f"telling{number}.csv",
                sha256=f"sha-{number}",
                format="csv",
            )
        )
    return results
