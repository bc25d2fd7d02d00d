"""The personal-data register knows every field that can hold a person: a field whose name says name, e-mail,
phone, address, contact or submitter, and every link to an account, in every model of every installed app (ours,
Django's, Wagtail's), is either registered or declared "not personal" with a reason. A new app's model that forgets
it fails here, before a person's data can be left behind by an erasure."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from kernkompas.core import personal_data

LOOKS_PERSONAL = re.compile(r"name|e_?mail|phone|telefoon|address|adres|contact|submitter|owner|eigenaar", re.I)


def fields_that_can_hold_a_person():
    user_model = get_user_model()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
            links_to_an_account = field.is_relation and field.related_model is user_model
            if LOOKS_PERSONAL.search(field.name) or links_to_an_account:
                yield model, field


def test_every_field_that_can_hold_a_person_is_registered_or_declared_not_personal():
    forgotten = [
        f"{model._meta.label}.{field.name}"
        for model, field in fields_that_can_hold_a_person()
        if not personal_data.covered(model, field.name)
    ]
    assert forgotten == [], (
        "These fields may hold a person's name, address or account, but the personal-data register does not know "
        "them. Register the model in its app's personal_data.py (personal_data.register), or declare the field "
        "with personal_data.not_personal(model, field, reason=...)."
    )


def test_the_walk_finds_the_fields_it_must():
    found = {f"{model._meta.label}.{field.name}" for model, field in fields_that_can_hold_a_person()}
    assert {
        "monitor.OwnerContact.name",
        "monitor.OwnerContact.email",
        "monitor.OwnerContact.phone",
        "vitrine.CasePage.submitter_name",
        "vitrine.CasePage.submitter_user",
        "vitrine.CasePage.contact",
        "core.AuditEvent.actor",
        "wagtailcore.Revision.user",
    } <= found


def test_every_registered_model_can_be_searched_for_a_person(db):
    person = personal_data.Person(email="niemand@example.org", name="Niemand Bekend")
    for entry in personal_data.registered():
        assert entry.rows(person).count() == 0, entry.label
        assert entry.rows(personal_data.Person(name="Niemand Bekend")).count() == 0, entry.label


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"fields": ("name",)}, "say how a person's rows are found"),
        ({"fields": ("name",), "email": ("email",), "erase": "wipe"}, "erase must be"),
    ],
)
def test_a_registration_that_cannot_work_fails_at_start_up(arguments, message):
    from kernkompas.monitor.models import OwnerContact

    with pytest.raises(ValueError, match=message):
        personal_data.register(OwnerContact, **arguments)


def test_a_misspelt_field_fails_at_start_up():
    from django.core.exceptions import FieldDoesNotExist

    from kernkompas.monitor.models import OwnerContact

    with pytest.raises(FieldDoesNotExist):
        personal_data.register(OwnerContact, email=("e_mail",), fields=("name",))
    with pytest.raises(ValueError, match="why"):
        personal_data.not_personal(OwnerContact, "note", reason=" ")
