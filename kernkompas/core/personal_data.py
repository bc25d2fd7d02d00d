"""The personal-data register: every model that holds something about a person, how one person's rows are found,
exported and erased, and the erasure of the copies those rows leave behind.

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

Erasure (:func:`erase`) happens in one transaction. Besides deleting or anonymising the registered rows it removes
their copies:

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

import functools
import json
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
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


# --- Finding, counting, exporting --------------------------------------------------------------------------------


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


def export(person: Person, *, by=None) -> dict[str, list[dict]]:
    """Everything registered about ``person``, as JSON-ready rows per model label (models without rows left out).

    An export that finds something is in the audit log, for each municipality whose rows it holds too."""
    data: dict[str, list] = defaultdict(list)
    per_gemeente: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry in _REGISTRY:
        queryset = entry.rows(person)
        rows = entry.export(queryset) if entry.export else list(queryset.values("pk", *entry.fields))
        if not rows:
            continue
        data[entry.label].extend(rows)
        for gemeente_id in _gemeente_ids(entry, queryset):
            per_gemeente[gemeente_id][entry.label] += 1
    if data:
        counts = {label: len(rows) for label, rows in data.items()}
        with transaction.atomic():
            _record(by, "personal_data.exported", person, counts, per_gemeente)
    # Round-trip through Django's encoder so dates and decimals become strings the caller can json.dump.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _gemeente_ids(entry: Entry, queryset) -> list:
    if not entry.gemeente:
        return []
    return [pk for pk in queryset.values_list(entry.gemeente, flat=True) if pk is not None]


def _record(by, action: str, person: Person, rows: dict, per_gemeente: dict) -> None:
    from kernkompas.core import audit
    from kernkompas.core.models import AuditEvent

    # The log says that it happened and to how many rows, never whose data it was: the address is personal data.
    label = f"user #{person.user.pk}" if person.user is not None else ""
    gemeenten = AuditEvent._meta.get_field("gemeente").related_model.objects.in_bulk(list(per_gemeente))
    for gemeente_id, counts in per_gemeente.items():
        audit.record(by, action, None, gemeente=gemeenten[gemeente_id], label=label, changes={"rows": dict(counts)})
    audit.record(by, action, None, label=label, changes={"rows": rows})


# --- Erasure -----------------------------------------------------------------------------------------------------


def erase(person: Person, *, by=None) -> dict[str, int]:
    """Delete or anonymise everything registered about ``person`` and the copies it left; return rows per model."""
    user_model = get_user_model()
    counts: dict[str, int] = defaultdict(int)
    per_gemeente: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    texts = {person.email, person.name, *_account_texts(person.user)}
    touched: dict[type[models.Model], list] = defaultdict(list)
    with transaction.atomic():
        # The user model last: the other entries find their rows by the account's id.
        for entry in sorted(_REGISTRY, key=lambda e: e.model is user_model):
            queryset = entry.rows(person)
            rows = list(queryset)
            if not rows:
                continue
            counts[entry.label] += len(rows)
            for gemeente_id in _gemeente_ids(entry, queryset):
                per_gemeente[gemeente_id][entry.label] += 1
            texts.update(_identifying_texts(entry, rows))
            _erase_rows(entry, rows)
            touched[entry.model].extend(row.pk for row in rows)
        _scrub_mentions(texts)
        erased.send(sender=Person, person=person, texts=redact.searchable(texts), rows=dict(touched))
        _record(by, "personal_data.erased", person, dict(counts), per_gemeente)
    return dict(counts)


def _account_texts(user) -> list[str]:
    if user is None:
        return []
    return [user.get_username(), user.email, user.get_full_name()]


def _identifying_texts(entry: Entry, rows) -> list[str]:
    """The names and addresses ``rows`` hold: what the rest of the database must not keep mentioning."""
    texts = [getattr(row, name) for row in rows for name in (*entry.email, *entry.name)]
    if entry.model is get_user_model():
        texts += [text for row in rows for text in _account_texts(row)]
    return [text for text in texts if isinstance(text, str)]


def _erased_values(entry: Entry, row) -> list[str]:
    """What erasing ``row`` removes from it (the registered fields, or the anonymised ones), as text."""
    names = entry.fields + entry.email + entry.name + entry.text if entry.deletes else tuple(entry.erase)
    values = [getattr(row, name, None) for name in names]
    if entry.model is get_user_model():
        values += _account_texts(row)
    return [value for value in values if isinstance(value, str)]


def _erase_rows(entry: Entry, rows: list) -> None:
    from wagtail.search import index

    model = entry.model
    by_id = {str(row.pk): row for row in rows}

    @functools.cache
    def patterns(pk: str):
        # Made only for the objects that turn out to have copies: a prolific author's audit events have none.
        return redact.pattern(_erased_values(entry, by_id[pk])) if pk in by_id else None

    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids = [str(row.pk) for row in batch]
        _scrub_events_about(model, ids, patterns, entry.deletes)
        _scrub_log_entries_about(model, ids, patterns, entry.deletes)
        _forget_form_states_about(model, ids)
        if entry.deletes:
            _delete_files_on_commit(batch)
            model._default_manager.filter(pk__in=[row.pk for row in batch]).delete()
            _delete_revisions_of(model, ids)
        else:
            model._default_manager.filter(pk__in=[row.pk for row in batch]).update(**entry.erase)
            _anonymise_revisions_of(model, ids, entry.erase, patterns)
            if index.class_is_indexed(model):
                for row in model._default_manager.filter(pk__in=[row.pk for row in batch]):
                    index.insert_or_update_object(row)


def neutral_label(model: type[models.Model], pk) -> str:
    """How the log names an object without saying who it is about: "eigenaar/contact #12"."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{model._meta.verbose_name} #{pk}"


def _field_names(model) -> frozenset[str]:
    return frozenset(name for f in model._meta.get_fields() for name in (f.name, getattr(f, "attname", f.name)))


def _field_names_only(value: Any, names: frozenset[str], pattern) -> Any:
    """``value`` (an event's changes) with every text that is not a field name erased: a deleted object's events
    keep which fields changed, not the values it had then, which may be older than the erased row's (a former
    phone number)."""
    if isinstance(value, str):
        return value if value in names else ERASED
    if isinstance(value, dict):
        return {redact.scrub(k, pattern, ERASED)[0]: _field_names_only(v, names, pattern) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_field_names_only(item, names, pattern) for item in value]
    return value


def _scrub_events_about(model, ids: list[str], patterns: Callable, deleted: bool) -> None:
    """Events about erased objects: a deleted object is named by type and number and its events keep only which
    fields changed; an anonymised object's events lose the values its erasure blanked."""
    from kernkompas.core.models import AuditEvent

    for event in AuditEvent.objects.filter(target_type=model._meta.label_lower, target_id__in=ids):
        pattern = patterns(event.target_id)
        if deleted:
            label = neutral_label(model, event.target_id)
            changes = _field_names_only(event.changes, _field_names(model), pattern)
        else:
            label = redact.scrub(event.target_label, pattern, ERASED)[0]
            changes = redact.scrub(event.changes, pattern, ERASED)[0]
        if (label, changes) != (event.target_label, event.changes):
            AuditEvent.objects.filter(pk=event.pk).update(target_label=label, changes=changes)


def _log_entries_about(model, ids: list[str]):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.log_actions import registry
    from wagtail.models import Page

    log_model = registry.get_log_model_for_model(model)
    if log_model is None:
        return []
    if issubclass(model, Page):
        return log_model.objects.filter(page_id__in=ids)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return log_model.objects.filter(content_type=content_type, object_id__in=ids)


def _scrub_log_entries_about(model, ids: list[str], patterns: Callable, deleted: bool) -> None:
    """Wagtail's history of erased objects, treated as the audit log's events are."""
    for entry in _log_entries_about(model, ids):
        object_id = str(getattr(entry, "page_id", None) or entry.object_id)
        pattern = patterns(object_id)
        if deleted:
            label, data = neutral_label(model, object_id), _field_names_only(entry.data, _field_names(model), pattern)
        else:
            label, data = redact.scrub(entry.label, pattern, ERASED)[0], redact.scrub(entry.data, pattern, ERASED)[0]
        if (label, data) != (entry.label, entry.data):
            type(entry).objects.filter(pk=entry.pk).update(label=label, data=data)


def _revisions_of(model, ids: list[str]):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision, RevisionMixin

    if not issubclass(model, RevisionMixin):
        return Revision.objects.none()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return Revision.objects.filter(content_type=content_type, object_id__in=ids)


def _delete_revisions_of(model, ids: list[str]) -> None:
    _revisions_of(model, ids).delete()


def _anonymise_revisions_of(model, ids: list[str], blanks: Mapping[str, Any], patterns: Callable) -> None:
    from wagtail.models import Revision

    stored = json.loads(json.dumps(blanks, cls=DjangoJSONEncoder))
    for revision in _revisions_of(model, ids):
        content = {**revision.content, **{name: value for name, value in stored.items() if name in revision.content}}
        object_str, _ = redact.scrub(revision.object_str, patterns(revision.object_id), ERASED)
        if content != revision.content or object_str != revision.object_str:
            Revision.objects.filter(pk=revision.pk).update(content=content, object_str=object_str)


def _forget_form_states_about(model, ids: list[str]) -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.models import FormState

    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    FormState.objects.filter(content_type=content_type, object_id__in=ids).delete()


def _delete_files_on_commit(rows: list) -> None:
    files = [
        (getattr(row, f.attname).storage, getattr(row, f.attname).name)
        for row in rows
        for f in row._meta.concrete_fields
        if isinstance(f, models.FileField) and getattr(row, f.attname)
    ]

    def delete():
        for storage, name in files:
            storage.delete(name)

    # After the commit: a rolled-back erasure must not have lost the files.
    transaction.on_commit(delete)


def _contains_any(field_name: str, texts: list[str]) -> Q:
    # JSON is stored with non-ASCII letters escaped on some databases, so look for both spellings.
    spellings = {form for text in texts for form in (text, json.dumps(text)[1:-1])}
    return reduce(operator.or_, [Q(**{f"{field_name}__icontains": form}) for form in spellings])


def _scrub_mentions(texts: Iterable[str]) -> None:
    """Replace the person's names and addresses wherever the audit log and Wagtail's history mention them, and drop
    the unsaved back-office forms that mention them."""
    from wagtail.admin.models import FormState
    from wagtail.log_actions import registry

    from kernkompas.core.models import AuditEvent

    words = redact.searchable(texts)
    pattern = redact.pattern(words)
    if pattern is None:
        return
    # The database narrows the rows down; the pattern decides (whole words only) and does the replacing.
    where = _contains_any("target_label", words) | _contains_any("actor_label", words)
    for event in AuditEvent.objects.filter(where | _contains_any("changes", words)):
        label, a = redact.scrub(event.target_label, pattern, ERASED)
        actor, b = redact.scrub(event.actor_label, pattern, ERASED)
        changes, c = redact.scrub(event.changes, pattern, ERASED)
        if a or b or c:
            AuditEvent.objects.filter(pk=event.pk).update(target_label=label, actor_label=actor, changes=changes)
    for log_model in registry.get_log_entry_models():
        for entry in log_model.objects.filter(_contains_any("label", words) | _contains_any("data", words)):
            label, a = redact.scrub(entry.label, pattern, ERASED)
            data, b = redact.scrub(entry.data, pattern, ERASED)
            if a or b:
                log_model.objects.filter(pk=entry.pk).update(label=label, data=data)
    # Unsaved forms and previews are an editor's scratch paper: one that mentions the person goes.
    encoded = {form for word in words for form in (word, quote_plus(word))}
    for state in FormState.objects.filter(_contains_any("data", sorted(encoded))):
        if redact.mentions(unquote_plus(state.data), pattern):
            state.delete()


# --- Writing the audit log ---------------------------------------------------------------------------------------


def for_audit(instance: models.Model, label: str, changes: dict) -> tuple[str, dict]:
    """The label and changes an audit event about ``instance`` may store.

    When the label would carry the name or address of the person a registered object describes (an owner contact's
    name, an account's address), the object is named by type and number instead; such values in ``changes`` become
    :data:`ERASED`. The log outlives the person's data, so it should not hold it in the first place.
    """
    entries = [entry for entry in _REGISTRY if isinstance(instance, entry.model)]
    texts = [text for entry in entries for text in _identifying_texts(entry, [instance])]
    pattern = redact.pattern(texts)
    safe_label, named = redact.scrub(label, pattern, ERASED)
    if named:
        safe_label = neutral_label(type(instance), instance.pk)
    return safe_label, redact.scrub(changes, pattern, ERASED)[0]
