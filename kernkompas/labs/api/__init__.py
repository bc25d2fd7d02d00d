"""The Binnenstadslab in the API (mounted at /api/v1/labs/, see ``LabsConfig.api_router``), one module per subject:

- :mod:`.plans` — published action plans: agenda, bottlenecks and opportunities, actions with their progress.

Only published plans appear. The API has no keys for reading (the only keys are the Kernmonitor's counter keys,
which post footfall), so a municipality's unpublished plans are not in it; its staff read them on the site and in
the plan's downloads. The labs themselves (notes, votes, reports) are not in the API.
"""

from ninja import Router

from kernkompas.labs.api import plans

router = Router(tags=["Binnenstadslab"])
router.add_router("", plans.router)
