"""Invitations by e-mail (issue 11): a municipality's staff or an administrator invite a person for a role; the
person accepts a single-use, expiring link, as a new person (name and password) or with their account.

On main the back office could only give a role to an account that already existed, silently, and there was no
invitation at all: every test here failed there (no ``Invitation``, no ``accounts:invitation`` page).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kernkompas.accounts.actions import invitations
from kernkompas.accounts.models import Invitation, Membership, Role, User
from kernkompas.core import personal_data, privacy
from kernkompas.core.models import AuditEvent
from kernkompas.testing import PASSWORD, stored_copies

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lange-wandeling-langs-de-maas"


@pytest.fixture
def invite(cast, django_capture_on_commit_callbacks):
    """Invite someone (by Ellen for Maasdijk unless told otherwise) and send the e-mail; (invitation, token)."""

    def make(email="noor@example.org", role=Role.GEMEENTE, gemeente="maasdijk", by=None):
        where = cast.maasdijk if gemeente == "maasdijk" else gemeente
        with django_capture_on_commit_callbacks(execute=True):
            return invitations.invite(email, role, where, by=by or cast.ellen)

    return make


def page_url(token: str) -> str:
    return reverse("accounts:invitation", kwargs={"token": token})


def members_url(gemeente) -> str:
    return reverse("kk_members:gemeente", kwargs={"slug": gemeente.slug})


def new_person_form(**extra):
    return {"first_name": "Noor", "last_name": "Jacobs", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD} | extra


# --- Who may invite ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("gemeente", True),
        ("beheerder", True),
        ("gemeente_andere", False),  # Sofie of Veldrode
        ("begeleider", False),  # facilitators work for Maasdijk but do not decide who does
        ("redactie", False),
        ("lid", False),
    ],
)
def test_who_may_invite_for_maasdijk(client, cast, who, allowed):
    person = cast.by_role()[who]
    client.force_login(person)
    client.post(members_url(cast.maasdijk), {"email": "noor@example.org", "role": "gemeente"})
    assert Invitation.objects.exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            invitations.invite("noor@example.org", Role.GEMEENTE, cast.maasdijk, by=person)


def test_a_visitor_is_sent_to_the_log_in(client, cast):
    response = client.post(members_url(cast.maasdijk), {"email": "noor@example.org", "role": "gemeente"})
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_only_administrators_invite_for_a_platform_role(cast):
    with pytest.raises(PermissionDenied):
        invitations.invite("noor@example.org", Role.BEHEERDER, None, by=cast.ellen)
    invitation, _token = invitations.invite("noor@example.org", Role.REDACTIE, None, by=cast.anton)
    assert (invitation.role, invitation.gemeente) == (Role.REDACTIE, None)


def test_inviting_twice_or_someone_who_has_the_role_is_explained(cast, invite):
    invite()
    with pytest.raises(ValidationError, match="al uitgenodigd"):
        invitations.invite("NOOR@example.org", Role.GEMEENTE, cast.maasdijk, by=cast.ellen)
    with pytest.raises(ValidationError, match="heeft deze rol al"):
        invitations.invite("femke@example.org", Role.BEGELEIDER, cast.maasdijk, by=cast.ellen)


# --- The e-mail and the token ------------------------------------------------------------------------------------


def test_the_mail_is_dutch_text_and_html_with_one_link_on_the_sites_address(cast, invite, settings):
    settings.BASE_URL = "https://kernkompas.example.be"
    invitation, token = invite()
    [message] = mail.outbox
    assert message.to == ["noor@example.org"]
    assert message.subject == "Ellen nodigt je uit voor Kernkompas"
    link = f"https://kernkompas.example.be/account/uitnodiging/{token}/"
    assert link in message.body
    assert "Medewerker van gemeente Maasdijk" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'href="{link}"' in html
    assert "Uitnodiging aanvaarden" in html


def test_only_a_hash_of_the_token_is_stored(cast, invite):
    invitation, token = invite()
    assert len(token) >= 40  # 32 random bytes
    assert invitation.token_hash == invitations.hash_token(token) != token
    assert stored_copies(token) == []


def test_the_audit_log_names_the_invitation_not_the_address(cast, invite):
    invite()
    event = AuditEvent.objects.get(action="invitation.sent")
    assert (event.actor, event.gemeente) == (cast.ellen, cast.maasdijk)
    assert "noor" not in f"{event.target_label} {event.changes}"


# --- Accepting as a new person -----------------------------------------------------------------------------------


def test_the_page_says_who_invited_whom_for_what(client, cast, invite):
    _invitation, token = invite()
    html = client.get(page_url(token)).content.decode()
    assert "Ellen nodigt noor@example.org uit als: Medewerker van gemeente Maasdijk." in html
    assert 'name="password1"' in html


def test_a_new_person_sets_name_and_password_and_gets_account_and_role_at_once(client, cast, invite):
    invitation, token = invite()
    response = client.post(page_url(token), new_person_form())
    assert response["Location"] == reverse("site:landing")
    user = User.objects.get(email="noor@example.org")
    assert (user.first_name, user.last_name) == ("Noor", "Jacobs")
    assert user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.gemeente, membership.granted_by) == (Role.GEMEENTE, cast.maasdijk, cast.ellen)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("site:landing"))["Location"] == reverse("site:workspace", kwargs={"slug": "maasdijk"})
    assert AuditEvent.objects.filter(action="invitation.accepted", actor=user).exists()


def test_a_weak_password_is_refused_and_nothing_is_created(client, cast, invite):
    invitation, token = invite()
    response = client.post(page_url(token), new_person_form(password1="12345678", password2="12345678"))
    assert response.status_code == 200
    assert response.context["form"].has_error("password1")
    assert not User.objects.filter(email="noor@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_rejected_accept_changes_nothing(client, cast, invite):
    """An account made with the address between opening and sending the form: no second account, no role."""
    invitation, token = invite()
    users, events = User.objects.count(), AuditEvent.objects.count()
    User.objects.create_user(username="noor-elders", email="Noor@Example.org", password=PASSWORD)
    with pytest.raises(ValidationError, match="bestaat al een account"):
        invitations.accept_as_new_person(token, first_name="Noor", password=NEW_PASSWORD)
    assert User.objects.count() == users + 1
    assert not Membership.objects.filter(user__email__iexact="noor@example.org").exists()
    assert AuditEvent.objects.count() == events
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_link_works_once(client, cast, invite):
    _invitation, token = invite()
    client.post(page_url(token), new_person_form())
    client.logout()
    again = client.get(page_url(token))
    assert again.status_code == 410
    assert "al aanvaard" in again.content.decode()
    assert client.post(page_url(token), new_person_form(first_name="Mallory")).status_code == 410
    assert User.objects.filter(email="noor@example.org").count() == 1


def test_an_expired_link_gives_a_clear_dutch_page_and_changes_nothing(client, cast, invite):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(page_url(token), new_person_form())
    assert response.status_code == 410
    html = response.content.decode()
    assert "Deze uitnodiging kan niet gebruikt worden" in html
    assert "verlopen" in html
    assert not User.objects.filter(email="noor@example.org").exists()


def test_an_unknown_link_is_not_found(client, cast):
    response = client.get(page_url("geraden-token"))
    assert response.status_code == 404
    assert "niet bekend" in response.content.decode()


def test_an_invitation_is_void_once_the_inviter_lost_the_right(client, cast, invite):
    _invitation, token = invite()
    Membership.objects.filter(user=cast.ellen).delete()
    response = client.post(page_url(token), new_person_form())
    assert response.status_code == 410
    assert not User.objects.filter(email="noor@example.org").exists()


# --- Accepting with an existing account --------------------------------------------------------------------------


def test_an_existing_account_logs_in_first_then_accepts(client, cast, invite):
    _invitation, token = invite(email="bram@example.org", role=Role.BEGELEIDER)
    anonymous = client.get(page_url(token)).content.decode()
    assert "Log in om te aanvaarden" in anonymous
    assert 'name="password1"' not in anonymous
    login = client.post(
        reverse("accounts:login") + f"?next={page_url(token)}",
        {"username": "bram", "password": PASSWORD, "next": page_url(token)},
    )
    assert login["Location"] == page_url(token)
    assert not cast.bram.memberships.exists()  # not granted by logging in: only by accepting
    response = client.post(page_url(token))
    assert response["Location"] == reverse("site:landing")
    assert cast.bram.memberships.get().role == Role.BEGELEIDER


def test_another_account_cannot_accept(client, cast, invite):
    invitation, token = invite(email="noor@example.org")
    client.force_login(cast.bram)
    response = client.post(page_url(token))
    assert response.status_code == 200
    assert "maar deze uitnodiging is voor noor@example.org" in response.content.decode()
    assert not cast.bram.memberships.exists()
    with pytest.raises(ValidationError):
        invitations.accept_as_user(token, cast.bram)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# --- Pending invitations in the back office: resend, withdraw ------------------------------------------------------


def test_resending_makes_a_new_link_and_the_old_one_stops_working(
    client, cast, invite, django_capture_on_commit_callbacks
):
    invitation, old_token = invite()
    client.force_login(cast.ellen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kk_members:invitation_resend", kwargs={"pk": invitation.pk}))
    assert response["Location"] == members_url(cast.maasdijk)
    assert len(mail.outbox) == 2
    new_token = re.search(r"/account/uitnodiging/([^/]+)/", mail.outbox[1].body).group(1)
    assert new_token != old_token
    assert client.get(page_url(old_token)).status_code == 404
    assert client.get(page_url(new_token)).status_code == 200
    assert AuditEvent.objects.filter(action="invitation.resent", actor=cast.ellen).exists()


def test_withdrawing_voids_the_link(client, cast, invite):
    invitation, token = invite()
    client.force_login(cast.ellen)
    client.post(reverse("kk_members:invitation_revoke", kwargs={"pk": invitation.pk}))
    client.logout()
    response = client.get(page_url(token))
    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()
    assert AuditEvent.objects.filter(action="invitation.revoked", actor=cast.ellen).exists()


@pytest.mark.parametrize("who", ["gemeente_andere", "begeleider", "redactie"])
def test_others_can_neither_resend_nor_withdraw(client, cast, invite, who):
    invitation, _token = invite()
    client.force_login(cast.by_role()[who])
    for name in ("kk_members:invitation_resend", "kk_members:invitation_revoke"):
        response = client.post(reverse(name, kwargs={"pk": invitation.pk}))
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] != members_url(cast.maasdijk)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and len(mail.outbox) == 1


def test_the_members_screen_lists_pending_invitations_only(client, cast, invite):
    invite(email="wacht@example.org")
    gone, _ = invite(email="weg@example.org")
    invitations.revoke(gone, by=cast.ellen)
    client.force_login(cast.ellen)
    html = client.get(members_url(cast.maasdijk)).content.decode()
    assert "wacht@example.org" in html
    assert "weg@example.org" not in html


# --- Rate limits and personal data ---------------------------------------------------------------------------------


def test_the_invitation_page_is_rate_limited_per_address(client, cast, invite, settings):
    settings.RATELIMITS = {"invitation": (3, 3600)}
    for _ in range(3):
        client.get(page_url("geraden"))
    assert client.get(page_url("geraden")).status_code == 429


def test_invitations_per_user_are_limited(client, cast, settings):
    settings.RATELIMITS = {"invite_account": (2, 3600)}
    client.force_login(cast.ellen)
    for number in range(3):
        client.post(members_url(cast.maasdijk), {"email": f"collega{number}@example.org", "role": "gemeente"})
    assert Invitation.objects.count() == 2


def test_the_invited_address_is_personal_data_exported_and_erased(cast, invite):
    invite(email="noor@example.org")
    person = personal_data.Person(email="noor@example.org")
    exported = privacy.export(person)
    assert [row["email"] for row in exported["accounts.Invitation"]] == ["noor@example.org"]
    privacy.erase(person)
    assert not Invitation.objects.exists()
    assert stored_copies("noor@example.org") == []


def test_an_expired_invitation_stays_listed_and_can_be_sent_again(
    client, cast, invite, django_capture_on_commit_callbacks
):
    """The expired page tells the invitee to ask for a new link: the inviter must still find it to send it again."""
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(cast.ellen)
    html = client.get(members_url(cast.maasdijk)).content.decode()
    assert "noor@example.org" in html and "verlopen op" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kk_members:invitation_resend", kwargs={"pk": invitation.pk}))
    new_token = re.search(r"/account/uitnodiging/([^/]+)/", mail.outbox[-1].body).group(1)
    client.logout()
    assert client.get(page_url(new_token)).status_code == 200
