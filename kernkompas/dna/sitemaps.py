"""sitemap.xml entries of the Kern-DNA: the list and every published trajectory, in every language."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kernkompas.dna import selectors


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


SITEMAPS = {"dna": DnaSitemap}
