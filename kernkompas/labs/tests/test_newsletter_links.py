"""What the Binnenstadslab tells Stedelijk leren's newsletter (``parts.recent_plans``): the action plans made public
since the last issue and public still, newest first; never a plan that is not public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kernkompas.core import parts
from kernkompas.labs.models import ActionPlan

pytestmark = pytest.mark.django_db


def _plan(cast, title, *, published_at=None, vision=""):
    return ActionPlan.objects.create(
        gemeente=cast.maasdijk,
        title=title,
        vision=vision,
        is_published=published_at is not None,
        published_at=published_at,
    )


def test_it_gives_the_plans_made_public_since_a_moment_newest_first(cast):
    now = timezone.now()
    _plan(cast, "Oud plan", published_at=now - dt.timedelta(days=200))
    newer = _plan(cast, "Levendig centrum", published_at=now - dt.timedelta(days=3), vision="Een plek om te blijven.")
    newest = _plan(cast, "Marktplein 2030", published_at=now - dt.timedelta(days=1))
    _plan(cast, "Nog geheim")
    found = parts.recent_plans(now - dt.timedelta(days=90), 10)
    assert [p.key for p in found] == [f"plan:{newest.pk}", f"plan:{newer.pk}"]
    assert found[1].url == reverse("labs:plan_public", kwargs={"pk": newer.pk})
    assert found[1].summary == "Maasdijk: Een plek om te blijven."


def test_a_plan_taken_back_from_the_public_is_not_announced(cast):
    plan = _plan(cast, "Teruggetrokken", published_at=timezone.now())
    ActionPlan.objects.filter(pk=plan.pk).update(is_published=False)
    assert parts.recent_plans(None, 10) == []
