"""Owner contacts as a unit register names them: created, or updated when the file says more. They are personal
data (see :mod:`kernkompas.monitor.personal_data`); the import's audit event counts them, never names them."""

from __future__ import annotations

from kernkompas.monitor import bulk
from kernkompas.monitor.importers.records import OwnerRecord
from kernkompas.monitor.models import OwnerContact


def upsert_owner_contacts(owners: list[tuple[int, OwnerRecord]], now, new: set[int]) -> int:
    """Owner contacts by unit and name from (unit id, owner) pairs: new ones created, known ones updated when the
    file says more. Returns how many were created or changed.

    ``new`` are the ids of the units this import created: they have no contacts yet, so they are not looked up.
    """
    wanted = [(unit_id, owner) for unit_id, owner in owners if owner.name.strip()]
    if not wanted:
        return 0
    existing = _contacts_of([unit_id for unit_id, _o in wanted if unit_id not in new])
    created, changed = [], []
    for unit_id, owner in wanted:
        name = owner.name.strip()  # lengths checked by validate_units
        values = {
            "organisation": owner.organisation.strip(),
            "email": owner.email.strip(),
            "phone": owner.phone.strip(),
        }
        contact = existing.get((unit_id, name))
        if contact is None:  # a unit appears once in a file, so once here
            created.append((unit_id, name, values["organisation"], values["email"], values["phone"], "", now))
        else:
            diff = {k: v for k, v in values.items() if v and getattr(contact, k) != v}
            if diff:
                for k, v in diff.items():
                    setattr(contact, k, v)
                contact.updated_at = now
                changed.append(contact)
    bulk.insert(
        OwnerContact,
        ("unit_id", "name", "organisation", "email", "phone", "note", "updated_at"),
        created,
    )
    OwnerContact.objects.bulk_update(
        changed, ["organisation", "email", "phone", "updated_at"], batch_size=bulk.ID_BATCH
    )
    return len(created) + len(changed)


def _contacts_of(unit_ids: list[int]) -> dict[tuple[int, str], OwnerContact]:
    """The owner contacts of these units, by unit id and name."""
    existing = {}
    for start in range(0, len(unit_ids), bulk.ID_BATCH):
        for contact in OwnerContact.objects.filter(unit_id__in=unit_ids[start : start + bulk.ID_BATCH]):
            existing[(contact.unit_id, contact.name)] = contact
    return existing
