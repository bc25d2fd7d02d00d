import pytest

from kernkompas.lib.geo import GeometryError, check_geometry, describe_geometry
from kernkompas.lib.sizeclass import neighbour_classes, size_class_for
from kernkompas.lib.text import fold, natural_key, slugify_name


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Liège", "liege"),
        ("LIÈGE", "liege"),
        ("'s-Hertogenbosch", "s hertogenbosch"),
        ("Tongeren-Borgloon", "tongeren borgloon"),
    ],
)
def test_folding_ignores_case_accents_and_punctuation(name, folded):
    assert fold(name) == folded


def test_a_slug_keeps_the_name_readable():
    assert slugify_name("Sint-Genesius-Rode") == "sint-genesius-rode"
    assert slugify_name("Écaussinnes") == "ecaussinnes"


@pytest.mark.parametrize(
    ("population", "code"),
    [
        (0, "lt10k"),
        (9_999, "lt10k"),
        (10_000, "10k-25k"),
        (24_999, "10k-25k"),
        (46_598, "25k-50k"),
        (100_000, "gte100k"),
    ],
)
def test_the_size_class_follows_the_population_bands(population, code):
    assert size_class_for(population) == code


def test_an_unknown_population_has_no_size_class():
    assert size_class_for(None) is None


def test_neighbouring_size_classes_include_the_class_itself():
    assert neighbour_classes("lt10k") == ("lt10k", "10k-25k")
    assert neighbour_classes("25k-50k") == ("10k-25k", "25k-50k", "50k-100k")


def test_a_projected_geometry_is_refused_with_a_reason():
    lambert = {"type": "Point", "coordinates": [219000.0, 180000.0]}
    with pytest.raises(GeometryError, match="WGS84"):
        check_geometry(lambert)


def test_a_self_intersecting_polygon_is_repaired():
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    repaired = check_geometry(bowtie)
    assert repaired["type"] in {"MultiPolygon", "GeometryCollection", "Polygon"}


def test_the_area_of_a_square_degree_near_the_equator_is_about_12300_km2():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    info = describe_geometry(square)
    assert 12_200 < info.area_km2 < 12_400
    assert info.bbox == (0.0, 0.0, 1.0, 1.0)


def test_natural_order_puts_core_2_before_core_10():
    names = ["Tongeren – kern 10", "Tongeren – kern 2", "Borgloon – kern 1", "tongeren – kern 1"]
    assert sorted(names, key=natural_key) == [
        "Borgloon – kern 1",
        "tongeren – kern 1",
        "Tongeren – kern 2",
        "Tongeren – kern 10",
    ]


def test_fold_takes_the_same_path_for_ascii_and_accented_text():
    assert fold("Grote Markt 12-A") == "grote markt 12 a"
    assert fold("Rue de l'Église") == "rue de l eglise"
    assert fold("Straße") == "strasse"
