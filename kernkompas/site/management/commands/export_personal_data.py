"""kernkompas export-personal-data <email or name> [--output FILE]: everything the platform holds about one person.

A person is an e-mail address (which also finds the account with that address) or an exact name (for people
without an account: a property owner in the Kernmonitor, someone who sent a case without logging in). The command
walks the personal-data register (kernkompas/core/personal_data.py); it knows no app.

Messages go through gettext (English source, Dutch catalogue), like the rest of the interface.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from kernkompas.core import personal_data, privacy


def nobody_found(person: personal_data.Person) -> CommandError:
    """The error for a person the platform holds nothing about, in plain words."""
    if person.email:
        return CommandError(
            _(
                "Kernkompas holds nothing about the e-mail address %(email)s: no account and no other data. "
                "Check the spelling."
            )
            % {"email": person.email}
        )
    return CommandError(
        _(
            "Kernkompas holds nothing under the exact name “%(name)s” (an account is found by its e-mail address "
            "only). Check the spelling."
        )
        % {"name": person.name}
    )


class Command(BaseCommand):
    help = (
        "Export all personal data of one person as JSON (right of access, GDPR art. 15): the account with this "
        "e-mail address and everything registered under the address, or everything registered under an exact name "
        "(owner contacts, cases sent without an account)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", metavar="email_or_name", help="E-mail address, or a person's exact name.")
        parser.add_argument("--output", "-o", help="Write to this file instead of the screen.")

    def handle(self, *args, email, output=None, **options):
        person = personal_data.find(email)
        data = privacy.export(person)
        if not data:
            raise nobody_found(person)
        content = {"email": person.email} if person.email else {"name": person.name}
        content["data"] = data
        payload = json.dumps(content, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        if not output:
            self.stdout.write(payload)
            return
        path = Path(output)
        try:
            path.write_text(payload + "\n", encoding="utf-8")
        except OSError as exc:
            raise CommandError(
                _("Cannot write to %(path)s: %(reason)s.") % {"path": path, "reason": exc.strerror}
            ) from exc
        self.stderr.write(
            self.style.SUCCESS(_("Personal data of %(email)s written to %(path)s.") % {"email": person, "path": path})
        )
