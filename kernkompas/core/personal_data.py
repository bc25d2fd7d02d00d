"""The personal-data register: every model that holds something about a person, and how one person's rows are found.
Exporting and erasing them, with the copies those rows leave behind, is :mod:`kernkompas.core.privacy`.

A person is whom a request is about (:func:`find`): an e-mail address, which also finds the account with that
address, or an exact name, which never finds an account (names are not unique, addresses are). Accounts, property
owners in the Kernmonitor, people who sent a case without an account and, later, workshop participants or course
attendees are all people here.

Each app registers its models in its own ``personal_data.py``, imported from ``AppConfig.ready``::

    personal_data.register(
        OwnerContact,
        email=("email",),                 # fields that find the person by e-mail address (any case)
        name=("name",),                   # fields that find the person by exact name (any case)
        fields=("name", "organisation", "email", "phone", "note"),   # what the export holds and erasure removes
        gemeente="unit__gebied__kern__gemeente",   # whose audit log hears of an export or erasure
    )

Also ``user=`` (the path from the model to the account: ``"user"``, ``"submitter_user"``, ``"pk"`` for the user model
itself), ``text=`` (free-text fields that may mention the person among other words; found as a whole word or
phrase), ``erase=`` (``"delete"``, or ``{"field": blank value, ...}`` to anonymise a row that must stay) and
``export=`` (a function from a queryset to rows, when the export should say more than the fields, e.g. which unit
an owner contact belongs to). A field that looks personal by its name but is not (a place name, the name of a
theme) is declared with :func:`not_personal` and a reason; a test walks every model's fields and fails on a field
that is neither registered nor declared, so a new app cannot forget one.

Erasure (:func:`kernkompas.core.privacy.erase`) happens in one transaction. Besides deleting or anonymising the
registered rows it removes their copies:

- the audit log (``core.AuditEvent``) and Wagtail's history (page and model log entries): events about an erased
  object lose the erased values (a deleted object is then named by type and number, "eigenaar/contact #12"), and
  every event anywhere that mentions the person's name or address has it replaced by :data:`ERASED`;
- Wagtail revisions: a deleted object's revisions are deleted; an anonymised one's revisions get the same blank
  values as the object, so the live page, its drafts and its history agree and the next edit starts from a page
  without the data (deleting the revisions instead would lose the editors' history and a draft awaiting review);
- form states (unsaved back-office forms and previews) of those objects or mentioning the person;
- files of deleted rows; Wagtail's search index for anonymised rows;
- anything an app keeps itself: it listens to the :data:`erased` signal.

The audit log then records that an erasure happened, per municipality where registered rows had one, without the
name or address. Writing audit events never stores a registered person's name either: :func:`audit_label`
(called by ``core.audit.record``) names such an object by type and number.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils import translation

from kernkompas.lib import redact

# What an erased name or address becomes in the records that stay (audit log, history); stored in the site's
# language, like the rest of the log.
ERASED = "[verwijderd]"
ERASED_ACTOR = "verwijderde gebruiker"
BATCH = 500

erased = Signal()
"""Sent inside the erasure's transaction, after the registered rows and their copies are dealt with, with
``person``, ``texts`` (the names and addresses erased, to search what an app keeps itself: files, an index of its
own) and ``rows`` (``{model: [pk, ...]}``, every row deleted or anonymised). Receivers must not record the texts."""


@dataclass(frozen=True)
class Person:
    """Whom a request is about: an e-mail address (and the account with it, if any) or an exact name."""

    email: str = ""
    name: str = ""
    user: Any = None

    def __str__(self) -> str:
        return self.email or self.name


@dataclass(frozen=True, eq=False)
class Entry:
    """One registered model: how a person's rows are found in it, exported and erased. See :func:`register`."""

    model: type[models.Model]
    fields: tuple[str, ...]
    user: str | None = None
    email: tuple[str, ...] = ()
    name: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    erase: str | Mapping[str, Any] = "delete"
    gemeente: str | None = None
    export: Callable[[models.QuerySet], list[dict]] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def deletes(self) -> bool:
        return self.erase == "delete"

    def covers(self, name: str) -> bool:
        """Whether this entry says what happens to the model's field ``name``."""
        erased = () if self.deletes else tuple(self.erase)
        paths = (*self.fields, *self.email, *self.name, *self.text, *erased, self.user or "pk")
        opts = self.model._meta
        return name in {opts.pk.name if path == "pk" else opts.get_field(path.split("__")[0]).name for path in paths}

    def rows(self, person: Person) -> models.QuerySet:
        """This model's rows that belong to or describe ``person``."""
        manager = self.model._default_manager
        found = []
        if person.user is not None and self.user:
            found.append(Q(**{self.user: person.user.pk}))
        key = person.email or person.name
        if key:
            for name in self.email if person.email else self.name:
                found.append(Q(**{f"{name}__iexact": key}))
            if self.text:
                found.append(Q(pk__in=self._mentioning(key)))
        if not found:
            return manager.none()
        return manager.filter(reduce(operator.or_, found))

    def _mentioning(self, key: str) -> list:
        # The database narrows the rows down (any case, anywhere); the pattern keeps those that name the person
        # as a whole word or phrase.
        pattern = redact.pattern([key])
        candidates = self.model._default_manager.filter(
            reduce(operator.or_, [Q(**{f"{name}__icontains": key}) for name in self.text])
        )
        return [
            pk
            for pk, *values in candidates.values_list("pk", *self.text)
            if any(redact.mentions(value, pattern) for value in values)
        ]


_REGISTRY: list[Entry] = []
_NOT_PERSONAL: dict[tuple[str, str], str] = {}


def register(
    model: type[models.Model],
    *,
    fields: Iterable[str],
    user: str | None = None,
    email: Iterable[str] = (),
    name: Iterable[str] = (),
    text: Iterable[str] = (),
    erase: str | Mapping[str, Any] = "delete",
    gemeente: str | None = None,
    export: Callable[[models.QuerySet], list[dict]] | None = None,
) -> None:
    """Register a model that holds personal data (see the module's documentation for each argument).

    A model may be registered more than once when different fields belong to different people (a case's submitter
    and the contact person it names): each entry finds and erases its own fields.
    """
    if erase != "delete" and not isinstance(erase, Mapping):
        raise ValueError(f"{model._meta.label}: erase must be 'delete' or a mapping of fields to blank values")
    if not (user or email or name or text):
        raise ValueError(f"{model._meta.label}: say how a person's rows are found (user, email, name or text)")
    entry = Entry(
        model,
        tuple(fields),
        user,
        tuple(email),
        tuple(name),
        tuple(text),
        erase if erase == "delete" else dict(erase),
        gemeente,
        export,
    )
    for path in (*entry.fields, *entry.email, *entry.name, *entry.text, *(entry.erase if not entry.deletes else ())):
        model._meta.get_field(path)  # a misspelt field fails at start-up, not during someone's erasure
    if not any(_same(entry, other) for other in _REGISTRY):
        _REGISTRY.append(entry)


def _same(a: Entry, b: Entry) -> bool:
    return (a.model, a.fields, a.user, a.email, a.name, a.text) == (b.model, b.fields, b.user, b.email, b.name, b.text)


def not_personal(model: type[models.Model], *field_names: str, reason: str) -> None:
    """Declare fields that look personal by their name but hold nobody's personal data, and why."""
    if not reason.strip():
        raise ValueError("say why the field holds no personal data")
    for name in field_names:
        model._meta.get_field(name)
        _NOT_PERSONAL[(model._meta.label, name)] = reason


def registered() -> list[Entry]:
    return list(_REGISTRY)


def covered(model: type[models.Model], name: str) -> str | None:
    """How the register deals with ``model.name``: "registered", the reason it is not personal, or None."""
    if any(entry.model is model and entry.covers(name) for entry in _REGISTRY):
        return "registered"
    return _NOT_PERSONAL.get((model._meta.label, name))


# --- Finding and counting --------------------------------------------------------------------------------


def find(text: str) -> Person:
    """The person a request names: an address (any case) with its account, if any, or an exact name."""
    text = " ".join((text or "").split())
    if "@" in text:
        email = text.lower()
        return Person(email=email, user=get_user_model().objects.filter(email__iexact=email).first())
    return Person(name=text)  # a name never finds an account: names are not unique, addresses are


def holdings(person: Person) -> dict[str, int]:
    """How many rows of each registered model belong to ``person`` (models without any left out)."""
    counts: dict[str, int] = defaultdict(int)
    for entry in _REGISTRY:
        n = entry.rows(person).count()
        if n:
            counts[entry.label] += n
    return dict(counts)


# --- Erasure -----------------------------------------------------------------------------------------------------


def account_texts(user) -> list[str]:
    if user is None:
        return []
    return [user.get_username(), user.email, user.get_full_name()]


def identifying_texts(entry: Entry, rows) -> list[str]:
    """The names and addresses ``rows`` hold: what the rest of the database must not keep mentioning."""
    texts = [getattr(row, name) for row in rows for name in (*entry.email, *entry.name)]
    if entry.model is get_user_model():
        texts += [text for row in rows for text in account_texts(row)]
    return [text for text in texts if isinstance(text, str)]


def neutral_label(model: type[models.Model], pk) -> str:
    """How the log names an object without saying who it is about: "eigenaar/contact #12"."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{model._meta.verbose_name} #{pk}"


# --- Writing the audit log ---------------------------------------------------------------------------------------


def for_audit(instance: models.Model, label: str, changes: dict) -> tuple[str, dict]:
    """The label and changes an audit event about ``instance`` may store.

    When the label would carry the name or address of the person a registered object describes (an owner contact's
    name, an account's address), the object is named by type and number instead; such values in ``changes`` become
    :data:`ERASED`. The log outlives the person's data, so it should not hold it in the first place.
    """
    entries = [entry for entry in _REGISTRY if isinstance(instance, entry.model)]
    texts = [text for entry in entries for text in identifying_texts(entry, [instance])]
    pattern = redact.pattern(texts)
    safe_label, named = redact.scrub(label, pattern, ERASED)
    if named:
        safe_label = neutral_label(type(instance), instance.pk)
    return safe_label, redact.scrub(changes, pattern, ERASED)[0]
