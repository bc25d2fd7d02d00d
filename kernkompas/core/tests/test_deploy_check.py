"""The production settings as documented pass Django's deployment check without a single warning, and the README
and the security page document the same settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from kernkompas.vitrine.models import VitrineIndexPage

ROOT = Path(__file__).resolve().parents[3]
MARKER = "<!-- production-settings"
# Stand-ins for what the documented *_FILE variables point to: secrets are never in the documentation.
SECRET_FILES = {
    "KERNKOMPAS_SECRET_KEY_FILE": secrets.token_urlsafe(50),
    "DATABASE_URL_FILE": "postgres://kernkompas:password@db.invalid:5432/kernkompas",
    "KERNKOMPAS_EMAIL_PASSWORD_FILE": "password",
}


def documented_settings(page: str) -> dict[str, str]:
    """The variables of the fenced block that follows the production-settings marker on ``page``."""
    text = (ROOT / page).read_text(encoding="utf-8")
    assert MARKER in text, f"{page} has no block marked {MARKER!r}"
    block = re.search(r"```sh\n(.*?)```", text[text.index(MARKER) :], re.DOTALL)
    assert block, f"{page}: no ```sh block after the production-settings marker"
    lines = [line.strip() for line in block.group(1).splitlines()]
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


# Set by the test run itself, never by a server: the browser tests allow Django's database calls from Playwright's
# event loop (tests/browser/conftest.py), which the deploy check rightly refuses.
NOT_INHERITED = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KERNKOMPAS_") and name not in NOT_INHERITED
    }
    env.update(documented_settings("docs/security.md"))
    env["KERNKOMPAS_HOME"] = str(tmp_path / "home")
    for name, content in SECRET_FILES.items():
        assert name in env, f"the documented settings no longer read {name}; update SECRET_FILES"
        secret = tmp_path / name.lower()
        secret.write_text(content, encoding="utf-8")
        env[name] = str(secret)
    return env


def test_the_readme_and_the_security_page_document_the_same_production_settings():
    assert documented_settings("README.md") == documented_settings("docs/security.md")


def test_the_documented_production_settings_pass_the_deploy_check_without_a_warning(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kernkompas", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_the_embedded_default_stays_plain_http_on_this_computer(settings):
    # Checked against the settings the test suite runs with, which are the defaults for these variables.
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.SECURE_HSTS_SECONDS == 0
    assert settings.SESSION_COOKIE_SECURE is False
    assert settings.X_FRAME_OPTIONS == "DENY"


def test_an_ssl_redirect_without_a_proxy_stops_start_up_with_a_message(tmp_path):
    env = {**production_env(tmp_path), "KERNKOMPAS_BEHIND_PROXY": "false"}
    result = subprocess.run(
        [sys.executable, "-m", "kernkompas", "check"], env=env, capture_output=True, text=True, timeout=300
    )

    assert result.returncode != 0
    assert "KERNKOMPAS_SSL_REDIRECT=true needs KERNKOMPAS_BEHIND_PROXY=true" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_no_page_may_be_framed_but_the_editors_preview_may_be_framed_by_the_site_itself(client, cast):
    assert client.get("/")["X-Frame-Options"] == "DENY"
    assert client.get(reverse("accounts:login"))["X-Frame-Options"] == "DENY"

    # The preview panel in Wagtail's editor shows the page in a frame of /beheer/.
    cast.anton.is_superuser = True  # as granting the administrator role does
    cast.anton.save(update_fields=["is_superuser"])
    client.force_login(cast.anton)
    page = VitrineIndexPage.objects.get()
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.id]))
    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))["X-Frame-Options"] == "DENY"


def test_an_sqlite_too_old_for_the_rate_limits_stops_start_up_with_a_message(monkeypatch):
    from django.db import connection

    from kernkompas.core import checks

    if connection.vendor != "sqlite":
        pytest.skip("about the embedded SQLite default")
    monkeypatch.setattr(checks.sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(checks.sqlite3, "sqlite_version", "3.31.1")
    [error] = checks.sqlite_is_new_enough(databases=["default"])

    assert error.id == "kernkompas.E001"
    assert "3.35" in error.msg and "3.31.1" in error.msg


def test_the_sqlite_of_this_python_is_new_enough():
    from kernkompas.core import checks

    assert checks.sqlite_is_new_enough(databases=["default"]) == []
