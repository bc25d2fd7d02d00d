"""Reading an OSM extract for the DNA indicators (kernkompas.lib.dna.osm) on a tiny hand-written file."""

from __future__ import annotations

import pytest
import shapely

from kernkompas.lib.dna import osm

EXTRACT = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="hand">
  <node id="1" version="1" lat="50.0" lon="5.0"><tag k="shop" v="bakery"/></node>
  <node id="2" version="1" lat="50.0" lon="5.2"><tag k="shop" v="vacant"/></node>
  <node id="3" version="1" lat="50.1" lon="5.1"><tag k="amenity" v="bench"/></node>
  <node id="4" version="1" lat="50.0" lon="5.0"/>
  <node id="5" version="1" lat="50.0" lon="5.4"/>
  <node id="6" version="1" lat="50.4" lon="5.4"/>
  <node id="7" version="1" lat="50.4" lon="5.0"/>
  <node id="8" version="1" lat="51.0" lon="6.0"><tag k="tourism" v="museum"/><tag k="historic" v="castle"/></node>
  <way id="10" version="1">
    <nd ref="4"/><nd ref="5"/><nd ref="6"/><nd ref="7"/><nd ref="4"/>
    <tag k="leisure" v="park"/>
  </way>
</osm>
"""


@pytest.fixture
def extract(tmp_path):
    path = tmp_path / "tiny.osm"
    path.write_text(EXTRACT, encoding="utf-8")
    return path


def test_nodes_and_outlines_become_features_at_their_place(extract):
    features = osm.read_features(extract)
    assert len(features) == 3  # the bakery, the park, the museum-castle; not the vacant shop nor the bench
    assert features.total("shops_per_1000") == 1
    assert features.total("parks_green") == 1
    assert features.total("culture_venues") == 1 and features.total("heritage") == 1
    park = features.matches[:, features.codes.index("parks_green")].argmax()
    # the mean of the outline's four corners, the closing node counted once
    assert (features.lon[park], features.lat[park]) == pytest.approx((5.2, 50.2))


def test_features_are_counted_in_every_core_that_contains_them(extract):
    features = osm.read_features(extract)
    cores = {"west": shapely.box(4.9, 49.9, 5.3, 50.3), "all": shapely.box(4.0, 49.0, 7.0, 52.0)}
    counts = osm.count_in_cores(features, cores)
    assert counts["west"]["shops_per_1000"] == 1 and counts["west"]["parks_green"] == 1
    assert counts["west"]["culture_venues"] == 0
    assert counts["all"]["culture_venues"] == 1


def test_reading_is_bounded(extract):
    with pytest.raises(osm.TooManyFeatures, match="more than 2 objects"):
        osm.read_features(extract, max_features=2)


def test_area_of_a_lon_lat_square_in_km2():
    # 0.1° × 0.1° at the equator: 11.12 km × 11.12 km
    assert osm.area_km2(shapely.box(0, 0, 0.1, 0.1)) == pytest.approx(123.6, rel=0.002)
    cells = osm.grid_cells((0, 0, 2, 1), 2, 1)
    assert sorted(cells) == ["r0c0", "r0c1"] and cells["r0c1"].bounds == (1, 0, 2, 1)
