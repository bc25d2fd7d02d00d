"""Subscribing to the newsletter without an account (double opt-in), a member's one click, unsubscribing with one
click from any message (RFC 8058), and the links that must not work: a forged or someone else's token."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from kernkompas.learning import sending, tokens
from kernkompas.learning.models import Subscriber, SubscriberStatus

pytestmark = pytest.mark.django_db

SIGNUP = "/leren/nieuwsbrief/"
SAME_ANSWER = "Tenzij dit adres al ingeschreven is"


def _sign_up(client, email, name=""):
    return client.post(SIGNUP, {"email": email, "name": name}, follow=True)


def _confirm_link(message) -> str:
    return re.search(r"https?://\S+/leren/nieuwsbrief/bevestigen/\S+/", message.body).group(0)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_addresses_are_the_contracts():
    assert reverse("learning:newsletter_signup") == SIGNUP
    assert reverse("learning:newsletter_feed") == "/leren/nieuwsbrief/feed/"
    assert reverse("learning:newsletter_confirm", kwargs={"token": "abc"}) == "/leren/nieuwsbrief/bevestigen/abc/"
    assert reverse("learning:unsubscribe", kwargs={"pk": 3, "token": "x"}) == "/leren/nieuwsbrief/afmelden/3/x/"
    assert reverse("learning:newsletter", kwargs={"slug": "zomer"}) == "/leren/nieuwsbrief/zomer/"


def test_a_visitor_signs_up_and_confirms_by_e_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "  Lotte@Voorbeeld.BE ", "Lotte")
    assert SAME_ANSWER in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lotte@voorbeeld.be"
    assert subscriber.status == SubscriberStatus.WACHT_OP_BEVESTIGING
    [message] = mail.outbox
    assert message.to == ["lotte@voorbeeld.be"]
    assert "Bevestig" in message.subject
    assert message.alternatives[0][1] == "text/html"
    link = _path(_confirm_link(message))

    page = client.get(link)  # a mail program that opens the link to check it confirms nothing
    assert page.status_code == 200 and "lotte@voorbeeld.be" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.WACHT_OP_BEVESTIGING

    done = client.post(link)
    assert done.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ACTIEF and subscriber.confirmed_at is not None


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client, django_capture_on_commit_callbacks):
    Subscriber.objects.create(email="al@voorbeeld.be", status=SubscriberStatus.ACTIEF)
    with django_capture_on_commit_callbacks(execute=True):
        known = _sign_up(client, "al@voorbeeld.be")
        new = _sign_up(client, "nieuw@voorbeeld.be")
    assert known.status_code == new.status_code == 200
    known_text = re.sub(r'value="[^"]*"', "", known.content.decode())
    new_text = re.sub(r'value="[^"]*"', "", new.content.decode())
    assert known_text == new_text
    # Only the new address got mail: the subscribed one is not bothered, and stays subscribed.
    assert [m.to for m in mail.outbox] == [["nieuw@voorbeeld.be"]]
    assert Subscriber.objects.get(email="al@voorbeeld.be").status == SubscriberStatus.ACTIEF


def test_someone_who_unsubscribed_can_subscribe_again_after_confirming(client, django_capture_on_commit_callbacks):
    gone = Subscriber.objects.create(email="terug@voorbeeld.be", status=SubscriberStatus.AFGEMELD)
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, "terug@voorbeeld.be")
    gone.refresh_from_db()
    assert gone.status == SubscriberStatus.AFGEMELD  # until the owner of the address confirms
    client.post(_path(_confirm_link(mail.outbox[0])))
    gone.refresh_from_db()
    assert gone.status == SubscriberStatus.ACTIEF and gone.unsubscribed_at is None


def test_a_wrong_address_is_refused_with_a_clear_message_and_nothing_is_stored(client):
    response = client.post(SIGNUP, {"email": "geen-adres", "name": "X"})
    assert response.status_code == 400
    assert "Dit is geen e-mailadres" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_member_subscribes_with_one_click_with_their_account_address(client, cast):
    client.force_login(cast.bram)
    page = client.get(SIGNUP)
    assert "bram@example.org" in page.content.decode()
    client.post(SIGNUP, {"lid": "1"})
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.user) == (
        "bram@example.org",
        SubscriberStatus.ACTIEF,
        cast.bram,
    )
    assert "Je ontvangt de nieuwsbrief op bram@example.org" in client.get(SIGNUP).content.decode()


def test_the_one_click_for_members_sends_a_visitor_to_the_login(client):
    response = client.post(SIGNUP, {"lid": "1"})
    assert response.status_code == 302
    assert "next=/leren/nieuwsbrief/" in response["Location"]
    assert not Subscriber.objects.exists()


def test_the_sign_up_form_needs_its_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SIGNUP, {"email": "csrf@voorbeeld.be"})
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


@override_settings(RATELIMITS={"newsletter_subscribe": (3, 3600)})
def test_signing_up_is_rate_limited_per_address(client):
    for number in range(3):
        assert _sign_up(client, f"a{number}@voorbeeld.be").status_code == 200
    response = client.post(SIGNUP, {"email": "a9@voorbeeld.be"})
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="a9@voorbeeld.be").exists()


# --- Confirmation links that must not work -----------------------------------------------------------------------


def test_a_forged_confirmation_token_changes_nothing(client):
    subscriber = Subscriber.objects.create(email="lotte@voorbeeld.be")
    token = tokens.confirm_token(subscriber)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for url in (f"/leren/nieuwsbrief/bevestigen/{forged}/", "/leren/nieuwsbrief/bevestigen/rommel/"):
        assert client.get(url).status_code == 404
        response = client.post(url)
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.WACHT_OP_BEVESTIGING


def test_a_confirmation_for_an_address_that_changed_since_does_not_work(client):
    subscriber = Subscriber.objects.create(email="oud@voorbeeld.be")
    token = tokens.confirm_token(subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(email="nieuw@voorbeeld.be")
    assert client.post(f"/leren/nieuwsbrief/bevestigen/{token}/").status_code == 404
    assert Subscriber.objects.get().status == SubscriberStatus.WACHT_OP_BEVESTIGING


# --- Unsubscribing ----------------------------------------------------------------------------------------------


def _subscriber(email="lotte@voorbeeld.be"):
    return Subscriber.objects.create(email=email, status=SubscriberStatus.ACTIEF)


def test_the_unsubscribe_page_shows_a_button_and_the_post_unsubscribes(client):
    subscriber = _subscriber()
    url = _path(sending.unsubscribe_url(subscriber))
    page = client.get(url)
    assert page.status_code == 200 and "Afmelden" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ACTIEF  # a GET (a link checker) changes nothing
    done = client.post(url)
    assert done.status_code == 200 and "Je bent afgemeld" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.AFGEMELD and subscriber.unsubscribed_at is not None
    assert client.post(url).status_code == 200  # twice is fine


def test_a_mail_program_unsubscribes_with_one_post_without_a_csrf_token():
    subscriber = _subscriber()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        _path(sending.unsubscribe_url(subscriber)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.AFGEMELD


def test_the_token_of_someone_else_or_a_forged_one_unsubscribes_nobody(client):
    lotte, jan = _subscriber("lotte@voorbeeld.be"), _subscriber("jan@voorbeeld.be")
    janes_token = tokens.unsubscribe_token(jan)
    for url in (
        f"/leren/nieuwsbrief/afmelden/{lotte.pk}/{janes_token}/",  # Jan's token on Lotte's number
        f"/leren/nieuwsbrief/afmelden/{lotte.pk}/vervalst/",
        f"/leren/nieuwsbrief/afmelden/99999/{janes_token}/",
    ):
        response = Client(enforce_csrf_checks=True).post(url)
        assert response.status_code == 404
        assert "hoort bij een ander adres" in response.content.decode()
        assert client.get(url).status_code == 404
    assert set(Subscriber.objects.values_list("status", flat=True)) == {SubscriberStatus.ACTIEF}


def test_an_old_token_stops_working_when_the_address_is_changed(client):
    subscriber = _subscriber()
    url = _path(sending.unsubscribe_url(subscriber))
    Subscriber.objects.filter(pk=subscriber.pk).update(email="ander@voorbeeld.be")
    assert client.post(url).status_code == 404
