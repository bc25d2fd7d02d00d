"""kernkompas export-personal-data <email or name> [--output FILE]: everything the platform holds about one person.

An account is found by its e-mail address. Property owners in the Kernmonitor are third parties, often without an
account: their owner contacts are found by e-mail address or by exact name.

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


def find_account(email_or_name: str):
    """The account with this e-mail address (any case); None for a name or an unknown address."""
    text = email_or_name.strip()
    if "@" not in text:
        return None  # accounts are found by address only; a name can only be an owner contact
    return get_user_model().objects.filter(email__iexact=text).first()


def nobody_found(email_or_name: str) -> CommandError:
    """The error for a person the platform holds nothing about, in plain words."""
    text = email_or_name.strip()
    if "@" in text:
        return CommandError(
            _("There is no account and no owner contact with the e-mail address %(email)s. Check the spelling.")
            % {"email": text}
        )
    return CommandError(
        _(
            "There is no owner contact with the exact name “%(name)s” (an account is found by its e-mail address "
            "only). Check the spelling."
        )
        % {"name": text}
    )


class Command(BaseCommand):
    help = (
        "Export all personal data of one person as JSON (right of access, GDPR art. 15): the account with this "
        "e-mail address, and the Kernmonitor owner contacts with this e-mail address or exact name."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "email", metavar="email_or_name", help="E-mail address, or the exact name of an owner contact."
        )
        parser.add_argument("--output", "-o", help="Write to this file instead of the screen.")

    def handle(self, *args, email, output=None, **options):
        from kernkompas.monitor.operations import count_owner_contacts, export_owner_contacts

        text = email.strip()
        user = find_account(text)
        if user is None and not count_owner_contacts(text):
            raise nobody_found(text)
        owner_contacts = export_owner_contacts(text)
        if "@" in text:
            content = {"email": user.email if user else text.lower()}
        else:
            content = {"name": text}
        content["data"] = personal_data.export_for(user) if user else {}
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
            self.style.SUCCESS(_("Personal data of %(email)s written to %(path)s.") % {"email": text, "path": path})
        )
