"""The editors assemble an issue: title and introduction (plain text), items picked from the suggestions since the
last issue (sessions, recordings; cases and plans come through the registry), a free link (http/https only), their
order; a preview that is the e-mail's own HTML, a test send, then sending (confirm first; a sent issue cannot be
changed or sent again). Only editors and administrators; everyone else gets 404. The archive and its feed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.utils import timezone

from kernkompas.core import parts
from kernkompas.learning import newsletter_sources, sending
from kernkompas.learning.actions import newsletter as actions
from kernkompas.learning.models import (
    Delivery,
    ItemKind,
    Material,
    MaterialKind,
    Newsletter,
    NewsletterItem,
    NewsletterStatus,
    Programme,
    Session,
    SessionStatus,
    Subscriber,
    SubscriberStatus,
)

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><b>vet</b>'
BASE = "/leren/beheer/nieuwsbrieven/"


@pytest.fixture(autouse=True)
def _no_thread(monkeypatch):
    """The send button starts a thread in the web process; the tests send themselves, in this transaction."""
    monkeypatch.setattr(sending, "send_in_background", lambda: None)


@pytest.fixture(autouse=True)
def _session_pages(monkeypatch):
    """A session's page belongs to the public programme's pages (another piece): its address as the contract says."""
    monkeypatch.setattr(Session, "get_absolute_url", lambda s: f"/leren/programma/{s.programme.slug}/{s.slug}/")


def _programme(*, public=True):
    return Programme.objects.create(title="Vitale kernen", slug=f"vitale-kernen-{public}", is_public=public)


def _session(programme, title, *, days=10, status=SessionStatus.GEPUBLICEERD):
    start = timezone.now() + dt.timedelta(days=days)
    return Session.objects.create(
        programme=programme,
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=status,
        description="Een online sessie over leegstand.",
    )


def _newsletter(cast, title="Stedelijk leren — zomer", introduction="Welkom."):
    return actions.create_newsletter(cast.eva, title=title, introduction=introduction)


# --- Who may --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("bezoeker", False),
        ("lid", False),
        ("gemeente", False),
        ("gemeente_andere", False),
        ("begeleider", False),
        ("redactie", True),
        ("beheerder", True),
    ],
)
def test_only_editors_and_administrators_assemble_and_send(client, cast, role, allowed):
    newsletter = _newsletter(cast)
    user = cast.by_role()[role]
    if user:
        client.force_login(user)
    pages = ["", "nieuw/", f"{newsletter.pk}/", f"{newsletter.pk}/voorbeeld/", f"{newsletter.pk}/testen/"]
    pages += [f"{newsletter.pk}/verzenden/"]
    for page in pages:
        response = client.get(BASE + page)
        if allowed:
            assert response.status_code == 200, page
        elif user is None:
            assert response.status_code == 302 and "next=" in response["Location"], page
        else:
            assert response.status_code == 404, page
    sent = client.post(f"{BASE}{newsletter.pk}/verzenden/")
    newsletter.refresh_from_db()
    assert (newsletter.status == NewsletterStatus.VERZENDEN) is allowed
    assert sent.status_code in ((302,) if allowed else (302, 404))


def test_the_operations_refuse_anyone_but_an_editor(cast):
    from django.core.exceptions import PermissionDenied

    for user in (cast.bram, cast.ellen, cast.femke):
        with pytest.raises(PermissionDenied):
            actions.create_newsletter(user, title="Niet van mij")
    assert not Newsletter.objects.exists()


# --- Assembling -------------------------------------------------------------------------------------------------


def test_an_editor_creates_a_newsletter_and_changes_its_title_and_introduction(client, cast):
    client.force_login(cast.eva)
    response = client.post(BASE + "nieuw/", {"title": "Herfst 2026", "introduction": "Eerste alinea.\n\nTweede."})
    newsletter = Newsletter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{newsletter.pk}/"
    assert (newsletter.slug, newsletter.status, newsletter.created_by) == ("herfst-2026", "concept", cast.eva)
    client.post(f"{BASE}{newsletter.pk}/", {"title": "Herfst 2026, extra", "introduction": "Anders."})
    newsletter.refresh_from_db()
    assert (newsletter.title, newsletter.slug, newsletter.introduction) == (
        "Herfst 2026, extra",
        "herfst-2026-extra",
        "Anders.",
    )


def test_an_empty_title_is_refused_and_nothing_is_saved(client, cast):
    client.force_login(cast.eva)
    response = client.post(BASE + "nieuw/", {"title": "  ", "introduction": "x"})
    assert response.status_code == 400
    assert "Geef de nieuwsbrief een titel." in response.content.decode()
    assert not Newsletter.objects.exists()


def test_a_slug_never_takes_an_address_of_the_archive(cast):
    assert actions.create_newsletter(cast.eva, title="Feed").slug == "nieuwsbrief-feed"
    assert actions.create_newsletter(cast.eva, title="Feed").slug == "nieuwsbrief-feed-2"


def test_the_suggestions_are_coming_public_sessions_and_recordings_since_the_last_issue(client, cast, monkeypatch):
    public, private = _programme(), _programme(public=False)
    coming = _session(public, "Aanpak leegstand")
    _session(public, "Voorbij", days=-30)
    _session(public, "Nog een concept", status=SessionStatus.CONCEPT)
    _session(private, "Intern overleg")
    held = _session(public, "Branding", days=-5)
    recording = Material.objects.create(
        session=held, kind=MaterialKind.OPNAME, title="Opname branding", url="https://video.example/1"
    )
    Material.objects.create(session=held, kind=MaterialKind.OPNAME, title="Alleen deelnemers", is_public=False)
    Material.objects.create(session=held, kind=MaterialKind.SLIDES, title="Slides", url="https://x.example/s")
    monkeypatch.setattr(
        parts,
        "recent_cases",
        lambda since, limit: [
            parts.Publication("case:7", "Pop-ups in Tongeren", "Leegstand", "/vitrine/tongeren/", timezone.now())
        ],
    )
    monkeypatch.setattr(parts, "recent_plans", lambda since, limit: [])
    newsletter = _newsletter(cast)
    groups = {group.kind: group for group in newsletter_sources.suggestions(newsletter)}
    assert [s.key for s in groups[ItemKind.SESSION].suggestions] == [f"session:{coming.pk}"]
    assert [s.key for s in groups[ItemKind.RECORDING].suggestions] == [f"recording:{recording.pk}"]
    assert groups[ItemKind.RECORDING].suggestions[0].url == "https://video.example/1"
    assert [s.key for s in groups[ItemKind.CASE].suggestions] == ["case:7"]
    assert groups[ItemKind.PLAN].suggestions == []

    client.force_login(cast.eva)
    page = client.get(f"{BASE}{newsletter.pk}/").content.decode()
    assert "Aanpak leegstand" in page and "Pop-ups in Tongeren" in page and "Intern overleg" not in page


def test_only_what_is_new_since_the_last_sent_issue_is_suggested(cast, monkeypatch):
    asked = []
    monkeypatch.setattr(parts, "recent_cases", lambda since, limit: asked.append(since) or [])
    held = _session(_programme(), "Branding", days=-5)
    old = Material.objects.create(session=held, kind=MaterialKind.OPNAME, title="Oud", url="https://v.example/o")
    Material.objects.filter(pk=old.pk).update(published_at=timezone.now() - dt.timedelta(days=100))
    last = timezone.now() - dt.timedelta(days=50)
    Newsletter.objects.create(title="Vorige", slug="vorige", status=NewsletterStatus.VERZONDEN, sent_at=last)
    newsletter = _newsletter(cast)
    groups = {group.kind: group for group in newsletter_sources.suggestions(newsletter)}
    assert asked == [last]
    assert groups[ItemKind.RECORDING].suggestions == []


def test_an_item_is_a_copy_that_stays_as_it_was_sent(client, cast):
    session = _session(_programme(), "Aanpak leegstand")
    newsletter = _newsletter(cast)
    client.force_login(cast.eva)
    client.post(f"{BASE}{newsletter.pk}/item/", {"bron": f"session:{session.pk}"})
    client.post(f"{BASE}{newsletter.pk}/item/", {"bron": f"session:{session.pk}"})  # twice adds it once
    [item] = newsletter.items.all()
    assert (item.kind, item.title, item.url) == (ItemKind.SESSION, "Aanpak leegstand", session.get_absolute_url())
    Session.objects.filter(pk=session.pk).update(title="Nieuwe titel")
    item.refresh_from_db()
    assert item.title == "Aanpak leegstand"


def test_a_forged_suggestion_key_adds_nothing(client, cast):
    private = _session(_programme(public=False), "Intern overleg")
    newsletter = _newsletter(cast)
    client.force_login(cast.eva)
    for key in (f"session:{private.pk}", "session:99999", "rommel", "case:1"):
        client.post(f"{BASE}{newsletter.pk}/item/", {"bron": key})
    assert not newsletter.items.exists()


def test_a_free_link_must_be_http_or_https(client, cast):
    newsletter = _newsletter(cast)
    client.force_login(cast.eva)
    for url in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "ftp://x.example/", "//x.example/"):
        response = client.post(f"{BASE}{newsletter.pk}/link/", {"title": "Klik", "url": url})
        assert response.status_code == 400, url
        assert "begint met https:// of http://" in response.content.decode()
    assert not newsletter.items.exists()
    response = client.post(f"{BASE}{newsletter.pk}/link/", {"title": "Blog", "url": "https://blog.example/stuk"})
    assert response.status_code == 302
    assert newsletter.items.get().url == "https://blog.example/stuk"


def test_markup_in_the_introduction_and_a_link_title_is_shown_as_text_everywhere(client, cast):
    newsletter = _newsletter(cast, introduction=f"Eerste alinea {HOSTILE}\n\nTweede alinea.")
    actions.add_link(cast.eva, newsletter, title=f"Lees {HOSTILE}", url="https://blog.example/")
    client.force_login(cast.eva)
    preview = client.get(f"{BASE}{newsletter.pk}/voorbeeld/").content.decode()
    editor = client.get(f"{BASE}{newsletter.pk}/").content.decode()
    for html in (preview, editor):
        assert "<script>" not in html and "<b>vet</b>" not in html
        assert "&lt;script&gt;" in html
    assert "<p>Eerste alinea" in preview and "<p>Tweede alinea.</p>" in preview  # paragraphs survive


def test_items_can_be_moved_and_removed(client, cast):
    newsletter = _newsletter(cast)
    first, second, third = (
        actions.add_link(cast.eva, newsletter, title=t, url=f"https://x.example/{t}") for t in ("een", "twee", "drie")
    )
    client.force_login(cast.eva)
    client.post(f"{BASE}{newsletter.pk}/item/{third.pk}/verplaatsen/", {"richting": "op"})
    assert list(newsletter.items.values_list("title", flat=True)) == ["een", "drie", "twee"]
    client.post(f"{BASE}{newsletter.pk}/item/{first.pk}/verplaatsen/", {"richting": "neer"})
    assert list(newsletter.items.values_list("title", flat=True)) == ["drie", "een", "twee"]
    client.post(f"{BASE}{newsletter.pk}/item/{second.pk}/weg/")
    assert list(newsletter.items.values_list("title", flat=True)) == ["drie", "een"]


def test_an_item_of_another_newsletter_cannot_be_touched_through_this_one(client, cast):
    mine, other = _newsletter(cast), _newsletter(cast, title="Andere")
    item = actions.add_link(cast.eva, other, title="Van de andere", url="https://x.example/")
    client.force_login(cast.eva)
    assert client.post(f"{BASE}{mine.pk}/item/{item.pk}/weg/").status_code == 404
    assert NewsletterItem.objects.filter(pk=item.pk).exists()


# --- Preview, test, send ------------------------------------------------------------------------------------------


def test_the_preview_is_the_html_of_the_e_mail(client, cast):
    newsletter = _newsletter(cast)
    actions.add_link(cast.eva, newsletter, title="Blog", url="https://blog.example/")
    client.force_login(cast.eva)
    response = client.get(f"{BASE}{newsletter.pk}/voorbeeld/")
    message = sending.build_message(
        sending.message_context(newsletter), Subscriber(pk=0, email="voorbeeld@example.org")
    )
    assert response.content.decode() == message.alternatives[0][0]
    assert "Blog" in response.content.decode()


def test_a_test_goes_to_the_editors_own_address_or_one_typed(client, cast, django_capture_on_commit_callbacks):
    newsletter = _newsletter(cast)
    client.force_login(cast.eva)
    page = client.get(f"{BASE}{newsletter.pk}/testen/").content.decode()
    assert 'value="eva@example.org"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}{newsletter.pk}/testen/", {"to": "eva@example.org"})
        client.post(f"{BASE}{newsletter.pk}/testen/", {"to": "collega@stad.example"})
    assert [m.to for m in mail.outbox] == [["eva@example.org"], ["collega@stad.example"]]
    assert all(m.subject.startswith("[Test]") for m in mail.outbox)
    assert "Dit is een test" in mail.outbox[0].body
    newsletter.refresh_from_db()
    assert newsletter.test_sent_at is not None and newsletter.status == NewsletterStatus.CONCEPT
    assert not Delivery.objects.exists()


def test_sending_asks_first_then_writes_a_delivery_per_confirmed_subscriber(client, cast):
    Subscriber.objects.create(email="a@voorbeeld.be", status=SubscriberStatus.ACTIEF)
    Subscriber.objects.create(email="b@voorbeeld.be", status=SubscriberStatus.ACTIEF)
    Subscriber.objects.create(email="c@voorbeeld.be")  # not confirmed
    Subscriber.objects.create(email="d@voorbeeld.be", status=SubscriberStatus.AFGEMELD)
    newsletter = _newsletter(cast)
    client.force_login(cast.eva)
    confirm = client.get(f"{BASE}{newsletter.pk}/verzenden/").content.decode()
    assert "gaat naar 2 bevestigde abonnees" in confirm
    assert newsletter.deliveries.count() == 0
    response = client.post(f"{BASE}{newsletter.pk}/verzenden/")
    assert response["Location"] == f"{BASE}{newsletter.pk}/voortgang/"
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.VERZENDEN and newsletter.send_started_at is not None
    assert sorted(newsletter.deliveries.values_list("subscriber__email", flat=True)) == [
        "a@voorbeeld.be",
        "b@voorbeeld.be",
    ]
    progress = client.get(response["Location"]).content.decode()
    assert "Nog te verzenden" in progress


def test_a_newsletter_being_sent_cannot_be_changed_or_sent_again(client, cast):
    Subscriber.objects.create(email="a@voorbeeld.be", status=SubscriberStatus.ACTIEF)
    newsletter = _newsletter(cast)
    actions.start_sending(cast.eva, newsletter)
    client.force_login(cast.eva)
    for page, data in (
        ("", {"title": "Anders"}),
        ("verzenden/", {}),
        ("link/", {"title": "x", "url": "https://x.example/"}),
    ):
        response = client.post(f"{BASE}{newsletter.pk}/{page}", data)
        assert response.status_code == 302 and response["Location"].endswith("/voortgang/"), page
    newsletter.refresh_from_db()
    assert newsletter.title == "Stedelijk leren — zomer" and not newsletter.items.exists()
    assert newsletter.deliveries.count() == 1
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.start_sending(cast.eva, newsletter)


def test_an_empty_newsletter_is_not_sent(client, cast):
    newsletter = _newsletter(cast, introduction="")
    client.force_login(cast.eva)
    response = client.post(f"{BASE}{newsletter.pk}/verzenden/")
    assert response.status_code == 400 and "De nieuwsbrief is leeg" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.CONCEPT


# --- The archive ------------------------------------------------------------------------------------------------


def _sent(cast, title, days_ago):
    newsletter = _newsletter(cast, title=title, introduction=f"Inleiding {HOSTILE}")
    actions.add_link(cast.eva, newsletter, title=f"Item van {title}", url="https://x.example/")
    Newsletter.objects.filter(pk=newsletter.pk).update(
        status=NewsletterStatus.VERZONDEN, sent_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return Newsletter.objects.get(pk=newsletter.pk)


def test_the_archive_shows_sent_issues_only(client, cast):
    spring, summer = _sent(cast, "Lente", 90), _sent(cast, "Zomer", 1)
    draft = _newsletter(cast, title="Nog bezig")
    page = client.get("/leren/nieuwsbrief/").content.decode()
    assert page.index("Zomer") < page.index("Lente") and "Nog bezig" not in page
    issue = client.get(summer.get_absolute_url())
    assert issue.status_code == 200 and "Item van Zomer" in issue.content.decode()
    assert "&lt;script&gt;" in issue.content.decode() and "<script>alert" not in issue.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert spring.get_absolute_url() == "/leren/nieuwsbrief/lente/"


def test_the_feed_is_atom_of_the_sent_issues(client, cast):
    _sent(cast, "Lente", 90)
    _sent(cast, "Zomer", 1)
    _newsletter(cast, title="Nog bezig")
    response = client.get("/leren/nieuwsbrief/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("a:title", ns).text for entry in root.findall("a:entry", ns)]
    assert titles == ["Zomer", "Lente"]
    summary = root.find("a:entry/a:summary", ns).text
    assert HOSTILE in summary  # text in the feed, escaped by XML, never markup
