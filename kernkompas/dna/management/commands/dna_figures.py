"""``kernkompas dna-figures EXTRACT.osm.pbf [--gemeente SLUG ...] [--measured-on YYYY-MM-DD]``: count the features of
an OpenStreetMap extract in the outline of every core and store them as the cores' DNA figures (source
OpenStreetMap).

Without ``--gemeente`` every core whose outline lies inside the extract is measured; with it, the cores of those
municipalities, and a core without an outline or outside the extract is a problem. The whole extract is read and
checked first; with problems nothing is written. Measuring again replaces the OpenStreetMap figures of those cores
(one transaction, audit log). See :mod:`kernkompas.dna.actions.figures`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernkompas.core.problems import ImportRejected
from kernkompas.dna.actions import figures
from kernkompas.places.models import Gemeente, Kern


class Command(BaseCommand):
    help = (
        "Count the features of an OpenStreetMap extract (.osm.pbf or .osm) inside the outline of every core and "
        "store them as the cores' Kern-DNA figures. The whole extract is checked first; with problems nothing is "
        "written."
    )

    def add_arguments(self, parser):
        parser.add_argument("extract", type=Path, metavar="EXTRACT")
        parser.add_argument(
            "--gemeente",
            action="append",
            default=[],
            metavar="SLUG",
            help="only the cores of this municipality (its slug as in the web address); repeat for more",
        )
        parser.add_argument("--measured-on", help="date the extract shows, YYYY-MM-DD (default: the file's date)")

    def handle(self, *args, **options):
        path: Path = options["extract"]
        measured_on = self._date(options["measured_on"], path)
        kernen = Kern.objects.select_related("gemeente").order_by("gemeente__slug", "name")
        slugs = list(dict.fromkeys(options["gemeente"]))
        if slugs:
            known = set(Gemeente.objects.filter(slug__in=slugs).values_list("slug", flat=True))
            unknown = [slug for slug in slugs if slug not in known]
            if unknown:
                raise CommandError(
                    _("Nothing was measured: no municipality with the slug %(slugs)s.") % {"slugs": ", ".join(unknown)}
                )
            kernen = kernen.filter(gemeente__slug__in=slugs)
        try:
            measured = figures.measure_extract(path, kernen, chosen=bool(slugs))
        except ImportRejected as exc:
            lines = [_("Nothing was measured. Fix these problems and run the command again:")]
            raise CommandError("\n".join(lines + [f"- {problem}" for problem in exc.problems])) from exc
        figures.store_figures(None, measured, source_label=path.name, measured_on=measured_on)
        for item in measured:
            self.stdout.write(
                _("%(core)s: %(features)s features, %(area)s km²")
                % {
                    "core": figures.kern_place(item.kern),
                    "features": sum(item.counts.values()),
                    "area": formats.number_format(item.area_km2 or 0, 2),
                }
            )
        self.stdout.write(
            ngettext(
                "Figures of %(n)s core stored (OpenStreetMap, %(file)s, %(date)s).",
                "Figures of %(n)s cores stored (OpenStreetMap, %(file)s, %(date)s).",
                len(measured),
            )
            % {"n": len(measured), "file": path.name, "date": measured_on.isoformat()}
        )

    def _date(self, text: str | None, path: Path) -> datetime.date:
        if text:
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                raise CommandError(
                    _("Nothing was measured: “%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text}
                ) from None
        try:
            return datetime.date.fromtimestamp(path.stat().st_mtime)
        except OSError:
            return timezone.localdate()
