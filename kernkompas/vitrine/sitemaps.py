"""sitemap.xml entries of the Vitrine: the index, published cases and theme pages, in every language."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kernkompas.vitrine.models import Theme, VitrineIndexPage
from kernkompas.vitrine.selectors import live_cases


class VitrineSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        index = list(VitrineIndexPage.objects.live().public())
        return index + list(live_cases().order_by("-first_published_at", "pk"))

    def location(self, page):
        # The path in the language being listed (the sitemap framework activates each in turn).
        return page.get_url_parts()[2]

    def lastmod(self, page):
        return page.last_published_at

    def priority(self, page):
        return 0.8 if isinstance(page, VitrineIndexPage) else 0.6


class ThemeSitemap(Sitemap):
    i18n = True
    alternates = True
    priority = 0.5

    def items(self):
        return Theme.objects.filter(cases__in=live_cases().values("pk")).distinct().order_by("order", "name")

    def location(self, theme):
        return reverse("vitrine:theme", args=[theme.slug])


SITEMAPS = {"vitrine": VitrineSitemap, "themes": ThemeSitemap}
