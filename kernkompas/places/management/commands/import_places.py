"""``kernkompas import-places FILE…``: load reference data from the official open files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kernkompas.core.problems import ImportRejected
from kernkompas.places.actions.imports import import_places


class Command(BaseCommand):
    help = (
        "Import municipalities, provinces, population figures, mergers and cores from official open files "
        "(Statbel, CBS, Provincies in Cijfers). The format is recognised from the content. All files are checked "
        "first and written in one transaction: one bad file means nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--year",
            type=int,
            help="Year of the population figures in a Statbel population CSV whose file name has no year.",
        )

    def handle(self, *args, files, year, **options):
        if year is not None and not 1800 <= year <= 2100:
            raise CommandError(_("--year %(year)s is not a plausible year") % {"year": year})
        try:
            report = import_places(files, year=year)
        except ImportRejected as exc:
            raise CommandError(exc.report()) from exc
        for line in report.lines():
            self.stdout.write(line)
