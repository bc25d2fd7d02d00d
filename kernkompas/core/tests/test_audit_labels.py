"""The audit log screen names every action in words, in the reader's language: no part writes an action code that it
does not describe (kernkompas/<part>/actions/labels.py), and the back-office saves and deletes of every scoped model
are named too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from kernkompas.core import audit
from kernkompas.monitor.actions import back_office as monitor_back_office
from kernkompas.places.actions import back_office as places_back_office
from kernkompas.testing import parse_python

PACKAGE = Path(__file__).resolve().parents[2]


def written_action_codes() -> dict[str, str]:
    """Every action code given as text to ``record(actor, action, …)`` in the product code, with where it is."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(parse_python(path.read_text())):
            is_record = isinstance(node, ast.Call) and (
                getattr(node.func, "attr", None) == "record" or getattr(node.func, "id", None) == "record"
            )
            if is_record and len(node.args) >= 2:
                action = node.args[1]  # a text, or a choice between texts; a code built by action_name is tested below
                for part in [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]:
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found[part.value] = f"{path.relative_to(PACKAGE)}:{node.lineno}"
    return found


def test_every_action_code_in_the_code_has_a_readable_name():
    codes = written_action_codes()
    assert len(codes) > 25, codes  # the scan finds the calls
    missing = {code: where for code, where in codes.items() if code not in audit.described_actions()}
    assert not missing, f"describe these in the part's actions/labels.py: {missing}"


@pytest.mark.parametrize(
    ("module", "models"),
    [
        (places_back_office, ["country", "province", "gemeente", "kern", "gebied", "regio"]),
        (
            monitor_back_office,
            ["functiongroup", "branch", "countingpoint", "threshold", "ownercontact", "countertoken"],
        ),
    ],
)
def test_back_office_saves_and_deletes_are_named_with_the_kind_of_object(module, models):
    from django.apps import apps

    for name in models:
        model = next(m for m in apps.get_models() if m._meta.model_name == name)
        for verb in module.VERBS:
            assert module.action_name(model, verb) in audit.described_actions(), (name, verb)
    with translation.override("nl"):
        assert audit.object_action_label(model, "deleted") == f"verwijderde {model._meta.verbose_name}"


@pytest.mark.django_db
def test_the_audit_log_shows_words_not_codes(client, cast):
    audit.record(cast.anton, "demo.loaded")
    audit.record(cast.anton, "monitor.import_units", cast.markt, gemeente=cast.markt.kern.gemeente)
    client.force_login(cast.anton)
    page = client.get(reverse("kk_audit_log")).content.decode()
    assert "importeerde een telling van panden" in page and "laadde de demoregio" in page
    actions = re.findall(r'<td data-label="Actie">([^<]*)</td>', page)
    assert sorted(actions) == ["importeerde een telling van panden", "laadde de demoregio"], actions
