"""Helpers for the import tests: where the real open data is, and a fingerprint of the places tables."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from kernkompas.core.models import AuditEvent
from kernkompas.places.models import Gemeente, Kern, PopulationFigure, Province

REPO = Path(__file__).resolve().parents[3]


def shared_data() -> Path:
    """The shared open-data folder beside the checkout (``KERNKOMPAS_SHARED_DATA`` overrides).

    Missing data skips the test with the reason, except in CI, where it fails: CI must run these tests.
    """
    folder = Path(os.environ.get("KERNKOMPAS_SHARED_DATA") or REPO / ".." / "shared" / "data").resolve()
    if not folder.is_dir():
        message = f"the shared open data is not at {folder} (set KERNKOMPAS_SHARED_DATA)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder


class Files:
    """The real files, by a short name."""

    def __init__(self, root: Path):
        self.root = root
        self.topojson = root / "be_municipalities_population_2020" / "belgium_municipalities.topojson"
        self.population_csv = root / "be_municipalities_population_2020" / "bevolking_per_gemeente_2020.csv"
        self.mergers = root / "be_municipal_mergers_2025" / "be_municipal_mergers_2025.csv"
        self.flanders_2025 = root / "be_flanders_municipalities_cores_2025" / "gemeente_2025_wgs84.geojson"
        self.kernen = root / "be_flanders_municipalities_cores_2025" / "kern_wgs84.geojson"
        self.cbs_2023 = root / "nl_gemeenten_cbs_2023" / "gemeenten_2023.geojson"
        self.cbs_gemeenten_2015 = root / "nl_cbs_gebiedsindelingen_2015" / "Gemeente_2015_layer_q1e3.topojson"
        self.cbs_provincies_2015 = root / "nl_cbs_gebiedsindelingen_2015" / "Provincie_2015_layer_q1e3.topojson"

    @property
    def belgian(self) -> list[Path]:
        return [self.topojson, self.population_csv, self.mergers, self.flanders_2025, self.kernen]

    @property
    def dutch(self) -> list[Path]:
        return [self.cbs_2023, self.cbs_gemeenten_2015, self.cbs_provincies_2015]

    @property
    def all(self) -> list[Path]:
        return [*self.belgian, *self.dutch]


def register_dump(*, with_timestamps: bool = False) -> dict[str, list]:
    """The places tables as plain rows keyed by official codes (not database ids), sorted.

    Two dumps are equal when the register holds the same data, however and in whatever order it was imported.
    """
    gemeente_fields = [
        "code", "country__code", "name_nl", "name_fr", "slug", "search_text", "province__code", "merged_into__code",
        "valid_from", "valid_until", "population", "population_year", "size_class", "area_km2", "urbanity",
        "source", "geometry", "bbox", "point_lat", "point_lon",
    ]  # fmt: skip
    if with_timestamps:
        gemeente_fields.append("updated_at")
    return {
        "provinces": sorted(Province.objects.values_list("code", "country__code", "name_nl", "name_fr")),
        "gemeenten": sorted(_hashable(row) for row in Gemeente.objects.values_list(*gemeente_fields)),
        "figures": sorted(
            PopulationFigure.objects.values_list("gemeente__code", "year", "population", "derived", "source")
        ),
        "kernen": sorted(
            _hashable(row)
            for row in Kern.objects.values_list(
                "code", "gemeente__code", "name", "slug", "kind", "search_text", "source", "geometry", "bbox"
            )
        ),
    }


def register_checksum(*, with_timestamps: bool = True) -> str:
    """A fingerprint of every places row (and the row counts), to show that a rejected import wrote nothing."""
    dump = register_dump(with_timestamps=with_timestamps)
    dump["counts"] = [Province.objects.count(), Gemeente.objects.count(), PopulationFigure.objects.count()]
    dump["audit"] = AuditEvent.objects.filter(action="places.imported").count()
    return hashlib.sha256(json.dumps(dump, default=str, sort_keys=True).encode()).hexdigest()


def _hashable(row: tuple) -> tuple:
    return tuple(json.dumps(value, sort_keys=True) if isinstance(value, (dict, list)) else value for value in row)
