"""The published DNA of cores for a Binnenstadslab's participants and its regional view (through the registry,
``DnaConfig.place_dna``; the lab never imports the Kern-DNA). Only what the public sees: the published version of
each core's most recent published trajectory, as :func:`kernkompas.dna.selectors.published_dna` picks it."""

from __future__ import annotations

from kernkompas.core.parts import DnaSummary
from kernkompas.dna.models import DnaVersion
from kernkompas.dna.poster import public_path


def place_dna(kernen) -> dict[int, DnaSummary]:
    """``{kern_pk: DnaSummary}`` for the cores that have a public DNA (two queries)."""
    pks = [kern.pk for kern in kernen]
    versions = (
        DnaVersion.objects.filter(trajectory__kern_id__in=pks, trajectory__is_published=True, is_published=True)
        .select_related("trajectory__kern__gemeente")
        .prefetch_related("blocks")
        .order_by("trajectory__kern_id", "-trajectory__created_at")
    )
    found: dict[int, DnaSummary] = {}
    for version in versions:
        kern = version.trajectory.kern
        if kern.pk in found:
            continue
        blocks = tuple(block.name for block in sorted(version.blocks.all(), key=lambda block: block.position))
        found[kern.pk] = DnaSummary(tagline=version.tagline, blocks=blocks, url=public_path(kern))
    return found
