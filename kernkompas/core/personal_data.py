"""A register of the models that hold personal data, so one person's data can be exported and erased.

Each app registers its models in its own ``personal_data.py`` (imported from ``AppConfig.ready``). A model is
registered with the lookup from the model to the user it belongs to and what erasure means for it: delete the
rows, or anonymise them when other people's records depend on them (an audit event stays, without the name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction


@dataclass(frozen=True)
class PersonalDataEntry:
    model: type[models.Model]
    owner: str  # lookup from the model to the user ("user", "submitted_by", "pk" for the user model itself)
    fields: tuple[str, ...]
    erase: str = "delete"  # "delete" or "anonymise"
    anonymise: Callable[[models.QuerySet], int] | None = field(default=None, compare=False)

    def queryset(self, user) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.owner: user.pk})


_REGISTRY: list[PersonalDataEntry] = []


def register(model, *, owner: str, fields: tuple[str, ...], erase: str = "delete", anonymise=None) -> None:
    if erase not in {"delete", "anonymise"}:
        raise ValueError("erase must be 'delete' or 'anonymise'")
    if erase == "anonymise" and anonymise is None:
        raise ValueError("an anonymised model needs an anonymise function")
    entry = PersonalDataEntry(model, owner, tuple(fields), erase, anonymise)
    if entry not in _REGISTRY:
        _REGISTRY.append(entry)


def registered() -> list[PersonalDataEntry]:
    return list(_REGISTRY)


def export_for(user) -> dict[str, Any]:
    """Everything registered about one person, as a JSON-ready dict keyed by model label."""
    data: dict[str, Any] = {}
    for entry in _REGISTRY:
        rows = list(entry.queryset(user).values("pk", *entry.fields))
        data[entry.model._meta.label] = rows
    # Round-trip through Django's encoder so dates and decimals become strings the caller can json.dump.
    import json

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def erase_for(user, *, by=None) -> dict[str, int]:
    """Delete or anonymise everything registered about one person, in one transaction, and log it."""
    from kernkompas.core import audit

    counts: dict[str, int] = {}
    # The log records that an erasure happened, not whose data it was: the address itself is personal data.
    label = f"user #{user.pk}"
    with transaction.atomic():
        # The user model itself last: other entries look rows up by the user's id.
        ordered = sorted(_REGISTRY, key=lambda e: e.model is type(user))
        for entry in ordered:
            queryset = entry.queryset(user)
            if entry.erase == "anonymise":
                counts[entry.model._meta.label] = entry.anonymise(queryset)
            else:
                counts[entry.model._meta.label] = queryset.count()
                queryset.delete()
        audit.record(by, "personal_data.erased", None, label=label, changes={"rows": counts})
    return counts
