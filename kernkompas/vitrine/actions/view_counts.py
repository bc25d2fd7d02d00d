"""Counting the views of a published case."""

from __future__ import annotations

from django.db.models import F

from kernkompas.vitrine.models import CasePage


def record_view(page: CasePage) -> None:
    """Count one view of a published case: no cookie, no personal data, no race (F() in the database)."""
    CasePage.objects.filter(pk=page.pk).update(view_count=F("view_count") + 1)
