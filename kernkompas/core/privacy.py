"""A person's requests about their data: everything held about them (:func:`export`) and erasure (:func:`erase`).

What is personal data, and where, is the register's business (:mod:`kernkompas.core.personal_data`); this module
acts on it. Erasure happens in one transaction and removes, besides the registered rows, the copies they left: the
audit log and Wagtail's history, revisions, form states, files and the search index (see the register's docstring
for what happens to each). Both write the audit log without the person's name or address.
"""

from __future__ import annotations

import functools
import json
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import reduce
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from wagtail.admin.models import FormState
from wagtail.log_actions import registry
from wagtail.models import Page, Revision, RevisionMixin
from wagtail.search import index

from kernkompas.core import audit, personal_data
from kernkompas.core.models import AuditEvent
from kernkompas.core.personal_data import BATCH, ERASED, Entry, Person, erased, neutral_label
from kernkompas.lib import redact


def export(person: Person, *, by=None) -> dict[str, list[dict]]:
    """Everything registered about ``person``, as JSON-ready rows per model label (models without rows left out).

    An export that finds something is in the audit log, for each municipality whose rows it holds too."""
    data: dict[str, list] = defaultdict(list)
    per_gemeente: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry in personal_data.registered():
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
    # The log says that it happened and to how many rows, never whose data it was: the address is personal data.
    label = f"user #{person.user.pk}" if person.user is not None else ""
    gemeenten = AuditEvent._meta.get_field("gemeente").related_model.objects.in_bulk(list(per_gemeente))
    for gemeente_id, counts in per_gemeente.items():
        audit.record(by, action, None, gemeente=gemeenten[gemeente_id], label=label, changes={"rows": dict(counts)})
    audit.record(by, action, None, label=label, changes={"rows": rows})


def erase(person: Person, *, by=None) -> dict[str, int]:
    """Delete or anonymise everything registered about ``person`` and the copies it left; return rows per model."""
    user_model = get_user_model()
    counts: dict[str, int] = defaultdict(int)
    per_gemeente: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    texts = {person.email, person.name, *personal_data.account_texts(person.user)}
    touched: dict[type[models.Model], list] = defaultdict(list)
    with transaction.atomic():
        # The user model last: the other entries find their rows by the account's id.
        for entry in sorted(personal_data.registered(), key=lambda e: e.model is user_model):
            queryset = entry.rows(person)
            rows = list(queryset)
            if not rows:
                continue
            counts[entry.label] += len(rows)
            for gemeente_id in _gemeente_ids(entry, queryset):
                per_gemeente[gemeente_id][entry.label] += 1
            texts.update(personal_data.identifying_texts(entry, rows))
            _erase_rows(entry, rows)
            touched[entry.model].extend(row.pk for row in rows)
        _scrub_mentions(texts)
        erased.send(sender=Person, person=person, texts=redact.searchable(texts), rows=dict(touched))
        _record(by, "personal_data.erased", person, dict(counts), per_gemeente)
    return dict(counts)


def _erased_values(entry: Entry, row) -> list[str]:
    """What erasing ``row`` removes from it (the registered fields, or the anonymised ones), as text."""
    names = entry.fields + entry.email + entry.name + entry.text if entry.deletes else tuple(entry.erase)
    values = [getattr(row, name, None) for name in names]
    if entry.model is get_user_model():
        values += personal_data.account_texts(row)
    return [value for value in values if isinstance(value, str)]


def _erase_rows(entry: Entry, rows: list) -> None:
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
    if not issubclass(model, RevisionMixin):
        return Revision.objects.none()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return Revision.objects.filter(content_type=content_type, object_id__in=ids)


def _delete_revisions_of(model, ids: list[str]) -> None:
    _revisions_of(model, ids).delete()


def _anonymise_revisions_of(model, ids: list[str], blanks: Mapping[str, Any], patterns: Callable) -> None:
    stored = json.loads(json.dumps(blanks, cls=DjangoJSONEncoder))
    for revision in _revisions_of(model, ids):
        content = {**revision.content, **{name: value for name, value in stored.items() if name in revision.content}}
        object_str, _ = redact.scrub(revision.object_str, patterns(revision.object_id), ERASED)
        if content != revision.content or object_str != revision.object_str:
            Revision.objects.filter(pk=revision.pk).update(content=content, object_str=object_str)


def _forget_form_states_about(model, ids: list[str]) -> None:
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
