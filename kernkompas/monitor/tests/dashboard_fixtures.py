"""A small register for the dashboard tests: six units of Marktplein (Maasdijk) over two counts, imported through
the engine's real operation so that the indicators are computed the real way.

Count 2022-10-01: supermarket (chain, 400 m²), clothes shop (independent, 120 m²), vacant 80 m², café
(independent), bakery (independent, 60 m²), housing (not commercial).
Count 2023-10-01: the clothes shop closed (vacant), the vacant unit is still vacant (> 1 year: "long"), the café
became a shoe shop, a new unit (hairdresser) appeared, housing unchanged, bakery unchanged.
"""

from __future__ import annotations

import datetime

from kernkompas.monitor.importers.records import OwnerRecord, UnitRecord

SLUGS = {"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"}  # the area of load_register in the cast

COUNT_1 = datetime.date(2022, 10, 1)
COUNT_2 = datetime.date(2023, 10, 1)


def _unit(n: int, group: str, branch: str = "", **extra) -> UnitRecord:
    return UnitRecord(
        where=f"regel {n + 1}",
        external_id=f"M{n}",
        street="Markt",
        house_number=str(n),
        postcode="9999",
        place="Maasdijk",
        lat=51.14 + n * 0.0002,
        lon=5.36 + n * 0.0002,
        group=group,
        branch=branch,
        **extra,
    )


def first_count() -> list[UnitRecord]:
    return [
        _unit(1, "dagelijks", "supermarkt", floor_area=400, occupant="Buurtsuper", is_chain=True),
        _unit(2, "mode-luxe", "kleding", floor_area=120, occupant="Mode Anna", is_chain=False),
        _unit(3, "leegstand", floor_area=80, owner=OwnerRecord(name="Jan Eigenaar", email="jan@example.org")),
        _unit(4, "leisure", occupant="Café De Markt", is_chain=False),
        _unit(5, "dagelijks", "bakker", floor_area=60, occupant="Bakkerij Peeters", is_chain=False),
        _unit(6, "wonen", occupant=""),
    ]


def second_count() -> list[UnitRecord]:
    return [
        _unit(1, "dagelijks", "supermarkt", floor_area=400, occupant="Buurtsuper", is_chain=True),
        _unit(2, "leegstand", floor_area=120),
        _unit(3, "leegstand", floor_area=80, owner=OwnerRecord(name="Jan Eigenaar", email="jan@example.org")),
        _unit(4, "mode-luxe", "schoenen", occupant="Schoenen Els", is_chain=False),
        _unit(5, "dagelijks", "bakker", floor_area=60, occupant="Bakkerij Peeters", is_chain=False),
        _unit(6, "wonen", occupant=""),
        _unit(7, "diensten", "", occupant="Kapsalon Lotte", is_chain=False),
    ]


def load_register(gebied) -> None:
    from kernkompas.monitor.actions.units import import_units

    for day, records in ((COUNT_1, first_count()), (COUNT_2, second_count())):
        import_units(
            gebied, records, count_date=day, file_name=f"telling-{day}.csv", sha256=f"test-{day}", format="csv"
        )


def make_register_public(cast):
    """Maasdijk's Marktplein made public, with the two counts above (the ``public_register`` fixture)."""
    cast.markt.is_public = True
    cast.markt.save()
    load_register(cast.markt)
    return cast
