"""The published DNA of cores for a lab (``core.parts.place_dna``): drafts and private trajectories never show."""

from __future__ import annotations

import pytest

from kernkompas.core import parts
from kernkompas.dna.models import BuildingBlock, DnaVersion, Trajectory
from kernkompas.places.models import Kern, KernKind

pytestmark = pytest.mark.django_db


def dna(kern, *, trajectory_public=True, version_public=True, tagline="Samen sterk"):
    trajectory = Trajectory.objects.create(kern=kern, title="DNA", is_published=trajectory_public)
    version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline=tagline, is_published=version_public)
    for position, name in enumerate(["Markt", "Water", "Cultuur"], start=1):
        BuildingBlock.objects.create(version=version, position=position, name=name, explanation="…")
    return version


def test_only_published_dna(cast):
    other = Kern(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp", kind=KernKind.HOOFDKERN)
    other.refresh_derived()
    other.save()
    third = Kern(gemeente=cast.veldrode, code="99002_2", name="Heide", slug="heide", kind=KernKind.DEELKERN)
    third.refresh_derived()
    third.save()
    dna(cast.centrum, tagline="De markt van de Maas")
    dna(other, version_public=False, tagline="GEHEIM concept")
    dna(third, trajectory_public=False, tagline="GEHEIM traject")
    found = parts.place_dna([cast.centrum, other, third])
    assert set(found) == {cast.centrum.pk}
    summary = found[cast.centrum.pk]
    assert summary.tagline == "De markt van de Maas"
    assert summary.blocks == ("Markt", "Water", "Cultuur")
    assert summary.url == "/dna/maasdijk/centrum/"
    assert parts.place_dna([]) == {}
