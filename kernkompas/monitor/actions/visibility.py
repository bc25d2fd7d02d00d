"""The named operation that makes an area dashboard public or not (the municipality decides, per area)."""

from __future__ import annotations

from django.db import transaction

from kernkompas.core import audit
from kernkompas.places.models import Gebied


def set_area_public(gebied: Gebied, is_public: bool, *, by) -> bool:
    """Make the area's dashboard public (or take it back); returns whether anything changed.

    The unit register and owner contacts stay private whatever this says.
    """
    if gebied.is_public == is_public:
        return False
    with transaction.atomic():
        gebied.is_public = is_public
        gebied.save(update_fields=["is_public"])
        audit.record(
            by,
            "monitor.area_published" if is_public else "monitor.area_unpublished",
            gebied,
            gemeente=gebied.kern.gemeente,
            changes={"is_public": [not is_public, is_public]},
        )
    return True
