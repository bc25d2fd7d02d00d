"""Similar municipalities: the framework-free method in kernkompas.lib.similarity."""

from __future__ import annotations

import pytest

from kernkompas.lib.similarity import (
    MEDIUM,
    REGIONAL_CENTRE,
    SMALLER,
    Place,
    Reason,
    assign_roles,
    distance,
    reasons_for,
    regional_roles,
    similar_places,
)


def place(code, population, area=50.0, country="BE", province="limburg", **extra):
    return Place(code=code, population=population, area_km2=area, country=country, province=province, **extra)


def limburg():
    """A province of seven: one clear centre, a few medium towns and small villages."""
    return [
        place("hasselt", 80_000, 100.0),
        place("genk", 66_000, 88.0),
        place("lommel", 35_000, 102.0),
        place("bree", 16_000, 65.0),
        place("peer", 17_000, 87.0),
        place("hechtel", 12_700, 77.0),
        place("voeren", 4_200, 50.0),
    ]


def test_the_largest_municipality_of_a_province_is_its_regional_centre():
    roles = regional_roles(limburg())
    assert roles["hasselt"].role == REGIONAL_CENTRE
    assert roles["hasselt"].rank == 1
    assert roles["hasselt"].of == 7


def test_a_municipality_far_above_the_province_median_is_also_a_regional_centre():
    # Sorted 80k, 66k, 35k, 17k, 16k, 12.7k, 4.2k: the median is Peer's 17,000.
    roles = regional_roles(limburg())
    assert roles["genk"].role == REGIONAL_CENTRE  # 66,000 >= 2.5 x 17,000
    assert roles["lommel"].role == MEDIUM  # 35,000 < 42,500
    assert roles["bree"].role == SMALLER
    assert roles["voeren"].role == SMALLER


def test_roles_are_computed_per_province_and_per_country():
    places = limburg() + [place("nl1", 20_000, country="NL", province="limburg"), place("nl2", 5_000, country="NL")]
    roles = regional_roles(places)
    assert "nl1" not in roles  # the Dutch "limburg" has only one municipality here: too few for roles


def test_a_province_with_fewer_than_three_municipalities_gives_no_roles():
    assert regional_roles([place("a", 10_000), place("b", 20_000)]) == {}


def test_municipalities_without_a_province_get_no_role():
    roles = regional_roles([place(f"b{i}", 10_000 * i, province=None) for i in range(1, 6)])
    assert roles == {}


def test_municipalities_without_population_get_no_role():
    roles = regional_roles([*limburg(), place("empty", None)])
    assert "empty" not in roles


def test_assign_roles_fills_in_the_role_and_keeps_the_order():
    result = assign_roles(limburg())
    assert [p.code for p in result] == [p.code for p in limburg()]
    assert result[0].role == REGIONAL_CENTRE
    assert result[-1].role == SMALLER


def test_the_target_itself_is_never_similar_to_itself():
    target = place("lommel", 35_000, 102.0)
    matches = similar_places(target, [target, place("x", 35_000, 102.0)], limit=5)
    assert [m.place.code for m in matches] == ["x"]


def test_the_closest_population_and_density_come_first():
    target = place("t", 46_598, 50.0)
    candidates = [place("far", 5_000, 50.0), place("near", 42_711, 50.0), place("middle", 25_000, 50.0)]
    matches = similar_places(target, candidates, limit=3)
    assert [m.place.code for m in matches] == ["near", "middle", "far"]
    assert matches[0].score > matches[1].score > matches[2].score


def test_density_counts_as_well_as_population():
    target = place("t", 30_000, 30.0)  # 1,000 per km²
    dense = place("dense", 30_000, 30.0)
    rural = place("rural", 30_000, 300.0)
    assert distance(target, dense) < distance(target, rural)


def test_the_same_country_comes_first_even_when_another_is_closer():
    target = place("be", 30_000)
    candidates = [place("nl-twin", 30_000, country="NL", province="x"), place("be-other", 60_000)]
    matches = similar_places(target, candidates, limit=2)
    assert [m.place.code for m in matches] == ["be-other", "nl-twin"]


def test_another_country_fills_up_the_list_when_the_own_country_has_too_few():
    target = place("be", 30_000)
    matches = similar_places(target, [place("nl", 31_000, country="NL", province="x")], limit=5)
    assert [m.place.code for m in matches] == ["nl"]
    assert ("same_country", "BE", "NL") not in matches[0].reasons


def test_the_limit_is_respected():
    candidates = [place(f"c{i}", 10_000 + i * 100) for i in range(50)]
    assert len(similar_places(place("t", 12_000), candidates, limit=6)) == 6


def test_a_target_without_population_has_no_similar_places():
    assert similar_places(place("t", None), [place("x", 10_000)]) == []


def test_candidates_without_population_are_skipped():
    matches = similar_places(place("t", 10_000), [place("x", None), place("y", 11_000)])
    assert [m.place.code for m in matches] == ["y"]


def test_a_close_population_is_given_as_a_reason_with_both_numbers():
    reasons = reasons_for(place("t", 46_598), place("o", 42_711))
    assert ("population", 46_598, 42_711) in reasons
    assert reasons[0].code == "population"


def test_a_population_twice_as_large_is_not_called_similar():
    reasons = reasons_for(place("t", 20_000), place("o", 40_000))
    assert "population" not in [r.code for r in reasons]


def test_a_close_density_is_given_as_a_reason_rounded_to_one_decimal():
    reasons = reasons_for(place("t", 10_000, 30.0), place("o", 11_000, 31.0))
    assert Reason("density", 333.3, 354.8) in reasons


def test_the_same_size_class_role_and_province_are_reasons():
    target, other = assign_roles([*limburg()])[0:2]  # Hasselt and Genk, both regional centres
    codes = {r.code: r for r in reasons_for(target, other)}
    assert codes["same_size_class"] == ("same_size_class", "50k-100k", "50k-100k")
    assert codes["same_role"] == ("same_role", REGIONAL_CENTRE, REGIONAL_CENTRE)
    assert codes["same_province"] == ("same_province", "limburg", "limburg")
    assert "same_country" not in codes  # the province says more and implies the country


def test_the_same_country_is_a_reason_when_the_province_differs():
    reasons = reasons_for(place("t", 10_000), place("o", 10_000, province="antwerpen"))
    assert ("same_country", "BE", "BE") in reasons


def test_the_same_urbanity_is_a_reason_when_both_are_known():
    target = place("t", 10_000, country="NL", urbanity=4)
    assert ("same_urbanity", 4, 4) in reasons_for(target, place("o", 10_000, country="NL", urbanity=4))
    assert "same_urbanity" not in [r.code for r in reasons_for(target, place("b", 10_000, country="BE"))]


def test_a_different_role_makes_a_place_less_similar():
    target = place("t", 30_000, role=REGIONAL_CENTRE)
    same = place("s", 30_000, role=REGIONAL_CENTRE)
    other = place("o", 30_000, role=SMALLER, province="x")
    same_elsewhere = place("e", 30_000, role=REGIONAL_CENTRE, province="x")
    assert distance(target, same_elsewhere) < distance(target, other)
    assert distance(target, same) <= distance(target, same_elsewhere)


@pytest.mark.parametrize("area", [None, 0.0])
def test_an_unknown_density_does_not_make_a_place_look_identical(area):
    target = place("t", 30_000, 50.0)
    assert distance(target, place("u", 30_000, area)) > distance(target, place("k", 30_000, 50.0))


def test_nine_hundred_candidates_are_compared_in_one_pass():
    candidates = assign_roles(
        [place(f"g{i}", 1_000 + i * 997, 10.0 + i % 90, province=f"p{i % 12}") for i in range(900)]
    )
    matches = similar_places(candidates[450], candidates, limit=6)
    assert len(matches) == 6
    assert all(m.place.code != "g450" for m in matches)
    assert all(m.reasons for m in matches)
