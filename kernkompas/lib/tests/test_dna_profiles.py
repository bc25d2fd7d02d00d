"""Core profiles, peer comparison and complementarity (kernkompas.lib.dna.profiles, .catalogue) on small
hand-made regions whose figures can be checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from kernkompas.lib.dna import catalogue, profiles
from kernkompas.lib.dna.catalogue import PER_1000, PER_KM2, Indicator, TagRule

X = Indicator("x", "winkelen", "X", "x", PER_KM2, (TagRule("shop", ("*",)),))
Y = Indicator("y", "horeca", "Y", "y", PER_KM2, (TagRule("amenity", ("cafe",)),))
W = Indicator("w", "wonen", "W", "w", PER_KM2, (TagRule("building", ("house",)),))
P = Indicator("p", "horeca", "P", "p", PER_1000, (TagRule("amenity", ("restaurant",)),))


def region(extra=()):
    """Six cores of 1 km²: A and B share a strong x, E alone has a strong y, nobody stands out on w."""
    rows = {
        "A": (20, 2, 5),
        "B": (18, 3, 6),
        "C": (2, 2, 5),
        "D": (3, 3, 6),
        "E": (2, 25, 5),
        "F": (3, 2, 6),
        **dict(extra),
    }
    cores = [profiles.Core(key, key.lower(), 1000, 1.0, {"x": x, "y": y, "w": w}) for key, (x, y, w) in rows.items()]
    return profiles.ProfileTable.from_cores(cores, (X, Y, W))


def test_the_catalogue_covers_the_nine_dimensions_and_is_consistent():
    assert catalogue.check_catalogue() == []
    assert {i.dimension for i in catalogue.CATALOGUE} == catalogue.DIMENSION_CODES
    assert len(catalogue.DIMENSIONS) == 9
    for indicator in catalogue.CATALOGUE:
        assert indicator.label and indicator.definition and indicator.source and indicator.computation


def test_tag_rules_match_values_and_ignore_vacant_or_no():
    shops = catalogue.BY_CODE["shops_per_1000"]
    assert shops.matches({"shop": "bakery"})
    assert not shops.matches({"shop": "vacant"})
    assert not shops.matches({"shop": "no"})
    horeca = catalogue.BY_CODE["cafes_bars"]
    assert horeca.matches({"amenity": "pub"}) and not horeca.matches({"amenity": "bench"})
    assert catalogue.check_catalogue((X, X)) == ["indicator code 'x' occurs twice"]


def test_rules_can_come_from_the_kernmonitor_tag_table():
    table = {
        "shop": {"bakery": ("dagelijks", "bakker"), "clothes": ("mode-luxe", "kleding"), "*": ("overig", "overig")},
        "amenity": {"pharmacy": ("dagelijks", "apotheek"), "cafe": ("leisure", "cafe")},
    }
    rules = catalogue.rules_from_tag_table(table, groups=["dagelijks"], branches=["cafe"])
    assert rules == (TagRule("shop", ("bakery",)), TagRule("amenity", ("cafe", "pharmacy")))
    assert catalogue.rules_from_tag_table(table, groups=["overig"]) == ()


def test_values_are_per_1000_inhabitants_or_per_km2_and_unknown_without_a_denominator():
    cores = [
        profiles.Core("a", "A", 2500, 0.5, {"x": 10, "p": 10}),
        profiles.Core("b", "B", None, 0.0, {"x": 3, "p": 3}),
    ]
    table = profiles.ProfileTable.from_cores(cores, (X, P))
    assert table.value("a", "x") == 20  # 10 / 0.5 km²
    assert table.value("a", "p") == 4  # 10 / 2.5 thousand inhabitants
    assert np.isnan(table.value("b", "x")) and np.isnan(table.value("b", "p"))


def test_compare_leaves_the_core_out_of_its_own_peers_and_gives_the_numbers():
    table = region()
    result = profiles.compare(table, "A", table.keys)
    assert result.peer_keys == ("B", "C", "D", "E", "F")
    x = result.rows[0]
    # peers 18, 2, 3, 2, 3 → median 3, deviations 15, 1, 0, 1, 0 → MAD 1 → z = (20 − 3) / 1.4826
    assert x.peer_median == 3
    assert x.z == pytest.approx(17 / 1.4826)
    assert x.percentile == 100
    assert dict(x.peers) == {"B": 18, "C": 2, "D": 3, "E": 2, "F": 3}
    assert [s.indicator.code for s in result.strengths] == ["x"]


def test_a_strength_with_fewer_than_five_features_is_withheld_with_the_reason():
    """G has 4 shops and 2 cafés on 0.1 km²: 40 and 20 per km², far above the others, but 4 or 2 objects say
    little. Only w (5 houses, 50 per km²) may be a strength."""
    table = region({"G": (4, 2, 5)})
    area = np.where(np.array(table.keys) == "G", 0.1, 1.0)
    table = profiles.ProfileTable(table.keys, table.names, table.population, area, table.counts, (X, Y, W))
    result = profiles.compare(table, "G", table.keys)
    assert [s.indicator.code for s in result.strengths] == ["w"]
    assert [(row.indicator.code, row.withheld) for row in result.withheld] == [
        ("x", profiles.TOO_FEW_FEATURES),
        ("y", profiles.TOO_FEW_FEATURES),
    ]
    assert all(row.z > 20 for row in result.withheld)  # they would have been the best scores
    assert profiles.complementarity(table).top["G"] == ("w",)


def test_too_few_peers_unknown_values_and_peers_without_spread_are_withheld():
    table = region()
    small = profiles.compare(table, "A", ["B", "C", "D"])
    assert small.strengths == ()
    assert {row.withheld for row in small.withheld} == {profiles.TOO_FEW_PEERS}
    flat = profiles.ProfileTable.from_cores(
        [profiles.Core("a", "A", 1000, 1.0, {"w": 9})]
        + [profiles.Core(k, k, 1000, 1.0, {"w": 5}) for k in "bcdef"]
        + [profiles.Core("u", "U", 1000, None, {"w": 9})],
        (W,),
    )
    assert [row.withheld for row in profiles.compare(flat, "a", "bcdef").withheld] == [profiles.NO_SPREAD]
    assert [row.withheld for row in profiles.compare(flat, "u", "bcdef").withheld] == [profiles.UNKNOWN_VALUE]
    below = profiles.ProfileTable.from_cores(
        [profiles.Core("a", "A", 1000, 6.0, {"w": 6})] + [profiles.Core(k, k, 1000, 1.0, {"w": 5}) for k in "bcdef"],
        (W,),
    )
    comparison = profiles.compare(below, "a", "bcdef")  # 6 houses on 6 km²: 1 per km² against five times 5
    assert comparison.rows[0].withheld == profiles.NO_SPREAD
    assert comparison.withheld == ()  # below peers without spread: no strength to withhold
    with pytest.raises(KeyError, match="unknown peer cores: zz"):
        profiles.compare(flat, "a", ["zz"])


def test_complementarity_finds_unique_strengths_overlaps_and_warns_about_a_shared_strength():
    result = profiles.complementarity(region())
    assert result.top == {"A": ("x",), "B": ("x",), "C": (), "D": (), "E": ("y",), "F": ()}
    assert result.unique["E"] == ("y",)
    assert result.unique["A"] == ()
    assert result.overlaps("A") == {"x": ("B",)} and result.overlaps("B") == {"x": ("A",)}
    [warning] = result.warnings
    assert warning.code == "x" and warning.keys == ("A", "B")
    # column x: 20, 18, 2, 3, 2, 3 → median 3, MAD 1
    assert warning.z == pytest.approx((17 / 1.4826, 15 / 1.4826))
    assert np.allclose(result.similarity, result.similarity.T)
    assert (np.diag(result.similarity) == 1).all()
    assert result.most_similar("A", 1)[0][0] == "B"


def test_no_warning_when_a_shared_top_strength_is_weak_in_one_core():
    result = profiles.complementarity(region(), warn_z=10.5)  # B's z on x is 10.1
    assert result.warnings == []
    assert result.overlaps("A") == {"x": ("B",)}


def test_two_cores_with_the_same_key_are_refused():
    with pytest.raises(ValueError, match="same key"):
        profiles.ProfileTable(["a", "a"], ["A", "A"], np.ones(2), np.ones(2), np.zeros((2, 1)), (X,))


def test_counting_units_per_core_in_any_order():
    matches = np.array([[1, 0], [1, 1], [0, 1], [1, 1], [1, 0]], dtype=bool)
    grouped = profiles.count_units(np.array([0, 0, 2, 2, 2]), matches, 3)
    assert grouped.tolist() == [[2, 1], [0, 0], [2, 2]]
    shuffled = profiles.count_units(np.array([2, 0, 2, -1, 0]), matches, 3)
    assert shuffled.tolist() == [[2, 1], [0, 0], [1, 1]]  # core 1 has no units; the unit of core −1 counts nowhere
    assert profiles.count_units(np.array([-1, 0, 0, 2, 2]), matches, 3).tolist() == [[1, 2], [0, 0], [2, 1]]
    assert profiles.count_units(np.array([], dtype=int), np.zeros((0, 2), dtype=bool), 2).tolist() == [[0, 0], [0, 0]]


def test_a_region_of_five_cores_names_no_strengths():
    """Five cores: each has only four others to compare with, fewer than the five peers a strength needs."""
    table = profiles.ProfileTable.from_cores(
        [profiles.Core(k, k, 1000, 1.0, {"x": n}) for k, n in zip("abcde", (50, 5, 6, 7, 8), strict=True)], (X,)
    )
    result = profiles.complementarity(table)
    assert result.withheld.all()
    assert all(top == () for top in result.top.values()) and result.warnings == []
    assert result.z[0, 0] > 10  # the figure itself is there, only not offered as a strength
