"""``kernkompas demo``: one command from ``pip install`` to a working site with a fictional region and log-ins."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kernkompas.accounts.models import Role
from kernkompas.lib.logs import quieter
from kernkompas.site.demo import DemoSummary, load_demo_data
from kernkompas.site.management.commands.serve import (
    is_local,
    links_point_at,
    resolve_server_settings,
    serve_site,
    site_url,
)


class Command(BaseCommand):
    help = _(
        "Set up the data folder and database, load the fictional demo region with a user for every role, "
        "print the log-ins and serve the site. Running it again restores the demo data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None, help=_("Address to listen on (default 127.0.0.1)."))
        parser.add_argument("--port", type=int, default=None, help=_("Port to listen on (default 8000)."))
        parser.add_argument(
            "--no-serve", action="store_true", help=_("Only prepare the database and demo data; do not serve.")
        )

    def handle(self, *args, **options):
        # Resolve first, so that a bad --port stops the command before anything is written.
        host, port, workers, threads = resolve_server_settings(options)
        links_point_at(host, port)  # the demo's threshold e-mails link to the site it is about to serve
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(_("Data folder: %(path)s") % {"path": settings.DATA_DIR})
        with quieter("django_tasks"):  # Wagtail queues a task per saved object
            call_command("migrate", interactive=False, verbosity=0)
            summary = load_demo_data()
        self._report(summary)
        if options["no_serve"]:
            self.stdout.write(
                _("Start the site with “kernkompas serve --port %(port)s” and open %(url)s")
                % {"port": port, "url": site_url(host, port)}
            )
            return
        if not is_local(host):
            self.stderr.write(_("Warning: everyone who can reach this address can log in with the demo password."))
        self.stdout.write(_("Open %(url)s in your browser.") % {"url": site_url(host, port)})
        serve_site(self.stdout, host, port, workers, threads)

    def _report(self, summary: DemoSummary) -> None:
        if summary.changed:
            self.stdout.write(
                _("Demo region “Demoregio Kempenland” loaded (fictional municipalities, marked as demo).")
            )
        else:
            self.stdout.write(_("Demo region “Demoregio Kempenland” was already loaded; nothing changed."))
        self.stdout.write("")
        self.stdout.write(_("Demo log-ins (the same password for everyone, for trying out only):"))
        rows = [(_("user"), _("role"), _("municipality"), _("password"))]
        rows += [
            (login.username, _role_label(login.role), login.gemeente or "—", summary.password)
            for login in summary.logins
        ]
        widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
        for row in rows:
            self.stdout.write(
                "  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
        self.stdout.write("")


def _role_label(role: str) -> str:
    """The role as people read it ("gemeentemedewerker"), not its code ("gemeente", which reads as a place)."""
    return str(Role(role).label) if role in Role.values else _("member")
