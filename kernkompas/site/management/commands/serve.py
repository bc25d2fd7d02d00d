"""``kernkompas serve``: the production web server: gunicorn with uvicorn workers running the ASGI application
(``kernkompas/asgi.py``: the Binnenstadslab's live streams stay open on the event loop), static files by WhiteNoise."""

from __future__ import annotations

import ipaddress
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

from kernkompas.conf import env_bool, env_int, env_str

# Each worker process is one event loop (uvicorn) that answers at most "threads" ordinary requests at once (each a
# thread with a database connection; kernkompas/asgi.py BoundedConcurrency) and holds any number of live streams.
# On SQLite one process: one writer, and the Binnenstadslab's hub stays in-process; on PostgreSQL two (they tell
# each other about a lab's news with NOTIFY). Larger installations raise KERNKOMPAS_WORKERS.
DEFAULT_WORKERS = 1
DEFAULT_WORKERS_POSTGRESQL = 2
DEFAULT_THREADS = 32
WORKER_CLASS = "uvicorn_worker.UvicornWorker"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def is_local(host: str) -> bool:
    """True when only this computer can reach ``host`` (127.0.0.0/8, ::1, localhost); 0.0.0.0 is everyone."""
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to any address
        return False


class KernkompasServer(BaseApplication):
    """gunicorn run from Python, so that ``serve`` needs no separate configuration file."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__(prog="kernkompas serve")

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # import here: gunicorn calls load() in each worker after it forks, which is where the application belongs.
        from kernkompas.asgi import application

        return application


def server_options(host: str, port: int, workers: int, threads: int, reuse_port: bool = False) -> dict:
    return {
        # Several `kernkompas serve` processes may listen on one port (SO_REUSEPORT): the kernel shares the
        # connections among them, and one can be restarted while the others answer (docs/scaling.md).
        "reuse_port": reuse_port,
        # A burst of visitors queues in the kernel instead of being refused.
        "backlog": 2048,
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": WORKER_CLASS,
        "proc_name": "kernkompas",
        "accesslog": "-",
        "errorlog": "-",
        "timeout": 60,
        "graceful_timeout": 20,
        # gunicorn's control socket lives at one fixed path per user; two sites on one machine would fight over it.
        "control_socket_disable": True,
    }


def serve_site(
    stdout, host: str, port: int, workers: int, threads: int, collect_static: bool = True, reuse_port: bool = False
) -> None:
    """Collect static files and serve the site until stopped (Ctrl+C or SIGTERM). ``demo`` ends here too."""
    if collect_static:
        # WhiteNoise serves only collected files; collecting each start keeps a fresh install or upgrade working.
        call_command("collectstatic", interactive=False, verbosity=0)
    stdout.write(
        _("Kernkompas is being served at %(url)s (%(workers)d × %(threads)d requests at once). Stop with Ctrl+C.")
        % {"url": site_url(host, port), "workers": workers, "threads": threads}
    )
    if not is_local(host):
        stdout.write(
            _("Visitors must use a host name listed in KERNKOMPAS_ALLOWED_HOSTS (now: %(hosts)s).")
            % {"hosts": ", ".join(settings.ALLOWED_HOSTS)}
        )
    stdout.flush()
    # Migrate and collectstatic may have opened database connections; forked workers must not share them.
    connections.close_all()
    # The bound on ordinary requests at once per process, read by kernkompas/asgi.py in each forked worker.
    settings.KERNKOMPAS_CONCURRENCY = threads
    KernkompasServer(server_options(host, port, workers, threads, reuse_port)).run()


class Command(BaseCommand):
    help = _(
        "Serve Kernkompas with gunicorn (uvicorn workers, ASGI); static files are collected first and served by "
        "WhiteNoise. Defaults come from KERNKOMPAS_HOST, KERNKOMPAS_PORT, KERNKOMPAS_WORKERS, KERNKOMPAS_THREADS."
    )
    requires_migrations_checks = True

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None, help=_("Address to listen on (default 127.0.0.1)."))
        parser.add_argument("--port", type=int, default=None, help=_("Port to listen on (default 8000)."))
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=_("Number of worker processes (default 1 on SQLite, 2 on PostgreSQL)."),
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help=_("Requests each worker process answers at once, live streams not counted (default 32)."),
        )
        parser.add_argument(
            "--reuse-port",
            action="store_true",
            default=None,
            help=_("Let other Kernkompas processes listen on the same port (default: KERNKOMPAS_REUSE_PORT, off)."),
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help=_("Do not collect static files first (when a deployment step already did)."),
        )

    def handle(self, *args, **options):
        host, port, workers, threads = resolve_server_settings(options)
        links_point_at(host, port)
        reuse_port = options["reuse_port"] or env_bool("KERNKOMPAS_REUSE_PORT", False)
        serve_site(
            self.stdout,
            host,
            port,
            workers,
            threads,
            collect_static=not options["no_collectstatic"],
            reuse_port=reuse_port,
        )


def resolve_server_settings(options: dict) -> tuple[str, int, int, int]:
    """Command-line options win over the environment, which wins over the defaults."""
    host = _given(options, "host", lambda: env_str("KERNKOMPAS_HOST", "127.0.0.1"))
    port = _given(options, "port", lambda: env_int("KERNKOMPAS_PORT", 8000, minimum=1))
    workers = _given(options, "workers", lambda: env_int("KERNKOMPAS_WORKERS", default_workers(), minimum=1))
    threads = _given(options, "threads", lambda: env_int("KERNKOMPAS_THREADS", settings.KERNKOMPAS_CONCURRENCY))
    for name, value in (("--port", port), ("--workers", workers), ("--threads", threads)):
        if value < 1:
            raise CommandError(_("%(option)s must be at least 1, not %(value)s.") % {"option": name, "value": value})
    if port > 65535:
        raise CommandError(_("--port must be at most 65535, not %(value)s.") % {"value": port})
    if settings.DEBUG and not is_local(host):
        # Django's debug page shows settings, source code and the data of the request to whoever causes an error.
        raise CommandError(
            _(
                "KERNKOMPAS_DEBUG is on, so Kernkompas does not listen on %(host)s, where other computers can reach "
                "it: the debug pages show settings, source code and data to anyone who causes an error. Set "
                "KERNKOMPAS_DEBUG=false to serve other computers, or listen on 127.0.0.1 only (--host or "
                "KERNKOMPAS_HOST)."
            )
            % {"host": host or "0.0.0.0"}
        )
    return host, port, workers, threads


def default_workers() -> int:
    """One process on SQLite (one writer at a time; the live hub in-process), two on PostgreSQL."""
    postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    return DEFAULT_WORKERS_POSTGRESQL if postgres else DEFAULT_WORKERS


def _given(options: dict, name: str, fallback):
    # Read the environment only when the option is absent, so a bad variable does not stop an explicit option.
    value = options.get(name)
    return fallback() if value is None else value


def links_point_at(host: str, port: int) -> None:
    """Without ``KERNKOMPAS_BASE_URL``, the links in e-mails point at the address this process serves (``--host``,
    ``--port``), not at the default port; a production set-up names its public address and keeps it."""
    if not os.environ.get("KERNKOMPAS_BASE_URL"):
        settings.BASE_URL = site_url(host, port).rstrip("/")


def site_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
