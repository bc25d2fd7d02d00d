"""Stedelijk leren's demo: loaded twice it changes nothing; it has sessions held and sessions to come; the full
session keeps its capacity and a waiting list in arrival order; each programme is run by the people who may run it;
held sessions have materials linked to cases and indicators; and nothing in it is a real person's data."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Page

from kernkompas.accounts import permissions
from kernkompas.accounts.models import User
from kernkompas.core import privacy
from kernkompas.core.personal_data import Person
from kernkompas.learning.demo import data, load_demo
from kernkompas.learning.models import (
    Advice,
    Delivery,
    DigestPreference,
    Material,
    MaterialKind,
    Newsletter,
    NewsletterItem,
    NewsletterStatus,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    SessionKind,
    SessionStatus,
    Subscriber,
    SubscriberStatus,
    SuggestionStatus,
    SuggestionSupport,
    ThemeSuggestion,
)
from kernkompas.site.demo import load_demo_data

MODELS = (
    Programme,
    Session,
    Material,
    Registration,
    Advice,
    ThemeSuggestion,
    SuggestionSupport,
    Subscriber,
    Newsletter,
    NewsletterItem,
    Delivery,
    DigestPreference,
)
#: The morning the demo is told from: the sessions of September to November are held, December's and later to come.
DEMO_TODAY = data.TODAY


@pytest.fixture
def region(db):
    load_demo_data(with_parts=False)


@pytest.fixture
def cases(db):
    """Two of the Vitrine's demo cases, as bare Wagtail pages (the learning part knows cases only as pages)."""
    root = Page.get_first_root_node()
    return [
        root.add_child(instance=Page(title="Een leegstandsmonitor", slug="demo-leegstandsmonitor-bremhout")),
        root.add_child(
            instance=Page(title="Eigenaars rond de tafel", slug="demo-eigenaarstafel-statiestraat-maasdijk")
        ),
    ]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def platform_session(slug: str) -> Session:
    return Session.objects.get(programme__slug=data.PLATFORM_SLUG, slug=slug)


def test_loading_twice_creates_nothing_twice(region):
    first = load_demo()
    assert first.created["learning.Programme"] == 3
    assert first.created["learning.Session"] == 10
    assert first.created["learning.Registration"] > 150
    before = counts()
    rows = list(Registration.objects.order_by("pk").values())

    again = load_demo()

    assert not again.created
    assert counts() == before
    assert list(Registration.objects.order_by("pk").values()) == rows


def test_a_deleted_session_comes_back_with_its_registrations(region):
    load_demo()
    before = counts()
    platform_session(data.BRANDING.slug).delete()

    again = load_demo()

    assert again.created["learning.Session"] == 1
    assert counts() == before


def test_without_the_demo_region_nothing_is_loaded(db):
    assert not load_demo().created
    assert not Programme.objects.exists()


def test_the_sessions_include_held_ones_and_coming_ones(region):
    load_demo()
    with time_machine.travel(DEMO_TODAY, tick=False):
        now = timezone.now()
        public = Session.objects.published()
        held = public.filter(ends_at__lt=now)
        coming = public.upcoming()
        assert held.count() >= 3 and coming.count() >= 3
        # Monthly: one platform session a month, from three months before the demo's month to three after.
        months = [
            s.starts_at.astimezone(data.TZ).month for s in Session.objects.filter(programme__slug="stedelijk-leren")
        ]
        assert months == [9, 10, 11, 12, 1, 2, 3]
        # Attendance is recorded on what was held, never on what is still to come.
        assert Registration.objects.filter(session__in=held, attended=True).exists()
        assert Registration.objects.filter(session__in=held, attended=False).exists()
        assert not Registration.objects.filter(session__in=coming, attended__isnull=False).exists()
        # Nobody registered after "today".
        assert not Registration.objects.filter(created_at__gt=now).exists()
    assert Session.objects.filter(status=SessionStatus.CONCEPT).count() == 2  # in preparation, not shown


def test_the_full_session_respects_its_capacity_and_keeps_the_waiting_list_in_arrival_order(region):
    load_demo()
    session = platform_session(data.BRANDING.slug)
    registrations = session.registrations.all()
    registered = registrations.filter(status=RegistrationStatus.INGESCHREVEN)
    waiting = list(registrations.filter(status=RegistrationStatus.WACHTLIJST).order_by("arrival"))

    assert registered.count() == session.capacity == 40
    assert [r.arrival for r in waiting] == [42, 43, 44, 45, 46]
    assert max(registered.values_list("arrival", flat=True)) < waiting[0].arrival
    assert [r.created_at for r in waiting] == sorted(r.created_at for r in waiting)
    # The one cancellation moved the first of the waiting list up.
    assert registrations.get(status=RegistrationStatus.GEANNULEERD).arrival == 12
    promoted = registered.get(promoted_at__isnull=False)
    cancelled = registrations.get(status=RegistrationStatus.GEANNULEERD)
    assert promoted.arrival == 41 and promoted.confirmed_at < cancelled.cancelled_at == promoted.promoted_at
    assert all(r.confirmed_at < cancelled.cancelled_at for r in waiting)  # they were waiting when it came
    # Bram is second on the waiting list; arrival numbers are the session's counter, without gaps.
    assert waiting[1].user.username == "bram"
    arrivals = sorted(registrations.exclude(arrival=None).values_list("arrival", flat=True))
    assert arrivals == list(range(1, session.arrivals + 1))
    assert registrations.filter(status=RegistrationStatus.WACHT_OP_BEVESTIGING, arrival=None).count() == 1


def test_bram_is_registered_attended_and_waits(region):
    load_demo()
    bram = User.objects.get(username="bram")
    mine = {r.session.slug: r for r in Registration.objects.filter(user=bram).select_related("session")}
    assert mine[data.WONEN_BOVEN_WINKELS.slug].status == RegistrationStatus.INGESCHREVEN
    assert mine[data.LEEGSTAND.slug].attended is True
    assert mine[data.BRANDING.slug].status == RegistrationStatus.WACHTLIJST
    assert mine[data.MARKTPLEIN.slug].attended is True


def test_each_programme_is_run_by_someone_who_may_run_it_and_nothing_of_veldrode_by_maasdijk(region):
    load_demo()
    platform = Programme.objects.get(slug=data.PLATFORM_SLUG)
    assert platform.gemeente is None and platform.is_public and permissions.is_redactie(platform.created_by)

    maasdijk = Programme.objects.get(slug=data.MAASDIJK_SLUG)
    assert maasdijk.gemeente.slug == "maasdijk" and maasdijk.created_by.username == "ellen"
    assert maasdijk.regio.slug == data.REGIO_SLUG

    maasdijk_staff = User.objects.filter(username__in=["ellen", "femke"])
    for programme in Programme.objects.filter(gemeente__slug="veldrode"):
        assert programme.created_by.username == "sofie" and not programme.is_public
        for user in maasdijk_staff:
            assert not permissions.can_manage_gemeente(user, programme.gemeente)
        assert not programme.sessions.filter(created_by__in=maasdijk_staff).exists()
    # Maasdijk's intervisions put its own areas at the centre, never one of Veldrode's.
    for session in maasdijk.sessions.exclude(gebied=None):
        assert session.gebied.kern.gemeente == maasdijk.gemeente
        assert session.created_by.username == "ellen"
    assert not Session.objects.filter(gebied__kern__gemeente__slug="veldrode").exists()


def test_the_intervision_centres_the_marktplein_with_advice(region):
    load_demo()
    session = Session.objects.get(slug=data.MARKTPLEIN.slug)
    assert session.kind == SessionKind.INTERVISIE
    assert (session.gebied.slug, session.kern.slug) == ("marktplein", "centrum")
    assert session.share_dashboard and session.share_plan and session.advice_open
    advice = list(session.advice.all())
    assert len(advice) == 4 and all(a.status == "nieuw" for a in advice)
    assert all(session.starts_at < a.created_at < session.ends_at for a in advice)
    assert {a.author.username for a in advice if a.author} == {"sofie", "bram"}
    draft = Session.objects.get(slug=data.STATIESTRAAT.slug)
    assert draft.status == SessionStatus.CONCEPT and not draft.share_dashboard  # the street is not public


def test_held_sessions_have_materials_linked_to_cases_and_indicators(region, cases):
    load_demo()
    session = platform_session(data.LEEGSTAND.slug)
    assert set(session.cases.values_list("slug", flat=True)) == {page.slug for page in cases}
    assert session.indicator_codes == ["vacancy_rate", "long_vacancy", "structural_vacancy"]
    kinds = set(session.materials.values_list("kind", flat=True))
    assert {MaterialKind.SLIDES, MaterialKind.OPNAME, MaterialKind.VERSLAG, MaterialKind.LEESSTUK} <= kinds
    notes = session.materials.get(kind=MaterialKind.VERSLAG)
    assert list(notes.cases.values_list("slug", flat=True)) == ["demo-eigenaarstafel-statiestraat-maasdijk"]
    assert set(notes.themes.values_list("slug", flat=True)) == {"aanpak-leegstand", "data-monitoring"}
    for held in Session.objects.filter(programme__slug=data.PLATFORM_SLUG, ends_at__lt=DEMO_TODAY):
        assert held.materials.filter(kind=MaterialKind.OPNAME).exists(), held
        assert all(m.published_at > held.ends_at for m in held.materials.filter(timing="achteraf"))
    # A case the Vitrine does not have is left out quietly.
    assert not platform_session(data.BRANDING.slug).cases.exists()


def test_the_sessions_are_realistic(region):
    load_demo()
    for session in Session.objects.exclude(programme__slug=data.VELDRODE_SLUG):
        assert 40 <= session.capacity <= 100
        assert session.themes.exists() and session.description
        if session.format != "locatie":
            assert session.meeting_url.startswith("https://meet.example.org/")
    online = Session.objects.filter(programme__slug=data.PLATFORM_SLUG)
    assert set(online.values_list("format", flat=True)) == {"online"}
    assert all(s.speaker_list() for s in online.filter(status=SessionStatus.GEPUBLICEERD))


def test_suggestions_have_support_and_one_became_a_session(region):
    load_demo()
    brams = ThemeSuggestion.objects.get(author__username="bram")
    assert brams.status == SuggestionStatus.OPEN
    assert set(brams.supports.values_list("user__username", flat=True)) == {"sofie", "ellen", "femke"}
    planned = ThemeSuggestion.objects.get(status=SuggestionStatus.GEPLAND)
    assert planned.session.slug == data.WONEN_BOVEN_WINKELS.slug and planned.decision_note
    assert ThemeSuggestion.objects.filter(status=SuggestionStatus.AFGEWEZEN).exclude(decision_note="").exists()


def test_the_newsletter_archive_has_one_sent_issue_and_one_draft(region):
    load_demo()
    sent = Newsletter.objects.get(status=NewsletterStatus.VERZONDEN)
    draft = Newsletter.objects.get(status=NewsletterStatus.CONCEPT)
    assert sent.sent_at and sent.test_sent_at < sent.send_started_at <= sent.sent_at
    assert draft.sent_at is None and not draft.deliveries.exists() and draft.items.exists()
    # Everyone confirmed before the send got one delivery, marked sent; later subscribers none.
    deliveries = sent.deliveries.all()
    assert deliveries.count() == Subscriber.objects.filter(confirmed_at__lt=sent.send_started_at).count() == 11
    assert not deliveries.filter(sent_at=None).exists()
    assert not deliveries.filter(subscriber__confirmed_at=None).exists()
    # Items point at sessions of the programme and at recordings.
    kinds = set(sent.items.values_list("kind", flat=True))
    assert {"session", "recording"} <= kinds
    assert (
        sent.items.get(kind="session", order=2).url
        == "/leren/programma/stedelijk-leren/openbare-ruimte-ontharden-en-verblijven/"
    )
    assert Subscriber.objects.filter(status=SubscriberStatus.WACHT_OP_BEVESTIGING, confirmed_at=None).count() == 1
    assert Subscriber.objects.get(status=SubscriberStatus.AFGEMELD).unsubscribed_at > sent.sent_at


def test_bram_gets_a_weekly_digest_on_his_themes_and_place(region):
    load_demo()
    digest = DigestPreference.objects.get(user__username="bram")
    assert digest.frequency == "wekelijks"
    assert set(digest.themes.values_list("slug", flat=True)) == {"aanpak-leegstand", "branding"}
    assert [k.slug for k in digest.kernen.all()] == ["centrum"]


def test_nothing_personal_but_fictional(region):
    load_demo()
    addresses = [
        *Registration.objects.values_list("email", flat=True),
        *Subscriber.objects.values_list("email", flat=True),
    ]
    for address in addresses:
        assert address.endswith(".example.org") or address.endswith(".invalid"), address
    for url in Material.objects.exclude(url="").values_list("url", flat=True):
        assert ".example.org/" in url, url
    guests = Registration.objects.filter(user=None)
    assert guests.exists() and all("fictief" in g.organisation for g in guests)


def test_a_guest_can_be_exported_and_erased(region):
    load_demo()
    guest = Registration.objects.filter(user=None).order_by("pk").first()
    exported = privacy.export(Person(email=guest.email))
    assert any(rows for label, rows in exported.items() if "egistration" in label or "nschrijving" in label)
    privacy.erase(Person(email=guest.email))
    assert not Registration.objects.filter(email=guest.email).exists()


def test_registration_times_lie_before_the_session(region):
    load_demo()
    for registration in Registration.objects.select_related("session"):
        assert registration.created_at < registration.session.starts_at - timedelta(hours=12)
