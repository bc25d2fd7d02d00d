"""``kernkompas send_newsletter``: send every newsletter whose sending has started (status ``verzenden``).

Safe to call from a scheduler every minute: with nothing to send it ends at once, and while another sender runs (a
previous call, or the web process's thread after the "Verzenden" button) it says so and ends. SIGTERM or SIGINT
(Ctrl-C) lets the message in hand finish and be marked sent, then stops; the next call sends the rest."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kernkompas.learning import sending


class Command(BaseCommand):
    help = (
        "Send every newsletter whose sending has started, to the subscribers it has not reached yet. Resumes a "
        "send that was interrupted without sending anyone a second copy; does nothing while another sender runs."
    )

    def handle(self, *args, **options):
        stop = threading.Event()
        previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            done = sending.send_all(stop=stop)
        except Exception as error:
            raise CommandError(
                _("Sending stopped: %(error)s. The messages not yet sent stay unsent; run this again.")
                % {"error": error}
            ) from error
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if done is None:
            self.stdout.write(_("Another sender is already running; nothing to do."))
            return
        if not done:
            self.stdout.write(_("No newsletter is waiting to be sent."))
        for newsletter, outcome in done.items():
            self.stdout.write(
                _("%(title)s: %(sent)d sent, %(failed)d failed, %(skipped)d skipped (unsubscribed).")
                % {
                    "title": newsletter.title,
                    "sent": outcome.sent,
                    "failed": outcome.failed,
                    "skipped": outcome.skipped,
                }
            )
            if outcome.finished:
                self.stdout.write(_("%(title)s has been sent to everyone.") % {"title": newsletter.title})
        if stop.is_set():
            self.stdout.write(_("Stopped on request; run this again to send the rest."))
