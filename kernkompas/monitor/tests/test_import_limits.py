"""Small hostile files are refused before they cost memory or minutes (issue 9, finding 5).

The four attacks that were found, each made in the test: an Excel file of 100 KB with one cell in the last column of
20,000 rows (it took 2.8 GB), a shared-strings bomb (505 MB), an Excel file of 300 KB holding one cell of 300 MB (past
ten minutes) and a CSV header of 300,000 characters (a minute of fuzzy matching per request). Each is read in a
separate process under a memory limit, which reports how much its peak memory grew; the bound is generous (the
point is gigabytes against megabytes), and nothing is timed.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kernkompas.lib import filelimits
from kernkompas.monitor.importers import mapping
from kernkompas.monitor.models import PendingUpload
from kernkompas.monitor.tests import hostile_files

PEAK_MB = 200  # what reading (and refusing) one of these files may add to a process's peak memory
ADDRESS_SPACE = 3 << 30  # the child dies here instead of taking the machine: gigabytes is the bug being tested
CPU_SECONDS = 240  # a safety net for a regression, so that CI is not held for ten minutes; nothing asserts time

_CHILD = """
import json, os, resource, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kernkompas.settings_test")
django.setup()
from django.utils import translation
translation.activate("nl")
from kernkompas.monitor.importers.detect import read_table_of
from kernkompas.monitor.importers.mapping import propose
from kernkompas.core.problems import ImportRejected
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    table = read_table_of(sys.argv[1])
    propose(table.headers)
    problems = []
except ImportRejected as rejected:
    problems = [str(p) for p in rejected.problems]
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"problems": problems, "peak_mb": grown}))
"""


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def read_in_a_child(path: Path) -> dict:
    """The problems a reader reports for ``path`` (and the column mapping proposed for it), with how much the
    peak memory of the process grew while reading: in a separate process under a memory limit."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, preexec_fn=_limits, check=False
    )
    assert done.returncode == 0, f"the reader died (exit {done.returncode}): {done.stderr[-2000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_excel_file_with_one_cell_in_the_last_column_of_20000_rows_is_refused_at_that_cell(tmp_path):
    path = hostile_files.far_column_xlsx(tmp_path / "panden.xlsx")
    assert path.stat().st_size < 300_000
    result = read_in_a_child(path)
    assert result["problems"] == [
        "panden.xlsx, regel 2: een waarde in kolom 16.384; een bestand mag hoogstens 500 kolommen hebben"
    ]
    assert result["peak_mb"] < PEAK_MB


def test_a_shared_strings_bomb_is_refused_before_openpyxl_loads_the_strings(tmp_path):
    path = hostile_files.shared_strings_bomb_xlsx(tmp_path / "panden.xlsx")
    assert path.stat().st_size < 1_000_000
    result = read_in_a_child(path)
    assert result["problems"] == [
        "panden.xlsx: het Excel-bestand bevat meer dan 2.000.000 verschillende teksten, het maximum voor één "
        "import: splits het op"
    ]
    assert result["peak_mb"] < PEAK_MB


def test_an_excel_file_holding_one_cell_of_300_mb_is_refused_unread(tmp_path):
    path = hostile_files.huge_cell_xlsx(tmp_path / "panden.xlsx")
    assert path.stat().st_size < 400_000
    result = read_in_a_child(path)
    assert result["problems"] == [
        "panden.xlsx: het Excel-bestand bevat een cel van meer dan 10.000 tekens, het maximum voor één cel"
    ]
    assert result["peak_mb"] < PEAK_MB


def test_an_excel_file_that_unpacks_to_more_than_500_mb_is_refused_from_its_zip_directory(tmp_path):
    path = hostile_files.huge_cell_xlsx(tmp_path / "panden.xlsx", megabytes=600)
    result = read_in_a_child(path)
    assert result["problems"] == ["panden.xlsx: het Excel-bestand pakt uit tot 629 MB; het maximum is 500 MB"]
    assert result["peak_mb"] < PEAK_MB


def test_a_csv_header_of_300000_characters_is_refused_before_the_column_mapping(tmp_path):
    path = hostile_files.long_header_csv(tmp_path / "panden.csv")
    result = read_in_a_child(path)
    assert result["problems"] == [
        "panden.csv, regel 1: een regel van meer dan 200.000 tekens, het maximum voor één regel"
    ]
    assert result["peak_mb"] < PEAK_MB


def test_a_csv_header_under_the_line_limit_is_refused_for_its_length(tmp_path):
    path = hostile_files.long_header_csv(tmp_path / "panden.csv", characters=150_000)
    result = read_in_a_child(path)
    assert result["problems"] == ["panden.csv, regel 1, kolom 1: een kolomkop van 50.000 tekens; het maximum is 255"]


def test_the_column_mapping_only_ever_compares_bounded_headers(monkeypatch):
    compared = []
    real = mapping.difflib.SequenceMatcher

    class Recording(real):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            compared.append(len(a))
            assert len(a) <= filelimits.MAX_HEADER_CHARS, f"a header of {len(a)} characters was compared"
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(mapping.difflib, "SequenceMatcher", Recording)
    words = "straat huisnummer branche " * 12_000
    proposal = mapping.propose([words, words + "x", "Adress", "Brache"])
    assert proposal == {"address": "Adress", "branch": "Brache"}
    assert compared and max(compared) <= len("huisnummer toevoeging")


# --- The same files through the upload wizard ----------------------------------------------------------------------


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "uploads"


@pytest.mark.parametrize(
    "build, name, message",
    [
        (hostile_files.far_column_xlsx, "panden.xlsx", "een waarde in kolom 16.384"),
        (hostile_files.huge_cell_xlsx, "panden.xlsx", "een cel van meer dan 10.000 tekens"),
        (hostile_files.long_header_csv, "panden.csv", "een regel van meer dan 200.000 tekens"),
    ],
)
def test_ellen_sees_which_limit_her_file_goes_over_and_nothing_is_kept(
    client, cast, uploads, tmp_path, build, name, message
):
    path = build(tmp_path / name)
    client.force_login(cast.ellen)
    slugs = {"gemeente": "maasdijk", "kern": "centrum", "gebied": "marktplein"}
    response = client.post(
        reverse("monitor:upload", kwargs=slugs),
        {"kind": "units", "count_date": "2025-03-01", "file": SimpleUploadedFile(name, path.read_bytes())},
        follow=True,
    )
    assert response.status_code == 200
    problems = [str(p) for p in response.context["problems"]]
    assert len(problems) == 1 and message in problems[0], problems
    assert message in response.content.decode()
    assert PendingUpload.objects.get().mapping == {}
