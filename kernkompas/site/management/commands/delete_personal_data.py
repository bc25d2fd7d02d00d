"""kernkompas delete-personal-data <email or name> --yes: erase one person's data (GDPR art. 17).

A person is an e-mail address (with the account that has it) or an exact name, as for export-personal-data. The
command walks the personal-data register: what must stay for other people's records (the audit log, a published
case) stays without the name or address, and no copy is left in revisions, history or the audit log. Refuses to
run without --yes.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kernkompas.core import personal_data, privacy
from kernkompas.site.management.commands.export_personal_data import nobody_found


class Command(BaseCommand):
    help = (
        "Delete the personal data of one person: the account with this e-mail address and everything registered "
        "under the address or an exact name. Records other people need stay, without the name or address. This "
        "cannot be undone; export first if needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", metavar="email_or_name", help="E-mail address, or a person's exact name.")
        parser.add_argument("--yes", action="store_true", help="Confirm that the data may really be deleted.")

    def handle(self, *args, email, yes=False, **options):
        person = personal_data.find(email)
        holdings = personal_data.holdings(person)
        if not holdings:
            raise nobody_found(person)
        if not yes:
            raise CommandError(self._confirm_first(person, holdings))
        counts = privacy.erase(person)
        if person.user is not None:
            message = _("The account %(email)s and its personal data have been deleted.") % {"email": person.email}
        else:
            message = _("The personal data of %(who)s have been deleted.") % {"who": person}
        self.stdout.write(self.style.SUCCESS(message))
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")

    @staticmethod
    def _confirm_first(person, holdings: dict[str, int]) -> str:
        what = ", ".join(f"{n} × {apps.get_model(label)._meta.verbose_name}" for label, n in holdings.items())
        if person.user is not None:
            return _(
                "Nothing was deleted. This erases the account %(email)s and all its data (%(what)s), for good. "
                "Run the command again with --yes to confirm."
            ) % {"email": person.email, "what": what}
        return _(
            "Nothing was deleted. This erases what Kernkompas holds about %(who)s (%(what)s), for good. "
            "Run the command again with --yes to confirm."
        ) % {"who": person, "what": what}
