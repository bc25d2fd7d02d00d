"""Addresses of the Binnenstadslab's pages for the panels, the home card and the place pages (the site and the
workspace link here without knowing the part's URL names)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse


def index_url() -> str:
    return reverse("labs:index")


def join_code_url() -> str:
    return reverse("labs:join_code")


def plans_url() -> str:
    """The plans of the user's municipalities (staff)."""
    return reverse("labs:plans")


def public_plans_url() -> str:
    return reverse("labs:plans_public")


def lab_url(lab) -> str:
    return reverse("labs:lab", kwargs={"pk": lab.pk})


def lab_new_url(gemeente) -> str:
    """Where a facilitator prepares a new lab."""
    return reverse("labs:lab_new")


def report_url(lab) -> str:
    """The lab's report (public once ``is_report_public``)."""
    return reverse("labs:report", kwargs={"pk": lab.pk})


def plan_url(plan) -> str:
    """The plan as its municipality edits it."""
    return reverse("labs:plan", kwargs={"pk": plan.pk})


def plan_new_url(gemeente) -> str:
    """A new plan, for this municipality."""
    return f"{reverse('labs:plan_new')}?{urlencode({'gemeente': gemeente.pk})}"


def public_plan_url(plan) -> str:
    return reverse("labs:plan_public", kwargs={"pk": plan.pk})


def area_url(gebied) -> str:
    return reverse("labs:area", kwargs={"gebied_pk": gebied.pk})
