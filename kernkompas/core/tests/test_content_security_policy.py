"""Every page of the site says which script and style the browser may run: only files from our own origin.

The pages are found, not listed: every URL pattern that takes no argument, every page in the sitemap, and the
public Kernmonitor dashboards, so that a new app's pages are checked as soon as it has them. The back office gets
the one documented exception (Wagtail's inline script and style elements, never inline handlers or eval).
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from kernkompas.lib.csp import back_office_changes, origin_of, site_policy

INLINE_OR_EVAL = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:", "https:"}
# What each kind of script and style falls back to when the policy does not name it (CSP level 3).
FALLBACK = {
    "script-src-elem": "script-src",
    "script-src-attr": "script-src",
    "style-src-elem": "style-src",
    "style-src-attr": "style-src",
    "script-src": "default-src",
    "style-src": "default-src",
}


def parse(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def effective(policy: dict[str, list[str]], directive: str) -> list[str]:
    while directive not in policy and directive in FALLBACK:
        directive = FALLBACK[directive]
    return policy.get(directive, [])


def assert_strict(header: str | None, where: str) -> None:
    assert header, f"{where} has no Content-Security-Policy header"
    policy = parse(header)
    for directive in FALLBACK:
        loose = INLINE_OR_EVAL & set(effective(policy, directive))
        assert not loose, f"{where}: {directive} allows {sorted(loose)}"
    assert policy.get("object-src") == ["'none'"], where
    assert policy.get("base-uri") == ["'self'"], where
    assert policy.get("frame-ancestors") == ["'self'"], where
    assert policy.get("form-action") == ["'self'"], where


def argument_free_paths() -> list[str]:
    """Every named URL pattern of the project that can be reversed without arguments."""
    names, paths = set(), []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(namespace + entry.name)

    walk(get_resolver().url_patterns, "")
    for name in sorted(names):
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue
    return paths


def sitemap_paths(client) -> list[str]:
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return [urlsplit(loc.text).path for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


@pytest.fixture
def public_site(cast):
    from kernkompas.monitor.tests.dashboard_fixtures import load_register
    from kernkompas.vitrine.tests.list_cases import make_case

    cast.markt.is_public = True
    cast.markt.save()
    load_register(cast.markt)
    make_case(
        "leegstand", "Leegstand te lijf", ["samenwerking"], ["lokale-besturen"], "10k-25k", "dorpskern", "BE", "lt10k"
    )
    return cast


def test_every_public_html_page_allows_only_our_own_script_and_style(client, public_site):
    cast = public_site
    dashboards = [
        reverse("monitor:kern", args=["maasdijk", "centrum"]),
        reverse("monitor:gebied", args=["maasdijk", "centrum", "marktplein"]),
    ]
    paths = sorted(set(argument_free_paths() + sitemap_paths(client) + dashboards))
    checked = []
    for path in paths:
        if path.startswith("/beheer/"):
            continue
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert_strict(response.get("Content-Security-Policy"), path)
            checked.append(path)
    # The discovery found the kinds of page that show data from outside.
    for expected in ["/", "/api/v1/docs", cast.maasdijk.get_absolute_url(), "/vitrine/leegstand/", *dashboards]:
        assert expected in checked, f"{expected} was not checked; checked: {checked}"


def test_a_signed_in_member_gets_the_same_policy(client, public_site):
    client.force_login(public_site.ellen)
    for name in ["accounts:profile", "site:home"]:
        response = client.get(reverse(name))
        assert_strict(response["Content-Security-Policy"], name)


def test_the_back_office_runs_wagtails_inline_script_elements_but_never_inline_handlers_or_eval(client, cast):
    client.force_login(cast.anton)
    policy = parse(client.get("/beheer/")["Content-Security-Policy"])

    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["script-src-attr"] == ["'none'"]
    assert "'unsafe-eval'" not in " ".join(sum(policy.values(), []))
    assert "'unsafe-inline'" not in policy["style-src"], "style attributes stay blocked"
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert "'self'" in policy["frame-src"], "the preview panel frames our own pages"


def test_only_the_back_office_gets_the_exception(client, cast):
    client.force_login(cast.anton)
    assert "'unsafe-inline'" not in parse(client.get("/beheerder/")["Content-Security-Policy"]).get("script-src", [])


@pytest.mark.parametrize(
    "tile_url, origin",
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tiles.example.nl/wmts/{z}/{x}/{y}.png", "https://*.tiles.example.nl"),
        ("http://kaart.gemeente.example:8080/{z}/{x}/{y}.png", "http://kaart.gemeente.example:8080"),
        ("", None),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("https://{s}.{domain}/{z}.png", None),
    ],
)
def test_the_tile_servers_origin_is_the_only_other_place_images_come_from(tile_url, origin):
    assert origin_of(tile_url) == origin
    images = site_policy(tile_url=tile_url)["img-src"]
    assert images == ["'self'", "data:"] + ([origin] if origin else [])


def test_the_back_office_changes_only_what_wagtail_needs():
    assert set(back_office_changes()) == {"script-src", "script-src-attr", "style-src-elem", "frame-src"}


def test_the_policy_follows_the_environment(tmp_path):
    env = {
        **os.environ,
        "KERNKOMPAS_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kernkompas.settings",
        "KERNKOMPAS_MAP_TILE_URL": "https://{s}.tiles.example.nl/{z}/{x}/{y}.png",
        "KERNKOMPAS_CSP_REPORT_URI": "https://csp.example.nl/report",
    }
    code = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES'])"
    result = subprocess.run(
        [sys.executable, "-m", "kernkompas", "shell", "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "https://*.tiles.example.nl" in result.stdout
    assert "'report-uri': ['https://csp.example.nl/report']" in result.stdout
