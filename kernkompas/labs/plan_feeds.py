"""The Atom feed of a published action plan's progress updates (/binnenstadslab/actieplannen/<pk>/voortgang.atom),
newest first. An entry is named by its action and party, never by a person."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kernkompas.labs import public_plans
from kernkompas.labs.models import ActionPlan

FEED_SIZE = 50


class ProgressFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, pk):
        # Only published plans have a feed: a feed reader has no session, and staff read the page itself.
        plan = get_object_or_404(ActionPlan.objects.select_related("gemeente"), pk=pk)
        if not plan.is_published:
            raise Http404
        return plan

    def title(self, plan):
        return _("Progress of the action plan %(plan)s") % {"plan": plan.title}

    def subtitle(self, plan):
        return plan.vision or _("What happens on the actions of the plan, newest first.")

    def link(self, plan):
        return reverse("labs:plan_public", kwargs={"pk": plan.pk})

    def feed_url(self, plan):
        return reverse("labs:plan_feed", kwargs={"pk": plan.pk})

    def items(self, plan):
        return public_plans.latest_updates(plan, FEED_SIZE)

    def item_title(self, update):
        return f"{update.action.title} · {public_plans.update_author(update)}"

    def item_description(self, update):
        status = f" ({_('status')}: {update.get_status_display()})" if update.status else ""
        return update.text + status

    def item_link(self, update):
        return reverse("labs:plan_public", kwargs={"pk": update.action.plan_id}) + f"#actie-{update.action_id}"

    def item_guid(self, update):
        return f"kernkompas-voortgang-{update.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, update):
        return timezone.make_aware(datetime.datetime.combine(update.date, datetime.time(12)))

    def item_updateddate(self, update):
        return update.created_at

    def item_author_name(self, update):
        return public_plans.update_author(update)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = translation.get_language()
        return feed
