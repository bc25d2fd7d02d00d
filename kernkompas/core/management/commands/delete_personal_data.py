"""kernkompas delete-personal-data <email or name> --yes: erase one person's account and data (GDPR art. 17).

An account is found by its e-mail address; Kernmonitor owner contacts (property owners, often without an account)
by e-mail address or exact name. What other people's records need (the audit log) stays, without the name. Refuses
to run without --yes.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.core import personal_data
from kernkompas.core.management.commands.export_personal_data import find_account, nobody_found


class Command(BaseCommand):
    help = (
        "Delete the account and personal data of one person, and the Kernmonitor owner contacts with this e-mail "
        "address or exact name. The audit log keeps its events, without the name. This cannot be undone; export "
        "first if needed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "email", metavar="email_or_name", help="E-mail address, or the exact name of an owner contact."
        )
        parser.add_argument("--yes", action="store_true", help="Confirm that the data may really be deleted.")

    def handle(self, *args, email, yes=False, **options):
        from kernkompas.monitor.operations import count_owner_contacts, erase_owner_contacts

        text = email.strip()
        user = find_account(text)
        contacts = count_owner_contacts(text)
        if user is None and not contacts:
            raise nobody_found(text)
        if not yes:
            raise CommandError(self._confirm_first(user, text, contacts))
        erased = erase_owner_contacts(text)
        if user is None:
            self.stdout.write(self.style.SUCCESS(_("The owner contacts of %(who)s have been deleted.") % {"who": text}))
            self.stdout.write(f"  monitor.OwnerContact: {erased}")
            return
        counts = personal_data.erase_for(user)
        if erased:
            counts["monitor.OwnerContact"] = erased
        self.stdout.write(
            self.style.SUCCESS(
                _("The account %(email)s and its personal data have been deleted.") % {"email": user.email}
            )
        )
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")

    @staticmethod
    def _confirm_first(user, text: str, contacts: int) -> str:
        if user is not None:
            return _(
                "Nothing was deleted. This erases the account %(email)s and all its data, for good. "
                "Run the command again with --yes to confirm."
            ) % {"email": user.email}
        return ngettext(
            "Nothing was deleted. This erases the owner contact of %(who)s, for good. "
            "Run the command again with --yes to confirm.",
            "Nothing was deleted. This erases the %(n)s owner contacts of %(who)s, for good. "
            "Run the command again with --yes to confirm.",
            contacts,
        ) % {"n": contacts, "who": text}
