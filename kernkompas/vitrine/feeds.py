"""An Atom feed for any filter state of the list: /vitrine/feed/?<the list's query string>, newest first."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kernkompas.vitrine.selectors import CaseQuery, find_cases

FEED_SIZE = 20


class CaseFeed(Feed):
    """Made per request with the parsed query, so nothing of one request is kept on a shared instance."""

    feed_type = Atom1Feed

    def __init__(self, query: CaseQuery):
        super().__init__()
        self.query = replace(query, sort="newest", page=1)

    def get_object(self, request, *args, **kwargs):
        return self.query

    def title(self, query):
        return _("Vitrine: new cases matching your filters") if query.is_filtered else _("Vitrine: new cases")

    def subtitle(self, query):
        return _("Inspiring examples for vital town centres, newest first.")

    def link(self, query):
        encoded = query.filter_urlencode()
        return reverse("vitrine:index") + (f"?{encoded}" if encoded else "")

    def feed_url(self, query):
        encoded = query.filter_urlencode()
        return reverse("vitrine:feed") + (f"?{encoded}" if encoded else "")

    def items(self, query):
        return list(find_cases(query, per_page=FEED_SIZE, with_facets=False).page.object_list)

    def item_title(self, case):
        return case.title

    def item_description(self, case):
        return case.summary

    def item_link(self, case):
        return case.get_url()

    def item_pubdate(self, case):
        return case.first_published_at

    def item_updateddate(self, case):
        return case.last_published_at

    def item_categories(self, case):
        return [theme.name for theme in case.themes.all()]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = translation.get_language()
        return feed
