"""lib/outline.py: an area's outline from GeoJSON text as QGIS and people write it."""

from __future__ import annotations

import json

import pytest
from pyproj import Transformer

from kernkompas.lib.outline import MAX_OUTLINE_BYTES, OutlineError, crs_epsg, is_near, parse_outline

SQUARE = [[5.35, 51.14], [5.36, 51.14], [5.36, 51.15], [5.35, 51.15], [5.35, 51.14]]
OTHER = [[5.37, 51.14], [5.38, 51.14], [5.38, 51.15], [5.37, 51.15], [5.37, 51.14]]


def polygon(ring):
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_geometry_a_feature_and_a_collection_give_the_same_outline():
    plain = parse_outline(json.dumps(polygon(SQUARE)))
    feature = parse_outline(json.dumps({"type": "Feature", "properties": {}, "geometry": polygon(SQUARE)}))
    assert plain == feature == polygon(SQUARE)


def test_a_collection_of_polygons_becomes_one_multipolygon():
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": polygon(ring)} for ring in (SQUARE, OTHER)],
    }
    assert parse_outline(json.dumps(collection))["type"] == "MultiPolygon"


@pytest.mark.parametrize(
    ("crs", "epsg"),
    [
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31370"}}, 31370),
        ({"type": "name", "properties": {"name": "EPSG:28992"}}, 28992),
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, 4326),
        (None, 4326),
    ],
)
def test_the_crs_member_is_read(crs, epsg):
    assert crs_epsg(crs) == epsg


def test_lambert_72_is_reprojected_to_wgs84():
    to = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
    projected = {
        "type": "Feature",
        "crs": {"type": "name", "properties": {"name": "EPSG:31370"}},
        "geometry": polygon([list(to.transform(x, y)) for x, y in SQUARE]),
    }
    outline = parse_outline(json.dumps({**projected, "type": "FeatureCollection", "features": [projected]}))
    for (x, y), (ex, ey) in zip(outline["coordinates"][0], SQUARE, strict=True):
        assert abs(x - ex) < 1e-5 and abs(y - ey) < 1e-5


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{", "not_json"),
        ("[]", "not_geojson"),
        (json.dumps({"type": "Point", "coordinates": [5.3, 51.1]}), "not_polygon"),
        (json.dumps({"type": "FeatureCollection", "features": []}), "no_polygon"),
        (json.dumps(polygon([[150000, 200000], [150100, 200000], [150100, 200100], [150000, 200000]])), "projected"),
        (
            json.dumps({**polygon(SQUARE), "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}}),
            "unknown_crs",
        ),
        (
            json.dumps({**polygon(SQUARE), "crs": {"type": "name", "properties": {"name": "mijn stelsel"}}}),
            "unknown_crs",
        ),
        ("[" * 100_000, "not_json"),
    ],
)
def test_what_cannot_be_used_is_named(text, code):
    with pytest.raises(OutlineError) as caught:
        parse_outline(text)
    assert caught.value.code == code


def test_size_and_corner_points_are_bounded_before_the_work_grows():
    with pytest.raises(OutlineError) as caught:
        parse_outline(b" " * (MAX_OUTLINE_BYTES + 1))
    assert caught.value.code == "too_large"
    many = polygon([[5.35 + i / 1e7, 51.14] for i in range(50)] + [[5.35, 51.14]])
    with pytest.raises(OutlineError) as caught:
        parse_outline(json.dumps(many), max_vertices=20)
    assert caught.value.params == {"found": 51, "maximum": 20}


def test_near_means_inside_or_within_about_two_kilometres():
    municipality = polygon([[5.30, 51.10], [5.42, 51.10], [5.42, 51.18], [5.30, 51.18], [5.30, 51.10]])
    assert is_near(polygon(SQUARE), municipality)
    assert not is_near(polygon([[4.0, 50.0], [4.01, 50.0], [4.01, 50.01], [4.0, 50.0]]), municipality)
    assert is_near(polygon(SQUARE), None)
