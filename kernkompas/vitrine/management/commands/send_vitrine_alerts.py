"""kernkompas send_vitrine_alerts: e-mail members the new cases that match their saved searches.

Run it from cron or a systemd timer (docs/vitrine.md), e.g. once an hour; a second run sends nothing new.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.vitrine.actions.alerts import send_alerts


class Command(BaseCommand):
    help = "E-mail members the new Vitrine cases that match their saved searches (one e-mail per person)."

    def handle(self, *args, **options):
        summary = send_alerts()
        self.stdout.write(
            _("E-mails sent: %(emails)d; cases in them: %(cases)d; members with alerts: %(people)d.")
            % {"emails": summary.emails, "cases": summary.cases, "people": summary.people}
        )
        if summary.failed:
            # A non-zero exit makes cron and systemd report it; the failed ones are retried on the next run.
            raise CommandError(
                ngettext(
                    "%(failed)d e-mail could not be sent; it is tried again on the next run.",
                    "%(failed)d e-mails could not be sent; they are tried again on the next run.",
                    summary.failed,
                )
                % {"failed": summary.failed}
            )
