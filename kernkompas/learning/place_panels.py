"""Stedelijk leren's panel on a municipality's or core's page (``LearningConfig.place_panels``): the coming public
sessions of the municipality's programmes, and the intervisions that put one of its cores or areas at the centre
(on a core's page: the intervisions about that core and the sessions of its municipality's programmes). Only
published sessions of public programmes; no panel when there is nothing coming."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core.parts import Panel
from kernkompas.learning.models import Session, SessionKind, SessionStatus
from kernkompas.places.models import Kern

LIMIT = 5


def panels(request, place) -> list[Panel]:
    if isinstance(place, Kern):
        gemeente_id = place.gemeente_id
        about = Q(kern=place) | Q(gebied__kern=place)
    else:
        gemeente_id = place.pk
        about = Q(kern__gemeente=place) | Q(gebied__kern__gemeente=place)
    coming = (
        Session.objects.published()
        .upcoming(timezone.now())
        .filter(status=SessionStatus.GEPUBLICEERD)
        .select_related("programme")
        .order_by("starts_at", "pk")
    )
    # One query for both lists: a place page's query budget grows with every part that shows a panel.
    mine = Q(programme__gemeente_id=gemeente_id, kind=SessionKind.THEMATISCH)
    found = list(coming.filter(mine | (about & Q(kind=SessionKind.INTERVISIE))).distinct()[: 4 * LIMIT])
    sessions = [session for session in found if session.kind == SessionKind.THEMATISCH][:LIMIT]
    intervisions = [session for session in found if session.kind == SessionKind.INTERVISIE][:LIMIT]
    if len(found) == 4 * LIMIT and len(intervisions) < LIMIT:
        # So many coming sessions that intervisions may have been cut off: ask for them on their own.
        intervisions = list(coming.filter(about, kind=SessionKind.INTERVISIE).distinct()[:LIMIT])
    if not sessions and not intervisions:
        return []
    return [
        Panel(
            title=_("Urban learning"),
            template="learning/public/place_panel.html",
            context={"sessions": sessions, "intervisions": intervisions},
            order=50,
            slug="stedelijk-leren",
        )
    ]
