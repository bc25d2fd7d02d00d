"""The Kern-DNA in the API (mounted at /api/v1/dna/, see ``DnaConfig.api_router``), one module per subject:

- :mod:`.trajectories` — published trajectories and their steps;
- :mod:`.profiles` — the indicator profile of any core against its peers;
- :mod:`.kompasses` — the published DNA of each core (the Kernkompas);
- :mod:`.regions` — the complementarity of the cores of a region;
- :mod:`.surveys` — survey results, aggregates only.

Only what is published appears: unpublished trajectories, drafts, open answers and single responses never do.
"""

from ninja import Router

from kernkompas.dna.api import kompasses, profiles, regions, surveys, trajectories

router = Router(tags=["Kern-DNA"])
for part in (trajectories, profiles, kompasses, regions, surveys):
    router.add_router("", part.router)
