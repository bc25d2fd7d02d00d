"""The small world the staff tests share: a programme of Maasdijk (Ellen's), one of Veldrode (Sofie's), a
platform-wide one (the editors'), a draft session in Maasdijk's, an area of Veldrode, and the links to other parts
(a case, two indicators) that the parts registry would give, so that these tests do not depend on the Vitrine or
the Kernmonitor having data. Imported by the test_staff_* modules."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.test import Client
from wagtail.models import Page

from kernkompas.core import parts
from kernkompas.learning.models import Programme, Registration, RegistrationStatus, Session, ThemeFramework
from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind

BRUSSELS = ZoneInfo("Europe/Brussels")
INDICATORS = [("leegstand", "Leegstand (%)", "%", False), ("passanten", "Passanten per dag", "", True)]


def at(year, month, day, hour=14, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def make_world(cast, monkeypatch) -> SimpleNamespace:
    """Call from a module's ``world`` fixture (a fixture imported from another module trips the linter)."""
    case = Page.objects.filter(depth=2).first()
    monkeypatch.setattr(parts, "case_choices", lambda limit=200: [(case.pk, "Leegstand in Tielt", "/vitrine/tielt/")])
    monkeypatch.setattr(parts, "indicator_catalogue", lambda: list(INDICATORS))
    framework = ThemeFramework.objects.get(is_default=True)
    maasdijk = Programme.objects.create(
        title="Leren in Maasdijk", slug="leren-in-maasdijk", gemeente=cast.maasdijk, framework=framework
    )
    veldrode = Programme.objects.create(
        title="Leren in Veldrode", slug="leren-in-veldrode", gemeente=cast.veldrode, framework=framework
    )
    platform = Programme.objects.create(title="Stedelijk leren", slug="stedelijk-leren", framework=framework)
    session = Session.objects.create(
        programme=maasdijk,
        title="Aanpak leegstand",
        slug="aanpak-leegstand",
        starts_at=at(2030, 3, 12, 14),
        ends_at=at(2030, 3, 12, 16),
        meeting_url="https://meet.example.org/leegstand",
    )
    kern = Kern(
        gemeente=cast.veldrode, code="99002_1", name="Veldrode-Centrum", slug="centrum", kind=KernKind.HOOFDKERN
    )
    kern.refresh_derived()
    kern.save()
    station = Gebied.objects.create(
        kern=kern, name="Stationsbuurt", slug="stationsbuurt", kind=GebiedKind.KERNWINKELGEBIED
    )
    return SimpleNamespace(
        **vars(cast),
        cast=cast,
        framework=framework,
        programme=maasdijk,
        other_programme=veldrode,
        platform=platform,
        session=session,
        station=station,
        case=case,
    )


def register(session, name: str, status=RegistrationStatus.INGESCHREVEN) -> Registration:
    number = session.registrations.count() + 1
    return Registration.objects.create(
        session=session,
        name=name,
        email=f"{name.lower()}@example.org",
        status=status,
        arrival=number,
        secret_hash=f"{number:064d}",
    )


def session_data(**changes) -> dict:
    """A valid POST of the session form (thematic, online)."""
    data = {
        "kind": "thematisch",
        "title": "Openbare ruimte die werkt",
        "description": "Wat werkt op pleinen?",
        "starts_at": "2030-04-09T14:00",
        "ends_at": "2030-04-09T15:30",
        "format": "online",
        "location": "",
        "meeting_url": "https://meet.example.org/ruimte",
        "meeting_link_opens_minutes": "30",
        "speakers": "An Peeters\nJoost de Vries",
        "capacity": "40",
        "advice_open": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
