"""Hostile data, seen as an attacker and a careless municipality: markup, template syntax, line breaks that try to
write calendar lines, spreadsheet formulas, huge fields, forged and borrowed links, huge ids, and floods of public
forms. Every page, e-mail, calendar, download and feed keeps the text as text; nothing answers 500."""

from __future__ import annotations

import csv
import io

import feedparser
import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kernkompas.learning import tokens
from kernkompas.learning.models import (
    Advice,
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
    ThemeFramework,
    ThemeSuggestion,
)
from kernkompas.learning.tests.test_staff_fixtures import at, client_for
from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ request.user.password }}{% debug %}"
RTL = "Jan \u202egnp.exe"
HOSTILE = f"{SCRIPT}{IMG}{TEMPLATE}"
INJECTED_EVENT = "Sessie\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Nep\r\nUID:nep@x\r\nDTSTART:20300101T000000Z"
FORMULAS = ['=HYPERLINK("http://x")', "+31 6 1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1"]
HUGE = "x" * 1_000_000


def assert_escaped(html: str) -> None:
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


def maasdijk_area(cast) -> Gebied:
    """An area of Maasdijk: an intervision is about one (without it the intervision page does not exist)."""
    kern = Kern(
        gemeente=cast.maasdijk, code="99001_77", name="Maasdijk-Haven", slug="haven-aanval", kind=KernKind.HOOFDKERN
    )
    kern.refresh_derived()
    kern.save()
    return Gebied.objects.create(kern=kern, name="Marktplein", slug="marktplein", kind=GebiedKind.KERNWINKELGEBIED)


@pytest.fixture
def world(cast):
    framework = ThemeFramework.objects.get(is_default=True)
    programme = Programme.objects.create(
        title=f"Programma {HOSTILE}", slug="programma", gemeente=cast.maasdijk, framework=framework
    )
    session = Session.objects.create(
        programme=programme,
        title=f"{INJECTED_EVENT} {SCRIPT}",
        slug="sessie",
        description=HOSTILE,
        location=INJECTED_EVENT,
        speakers=f"{IMG}\n{RTL}",
        starts_at=at(2030, 3, 12, 14),
        ends_at=at(2030, 3, 12, 16),
        status=SessionStatus.GEPUBLICEERD,
        published_at=timezone.now(),
    )
    other = Session.objects.create(
        programme=programme,
        title="Andere sessie",
        slug="andere",
        starts_at=at(2030, 4, 12, 14),
        ends_at=at(2030, 4, 12, 16),
        status=SessionStatus.GEPUBLICEERD,
        published_at=timezone.now(),
    )
    return cast, programme, session, other


def registration_with_secret(session, name, arrival) -> tuple[Registration, str]:
    secret, secret_hash = tokens.new_secret()
    registration = Registration.objects.create(
        session=session,
        name=name,
        email=f"p{arrival}@example.org",
        organisation=HOSTILE,
        status=RegistrationStatus.INGESCHREVEN,
        arrival=arrival,
        secret_hash=secret_hash,
    )
    return registration, secret


# --- Calendars ---------------------------------------------------------------------------------------------------


def events_in(content: bytes) -> list:
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def test_a_title_with_line_breaks_does_not_add_an_event_to_a_calendar(world):
    _cast, programme, session, _other = world
    anonymous = client_for(None)
    events = events_in(anonymous.get(reverse("learning:session_ics", args=[programme.slug, session.slug])).content)
    assert len(events) == 1
    assert "Nep" not in [str(event.get("SUMMARY")) for event in events]
    assert str(events[0]["UID"]) != "nep@x"
    programme_events = events_in(anonymous.get(reverse("learning:programme_ics", args=[programme.slug])).content)
    assert len(programme_events) == 2


# --- Pages -------------------------------------------------------------------------------------------------------


def test_pages_show_hostile_text_escaped(world):
    cast, programme, session, _other = world
    anonymous = client_for(None)
    for url in (
        reverse("learning:index"),
        reverse("learning:programme", args=[programme.slug]),
        reverse("learning:session", args=[programme.slug, session.slug]),
    ):
        response = anonymous.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert_escaped(html)
        assert "&lt;script&gt;" in html
    # Template syntax in a description is shown as typed, never evaluated.
    assert TEMPLATE in html


def test_the_attendance_page_and_csv_keep_names_as_text(world):
    cast, _programme, session, _other = world
    for number, name in enumerate([*FORMULAS, HOSTILE, RTL], start=1):
        registration_with_secret(session, name, number)
    ellen = client_for(cast.ellen)
    response = ellen.get(reverse("learning:attendance", args=[session.pk]))
    assert response.status_code == 200
    assert_escaped(response.content.decode())
    response = ellen.get(reverse("learning:attendance", args=[session.pk]) + "?formaat=csv")
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert len(rows) == 1 + len(FORMULAS) + 2
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_suggestions_and_advice_are_shown_escaped(world):
    cast, programme, _session, _other = world
    ThemeSuggestion.objects.create(title=SCRIPT, description=HOSTILE, programme=programme, author=cast.bram)
    intervision = Session.objects.create(
        programme=programme,
        kind=SessionKind.INTERVISIE,
        gebied=maasdijk_area(cast),
        title="Intervisie",
        slug="intervisie",
        starts_at=at(2030, 5, 12, 14),
        ends_at=at(2030, 5, 12, 16),
        status=SessionStatus.GEPUBLICEERD,
        published_at=timezone.now(),
    )
    Advice.objects.create(session=intervision, author_name=SCRIPT, organisation=IMG, text=HOSTILE)
    html = client_for(cast.bram).get(reverse("learning:suggestions")).content.decode()
    assert_escaped(html)
    ellen = client_for(cast.ellen)
    for url in (
        reverse("learning:intervision", args=[programme.slug, intervision.slug]),
        reverse("learning:advice_manage", args=[intervision.pk]),
        reverse("learning:suggestions_manage"),
    ):
        response = ellen.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode())


# --- E-mail ------------------------------------------------------------------------------------------------------


def html_parts(message) -> list[str]:
    return [content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"]


def test_a_guest_registration_mail_escapes_the_name(world, django_capture_on_commit_callbacks):
    _cast, programme, session, _other = world
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(
            reverse("learning:register", args=[programme.slug, session.slug]),
            {"name": HOSTILE[:100], "email": "gast@example.org", "organisation": IMG},
        )
    assert response.status_code in (200, 302)
    assert mail.outbox
    for message in mail.outbox:
        assert "\n" not in message.subject
        for html in html_parts(message):
            assert_escaped(html)


def test_a_newsletter_with_hostile_text_is_escaped_in_page_mail_and_feed(cast, django_capture_on_commit_callbacks):
    newsletter = Newsletter.objects.create(
        title=f"Nieuws {SCRIPT} & <b>", slug="nieuws", introduction=HOSTILE, created_by=cast.eva
    )
    NewsletterItem.objects.create(newsletter=newsletter, kind="link", title=IMG, summary=SCRIPT, url="https://x.org")
    eva = client_for(cast.eva)
    response = eva.get(reverse("learning:newsletter_preview", args=[newsletter.pk]))
    assert response.status_code == 200
    assert_escaped(response.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        eva.post(reverse("learning:newsletter_test", args=[newsletter.pk]), {"to": "eva@example.org"})
    assert mail.outbox
    for html in html_parts(mail.outbox[-1]):
        assert_escaped(html)
    Newsletter.objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.VERZONDEN, sent_at=timezone.now())
    anonymous = client_for(None)
    assert_escaped(anonymous.get(reverse("learning:newsletter", args=[newsletter.slug])).content.decode())
    feed = feedparser.parse(anonymous.get(reverse("learning:newsletter_feed")).content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == [newsletter.title]


# --- Sizes -------------------------------------------------------------------------------------------------------


def test_a_megabyte_field_is_refused_without_saving(world):
    cast, programme, session, _other = world
    before = Registration.objects.count(), ThemeSuggestion.objects.count(), Subscriber.objects.count()
    anonymous = client_for(None)
    response = anonymous.post(
        reverse("learning:register", args=[programme.slug, session.slug]),
        {"name": HUGE, "email": "gast@example.org", "organisation": HUGE},
    )
    assert response.status_code == 400
    response = anonymous.post(reverse("learning:newsletter_signup"), {"email": "a@example.org", "name": HUGE})
    assert response.status_code in (200, 400)
    response = client_for(cast.bram).post(
        reverse("learning:suggestions"), {"title": HUGE, "description": HUGE, "programme": programme.pk}
    )
    assert response.status_code in (200, 400)
    assert (Registration.objects.count(), ThemeSuggestion.objects.count(), Subscriber.objects.count()) == before


# --- Links and ids -----------------------------------------------------------------------------------------------


def test_a_registration_link_opens_only_its_own_registration(world):
    _cast, _programme, session, other = world
    mine, my_secret = registration_with_secret(session, "Ik", 1)
    theirs, their_secret = registration_with_secret(other, "Zij", 1)
    anonymous = client_for(None)
    assert anonymous.get(reverse("learning:registration", args=[mine.pk, my_secret])).status_code == 200
    for pk, secret in ((theirs.pk, my_secret), (mine.pk, their_secret), (mine.pk, "x"), (mine.pk, my_secret + "x")):
        assert anonymous.get(reverse("learning:registration", args=[pk, secret])).status_code == 404
        response = anonymous.post(reverse("learning:registration", args=[pk, secret]), {"annuleren": "1"})
        assert response.status_code == 404
    assert set(Registration.objects.values_list("status", flat=True)) == {RegistrationStatus.INGESCHREVEN}


def test_someone_elses_unsubscribe_and_confirm_tokens_are_refused(cast):
    one = Subscriber.objects.create(email="een@example.org", status="actief")
    two = Subscriber.objects.create(email="twee@example.org", status="onbevestigd")
    anonymous = client_for(None)
    url = reverse("learning:unsubscribe", args=[two.pk, tokens.unsubscribe_token(one)])
    assert anonymous.post(url).status_code == 404
    forged = tokens.confirm_token(one).replace(str(one.pk), str(two.pk), 1)
    assert anonymous.get(reverse("learning:newsletter_confirm", args=[forged])).status_code in (400, 404)
    two.refresh_from_db()
    assert two.status == "onbevestigd"


HUGE_ID = 10**30


@pytest.mark.parametrize(
    "url",
    [
        f"/leren/thema/{HUGE_ID}/",
        f"/leren/thema/{HUGE_ID}/agenda.ics",
        f"/leren/inschrijving/{HUGE_ID}/geheim/",
        f"/leren/beheer/sessie/{HUGE_ID}/",
        f"/leren/beheer/sessie/{HUGE_ID}/deelnemers/",
        f"/leren/beheer/sessie/{HUGE_ID}/advies/",
        f"/leren/beheer/programma/{HUGE_ID}/",
        f"/leren/beheer/voorstellen/{HUGE_ID}/plannen/",
        f"/leren/beheer/nieuwsbrieven/{HUGE_ID}/",
        f"/leren/nieuwsbrief/afmelden/{HUGE_ID}/token/",
        f"/leren/mijn/overzicht/uit/{HUGE_ID}/token/",
        f"/beheer/leren/sessies/edit/{HUGE_ID}/",
        "/leren/thema/-1/",
        "/leren/beheer/sessie/-1/",
    ],
)
def test_huge_and_negative_ids_answer_404(cast, url):
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 404 or (
        anonymous.status_code == 302 and any(word in anonymous["Location"] for word in ("inloggen", "login"))
    ), url
    assert client_for(cast.anton).get(url).status_code == 404, url


# --- Rate limits -------------------------------------------------------------------------------------------------


def assert_limited(response) -> None:
    assert response.status_code == 429
    html = response.content.decode()
    assert "<html" in html and 'lang="nl"' in html
    assert "Te veel" in html or "te veel" in html


LIMIT = 2


@pytest.fixture
def low_limits(settings):
    names = ("learning_register", "newsletter_subscribe", "learning_suggestion", "learning_advice", "learning_support")
    settings.RATELIMITS = {**settings.RATELIMITS, **{name: (LIMIT, 3600) for name in names}}


def test_guest_registration_is_rate_limited(world, low_limits):
    _cast, programme, session, _other = world
    anonymous = client_for(None)
    url = reverse("learning:register", args=[programme.slug, session.slug])
    for number in range(LIMIT):
        anonymous.post(url, {"name": "Gast", "email": f"g{number}@example.org"})
    count = Registration.objects.count()
    assert_limited(anonymous.post(url, {"name": "Gast", "email": "laatste@example.org"}))
    assert Registration.objects.count() == count


def test_newsletter_sign_up_is_rate_limited(cast, low_limits):
    anonymous = client_for(None)
    url = reverse("learning:newsletter_signup")
    for number in range(LIMIT):
        anonymous.post(url, {"email": f"s{number}@example.org"})
    count = Subscriber.objects.count()
    assert_limited(anonymous.post(url, {"email": "laatste@example.org"}))
    assert Subscriber.objects.count() == count


def test_suggestions_are_rate_limited(world, low_limits):
    cast, programme, _session, _other = world
    bram = client_for(cast.bram)
    url = reverse("learning:suggestions")
    for number in range(LIMIT):
        bram.post(url, {"title": f"Thema {number}", "description": "", "programme": programme.pk})
    count = ThemeSuggestion.objects.count()
    assert_limited(bram.post(url, {"title": "Laatste", "description": "", "programme": programme.pk}))
    assert ThemeSuggestion.objects.count() == count


def test_advice_is_rate_limited(world, low_limits):
    cast, programme, _session, _other = world
    intervision = Session.objects.create(
        programme=programme,
        kind=SessionKind.INTERVISIE,
        gebied=maasdijk_area(cast),
        title="Intervisie",
        slug="intervisie",
        starts_at=at(2030, 5, 12, 14),
        ends_at=at(2030, 5, 12, 16),
        status=SessionStatus.GEPUBLICEERD,
        published_at=timezone.now(),
    )
    ellen = client_for(cast.ellen)
    url = reverse("learning:intervision", args=[programme.slug, intervision.slug])
    for number in range(LIMIT):
        ellen.post(url, {"author_name": "Ellen", "organisation": "", "text": f"Advies {number}"})
    count = Advice.objects.count()
    assert_limited(ellen.post(url, {"author_name": "Ellen", "organisation": "", "text": "Laatste"}))
    assert Advice.objects.count() == count


def test_attendance_with_garbage_or_huge_ids_changes_nothing(world):
    cast, _programme, session, other = world
    mine, _secret = registration_with_secret(session, "Ik", 1)
    theirs, _secret = registration_with_secret(other, "Zij", 1)
    Session.objects.filter(pk=session.pk).update(starts_at=at(2020, 1, 1, 14), ends_at=at(2020, 1, 1, 16))
    ellen = client_for(cast.ellen)
    url = reverse("learning:attendance", args=[session.pk])
    for present in (["abc"], [str(10**30)], ["-5"], [str(theirs.pk)]):
        response = ellen.post(url, {"aanwezig": present})
        assert response.status_code == 302, present
    theirs.refresh_from_db()
    assert theirs.attended is None  # another session's registration is never touched


def test_someone_elses_digest_switch_off_token_is_refused(cast):
    from kernkompas.learning import digest
    from kernkompas.learning.models import DigestPreference

    ellens = DigestPreference.objects.create(user=cast.ellen, frequency="wekelijks")
    brams = DigestPreference.objects.create(user=cast.bram, frequency="wekelijks")
    response = client_for(None).post(reverse("learning:digest_off", args=[ellens.pk, digest.off_token(brams)]))
    assert response.status_code == 404
    ellens.refresh_from_db()
    assert ellens.frequency == "wekelijks"


def test_a_newsletter_link_must_be_a_web_address(cast):
    newsletter = Newsletter.objects.create(title="Concept", slug="concept", created_by=cast.eva)
    eva = client_for(cast.eva)
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x"):
        eva.post(reverse("learning:newsletter_link_add", args=[newsletter.pk]), {"title": "Klik", "url": url})
    assert not newsletter.items.exists()


def test_a_suggestion_of_another_municipality_is_not_prefilled(world):
    cast, programme, _session, _other = world
    Programme.objects.filter(pk=programme.pk).update(is_public=False)
    secret = ThemeSuggestion.objects.create(title="Geheim plan", programme=programme, author=cast.ellen)
    veldrode = Programme.objects.create(
        title="Veldrode", slug="veldrode", gemeente=cast.veldrode, framework=programme.framework
    )
    response = client_for(cast.sofie).get(
        reverse("learning:session_new", args=[veldrode.pk]) + f"?voorstel={secret.pk}"
    )
    assert response.status_code == 200
    assert "Geheim plan" not in response.content.decode()


@pytest.mark.parametrize("value", ["abc", str(10**30), "-1", ""])
def test_advice_decisions_on_tampered_ids_answer_404(world, value):
    cast, programme, _session, _other = world
    intervision = Session.objects.create(
        programme=programme,
        kind=SessionKind.INTERVISIE,
        gebied=maasdijk_area(cast),
        title="Intervisie",
        slug="intervisie",
        starts_at=at(2030, 5, 12, 14),
        ends_at=at(2030, 5, 12, 16),
        status=SessionStatus.GEPUBLICEERD,
    )
    url = reverse("learning:advice_manage", args=[intervision.pk])
    response = client_for(cast.ellen).post(url, {"advies": value, "besluit": "terzijde"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query", ["thema=abc", f"thema={10**30}", f"programma={10**30}", "vorm=<script>", "thema=-1&programma=x"]
)
def test_tampered_filters_on_the_index_do_not_break_it(world, query):
    response = client_for(None).get(reverse("learning:index") + "?" + query)
    assert response.status_code in (200, 400)
    assert_escaped(response.content.decode())


def test_a_cancellation_mail_with_a_hostile_title_is_escaped(world, django_capture_on_commit_callbacks):
    cast, _programme, session, _other = world
    registration_with_secret(session, HOSTILE[:100], 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.ellen).post(reverse("learning:session_cancel", args=[session.pk]))
    assert response.status_code == 302
    assert mail.outbox
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        for html in html_parts(message):
            assert_escaped(html)


def test_a_megabyte_of_advice_is_refused_without_saving(world):
    cast, programme, _session, _other = world
    intervision = Session.objects.create(
        programme=programme,
        kind=SessionKind.INTERVISIE,
        gebied=maasdijk_area(cast),
        title="Intervisie",
        slug="intervisie",
        starts_at=at(2030, 5, 12, 14),
        ends_at=at(2030, 5, 12, 16),
        status=SessionStatus.GEPUBLICEERD,
    )
    url = reverse("learning:intervision", args=[programme.slug, intervision.slug])
    response = client_for(cast.ellen).post(url, {"author_name": HUGE, "organisation": HUGE, "text": HUGE})
    assert response.status_code in (200, 400)
    assert not Advice.objects.exists()


def test_control_characters_do_not_break_the_feed(cast):
    """A title pasted from a word processor can hold a vertical tab or a form feed, which XML 1.0 forbids."""
    eva = client_for(cast.eva)
    eva.post(reverse("learning:newsletter_new"), {"title": "Nieuws\x0bvan\x0cmaart\x1b", "introduction": "Hallo\x0b"})
    newsletter = Newsletter.objects.get()
    Newsletter.objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.VERZONDEN, sent_at=timezone.now())
    response = client_for(None).get(reverse("learning:newsletter_feed"))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 1
