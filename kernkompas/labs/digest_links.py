"""The Binnenstadslab's section in a member's personal digest (the registry's ``digest_sections``; learning never
imports this module): action plans first published in the digest's window in her places — plans of her
municipalities, and of her cores or of their municipality as a whole."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kernkompas.core.parts import DigestItem, DigestPlaces, DigestSection
from kernkompas.labs.public_plans import published_plans
from kernkompas.places.models import Kern

MAX_PLANS = 20


def digest_sections(user, since, until, places: DigestPlaces) -> list[DigestSection]:
    where = _in_places(places)
    if where is None:
        return []
    plans = (
        published_plans()
        .filter(where, published_at__gt=since, published_at__lte=until)
        .order_by("-published_at", "pk")[:MAX_PLANS]
    )
    items = tuple(DigestItem(plan.title, reverse("labs:plan_public", args=[plan.pk]), _summary(plan)) for plan in plans)
    return [DigestSection(_("Newly published action plans in your places"), items, order=30, slug="plans")]


def _in_places(places: DigestPlaces) -> Q | None:
    kern_gemeenten = Kern.objects.filter(pk__in=places.kern_ids).values_list("gemeente_id", flat=True)
    if not places.gemeente_ids and not places.kern_ids:
        return None
    return (
        Q(gemeente__in=places.gemeente_ids)
        | Q(kern__in=places.kern_ids)
        | Q(gemeente__in=list(kern_gemeenten), kern__isnull=True)
    )


def _summary(plan) -> str:
    place = plan.kern.name if plan.kern_id else plan.gemeente.name_nl
    return f"{place} · {plan.vision}" if plan.vision else place
