"""The audit log. Named operations call :func:`record` inside their transaction.

Every action code a part writes ("monitor.import_units") has a readable name for the log screen, which the part
gives with :func:`describe_actions` from its ``actions/labels.py`` (imported in its ``AppConfig.ready``); the screen
asks :func:`action_label` and never shows a code. A test fails on a code that no part describes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernkompas.core import personal_data
from kernkompas.core.models import AuditEvent


def apply_changes(instance, fields, values: Mapping[str, Any]) -> dict:
    """Set those of ``fields`` that ``values`` names on ``instance`` (not saved); the changes as
    ``{field: [old, new]}``, ready for :func:`record`'s ``changes``."""
    changes = {}
    for name in fields:
        if name in values and getattr(instance, name) != values[name]:
            changes[name] = [str(getattr(instance, name) or ""), str(values[name] or "")]
            setattr(instance, name, values[name])
    return changes


def record(
    actor,
    action: str,
    target: models.Model | None = None,
    *,
    gemeente=None,
    changes: dict[str, Any] | None = None,
    label: str = "",
) -> AuditEvent:
    """Write one audit event. ``actor`` may be None for changes made by the system (imports from the CLI).

    An object that describes a person (see :mod:`kernkompas.core.personal_data`) is named by type and number, never
    by the person's name or address: the log outlives their data.
    """
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    label = label or (str(target) if target is not None else "")
    changes = changes or {}
    if target is not None:
        label, changes = personal_data.for_audit(target, label, changes)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else "systeem")[:200],
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=label[:300],
        gemeente=gemeente,
        changes=changes,
    )


# --- Readable names of the actions --------------------------------------------------------------------------------

_ACTION_LABELS: dict[str, Any] = {}

# What a back-office save or delete of an object did, with the object's kind ("maakte drempelwaarde aan").
_OBJECT_VERBS = {
    "created": _("created %(what)s"),
    "changed": _("changed %(what)s"),
    "deleted": _("deleted %(what)s"),
}


def describe_actions(labels: Mapping[str, Any]) -> None:
    """Give action codes their readable name (lazy translations, so each reader sees its own language)."""
    _ACTION_LABELS.update(labels)


def object_action_label(model: type[models.Model], verb: str):
    """The name of a back-office ``verb`` (created, changed, deleted) on ``model``, in the reader's language."""
    return lazy(lambda: str(_OBJECT_VERBS[verb]) % {"what": model._meta.verbose_name}, str)()


def action_label(code: str) -> str:
    """The readable name of an action code (the code itself only if no part described it)."""
    label = _ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def described_actions() -> frozenset[str]:
    return frozenset(_ACTION_LABELS)


# --- Readable details -------------------------------------------------------------------------------------------
#
# An event's ``changes`` is a dict for programs ({"count_date": "2024-10-01", "count_created": true, ...}). The log
# screen shows it as lines "datum telling: 1 oktober 2024", "nieuwe telling: ja": every part names the keys it
# writes with :func:`describe_details` (a name, or a name and a function that turns a value into words); a key
# that names a field of the event's object takes the field's name and choices; numbers and dates are in the
# reader's language.

_DETAIL_LABELS: dict[str, Any] = {}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_MODEL_LABEL = re.compile(r"^([a-z_]+\.[A-Z][A-Za-z]+)(?:\.([a-z_]+))?$")
# Values the back office writes for a field it does not copy into the log (an outline, a file).
_FIELD_WORDS = {"changed": _("changed"), "removed": _("removed")}


def describe_details(labels: Mapping[str, Any]) -> None:
    """Name the keys of ``changes`` a part writes: ``{"count_date": _("count date")}``, or ``(name, to_words)``
    where ``to_words(value)`` gives the value in words (an indicator's code as its name)."""
    _DETAIL_LABELS.update(labels)


def described_details() -> frozenset[str]:
    return frozenset(_DETAIL_LABELS)


# How an event names an object without its name: "saved search #12", "user #7" (written in English by the code)
# or "eigenaar/contact #12" (in Dutch). Shown as the kind of object in the reader's language, with its number.
_NUMBERED_LABEL = re.compile(r"^([^#]{1,60}) #(\d+)$")


def target_text(event: AuditEvent) -> str:
    """The event's object as the log screen names it."""
    match = _NUMBERED_LABEL.match(event.target_label or "")
    if not match:
        return event.target_label
    model = _model(event.target_type)
    if model is None and match[1] == "user":
        model = get_user_model()  # events about a person without an object: the privacy register's exports
    elif model is not None and match[2] != event.target_id:
        return event.target_label  # a name that happens to end in a number, not a label made by the code
    if model is None:
        return event.target_label
    return f"{model._meta.verbose_name} #{match[2]}"


def detail_lines(event: AuditEvent) -> list[tuple[str, str]]:
    """The event's ``changes`` as (name, value) lines in the reader's language."""
    changes = event.changes
    if not changes:
        return []
    if not isinstance(changes, dict):
        return [(gettext("details"), value_text(changes))]
    model = _model(event.target_type)
    lines = []
    for key, value in changes.items():
        if key == "fields" and isinstance(value, dict):
            lines += [(_field_name(model, name), _field_value(model, name, v)) for name, v in value.items()]
        elif key == "fields" and isinstance(value, list):
            lines.append((_detail_name(model, key), ", ".join(_field_name(model, name) for name in value)))
        else:
            lines.append((_detail_name(model, key), _value(model, key, value)))
    return lines


def value_text(value) -> str:
    """A value from ``changes`` in words: yes/no, numbers and dates as the reader writes them, lists joined."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int | float):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, list | tuple):
        return ", ".join(value_text(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{_detail_name(None, str(k))}: {value_text(v)}" for k, v in value.items()) or "—"
    text = str(value)
    if _ISO_DATE.match(text) and (day := parse_date(text)):
        return formats.date_format(day, "j F Y")
    if _ISO_MOMENT.match(text) and (moment := _parse_moment(text)):
        return formats.date_format(moment, "j F Y H:i")
    return text


def _parse_moment(text: str) -> datetime.datetime | None:
    try:
        moment = parse_datetime(text)
    except ValueError:
        return None
    if moment is not None and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment


def _model(target_type: str) -> type[models.Model] | None:
    if not target_type:
        return None
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _field_name(model, name: str) -> str:
    field = _model_field(model, name)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    return _detail_name(None, name)


def _detail_name(model, key: str) -> str:
    described = _DETAIL_LABELS.get(key)
    if described is not None:
        return str(described[0] if isinstance(described, tuple) else described)
    field = _model_field(model, key)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    if match := _MODEL_LABEL.match(key):
        # "places.Gemeente" (or "places.Regio.gemeenten", a link) in the demo's summary: the kind of object.
        found = _model(match[1])
        if found is not None:
            name = str(found._meta.verbose_name_plural)
            return f"{name}: {_field_name(found, match[2])}" if match[2] else name
    return key.replace("_", " ")


def _field_value(model, name: str, value) -> str:
    if isinstance(value, str) and value in _FIELD_WORDS:
        return str(_FIELD_WORDS[value])
    return _value(model, name, value)


def _value(model, key: str, value) -> str:
    described = _DETAIL_LABELS.get(key)
    if isinstance(described, tuple) and len(described) > 1 and value is not None:
        to_words: Callable[[Any], Any] = described[1]
        return str(to_words(value))
    field = _model_field(model, key)
    choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
    if isinstance(value, str) and value in choices:
        return str(choices[value])
    return value_text(value)


describe_actions(
    {
        "personal_data.exported": _("exported personal data"),
        "personal_data.erased": _("erased personal data"),
    }
)


def _was_now(value) -> str:
    """[before, after] as "nee → ja"."""
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{value_text(value[0])} → {value_text(value[1])}"
    return value_text(value)


describe_details(
    {
        # Written by several parts.
        "file": _("file"),
        "sha256": _("file fingerprint (SHA-256)"),
        "rows": _("rows"),
        "created": _("new"),
        "updated": _("changed"),
        "changed": _("changed"),
        "unchanged": _("unchanged"),
        "removed": _("removed"),
        "fields": _("changed fields"),
        "name": _("name"),
        "is_public": (_("public"), _was_now),
        "details": _("details"),
    }
)
