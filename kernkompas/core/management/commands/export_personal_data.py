"""kernkompas export-personal-data <email> [--output FILE]: everything the platform holds about one person.

Messages go through gettext (English source, Dutch catalogue), like the rest of the interface.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from kernkompas.core import personal_data


def find_user(email: str):
    """The account with this e-mail address (any case), or a CommandError that says so in plain words."""
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(
            _("There is no account with the e-mail address %(email)s. Check the spelling.") % {"email": email}
        )
    return user


class Command(BaseCommand):
    help = "Export all personal data of one account as JSON (right of access, GDPR art. 15)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mail address of the account.")
        parser.add_argument("--output", "-o", help="Write to this file instead of the screen.")

    def handle(self, *args, email, output=None, **options):
        from kernkompas.monitor.operations import export_owner_contacts

        # Property owners in the Kernmonitor are third parties, often without an account: found by address too.
        owner_contacts = export_owner_contacts(email)
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None and not owner_contacts:
            user = find_user(email)  # says clearly that nobody has this address
        content = {
            "email": user.email if user else email.strip().lower(),
            "data": personal_data.export_for(user) if user else {},
        }
        if owner_contacts:
            content["monitor_owner_contacts"] = owner_contacts
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
            self.style.SUCCESS(
                _("Personal data of %(email)s written to %(path)s.") % {"email": content["email"], "path": path}
            )
        )
