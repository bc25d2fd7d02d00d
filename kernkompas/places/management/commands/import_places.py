"""``kernkompas import-places FILE…``: load reference data from the official open files; ``kernkompas import-places
--osm FILE --admin-level 8 --country LI``: the administrative boundaries of an OpenStreetMap extract as
municipalities of a country, each with one core."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kernkompas.core.problems import ImportRejected
from kernkompas.places.actions.imports import import_places
from kernkompas.places.actions.osm_import import import_osm_boundaries


class Command(BaseCommand):
    help = (
        "Import municipalities, provinces, population figures, mergers and cores from official open files "
        "(Statbel, CBS, Provincies in Cijfers). The format is recognised from the content. All files are checked "
        "first and written in one transaction: one bad file means nothing is written. With --osm, the "
        "administrative boundaries of one admin_level in an OpenStreetMap extract become the municipalities of "
        "--country, each with one core (for regions outside Belgium and the Netherlands)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
        parser.add_argument(
            "--year",
            type=int,
            help="Year of the population figures in a Statbel population CSV whose file name has no year.",
        )
        osm = parser.add_argument_group("OpenStreetMap boundaries")
        osm.add_argument("--osm", type=Path, metavar="EXTRACT", help="An OpenStreetMap extract (.osm.pbf or .osm).")
        osm.add_argument(
            "--admin-level",
            type=int,
            help="The admin_level of the boundaries that are municipalities in that country (8 in Liechtenstein).",
        )
        osm.add_argument("--country", help="ISO 3166-1 alpha-2 code of the country, e.g. LI.")
        osm.add_argument(
            "--country-name", default="", help="Dutch name of the country, when the extract does not name it."
        )
        osm.add_argument("--regio", default="", help="Put the municipalities in this region (created if needed).")

    def handle(self, *args, files, year, osm, admin_level, country, country_name, regio, **options):
        if osm is not None:
            self._osm(files, osm, admin_level, country, country_name, regio)
            return
        if admin_level is not None or country or country_name or regio:
            raise CommandError(_("--admin-level, --country, --country-name and --regio go with --osm"))
        if not files:
            raise CommandError(_("Name at least one file to import, or an OpenStreetMap extract with --osm."))
        if year is not None and not 1800 <= year <= 2100:
            raise CommandError(_("--year %(year)s is not a plausible year") % {"year": year})
        try:
            report = import_places(files, year=year)
        except ImportRejected as exc:
            raise CommandError(exc.report()) from exc
        for line in report.lines():
            self.stdout.write(line)

    def _osm(self, files, path, admin_level, country, country_name, regio) -> None:
        if files:
            raise CommandError(_("Import the official files and an OpenStreetMap extract in two separate runs."))
        if admin_level is None or not country:
            raise CommandError(_("--osm needs --admin-level and --country, e.g. --admin-level 8 --country LI"))
        try:
            report = import_osm_boundaries(
                path, admin_level=admin_level, country=country, country_name=country_name, regio=regio
            )
        except ImportRejected as exc:
            raise CommandError(exc.report()) from exc
        for line in report.lines():
            self.stdout.write(line)
