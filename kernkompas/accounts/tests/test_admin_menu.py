"""The back office's main menu shows each role only what it can use."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def menu_names(client, user) -> set[str]:
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    assert props, "the admin sidebar was not rendered"
    names = set()

    def walk(node):
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type", "").startswith("wagtail.sidebar.") and args and isinstance(args[0], dict):
                name = args[0].get("name")
                names.add(name["_val"] if isinstance(name, dict) else name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return names


def test_municipal_staff_see_places_staff_and_audit_log_and_no_page_tools(client, cast):
    names = menu_names(client, cast.ellen)
    assert {"plaatsen", "gebieden", "kernen", "gemeenten", "medewerkers", "auditlog"} <= names
    assert not names & {"explorer", "images", "documents", "reports", "settings", "help", "regios", "landen"}


def test_a_facilitator_sees_the_places_they_may_read_and_nothing_to_manage(client, cast):
    names = menu_names(client, cast.femke)
    assert {"plaatsen", "gebieden"} <= names
    assert not names & {"medewerkers", "auditlog", "help"}


def test_an_editor_keeps_the_help_menu_and_sees_no_places(client, cast):
    names = menu_names(client, cast.eva)
    assert "help" in names
    assert not names & {"plaatsen", "medewerkers", "auditlog"}


def test_an_administrator_sees_everything(client, cast):
    names = menu_names(client, cast.anton)
    assert {"plaatsen", "regios", "provincies", "landen", "medewerkers", "auditlog", "help"} <= names
