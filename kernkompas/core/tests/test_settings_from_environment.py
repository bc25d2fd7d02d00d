"""Settings come from the environment; a bad value stops start-up with a message that names the variable."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from kernkompas import conf


def test_a_boolean_accepts_dutch_and_english_words(monkeypatch):
    monkeypatch.setenv("KK_FLAG", "ja")
    assert conf.env_bool("KK_FLAG") is True
    monkeypatch.setenv("KK_FLAG", "off")
    assert conf.env_bool("KK_FLAG", True) is False


def test_a_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("KK_FLAG", "misschien")
    with pytest.raises(ImproperlyConfigured, match="KK_FLAG"):
        conf.env_bool("KK_FLAG")


def test_a_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("KK_WORKERS", "veel")
    with pytest.raises(ImproperlyConfigured, match="KK_WORKERS must be a whole number"):
        conf.env_int("KK_WORKERS", 2)


def test_a_number_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("KK_WORKERS", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        conf.env_int("KK_WORKERS", 2, minimum=1)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cr3t\n", encoding="utf-8")
    monkeypatch.setenv("KK_SECRET_FILE", str(secret))
    assert conf.env_str("KK_SECRET") == "s3cr3t"


def test_a_missing_secret_file_names_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("KK_SECRET_FILE", str(tmp_path / "nope"))
    with pytest.raises(ImproperlyConfigured, match="KK_SECRET_FILE"):
        conf.env_str("KK_SECRET")


def test_the_command_stops_with_a_clear_message_on_a_bad_setting(tmp_path):
    env = {**os.environ, "KERNKOMPAS_HOME": str(tmp_path), "KERNKOMPAS_DEBUG": "misschien"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "kernkompas", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "KERNKOMPAS_DEBUG" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_embedded_default_is_sqlite_in_wal_mode_with_immediate_transactions(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("this test is about the embedded SQLite default")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 1000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]
