"""Personal data in the Kernmonitor. See kernkompas/core/personal_data.py.

Owner contacts are third parties (property owners), often without an account: found by e-mail address or exact
name, exported with the unit they own, erased by deleting them; each municipality's audit log hears of it. Uploads
waiting in the import wizard belong to the user who made them; a waiting file that mentions an erased person (a
unit register with owner columns) is discarded with the erasure, as the import would have copied it.
"""

from django.db import transaction
from django.dispatch import receiver

from kernkompas.core import personal_data
from kernkompas.lib import redact
from kernkompas.monitor.models import (
    Branch,
    BranchAlias,
    Count,
    CounterToken,
    CountingPoint,
    FunctionGroup,
    ImportRun,
    OwnerContact,
    PendingUpload,
    Threshold,
    Unit,
)


def _export_owner_contacts(queryset) -> list[dict]:
    return [
        {
            "pk": c.pk,
            "name": c.name,
            "organisation": c.organisation,
            "email": c.email,
            "phone": c.phone,
            "note": c.note,
            "updated_at": c.updated_at.isoformat(),
            "unit": str(c.unit),
            "area": c.unit.gebied.name,
            "municipality": c.unit.gebied.kern.gemeente.name_nl,
        }
        for c in queryset.select_related("unit__gebied__kern__gemeente")
    ]


personal_data.register(
    OwnerContact,
    email=("email",),
    name=("name",),
    fields=("name", "organisation", "email", "phone", "note", "updated_at"),
    gemeente="unit__gebied__kern__gemeente",
    export=_export_owner_contacts,
)
personal_data.register(
    PendingUpload,
    user="created_by",
    fields=("file_name", "kind", "created_at"),
    gemeente="gebied__kern__gemeente",
)

personal_data.not_personal(FunctionGroup, "name", reason="the name of a function group (dagelijks, leegstand)")
personal_data.not_personal(Branch, "name", reason="the name of a branch (bakker, kapper)")
personal_data.not_personal(CountingPoint, "name", reason="the name of a footfall counting point")
personal_data.not_personal(CounterToken, "name", reason="the name of a counter key (the sensor it is for)")
personal_data.not_personal(
    Unit, "address_key", reason="the address of a shop or other unit, a place of business, not of a person"
)
personal_data.not_personal(ImportRun, "file_name", reason="the name of an imported file")
STAFF_LINK = "who did it: a link to a staff account, cleared when that account goes"
personal_data.not_personal(ImportRun, "created_by", reason=STAFF_LINK)
personal_data.not_personal(ImportRun, "undone_by", reason=STAFF_LINK)
personal_data.not_personal(Count, "created_by", reason=STAFF_LINK)
personal_data.not_personal(CounterToken, "created_by", reason=STAFF_LINK)
personal_data.not_personal(
    Threshold, "recipients", reason="the staff told of a crossing: links to accounts, removed with the account"
)


@receiver(personal_data.erased)
def discard_uploads_that_mention(sender, texts, **kwargs):
    """A waiting unit register may carry the erased person in its owner columns: it goes, file and all."""
    if not texts:
        return
    for pending in PendingUpload.objects.all():
        try:
            mentioned = redact.file_mentions(pending.file.path, texts)
        except (OSError, ValueError):
            mentioned = False  # the file is already gone (the daily clean-up); the row goes with the next one
        if mentioned:
            storage, name = pending.file.storage, pending.file.name
            pending.delete()
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


personal_data.not_personal(BranchAlias, "created_by", reason=STAFF_LINK)
