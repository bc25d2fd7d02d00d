"""The TopoJSON decoder, on small topologies made by hand so that every coordinate can be checked."""

import pytest
from shapely.geometry import shape

from kernkompas.lib.topojson import Topology, TopologyError, feature_collection

# Two unit squares side by side that share their middle edge (arc 0), quantised with scale 0.5 and a
# translation to (10, 20): quantised x 0..4 and y 0..2 become x 10..12 and y 20..21.
TWO_SQUARES = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "left", "properties": {"name": "Links"}},
                {"type": "Polygon", "arcs": [[2, ~0]], "properties": {"name": "Rechts"}},
            ],
        }
    },
    "arcs": [
        [[2, 0], [0, 2]],  # (2,0) -> (2,2): the shared edge, delta-encoded
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (2,2) -> (0,2) -> (0,0) -> (2,0)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (2,0) -> (4,0) -> (4,2) -> (2,2)
    ],
}


def _decoded(topology, name="squares"):
    return [f["geometry"] for f in Topology(topology).features(name)]


def test_it_undoes_quantisation_and_delta_encoding():
    left, _right = _decoded(TWO_SQUARES)
    assert left == {
        "type": "Polygon",
        "coordinates": [[[11.0, 20.0], [11.0, 21.0], [10.0, 21.0], [10.0, 20.0], [11.0, 20.0]]],
    }


def test_a_negative_arc_index_walks_the_shared_arc_backwards():
    _left, right = _decoded(TWO_SQUARES)
    assert right["coordinates"] == [[[11.0, 20.0], [12.0, 20.0], [12.0, 21.0], [11.0, 21.0], [11.0, 20.0]]]
    assert shape(right).is_valid
    assert shape(right).area == pytest.approx(1.0)


def test_the_two_squares_share_their_border_exactly():
    left, right = (shape(g) for g in _decoded(TWO_SQUARES))
    assert left.intersection(right).length == pytest.approx(1.0)
    assert left.union(right).area == pytest.approx(2.0)


def test_features_keep_their_id_and_properties():
    features = list(Topology(TWO_SQUARES).features("squares"))
    assert features[0]["id"] == "left"
    assert [f["properties"]["name"] for f in features] == ["Links", "Rechts"]
    assert "id" not in features[1]


def test_feature_collection_gives_plain_geojson():
    collection = feature_collection(TWO_SQUARES, "squares")
    assert collection["type"] == "FeatureCollection"
    assert [f["type"] for f in collection["features"]] == ["Feature", "Feature"]


def test_a_topology_without_transform_has_absolute_arcs():
    topology = {
        "type": "Topology",
        "objects": {"line": {"type": "LineString", "arcs": [0, 1]}},
        "arcs": [[[4.0, 51.0], [4.5, 51.0]], [[4.5, 51.0], [4.5, 51.5]]],
    }
    (line,) = _decoded(topology, "line")
    # Consecutive arcs share a point, which appears once.
    assert line == {"type": "LineString", "coordinates": [[4.0, 51.0], [4.5, 51.0], [4.5, 51.5]]}


def test_points_are_quantised_but_not_delta_encoded():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.1, 0.01], "translate": [3, 50]},
        "objects": {
            "spot": {"type": "Point", "coordinates": [10, 100]},
            "spots": {"type": "MultiPoint", "coordinates": [[10, 100], [20, 100]]},
        },
        "arcs": [],
    }
    (point,) = _decoded(topology, "spot")
    (points,) = _decoded(topology, "spots")
    assert point["coordinates"] == pytest.approx([4.0, 51.0])
    assert points["coordinates"][1] == pytest.approx([5.0, 51.0])


def test_multipolygons_multilinestrings_and_collections_are_decoded():
    topology = {
        "type": "Topology",
        "objects": {
            "mixed": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "MultiPolygon", "arcs": [[[0]], [[1]]]},
                    {"type": "MultiLineString", "arcs": [[0], [~1]]},
                    {
                        "type": "GeometryCollection",
                        "properties": {"name": "group"},
                        "geometries": [{"type": "Point", "coordinates": [1, 1]}, {"type": None}],
                    },
                    {"type": None, "properties": {"name": "nothing"}},
                ],
            }
        },
        "arcs": [
            [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
            [[5, 5], [6, 5], [6, 6], [5, 5]],
        ],
    }
    multi, lines, group, nothing = _decoded(topology, "mixed")
    assert multi["type"] == "MultiPolygon"
    assert shape(multi).area == pytest.approx(1.5)
    assert lines["coordinates"][1] == [[5.0, 5.0], [6.0, 6.0], [6.0, 5.0], [5.0, 5.0]]
    assert group == {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1.0, 1.0]}]}
    assert nothing is None


def test_a_ring_collapsed_by_quantisation_is_padded_like_topojson_client_does():
    topology = {
        "type": "Topology",
        "objects": {"tiny": {"type": "Polygon", "arcs": [[0]]}},
        "arcs": [[[1.0, 1.0], [2.0, 2.0]]],
    }
    (tiny,) = _decoded(topology, "tiny")
    ring = tiny["coordinates"][0]
    assert len(ring) == 4 and ring[0] == ring[-1]


def test_a_reference_to_a_missing_arc_is_an_error_that_says_where():
    topology = {**TWO_SQUARES, "objects": {"squares": {"type": "Polygon", "arcs": [[7]]}}}
    with pytest.raises(TopologyError, match='object "squares", geometry 1: arc 7 does not exist'):
        _decoded(topology)


def test_a_document_that_is_not_a_topology_is_refused():
    with pytest.raises(TopologyError, match="not a TopoJSON topology"):
        Topology({"type": "FeatureCollection", "features": []})


def test_an_unknown_object_name_is_refused():
    with pytest.raises(TopologyError, match='no object "communes"'):
        Topology(TWO_SQUARES).members("communes")


def test_a_transform_without_scale_is_refused():
    with pytest.raises(TopologyError, match="transform"):
        Topology({**TWO_SQUARES, "transform": {"translate": [0, 0]}})
