"""``kernkompas serve``: gunicorn with uvicorn (ASGI) workers, settings from options or environment, static files."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError

from kernkompas.site.management.commands.serve import (
    DEFAULT_THREADS,
    DEFAULT_WORKERS,
    DEFAULT_WORKERS_POSTGRESQL,
    KernkompasServer,
    resolve_server_settings,
    server_options,
    site_url,
)

NO_OPTIONS = {"host": None, "port": None, "workers": None, "threads": None}
START_LIMIT_SECONDS = 120  # a bound on waiting for start-up, not an assertion about speed


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("KERNKOMPAS_HOST", "KERNKOMPAS_PORT", "KERNKOMPAS_WORKERS", "KERNKOMPAS_THREADS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_without_options_or_environment_it_listens_on_localhost_8000(clean_env, settings):
    settings.KERNKOMPAS_CONCURRENCY = DEFAULT_THREADS
    postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    workers = DEFAULT_WORKERS_POSTGRESQL if postgres else DEFAULT_WORKERS
    assert resolve_server_settings(NO_OPTIONS) == ("127.0.0.1", 8000, workers, DEFAULT_THREADS)


def test_on_sqlite_one_process_serves_and_on_postgresql_two(clean_env, settings):
    clean_env.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    assert resolve_server_settings(NO_OPTIONS)[2] == 1
    clean_env.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    assert resolve_server_settings(NO_OPTIONS)[2] == 2


def test_the_environment_sets_the_defaults_and_options_win_over_it(clean_env):
    clean_env.setenv("KERNKOMPAS_HOST", "0.0.0.0")
    clean_env.setenv("KERNKOMPAS_PORT", "9000")
    clean_env.setenv("KERNKOMPAS_WORKERS", "3")
    clean_env.setenv("KERNKOMPAS_THREADS", "8")

    assert resolve_server_settings(NO_OPTIONS) == ("0.0.0.0", 9000, 3, 8)
    assert resolve_server_settings({**NO_OPTIONS, "port": 8100, "workers": 1}) == ("0.0.0.0", 8100, 1, 8)


def test_a_bad_environment_value_names_the_variable(clean_env):
    clean_env.setenv("KERNKOMPAS_WORKERS", "many")

    with pytest.raises(ImproperlyConfigured, match="KERNKOMPAS_WORKERS"):
        resolve_server_settings(NO_OPTIONS)


@pytest.mark.parametrize("option, value", [("port", 0), ("port", 70000), ("workers", 0), ("threads", -1)])
def test_an_impossible_option_is_refused_with_its_name(clean_env, option, value):
    with pytest.raises(CommandError, match=f"--{option}"):
        resolve_server_settings({**NO_OPTIONS, option: value})


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "kernkompas.example.org"])
def test_with_debug_on_it_refuses_to_listen_where_other_computers_can_reach_it(clean_env, settings, host):
    settings.DEBUG = True

    with pytest.raises(CommandError) as refused:
        resolve_server_settings({**NO_OPTIONS, "host": host})

    # Which variable to change, and the address it would have listened on.
    assert "KERNKOMPAS_DEBUG=false" in str(refused.value)
    assert host in str(refused.value)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_with_debug_on_it_still_listens_on_this_computer(clean_env, settings, host):
    settings.DEBUG = True

    assert resolve_server_settings({**NO_OPTIONS, "host": host})[0] == host


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_serve_and_demo_with_debug_on_stop_before_listening_on_every_address(tmp_path, command):
    env = {**server_env(tmp_path / "home"), "KERNKOMPAS_DEBUG": "true", "KERNKOMPAS_HOST": "0.0.0.0"}
    result = subprocess.run(
        [sys.executable, "-m", "kernkompas", command, "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=START_LIMIT_SECONDS,
    )

    assert result.returncode != 0
    assert "KERNKOMPAS_DEBUG=false" in result.stderr
    assert "0.0.0.0" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "home" / "static").exists(), "it stopped before collecting static files"


def test_gunicorn_is_configured_with_uvicorn_workers_on_the_address_given():
    server = KernkompasServer(server_options("127.0.0.1", 8123, workers=3, threads=5))

    assert server.cfg.bind == ["127.0.0.1:8123"]
    assert server.cfg.workers == 3
    assert server.cfg.worker_class_str == "uvicorn_worker.UvicornWorker"
    assert server.cfg.control_socket_disable is True


def test_an_ipv6_address_is_bracketed_and_the_url_shown_is_one_a_browser_opens():
    assert server_options("::1", 8000, 1, 1)["bind"] == "[::1]:8000"
    assert site_url("::1", 8000) == "http://[::1]:8000/"
    assert site_url("0.0.0.0", 8080) == "http://127.0.0.1:8080/"


# --- The real thing: a server process on a free port --------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(home: Path) -> dict[str, str]:
    """Production settings in a fresh data folder; never the database or cache of the person running the tests."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KERNKOMPAS_") and name not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update({"KERNKOMPAS_HOME": str(home), "DJANGO_SETTINGS_MODULE": "kernkompas.settings"})
    return env


def fetch(url: str) -> tuple[int, Message, str]:
    """Status, headers (looked up case-insensitively, as HTTP wants) and text."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers, response.read().decode("utf-8")


def wait_until_listening(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + START_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kernkompas serve stopped with exit code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"kernkompas serve did not listen on port {port} within {START_LIMIT_SECONDS} s")


@pytest.fixture(scope="module")
def running_server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    env = server_env(tmp_path / "home")
    kernkompas = [sys.executable, "-m", "kernkompas"]
    subprocess.run([*kernkompas, "migrate", "--verbosity", "0"], env=env, check=True, timeout=300)
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [*kernkompas, "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_listening(process, port)
        yield f"http://127.0.0.1:{port}", tmp_path / "home"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.seek(0)
        print(log.read())  # shown by pytest only when the test failed
        log.close()


def test_serve_answers_pages_and_static_files_from_a_fresh_data_folder(running_server):
    base, home = running_server

    status, _, page = fetch(base + "/")
    assert status == 200
    assert "Kernkompas" in page

    # The page links to the hashed name from the manifest that collectstatic wrote into the data folder.
    hashed = re.search(r'href="(/static/kernkompas/css/site\.[0-9a-f]{12}\.css)"', page)
    assert hashed, "the home page does not link to a hashed site.css"
    assert (home / "static" / "staticfiles.json").exists()
    status, headers, css = fetch(base + hashed.group(1))
    assert status == 200
    assert "text/css" in headers["Content-Type"]
    assert "immutable" in headers.get("Cache-Control", ""), "WhiteNoise marks hashed files as cacheable forever"
    assert css.strip()

    status, _, plain_css = fetch(base + "/static/kernkompas/css/site.css")
    assert status == 200
    assert plain_css == css


def test_serve_answers_404_for_a_static_file_that_does_not_exist(running_server):
    base, _ = running_server

    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(base + "/static/kernkompas/css/does-not-exist.css")

    assert error.value.code == 404


# --- The ASGI application's bound on requests at once ---------------------------------------------------------------
def test_a_process_answers_at_most_the_bound_of_ordinary_requests_at_once_and_streams_are_not_counted():
    from kernkompas.asgi import STREAM_PATH, BoundedConcurrency

    inside, most, release = 0, 0, None

    async def app(scope, receive, send):
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await release.wait()
        inside -= 1

    async def scenario():
        nonlocal release
        release = asyncio.Event()
        bounded = BoundedConcurrency(app, limit=3)
        pages = [bounded({"type": "http", "path": "/vitrine/"}, None, None) for _ in range(10)]
        streams = [bounded({"type": "http", "path": "/binnenstadslab/doe-mee/AB12CD/live/"}, None, None)]
        streams += [bounded({"type": "http", "path": "/en/binnenstadslab/7/live/"}, None, None) for _ in range(5)]
        tasks = [asyncio.ensure_future(call) for call in pages + streams]
        await asyncio.sleep(0.05)
        at_once = inside
        release.set()
        await asyncio.gather(*tasks)
        return at_once

    # On a thread of its own: after the browser tests, Playwright's event loop runs in this thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        at_once = pool.submit(asyncio.run, scenario()).result(timeout=60)
    assert at_once == 3 + 6  # three pages and every stream
    assert STREAM_PATH.match("/binnenstadslab/12/live/")
    assert not STREAM_PATH.match("/binnenstadslab/12/projectie/")
