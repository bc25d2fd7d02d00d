"""kernkompas delete-personal-data <email> --yes: erase one person's account and data (GDPR art. 17).

What other people's records need (the audit log) stays, without the name. Refuses to run without --yes.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kernkompas.core import personal_data
from kernkompas.core.management.commands.export_personal_data import find_user


class Command(BaseCommand):
    help = (
        "Delete the account and personal data of one person. The audit log keeps its events, without the name. "
        "This cannot be undone; export first if needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mail address of the account.")
        parser.add_argument("--yes", action="store_true", help="Confirm that the data may really be deleted.")

    def handle(self, *args, email, yes=False, **options):
        from django.contrib.auth import get_user_model

        from kernkompas.monitor.models import OwnerContact
        from kernkompas.monitor.operations import erase_owner_contacts

        # Property owners in the Kernmonitor are third parties, often without an account: found by address too.
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        has_contacts = OwnerContact.objects.filter(email__iexact=email.strip()).exists()
        if user is None and not has_contacts:
            user = find_user(email)  # says clearly that nobody has this address
        address = user.email if user else email.strip().lower()
        if not yes:
            raise CommandError(
                _(
                    "Nothing was deleted. This erases the account %(email)s and all its data, for good. "
                    "Run the command again with --yes to confirm."
                )
                % {"email": address}
            )
        contacts = erase_owner_contacts(address)
        if user is None:
            self.stdout.write(
                self.style.SUCCESS(
                    _("The owner contacts with the e-mail address %(email)s have been deleted.") % {"email": address}
                )
            )
            self.stdout.write(f"  monitor.OwnerContact: {contacts}")
            return
        counts = personal_data.erase_for(user)
        if contacts:
            counts["monitor.OwnerContact"] = contacts
        self.stdout.write(
            self.style.SUCCESS(_("The account %(email)s and its personal data have been deleted.") % {"email": address})
        )
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")
