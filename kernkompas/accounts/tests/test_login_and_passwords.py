"""Logging in by e-mail or user name, logging out with POST, resetting and changing a password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from kernkompas.testing import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "nieuw-en-veel-beter-wachtwoord"


@pytest.mark.parametrize("identifier", ["ellen@example.org", "ELLEN@Example.org", "ellen", " Ellen "])
def test_a_member_logs_in_with_their_email_or_user_name_in_any_case(client, cast, identifier):
    response = client.post(reverse("accounts:login"), {"username": identifier, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("site:landing")  # each role lands on its work from there
    assert int(client.session["_auth_user_id"]) == cast.ellen.pk


def test_a_wrong_password_says_what_went_wrong_without_saying_which_part(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "ellen@example.org", "password": "fout"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    form = response.context["form"]
    assert form.non_field_errors()
    assert 'role="alert"' in response.content.decode()


def test_log_in_goes_back_to_the_page_the_member_came_from(client, cast):
    response = client.post(
        reverse("accounts:login") + "?next=/plaatsen/",
        {"username": "bram", "password": PASSWORD, "next": "/plaatsen/"},
    )
    assert response["Location"] == "/plaatsen/"


def test_log_out_needs_a_post_and_get_shows_a_button(client, cast):
    client.force_login(cast.bram)
    page = client.get(reverse("accounts:logout"))
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def _reset_link(message) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_a_forgotten_password_is_reset_through_a_link_sent_by_email(client, cast):
    response = client.post(reverse("accounts:password_reset"), {"email": "BRAM@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bram@example.org"]
    assert "Kernkompas" in message.subject
    link = _reset_link(message)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    cast.bram.refresh_from_db()
    assert cast.bram.check_password(NEW_PASSWORD)


def test_a_used_reset_link_does_not_work_twice(client, cast):
    client.post(reverse("accounts:password_reset"), {"email": "bram@example.org"})
    link = _reset_link(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert not again.context["validlink"]


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, cast):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_member_changes_their_password_with_the_current_one(client, cast):
    client.force_login(cast.bram)
    wrong = client.post(
        reverse("accounts:password_change"),
        {"old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.context["form"].has_error("old_password")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:profile")
    cast.bram.refresh_from_db()
    assert cast.bram.check_password(NEW_PASSWORD)
    assert "_auth_user_id" in client.session  # still logged in after the change


def test_the_back_office_log_in_is_the_sites_rate_limited_log_in(client, cast):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login") + "?next=%2Fbeheer%2F"
    assert client.get("/beheer/password_reset/")["Location"] == reverse("accounts:password_reset")


def test_a_member_without_a_role_is_not_sent_round_in_circles_by_the_back_office(client, cast):
    client.force_login(cast.bram)
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/login.html"
    assert len(response.redirect_chain) == 2


def test_staff_log_in_and_land_in_the_back_office(client, cast):
    response = client.post(
        reverse("accounts:login") + "?next=/beheer/", {"username": "ellen", "password": PASSWORD, "next": "/beheer/"}
    )
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200
