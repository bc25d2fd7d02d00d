"""Public forms are rate-limited per client address and form, in a fixed window kept in the cache."""

import pytest
import time_machine
from django.test import RequestFactory, override_settings
from django.urls import reverse

from kernkompas.accounts.models import User
from kernkompas.core import ratelimit

pytestmark = pytest.mark.django_db

SMALL = {"login": (3, 600), "signup": (2, 3600), "password_reset": (2, 3600)}


def login_attempt(client, address="203.0.113.5", **extra):
    return client.post(
        reverse("accounts:login"), {"username": "ellen", "password": "fout"}, REMOTE_ADDR=address, **extra
    )


@override_settings(RATELIMITS=SMALL)
def test_the_login_form_answers_429_after_too_many_attempts(client, cast):
    statuses = [login_attempt(client).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@override_settings(RATELIMITS=SMALL)
def test_the_429_page_is_friendly_and_says_when_to_try_again(client, cast):
    for _ in range(3):
        login_attempt(client)
    response = login_attempt(client)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert response.templates[0].name == "core/ratelimited.html"
    assert "<h1>" in response.content.decode()


@override_settings(RATELIMITS=SMALL)
def test_a_blocked_login_does_not_even_check_the_password(client, cast):
    for _ in range(3):
        login_attempt(client)
    response = client.post(
        reverse("accounts:login"),
        {"username": "ellen", "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(RATELIMITS=SMALL)
def test_each_address_and_each_form_has_its_own_counter(client, cast):
    for _ in range(3):
        login_attempt(client)
    assert login_attempt(client, address="198.51.100.7").status_code == 200
    response = client.post(reverse("accounts:password_reset"), {"email": "x@example.org"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302


@override_settings(RATELIMITS=SMALL)
def test_looking_at_a_form_is_not_an_attempt(client, cast):
    for _ in range(5):
        assert client.get(reverse("accounts:login"), REMOTE_ADDR="203.0.113.5").status_code == 200
    assert login_attempt(client).status_code == 200


@override_settings(RATELIMITS=SMALL)
def test_the_counter_starts_again_in_the_next_window(client, cast):
    with time_machine.travel("2025-03-01 10:00:00+01:00", tick=False) as traveller:
        for _ in range(3):
            login_attempt(client)
        assert login_attempt(client).status_code == 429
        traveller.shift(601)
        assert login_attempt(client).status_code == 200


@override_settings(RATELIMITS=SMALL)
def test_signup_is_limited_too_and_creates_nothing_when_blocked(client, cast):
    data = {"email": "spam@example.org", "first_name": "S", "password1": "a", "password2": "b", "member_type": "anders"}
    assert [client.post(reverse("accounts:signup"), data).status_code for _ in range(3)] == [200, 200, 429]
    assert not User.objects.filter(email="spam@example.org").exists()


def test_without_a_proxy_the_forwarded_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ratelimit.client_ip(request) == "10.0.0.1"


@override_settings(RATELIMIT_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_the_proxy_saw_counts_not_what_the_client_claims():
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it really saw.
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert ratelimit.client_ip(request) == "203.0.113.9"


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_a_proxy_setting_one_proxy_is_trusted_by_default():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert ratelimit.client_ip(request) == "203.0.113.9"


@override_settings(RATELIMITS=SMALL, RATELIMIT_ENABLED=False)
def test_the_limit_can_be_switched_off(client, cast):
    assert all(login_attempt(client).status_code == 200 for _ in range(5))
