"""The Atom feed of the newsletter's archive (/leren/nieuwsbrief/feed/): the issues that were sent, newest first,
each with its introduction and the titles of its items."""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kernkompas.learning.models import Newsletter, NewsletterStatus

FEED_SIZE = 20
# Control characters XML 1.0 forbids (tab, newline and carriage return are allowed). Text pasted from a word
# processor can hold a vertical tab or a form feed; one such character would make the whole feed fail (500).
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return XML_FORBIDDEN.sub(" ", text or "")


class NewsletterFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Newsletter of Stedelijk leren")

    def subtitle(self):
        return _("New cases, sessions, recordings and action plans, four times a year.")

    def link(self):
        return reverse("learning:newsletter_signup")

    def feed_url(self):
        return reverse("learning:newsletter_feed")

    def items(self):
        sent = Newsletter.objects.filter(status=NewsletterStatus.VERZONDEN).exclude(sent_at=None)
        return sent.order_by("-sent_at").prefetch_related("items")[:FEED_SIZE]

    def item_title(self, newsletter):
        return xml_text(newsletter.title)

    def item_description(self, newsletter):
        # Plain text: the feed escapes it, so an editor's markup stays text in a feed reader too.
        lines = [newsletter.introduction] if newsletter.introduction else []
        lines += [f"• {item.title}" for item in newsletter.items.all()]
        return xml_text("\n\n".join(lines))

    def item_link(self, newsletter):
        return newsletter.get_absolute_url()

    def item_guid(self, newsletter):
        return f"kernkompas-nieuwsbrief-{newsletter.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, newsletter):
        return newsletter.sent_at

    def item_updateddate(self, newsletter):
        return newsletter.sent_at

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = translation.get_language()
        return feed
