"""sitemap.xml entries of the places: every municipality page and core page, in every language.

Demo municipalities (and their cores) are left out: they are examples, not places a search engine should send
anyone to.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from kernkompas.places.models import Gemeente, Kern


class GemeenteSitemap(Sitemap):
    i18n = True
    alternates = True
    priority = 0.7
    changefreq = "monthly"

    def items(self):
        return Gemeente.objects.filter(is_demo=False).order_by("code").only("slug", "updated_at")

    def lastmod(self, gemeente):
        return gemeente.updated_at


class KernSitemap(Sitemap):
    i18n = True
    alternates = True
    priority = 0.5
    changefreq = "monthly"

    def items(self):
        return (
            Kern.objects.filter(gemeente__is_demo=False)
            .select_related("gemeente")
            .only("slug", "gemeente__slug")
            .order_by("gemeente__code", "code")
        )


SITEMAPS = {"places": GemeenteSitemap, "cores": KernSitemap}
