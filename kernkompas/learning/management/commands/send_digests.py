"""kernkompas send_digests: e-mail every member whose weekly or monthly digest is due.

Run it once a day from cron or a systemd timer (docs/learning.md); a second run the same day sends nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.learning.actions.digest import send_digests


class Command(BaseCommand):
    help = "E-mail every member whose weekly or monthly personal digest is due (nothing twice; safe to run daily)."

    def handle(self, *args, **options):
        summary = send_digests()
        self.stdout.write(
            _("Digests due: %(due)d; sent: %(sent)d; with nothing new (not sent): %(empty)d.")
            % {"due": summary.due, "sent": summary.sent, "empty": summary.empty}
        )
        if summary.failed:
            # A non-zero exit makes cron and systemd report it; the failed ones are tried again on the next run.
            raise CommandError(
                ngettext(
                    "%(failed)d digest could not be sent; it is tried again on the next run.",
                    "%(failed)d digests could not be sent; they are tried again on the next run.",
                    summary.failed,
                )
                % {"failed": summary.failed}
            )
