"""Every reader, fed random and mutated files, returns records or problems in words, and nothing else (issue 9).

Property-based (Hypothesis) with a fixed budget: a fixed number of examples, derandomised (the same examples on
every run, so CI time is predictable and a failure reproduces), no deadline. The files are random bytes and the real
test files cut off, with bytes flipped, with hostile pieces put in (a huge cell, deep nesting, a row number past
Excel's last row, a formula, the wrong encoding). For each file:

- the reader returns its records, or raises ImportRejected whose problems are sentences with the file's name;
  any other exception (the 500 a visitor would see) fails the test;
- the import either writes everything or nothing: after a refusal the register holds what it held;
- memory stays bounded: the whole run may not raise the process's peak memory by more than a few hundred MB.
"""

from __future__ import annotations

import datetime
import io
import resource
import zipfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kernkompas.core.models import AuditEvent
from kernkompas.core.problems import ImportRejected
from kernkompas.monitor.actions.units import import_units
from kernkompas.monitor.importers.detect import read_units
from kernkompas.monitor.importers.footfall import read_footfall
from kernkompas.monitor.importers.osm import read_osm
from kernkompas.monitor.models import ImportRun, Unit, UnitState

FILES = Path(__file__).parent / "files"
BUDGET = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure shows its file as found, in fixed time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
PEAK_GROWTH_MB = 400

OSM = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="test">\n'
    b'<node id="1" lat="51.14" lon="5.36"><tag k="shop" v="bakery"/><tag k="name" v="Bakkerij Peeters"/>'
    b'<tag k="addr:street" v="Markt"/><tag k="addr:housenumber" v="1"/></node>\n'
    b'<node id="2" lat="51.141" lon="5.361"/><node id="3" lat="51.141" lon="5.362"/>'
    b'<node id="4" lat="51.142" lon="5.362"/>\n'
    b'<way id="10"><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="2"/><tag k="shop" v="vacant"/></way>\n</osm>\n'
)
FOOTFALL = (
    "telpunt;datum;uur;aantal\r\nMarkt;26-10-2025;1;120\r\nMarkt;26-10-2025;2;80\r\nMarkt;26-10-2025;2;70\r\n"
    "Kerkstraat;26-10-2025;2;15\r\nMarkt;27-10-2025;9;1.234\r\n"
).encode("cp1252")
FOOTFALL_WIDE = b"date,hour,year,Markt,Kerkstraat\n2025-10-26,1,2025,10,20\n2025-10-26,2,2025,30,\n"

PIECES = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    "Café".encode("utf-16"),
    "é".encode("cp1252"),
    b"A" * 12_000,
    b";" * 600,
    b"," * 600,
    b'"',
    b"\r",
    b"\n",
    b"[" * 3000,
    b'{"a":' * 2000,
    b"9" * 5000,
    b"1e999",
    b"NaN",
    b"-Infinity",
    b'=HYPERLINK("x")',
    b'<row r="2000000000"/>',
    b'<!DOCTYPE osm [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
    b"&b;",
    b"</",
    b'"coordinates":[[[[[[1,2]]]]]]',
    b'"type":"GeometryCollection"',
    b"\t",
    b"31-02-2025",
    b"99:00",
    b"-5",
]


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """``seed`` cut off, with bytes flipped, pieces put in or parts repeated."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        action = draw(st.sampled_from(["cut", "insert", "flip", "repeat", "delete"]))
        at = draw(st.integers(min_value=0, max_value=len(data)))
        if action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(PIECES))
        elif action == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "repeat":
            end = draw(st.integers(min_value=at, max_value=min(len(data), at + 200)))
            data[at:at] = data[at:end] * draw(st.integers(min_value=1, max_value=50))
        elif action == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=50))]
    return bytes(data)


def files(seed: bytes):
    return st.one_of(st.binary(max_size=2000), mutated(seed), mutated(seed))


@st.composite
def excel_files(draw) -> bytes:
    """The real winkels.xlsx with its sheet or shared strings mutated inside the zip (a mutated zip itself is only
    ever refused as damaged, which says little), or the zip itself cut off or flipped."""
    original = (FILES / "winkels.xlsx").read_bytes()
    if draw(st.booleans()):
        return draw(mutated(original))
    book = zipfile.ZipFile(io.BytesIO(original))
    names = [i.filename for i in book.infolist()]
    target = draw(st.sampled_from([n for n in names if n.endswith(".xml")]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for name in names:
            content = book.read(name)
            copy.writestr(name, draw(mutated(content)) if name == target else content)
    return out.getvalue()


@pytest.fixture
def peak_memory():
    """Fails the test when the process's peak memory grew by more than PEAK_GROWTH_MB while it ran."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown < PEAK_GROWTH_MB, f"peak memory grew by {grown:.0f} MB"


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _assert_problems_in_words(rejected: ImportRejected, name: str) -> None:
    assert rejected.problems
    for problem in rejected.problems:
        assert str(problem).startswith(name) and len(str(problem)) > len(name) + 2


def _read_units(path: Path, gemeente, name: str):
    try:
        return read_units(path, gemeente=gemeente, file_name=name)
    except ImportRejected as rejected:
        _assert_problems_in_words(rejected, name)
        return None


def _register() -> tuple[int, ...]:
    return (Unit.objects.count(), UnitState.objects.count(), ImportRun.objects.count(), AuditEvent.objects.count())


def _import_all_or_nothing(area, records, name: str, by) -> None:
    """Import ``records`` into ``area`` and undo it; a refusal must leave the register as it was."""
    before = _register()
    with transaction.atomic():
        try:
            import_units(
                area,
                records,
                count_date=datetime.date(2025, 3, 1),
                by=by,
                file_name=name,
                sha256="0" * 64,
                format="csv",
            )
        except ImportRejected as rejected:
            _assert_problems_in_words(rejected, name)
            assert _register() == before
        else:
            assert _register()[2] == before[2] + 1  # one import run, with its units and states
        transaction.set_rollback(True)
    assert _register() == before


@pytest.mark.parametrize("seed", ["winkels_excel_nl.csv", "panden_wgs84.geojson", "panden_rd_new.geojson"])
def test_csv_and_geojson_registers_are_read_or_refused_in_words_and_imported_whole_or_not(
    cast, tmp_path, peak_memory, seed
):
    suffix = Path(seed).suffix

    @BUDGET
    @given(content=files((FILES / seed).read_bytes()))
    def check(content):
        name = f"panden{suffix}"
        records = _read_units(_write(tmp_path, name, content), cast.maasdijk, name)
        if records is not None:
            _import_all_or_nothing(cast.markt, records, name, cast.ellen)

    check()


def test_excel_registers_are_read_or_refused_in_words(cast, tmp_path, peak_memory):
    @BUDGET
    @given(content=excel_files())
    def check(content):
        records = _read_units(_write(tmp_path, "panden.xlsx", content), cast.maasdijk, "panden.xlsx")
        if records is not None:
            _import_all_or_nothing(cast.markt, records, "panden.xlsx", cast.ellen)

    check()


@pytest.mark.parametrize("suffix", [".osm", ".osm.pbf"])
def test_openstreetmap_extracts_are_read_or_refused_in_words(tmp_path, peak_memory, suffix):
    seed = OSM if suffix == ".osm" else _pbf(tmp_path)

    @BUDGET
    @given(content=files(seed))
    def check(content):
        name = f"winkels{suffix}"
        try:
            read_osm(_write(tmp_path, name, content), file_name=name)
        except ImportRejected as rejected:
            _assert_problems_in_words(rejected, name)

    check()


def _pbf(tmp_path: Path) -> bytes:
    """The XML seed as a PBF file, written by pyosmium."""
    import osmium

    source, target = tmp_path / "seed.osm", tmp_path / "seed.osm.pbf"
    source.write_bytes(OSM)
    with osmium.SimpleWriter(str(target)) as writer:
        for obj in osmium.FileProcessor(str(source)):
            writer.add(obj)
    return target.read_bytes()


@pytest.mark.parametrize("seed, suffix", [(FOOTFALL, ".csv"), (FOOTFALL_WIDE, ".csv"), (None, ".xlsx")])
def test_footfall_files_are_read_or_refused_in_words(db, tmp_path, peak_memory, seed, suffix):
    strategy = excel_files() if seed is None else files(seed)

    @BUDGET
    @given(content=strategy)
    def check(content):
        name = f"passanten{suffix}"
        try:
            read_footfall(_write(tmp_path, name, content), file_name=name)
        except ImportRejected as rejected:
            _assert_problems_in_words(rejected, name)

    check()
