"""Publishing a lab's report: the municipality decides whether everyone may read it (``labs:report``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kernkompas.accounts import permissions
from kernkompas.core import audit
from kernkompas.labs.models import Lab


@transaction.atomic
def set_report_public(by, lab: Lab, public: bool) -> Lab:
    """Make the report public or private; only who may publish for the lab's municipality (not facilitators)."""
    if not permissions.can_publish(by, lab.gemeente):
        raise PermissionDenied
    lab = Lab.objects.select_for_update().get(pk=lab.pk)
    if lab.is_report_public == public:
        return lab
    lab.is_report_public = public
    lab.save(update_fields=["is_report_public", "updated_at"])
    audit.record(
        by,
        "labs.report_published" if public else "labs.report_unpublished",
        lab,
        gemeente=lab.gemeente,
        changes={"is_report_public": public},
    )
    return lab
