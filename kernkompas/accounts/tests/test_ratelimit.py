"""Public forms are rate-limited per client address and form, in fixed windows counted in the database.
The log-in counts failed attempts only, per address and per account (whether the account exists or not)."""

import re

import pytest
import time_machine
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import reverse

from kernkompas.accounts.models import User
from kernkompas.core import ratelimit
from kernkompas.core.models import RateLimitCounter
from kernkompas.testing import PASSWORD

pytestmark = pytest.mark.django_db

SMALL = {"login": (3, 600), "login_account": (5, 900), "signup": (2, 3600), "password_reset": (2, 3600)}
# The account limit below the address limit, for the tests of the account limit.
ACCOUNT_FIRST = {"login": (20, 600), "login_account": (3, 900)}


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


# --- Only failures count ------------------------------------------------------------------------------------------


def log_in(client, username, password=PASSWORD, address="203.0.113.5"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(RATELIMITS=SMALL)
def test_colleagues_logging_in_behind_one_town_hall_address_do_not_use_up_its_budget(client, cast):
    for colleague in ["ellen", "femke", "eva", "anton", "bram", "ellen", "femke"]:
        assert log_in(client, colleague).status_code == 302
        client.logout()

    # Someone who mistypes still has every try of the window.
    statuses = [log_in(client, "sofie", "fout").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@override_settings(RATELIMITS=SMALL)
def test_a_log_in_that_succeeds_after_two_mistakes_leaves_the_two_mistakes_counted(client, cast):
    log_in(client, "ellen", "fout")
    log_in(client, "ellen", "fout")
    assert log_in(client, "ellen").status_code == 302
    client.logout()

    assert log_in(client, "bram", "fout").status_code == 200
    assert log_in(client, "bram", "fout").status_code == 429


# --- The limit per account -----------------------------------------------------------------------------------------


@override_settings(RATELIMITS=ACCOUNT_FIRST)
def test_wrong_passwords_for_one_account_from_many_addresses_lock_that_account_for_a_short_while(client, cast):
    statuses = [log_in(client, "ellen", "fout", address=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]

    # Even the right password, from yet another address, waits: the password is not even checked.
    response = log_in(client, "ELLEN ", address="192.0.2.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert 0 < int(response["Retry-After"]) <= 900


@override_settings(RATELIMITS=ACCOUNT_FIRST)
def test_a_locked_account_does_not_stop_a_colleague_at_the_same_address(client, cast):
    for _ in range(4):
        log_in(client, "ellen", "fout")

    assert log_in(client, "femke").status_code == 302


@override_settings(RATELIMITS=ACCOUNT_FIRST)
def test_the_account_limit_ends_with_its_window(client, cast):
    with time_machine.travel("2025-03-01 10:00:00+01:00", tick=False) as traveller:
        for _ in range(4):
            log_in(client, "ellen", "fout")
        assert log_in(client, "ellen").status_code == 429
        traveller.shift(15 * 60 + 1)
        assert log_in(client, "ellen").status_code == 302


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@override_settings(RATELIMITS=ACCOUNT_FIRST)
def test_an_account_that_does_not_exist_is_limited_exactly_like_one_that_does(client, cast):
    def attack(username):
        statuses = [log_in(client, username, "fout", address=f"198.51.100.{n}").status_code for n in range(4)]
        return statuses, without_tokens(log_in(client, username, "fout").content.decode())

    assert attack("ellen@example.org") == attack("niemand@example.org")


@override_settings(RATELIMITS=ACCOUNT_FIRST)
def test_the_429_page_for_an_account_is_dutch_branded_and_offers_a_password_reset(client, cast):
    with time_machine.travel("2025-03-01 10:03:30+01:00", tick=False):
        for _ in range(3):
            log_in(client, "ellen", "fout")
        response = log_in(client, "ellen", "fout")

    assert response.status_code == 429
    assert response["Retry-After"] == str(11 * 60 + 30)
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'class="site-header"' in html  # the site's own layout, not a bare error page
    assert "<title>Te veel mislukte pogingen · Kernkompas</title>" in html
    text = re.sub(r"<[^>]+>", "", html)
    assert (
        "Te veel mislukte pogingen voor dit account; probeer het over 12 minuten opnieuw of stel je wachtwoord "
        "opnieuw in." in text
    )
    assert f'href="{reverse("accounts:password_reset")}"' in html


@override_settings(RATELIMITS=SMALL)
def test_the_429_page_for_an_address_is_dutch_and_says_how_long_to_wait(client, cast):
    with time_machine.travel("2025-03-01 10:00:00+01:00", tick=False):
        for _ in range(3):
            log_in(client, f"iemand-{_}", "fout")
        response = log_in(client, "nog-iemand", "fout")

    assert response.status_code == 429
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    assert "Je hebt dit te vaak geprobeerd in korte tijd. Wacht 10 minuten en probeer het opnieuw." in text


@override_settings(RATELIMITS=ACCOUNT_FIRST)
def test_resetting_the_password_ends_the_lock_on_the_account(client, cast):
    for n in range(4):
        log_in(client, "bram", "fout", address=f"198.51.100.{n}")
    assert log_in(client, "bram").status_code == 429

    client.post(reverse("accounts:password_reset"), {"email": "bram@example.org"})
    link = re.search(r"https?://[^/\s]+(/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "een-nieuw-lang-wachtwoord"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})

    assert log_in(client, "bram", new_password).status_code == 302


# --- The counters ----------------------------------------------------------------------------------------------


@override_settings(RATELIMITS={"login": (100, 600), "login_account": (10, 900)})
def test_windows_that_have_ended_are_cleared_away_when_a_new_one_starts(client, cast):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    with time_machine.travel("2025-03-01 10:00:00+01:00", tick=False) as traveller:
        for n in range(30):
            ratelimit.attempt(request, "login", account=f"iemand-{n}")
        assert RateLimitCounter.objects.count() == 31
        traveller.shift(ratelimit.rate_for("login_account").seconds)

        ratelimit.attempt(request, "login", account="nog-iemand")

    assert RateLimitCounter.objects.count() == 2


def test_the_counters_hold_neither_addresses_nor_names(client, cast):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    ratelimit.attempt(request, "login", account="ellen@example.org")

    keys = " ".join(RateLimitCounter.objects.values_list("key", flat=True))
    assert "203.0.113" not in keys
    assert "ellen" not in keys


def test_another_form_uses_the_same_small_interface(client, cast):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    with override_settings(RATELIMITS={"dna_survey": (2, 3600)}):
        ratelimit.attempt(request, "dna_survey")
        ratelimit.attempt(request, "dna_survey")
        with pytest.raises(ratelimit.Limited) as limited:
            ratelimit.attempt(request, "dna_survey")

    assert limited.value.name == "dna_survey"
    assert not limited.value.for_account
