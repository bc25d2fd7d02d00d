"""The DNA indicators (kernkompas.lib.dna) can count exactly what the Kernmonitor's OSM tag table calls a group:
one source for branches and DNA indicators."""

from __future__ import annotations

from kernkompas.lib.dna.catalogue import PER_1000, Indicator, rules_from_tag_table
from kernkompas.monitor.importers.osm import TAG_TABLE


def test_rules_from_the_kernmonitor_table_count_what_the_kernmonitor_counts():
    rules = rules_from_tag_table(TAG_TABLE, groups=["leisure"])
    horeca = Indicator("horeca", "horeca", "Horeca", "as the Kernmonitor's leisure group", PER_1000, rules)
    assert horeca.matches({"amenity": "restaurant"}) and horeca.matches({"amenity": "cinema"})
    assert not horeca.matches({"shop": "bakery"})
