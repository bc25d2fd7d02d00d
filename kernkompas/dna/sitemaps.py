"""sitemap.xml entries of the Kern-DNA, in every language: the list, every published trajectory, every core's public
Kernkompas page (a published version of a published trajectory) and the region views."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kernkompas.dna import selectors
from kernkompas.dna.models import DnaVersion
from kernkompas.places.models import Regio


class DnaSitemap(Sitemap):
    i18n = True
    alternates = True
    priority = 0.5

    def items(self):
        return ["index", *selectors.published().order_by("pk")]

    def location(self, item):
        return reverse("dna:index") if item == "index" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "index" else item.updated_at


class KompasSitemap(Sitemap):
    """The public Kernkompas page of each core that has one (the page shows the newest published trajectory's)."""

    i18n = True
    alternates = True
    priority = 0.7

    def items(self):
        versions = (
            DnaVersion.objects.filter(is_published=True, trajectory__is_published=True)
            .select_related("trajectory__kern__gemeente")
            .order_by("trajectory__kern__gemeente__slug", "trajectory__kern__slug", "-published_at")
        )
        return list({v.trajectory.kern_id: v for v in reversed(list(versions))}.values())

    def location(self, version):
        kern = version.trajectory.kern
        return reverse("dna:kompas", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug})

    def lastmod(self, version):
        return version.published_at


class RegionSitemap(Sitemap):
    i18n = True
    alternates = True
    priority = 0.4

    def items(self):
        return list(Regio.objects.order_by("slug"))

    def location(self, regio):
        return reverse("dna:region", kwargs={"slug": regio.slug})


SITEMAPS = {"dna": DnaSitemap, "dna-kernkompas": KompasSitemap, "dna-regions": RegionSitemap}
