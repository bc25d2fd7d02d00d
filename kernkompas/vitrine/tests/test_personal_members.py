"""Members follow themes and save searches; only the owner sees or changes them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernkompas.vitrine.actions import saved_searches, theme_follows
from kernkompas.vitrine.models import SavedSearch, Theme, ThemeFollow
from kernkompas.vitrine.tests.personal_cases import case

pytestmark = pytest.mark.django_db

ROLES = ["lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]


def follow_url(slug):
    return reverse("vitrine:follow_theme", args=[slug])


@pytest.mark.parametrize("role", ROLES)
def test_every_member_follows_and_unfollows_a_theme_from_a_case_page(client, cast, role):
    user = cast.by_role()[role]
    page = case("Data in het dorp", themes=["data"])
    client.force_login(user)
    html = client.get(page.url).content.decode()
    assert follow_url("data") in html
    response = client.post(follow_url("data"), {"follow": "1", "next": page.url})
    assert response["Location"] == page.url
    assert ThemeFollow.objects.filter(user=user, theme__slug="data").exists()
    assert 'aria-pressed="true"' in client.get(page.url).content.decode()
    client.post(follow_url("data"), {"follow": "0"})
    assert not ThemeFollow.objects.filter(user=user).exists()


def test_a_visitor_cannot_follow_a_theme(client):
    response = client.post(follow_url("data"), {"follow": "1"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not ThemeFollow.objects.exists()


def test_following_twice_keeps_one_follow(cast):
    theme = Theme.objects.get(slug="data")
    theme_follows.follow_theme(cast.bram, theme)
    theme_follows.follow_theme(cast.bram, theme)
    assert ThemeFollow.objects.filter(user=cast.bram).count() == 1


def test_an_unsafe_next_address_is_ignored(client, cast):
    client.force_login(cast.bram)
    response = client.post(follow_url("data"), {"follow": "1", "next": "https://evil.example/"})
    assert response["Location"] == reverse("vitrine:for_you")


# --- Saved searches ------------------------------------------------------------------------------------------------


def test_a_member_saves_the_current_list_query_with_a_name(client, cast):
    client.force_login(cast.bram)
    response = client.post(
        reverse("vitrine:saved_searches"),
        {"name": "Leegstand in kleine gemeenten", "query_string": "q=leegstand&size=10k-25k&page=3", "alerts": "on"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get(user=cast.bram)
    assert search.query_string == "q=leegstand&size=10k-25k"  # without the page number
    assert search.alerts is True
    html = client.get(reverse("vitrine:saved_searches")).content.decode()
    assert "Leegstand in kleine gemeenten" in html
    assert "/vitrine/?q=leegstand&amp;size=10k-25k" in html


def test_a_member_switches_alerts_off_and_on_and_deletes_a_search(client, cast):
    search = saved_searches.save_search(cast.bram, "Data", "theme=data")
    client.force_login(cast.bram)
    client.post(reverse("vitrine:saved_search_alerts", args=[search.pk]), {"alerts": "0"})
    search.refresh_from_db()
    assert search.alerts is False
    client.post(reverse("vitrine:saved_search_alerts", args=[search.pk]), {"alerts": "1"})
    search.refresh_from_db()
    # Switched on again: alerts start from now, not with everything published while it was off.
    assert search.alerts is True and search.last_sent_at is not None
    client.post(reverse("vitrine:saved_search_delete", args=[search.pk]))
    assert not SavedSearch.objects.filter(pk=search.pk).exists()


def test_a_search_needs_a_name(client, cast):
    client.force_login(cast.bram)
    response = client.post(reverse("vitrine:saved_searches"), {"name": "", "query_string": "theme=data"})
    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize("role", [r for r in ROLES if r != "lid"])
def test_no_other_role_sees_or_changes_brams_saved_search(client, cast, role):
    search = saved_searches.save_search(cast.bram, "Bram zoekt", "theme=data")
    client.force_login(cast.by_role()[role])
    assert "Bram zoekt" not in client.get(reverse("vitrine:saved_searches")).content.decode()
    assert client.post(reverse("vitrine:saved_search_alerts", args=[search.pk]), {"alerts": "0"}).status_code == 404
    assert client.post(reverse("vitrine:saved_search_delete", args=[search.pk])).status_code == 404
    search.refresh_from_db()
    assert search.alerts is True


def test_a_visitor_is_sent_to_log_in_for_saved_searches(client):
    response = client.get(reverse("vitrine:saved_searches"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
