"""Remind everyone with a place of a session that starts within the next day: an e-mail with the session's calendar
file and a fresh personal link. Run it from a scheduler (e.g. every hour); it is idempotent: a registration that
has had its reminder (``Registration.reminder_sent_at``) never gets a second, also when two runs overlap.

    kernkompas send_session_reminders            # sessions starting within 24 hours
    kernkompas send_session_reminders --hours 36 --dry-run
"""

from __future__ import annotations

from django.core.mail import get_connection
from django.core.management.base import BaseCommand
from django.utils import timezone

from kernkompas.learning.actions import registration as registrations


class Command(BaseCommand):
    help = "Send the reminders of sessions that start within the next day (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="remind for sessions starting within this many hours")
        parser.add_argument("--dry-run", action="store_true", help="only say how many reminders are due")

    def handle(self, *args, hours: int, dry_run: bool, **options):
        if not 1 <= hours <= 24 * 7:
            self.stderr.write("--hours must be between 1 and 168.")
            return
        now = timezone.now()
        due = registrations.due_for_reminder(now, hours=hours)
        if dry_run:
            self.stdout.write(f"{due.count()} reminder(s) due.")
            return
        sent = failed = 0
        with get_connection() as connection:
            for registration in due.iterator(chunk_size=200):
                try:
                    sent += registrations.send_reminder(registration, now, connection=connection)
                except Exception as error:  # one bad address must not stop the others; the next run retries it
                    failed += 1
                    self.stderr.write(f"registration {registration.pk}: {error}")
        self.stdout.write(f"{sent} reminder(s) sent, {failed} failed.")
