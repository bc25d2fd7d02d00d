"""Addresses of the Binnenstadslab's pages for the panels, the home card and the place pages.

Built with ``reverse()`` in Python, not ``{% url %}`` in the templates, so that a panel never breaks a page: a page
that does not exist (yet) gives ``""`` and the template leaves the link out. Where a page's name or arguments are
not settled, the candidates are tried in order.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def first_url(*candidates: tuple[str, dict]) -> str:
    """The address of the first ``(name, kwargs)`` that exists, or ``""``."""
    for name, kwargs in candidates:
        try:
            return reverse(f"labs:{name}", kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return ""


def index_url() -> str:
    return first_url(("index", {}))


def join_code_url() -> str:
    return first_url(("join_code", {}))


def plans_url() -> str:
    """The plans of the user's municipalities (staff)."""
    return first_url(("plans", {}), ("index", {}))


def public_plans_url() -> str:
    return first_url(("plans_public", {}))


def lab_url(lab) -> str:
    return first_url(("lab", {"pk": lab.pk}))


def lab_new_url(gemeente) -> str:
    """Where a facilitator prepares a new lab (the index when the page has another name)."""
    return first_url(
        ("lab_new", {"gemeente": gemeente.slug}),
        ("lab_new", {}),
        ("lab_create", {}),
        ("index", {}),
    )


def report_url(lab) -> str:
    """The lab's report (public once ``is_report_public``)."""
    return first_url(("report", {"pk": lab.pk}), ("lab_report", {"pk": lab.pk}))


def plan_url(plan) -> str:
    """The plan as its municipality edits it."""
    return first_url(("plan", {"pk": plan.pk}))


def plan_new_url(gemeente) -> str:
    return first_url(
        ("plan_new", {"gemeente": gemeente.slug}),
        ("plan_new", {}),
        ("plan_create", {}),
        ("plans", {}),
        ("index", {}),
    )


def public_plan_url(plan) -> str:
    return first_url(("plan_public", {"pk": plan.pk}))


def area_url(gebied) -> str:
    return first_url(("area", {"gebied_pk": gebied.pk}))
