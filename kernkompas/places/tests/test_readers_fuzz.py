"""The reference-data readers (TopoJSON, GeoJSON, CSV), fed random and mutated files, import everything or refuse
in words and write nothing; never another exception (issue 9). Same fixed budget as the monitor's readers."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.tests.test_readers_fuzz import BUDGET, files, peak_memory  # noqa: F401 - a fixture
from kernkompas.places.actions.imports import import_places
from kernkompas.places.tests.import_helpers import register_checksum

SQUARE = [[5.30, 51.10], [5.42, 51.10], [5.42, 51.18], [5.30, 51.18], [5.30, 51.10]]
TOPOJSON = json.dumps(
    {
        "type": "Topology",
        "arcs": [SQUARE],
        "objects": {
            "municipalities": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0]],
                        "properties": {"nis": "71004", "name_nl": "Beringen", "population": 46598},
                    }
                ],
            }
        },
    }
).encode()
KERNEN = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"fid": 1, "kern": "71004_1"},
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            }
        ],
    }
).encode()
POPULATION = "CD_REFNIS;TX_DESCR_NL;MS_POPULATION\r\n71004;Beringen;46598\r\n".encode("cp1252")


@pytest.mark.parametrize("seed, name", [(TOPOJSON, "gemeenten.topojson"), (KERNEN, "kern_wgs84.geojson"),
                                        (POPULATION, "bevolking.csv")])  # fmt: skip
def test_reference_files_are_imported_or_refused_in_words_and_nothing_is_written(db, tmp_path, peak_memory, seed, name):  # noqa: F811, E501
    @BUDGET
    @given(content=st.one_of(files(seed), st.just(seed)))
    def check(content):
        path = tmp_path / name
        path.write_bytes(content)
        before = register_checksum()
        try:
            import_places([path], year=2020)
        except ImportRejected as rejected:
            assert rejected.problems and all(str(p).startswith(name) for p in rejected.problems)
            assert register_checksum() == before

    check()
