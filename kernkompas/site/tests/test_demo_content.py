"""The demo region is data (kernkompas/site/demo/region.yaml and people.yaml): it loads into unique municipalities,
cores, areas and people that lie where they should, and a broken file stops the demo with a message that names
the file, the entry and what is wrong in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shapely.geometry import shape
from shapely.ops import unary_union

from kernkompas.site.demo.data import DEMO_FOLDER, DemoContentError, read_demo_region

REGION = read_demo_region(DEMO_FOLDER)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the shipped demo folder, to break."""
    for name in ("region.yaml", "people.yaml"):
        shutil.copy(DEMO_FOLDER / name, tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should be in {path.name} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def refused(folder: Path) -> str:
    with pytest.raises(DemoContentError) as error:
        read_demo_region(folder)
    return str(error.value)


def test_the_shipped_files_load_with_unique_codes_slugs_and_user_names():
    gemeenten = REGION.gemeenten
    kernen = [kern for gemeente in gemeenten for kern in gemeente.kernen]
    assert [gemeente.code for gemeente in gemeenten] == ["DEMO1", "DEMO2", "DEMO3", "DEMO4"]
    assert len({gemeente.slug for gemeente in gemeenten}) == 4
    assert len({kern.code for kern in kernen}) == len(kernen) == 10
    for gemeente in gemeenten:
        assert all(kern.code.startswith(f"{gemeente.code}_") for kern in gemeente.kernen), gemeente.name
        assert len({kern.slug for kern in gemeente.kernen}) == len(gemeente.kernen), gemeente.name
        for kern in gemeente.kernen:
            assert len({gebied.slug for gebied in kern.gebieden}) == len(kern.gebieden), kern.name
    assert len({user.username for user in REGION.users}) == len(REGION.users) == 6


def test_the_files_read_as_they_are_written():
    maasdijk = REGION.gemeenten[0]
    assert (REGION.name, REGION.source, REGION.population_year) == (
        "Demoregio Kempenland",
        "Demogegevens (fictief)",
        2024,
    )
    assert REGION.description.startswith("Verzonnen regio van vier Kempense gemeenten")
    assert "het regionale centrum;" in REGION.description  # wrapped lines joined with one space
    assert maasdijk.current_population == maasdijk.population[2024] == 28_400
    assert list(maasdijk.population) == list(range(2015, 2025))
    # A polygon closes itself and runs counter-clockwise from the points written clockwise; J is a named point.
    ring = maasdijk.geometry["coordinates"][0]
    assert ring[0] == ring[-1] == [2.87, 51.86] and [2.955, 51.862] in ring
    assert REGION.gemeenten[3].kernen[1].geometry == {"type": "Point", "coordinates": [3.045, 51.812]}
    bram = REGION.users[-1]
    assert (bram.role, bram.gemeente_code, bram.home_gemeente_code) == (None, None, "DEMO1")
    assert bram.interests == ("leegstand", "beleving-aantrekking")


def test_every_core_and_area_lies_inside_its_parent_and_inside_the_region():
    region = unary_union([shape(gemeente.geometry) for gemeente in REGION.gemeenten])
    for gemeente in REGION.gemeenten:
        for kern in gemeente.kernen:
            assert shape(gemeente.geometry).contains(shape(kern.geometry)), kern.name
            for gebied in kern.gebieden:
                assert shape(kern.geometry).contains(shape(gebied.geometry)), gebied.name
                assert region.contains(shape(gebied.geometry)), gebied.name


def test_a_file_that_is_not_valid_yaml_is_named_with_the_line_and_column(folder):
    edit(folder / "region.yaml", "  J: [2.955, 51.862]", "  J: [2.955, 51.862")
    message = refused(folder)
    assert message.startswith(f"{folder / 'region.yaml'}: not valid YAML (line ")
    assert "column" in message


def test_an_unknown_field_names_the_file_and_the_entry(folder):
    edit(folder / "region.yaml", "        kind: deelgemeente", "        kinds: deelgemeente")
    assert refused(folder) == (
        f"{folder / 'region.yaml'}: gemeente DEMO3 (Bremhout), kern DEMO3_2 (Haverloo): unknown field “kinds”; "
        "the field “kind” is missing"
    )


def test_a_key_given_twice_in_one_entry_is_refused_at_its_line(folder):
    path = folder / "region.yaml"
    edit(path, "            name: Nieuwstraat\n", "            name: Nieuwstraat\n            name: Kerkstraat\n")
    line = path.read_text(encoding="utf-8").splitlines().index("            name: Kerkstraat") + 1
    assert (
        refused(folder) == f"{path}: not valid YAML (line {line}, column 13): “name” is given twice in the same entry"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "            kind: winkelgebied",
            "            kind: winkelcentrum",
            "gemeente DEMO3 (Bremhout), kern DEMO3_1 (Bremhout-Centrum), gebied stationsomgeving (Stationsomgeving): "
            "“kind” is “winkelcentrum”, which is not one of kernwinkelgebied, winkelgebied, winkelstraat, wijk, custom",
            id="a kind outside the vocabulary",
        ),
        pytest.param(
            "            is_public: false\n            description: Herontwikkeling",
            "            is_public: nee\n            description: Herontwikkeling",
            "gebied stationsomgeving (Stationsomgeving): “is_public” should be true or false",
            id="yes or no in Dutch",
        ),
        pytest.param(
            "        population: 9400",
            "        population: 9.400",
            "kern DEMO3_2 (Haverloo): “population” should be a whole number",
            id="a thousands separator",
        ),
        pytest.param(
            "[S, [2.90, 51.77], [2.82, 51.785], [2.79, 51.82], W, W1, J, S1]",
            "[S, [2.90, 51.77], [2.82, 51.785], [2.79, 51.82], W, W2, J, S1]",
            "gemeente DEMO3 (Bremhout): polygon: the point “W2” is not in “points:”",
            id="an unknown border point",
        ),
        pytest.param(
            "{blob: {lon: 2.830, lat: 51.800, width_km: 1.6, height_km: 1.3}}",
            "{blob: {lon: 2.830, lat: 51.800, width: 1.6, height_km: 1.3}}",
            "kern DEMO3_2 (Haverloo): blob: give “lon:”, “lat:”, “width_km:”, “height_km:” and nothing else",
            id="a misnamed blob parameter",
        ),
        pytest.param(
            "{street: {from: [2.8885, 51.8165], to: [2.8995, 51.8205]}}",
            "{street: {from: [51.8165], to: [2.8995, 51.8205]}}",
            "gebied nieuwstraat (Nieuwstraat): street: [51.8165] is not a point: write it as [longitude, latitude]",
            id="a street end that is not a point",
        ),
        pytest.param(
            "{point: [3.045, 51.812]}",
            "{dot: [3.045, 51.812]}",
            "kern DEMO4_2 (Vennebroek): “geometry” should be one of {blob:",
            id="a shape the reader does not draw",
        ),
        pytest.param(
            "2023: 45562, 2024: 46000}",
            "2023: 45562}",
            "gemeente DEMO3 (Bremhout): “population” should give the inhabitants per year",
            id="a population series that stops before the population year",
        ),
        pytest.param(
            "      - code: DEMO3_3",
            "      - code: DEMO3_2",
            "the code “DEMO3_2” is used by two cores",
            id="a core code used twice",
        ),
        pytest.param(
            "          - slug: nieuwstraat\n",
            "          - slug: kernwinkelgebied\n",
            "the slug “kernwinkelgebied” is used by two areas of gemeente DEMO3 (Bremhout), kern DEMO3_1",
            id="an area slug used twice in one core",
        ),
    ],
)
def test_broken_region_content_is_refused_with_the_file_and_the_entry(folder, old, new, expected):
    edit(folder / "region.yaml", old, new)
    message = refused(folder)
    assert message.startswith(f"{folder / 'region.yaml'}: ")
    assert expected in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "    gemeente_code: DEMO2\n",
            "    gemeente_code: DEMO9\n",
            "user sofie: “gemeente_code” is “DEMO9”, which is not one of DEMO1, DEMO2, DEMO3, DEMO4",
            id="a municipality the region does not have",
        ),
        pytest.param(
            "    role: redactie\n",
            "    role: redactie\n    gemeente_code: DEMO1\n",
            "user eva: the role “redactie” applies to the whole platform: no gemeente_code",
            id="a platform-wide role tied to a municipality",
        ),
        pytest.param(
            "    role: lid  # a registered member without a role\n",
            "    role: member\n",
            "user bram: “role” is “member”, which is not one of gemeente, begeleider, redactie, beheerder, lid",
            id="a role outside the vocabulary",
        ),
        pytest.param(
            "  - username: sofie\n",
            "  - username: ellen\n",
            "the username “ellen” is used by two users",
            id="a user name used twice",
        ),
    ],
)
def test_broken_people_are_refused_with_the_file_and_the_person(folder, old, new, expected):
    edit(folder / "people.yaml", old, new)
    message = refused(folder)
    assert message.startswith(f"{folder / 'people.yaml'}: ")
    assert expected in message
