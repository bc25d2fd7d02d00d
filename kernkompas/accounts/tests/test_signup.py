"""Signing up: a member account from the public form, with validation, a honeypot and escaped names."""

import pytest
from django.urls import reverse

from kernkompas.accounts.models import User
from kernkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "lange-wandeling-langs-de-maas"


def signup_data(**overrides):
    data = {
        "email": "Nieuw.Lid@Example.org",
        "first_name": "Noor",
        "last_name": "de Vries",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        "member_type": "ondernemer",
        "home_gemeente": "",
        "interests": ["leegstand", "mobiliteit"],
        "website": "",
    }
    data.update(overrides)
    return data


def test_the_signup_page_shows_every_field_with_a_label(client, cast):
    response = client.get(reverse("accounts:signup"))
    html = response.content.decode()
    assert response.status_code == 200
    for field in ["email", "first_name", "last_name", "password1", "password2", "member_type", "home_gemeente"]:
        assert f'for="id_{field}"' in html
    assert "<legend>" in html  # the interests are a group of checkboxes with a legend
    assert 'class="hp-field" aria-hidden="true"' in html
    assert cast.maasdijk.name_nl in html  # municipalities to choose from


def test_it_creates_a_member_whose_user_name_is_the_lowercased_email_and_logs_them_in(client, cast):
    response = client.post(reverse("accounts:signup"), signup_data(home_gemeente=cast.maasdijk.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user = User.objects.get(email="nieuw.lid@example.org")
    assert user.username == "nieuw.lid@example.org"
    assert (user.first_name, user.last_name, user.member_type) == ("Noor", "de Vries", "ondernemer")
    assert user.home_gemeente == cast.maasdijk
    assert user.interests == ["leegstand", "mobiliteit"]
    assert user.check_password(GOOD_PASSWORD)
    assert not user.memberships.exists()
    assert client.get(reverse("accounts:profile")).status_code == 200  # logged in
    event = AuditEvent.objects.get(action="account.registered")
    assert event.actor == user
    assert "example.org" not in event.target_label  # the log names users by id, not by address


def test_it_refuses_an_address_that_already_has_an_account_whatever_its_case(client, cast):
    response = client.post(reverse("accounts:signup"), signup_data(email="ELLEN@example.org"))
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="ellen@example.org").count() == 1
    assert response.context["form"].has_error("email", "duplicate_email")


def test_it_refuses_two_different_passwords_and_links_the_error_to_the_field(client, cast):
    response = client.post(reverse("accounts:signup"), signup_data(password2="iets-heel-anders-123"))
    html = response.content.decode()
    assert not User.objects.filter(email="nieuw.lid@example.org").exists()
    assert 'id="id_password2_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_password2_error"' in html
    # The error summary at the top links to the field.
    assert 'role="alert"' in html
    assert 'href="#id_password2"' in html


def test_it_refuses_a_weak_password(client, cast):
    response = client.post(reverse("accounts:signup"), signup_data(password1="12345678", password2="12345678"))
    assert response.context["form"].has_error("password1")
    assert not User.objects.filter(email="nieuw.lid@example.org").exists()


def test_a_filled_in_honeypot_creates_nothing(client, cast):
    response = client.post(reverse("accounts:signup"), signup_data(website="http://spam.example"))
    assert response.status_code == 200
    assert response.context["form"].is_spam
    assert not User.objects.filter(email="nieuw.lid@example.org").exists()


def test_an_unknown_interest_is_refused(client, cast):
    response = client.post(reverse("accounts:signup"), signup_data(interests=["hacken"]))
    assert response.context["form"].has_error("interests")


def test_a_name_with_a_script_tag_is_stored_as_text_and_escaped_on_every_page(client, cast):
    client.post(reverse("accounts:signup"), signup_data(first_name="<script>alert(1)</script>"))
    user = User.objects.get(email="nieuw.lid@example.org")
    assert user.first_name == "<script>alert(1)</script>"  # stored as typed: plain text
    for url in [reverse("accounts:profile"), reverse("site:home")]:
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_logged_in_member_is_sent_to_their_profile(client, cast):
    client.force_login(cast.bram)
    assert client.get(reverse("accounts:signup"))["Location"] == reverse("accounts:profile")
