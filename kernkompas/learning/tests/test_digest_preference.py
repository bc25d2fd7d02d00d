"""A member's digest preference (/leren/mijn/overzicht/) and the switch-off link in the e-mail: every role, only
her own choice, bad input saves nothing, a forged link opens nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kernkompas.core.models import AuditEvent
from kernkompas.learning import digest
from kernkompas.learning.models import DigestFrequency, DigestPreference, LearningTheme, ThemeFramework
from kernkompas.learning.tests.test_digest_sending import at, choose, moment, theme
from kernkompas.testing import make_gemeente

pytestmark = pytest.mark.django_db

URL = "/leren/mijn/overzicht/"


def test_the_address_is_the_contracts():
    assert reverse("learning:digest") == URL


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/account/" in response["Location"] or "login" in response["Location"]
    assert client.post(URL, {"frequency": "wekelijks"}).status_code == 302
    assert not DigestPreference.objects.exists()


@pytest.mark.parametrize("role", ["lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"])
def test_every_logged_in_role_chooses_her_own_digest(cast, client, role):
    user = cast.by_role()[role]
    client.force_login(user)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Mijn overzicht" in page.content.decode()
    response = client.post(
        URL, {"frequency": "wekelijks", "themes": [theme().pk], "gemeenten": [cast.maasdijk.pk], "save": "1"}
    )
    assert response.status_code == 302
    preference = DigestPreference.objects.get(user=user)
    assert preference.frequency == DigestFrequency.WEKELIJKS
    assert list(preference.themes.all()) == [theme()]
    assert list(preference.gemeenten.all()) == [cast.maasdijk]


def test_saving_starts_the_window_and_says_so(cast, client):
    client.force_login(cast.bram)
    with at(0):
        response = client.post(URL, {"frequency": "maandelijks", "kernen": [cast.centrum.pk], "save": "1"}, follow=True)
    html = response.content.decode()
    assert "Opgeslagen: je krijgt een maandelijks overzicht." in html
    preference = DigestPreference.objects.get(user=cast.bram)
    assert preference.last_sent_at == moment(0)
    assert list(preference.kernen.all()) == [cast.centrum]
    assert "Je volgende overzicht komt op donderdag 3 april 2025" in html
    assert AuditEvent.objects.filter(action="learning.digest_saved", actor=cast.bram).exists()
    # Changing themes later does not restart the window.
    with at(3):
        client.post(URL, {"frequency": "maandelijks", "themes": [theme().pk], "save": "1"})
    assert DigestPreference.objects.get(user=cast.bram).last_sent_at == moment(0)


def test_a_member_sees_only_her_own_choice(cast, client):
    choose(cast.bram, themes=[theme()], gemeenten=[cast.maasdijk])
    client.force_login(cast.bram)
    own = client.get(URL).content.decode()
    assert f'value="{cast.maasdijk.pk}" id="gemeente-{cast.maasdijk.pk}" checked' in own
    assert f'value="{theme().pk}" id="theme-{theme().pk}" checked' in own
    client.force_login(cast.ellen)
    other = client.get(URL).content.decode()
    assert f'id="gemeente-{cast.maasdijk.pk}" checked' not in other
    assert f'id="theme-{theme().pk}" checked' not in other
    assert re.search(r'value="uit"[^>]*checked', other)
    assert not re.search(r'value="wekelijks"[^>]*checked', other)


def test_the_default_framework_comes_first(cast, client):
    stuurwiel = ThemeFramework.objects.create(name="Stuurwiel CMA", order=0)
    ThemeFramework.objects.filter(is_default=True).update(order=5)
    LearningTheme.objects.create(framework=stuurwiel, name="Vastgoed", slug="vastgoed")
    client.force_login(cast.bram)
    html = client.get(URL).content.decode()
    assert html.index("Thema&#x27;s van Stedelijk leren") < html.index("Stuurwiel CMA") < html.index("Vastgoed")


# --- Bad input saves nothing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"frequency": "wekelijks", "themes": ["99999"]}, "een van de thema&#x27;s die je verstuurde, bestaat niet"),
        ({"frequency": "wekelijks", "themes": ["abc"]}, "een van de thema&#x27;s die je verstuurde, bestaat niet"),
        ({"frequency": "wekelijks", "gemeenten": ["99999"]}, "een van de gemeenten die je verstuurde, bestaat niet"),
        ({"frequency": "wekelijks", "kernen": ["99999"]}, "een van de kernen die je verstuurde, bestaat niet"),
        ({"frequency": "dagelijks"}, "Hoe vaak"),
        ({}, "Kies hoe vaak je het overzicht wilt krijgen"),
    ],
)
def test_bad_input_is_refused_with_a_plain_message_and_nothing_is_saved(cast, client, data, message):
    client.force_login(cast.bram)
    response = client.post(URL, {**data, "save": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is een probleem" in html
    assert message in html
    assert not DigestPreference.objects.exists()


def test_too_many_places_are_refused(cast, client):
    extra = [make_gemeente(f"9810{i}", f"Plaats {i}", 5_000) for i in range(digest.MAX_PLACES)]
    client.force_login(cast.bram)
    response = client.post(
        URL,
        {"frequency": "wekelijks", "gemeenten": [g.pk for g in extra], "kernen": [cast.centrum.pk], "save": "1"},
    )
    assert response.status_code == 400
    assert "Kies hoogstens 10 plaatsen (gemeenten en kernen samen); je koos er 11." in response.content.decode()
    assert not DigestPreference.objects.exists()


def test_searching_a_place_keeps_the_ticked_choices_and_saves_nothing(cast, client):
    client.force_login(cast.bram)
    response = client.post(
        URL, {"frequency": "wekelijks", "themes": [theme().pk], "place_search": "veldr", "search": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="gemeente-{cast.veldrode.pk}"' in html
    assert f'id="gemeente-{cast.maasdijk.pk}"' not in html
    assert f'id="theme-{theme().pk}" checked' in html
    assert not DigestPreference.objects.exists()


def test_place_names_are_escaped(cast, client):
    make_gemeente("98200", "<b>Vet</b>dorp", 5_000)
    client.force_login(cast.bram)
    html = client.get(URL).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt;dorp" in html
    assert "<b>Vet</b>" not in html


def test_the_english_page_speaks_english(cast, client):
    client.force_login(cast.bram)
    html = client.get("/en" + URL).content.decode()
    assert "My digest" in html and "How often" in html


# --- The switch-off link ----------------------------------------------------------------------------------------


def off_url(preference, token=None) -> str:
    return reverse("learning:digest_off", args=[preference.pk, token or digest.off_token(preference)])


def test_the_switch_off_link_shows_a_button_and_one_click_switches_it_off_without_logging_in(cast, client):
    preference = choose(cast.bram)
    page = client.get(off_url(preference))
    assert page.status_code == 200
    assert "Mijn overzicht uitzetten" in page.content.decode()
    assert DigestPreference.objects.get(pk=preference.pk).frequency == DigestFrequency.WEKELIJKS
    done = client.post(off_url(preference))
    assert done.status_code == 200
    assert "Je overzicht staat uit" in done.content.decode()
    assert DigestPreference.objects.get(pk=preference.pk).frequency == DigestFrequency.UIT
    assert AuditEvent.objects.filter(action="learning.digest_switched_off").count() == 1


def test_a_mail_client_posts_the_one_click_switch_off_without_a_csrf_token(cast):
    preference = choose(cast.bram)
    response = Client(enforce_csrf_checks=True).post(off_url(preference), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DigestPreference.objects.get(pk=preference.pk).frequency == DigestFrequency.UIT


def test_a_forged_or_someone_elses_switch_off_link_opens_nothing(cast, client):
    bram = choose(cast.bram)
    ellen = choose(cast.ellen)
    assert client.post(off_url(bram, "vervalst")).status_code == 404
    assert client.post(off_url(bram, digest.off_token(ellen))).status_code == 404
    assert client.get(reverse("learning:digest_off", args=[999, digest.off_token(bram)])).status_code == 404
    assert DigestPreference.objects.get(pk=bram.pk).frequency == DigestFrequency.WEKELIJKS


def test_the_error_summary_links_to_the_fields_on_the_page(cast, client):
    client.force_login(cast.bram)
    html = client.post(URL, {"kernen": ["99999"], "save": "1"}).content.decode()
    assert 'href="#id_frequency_0"' in html and 'id="id_frequency_0"' in html
    assert 'href="#id_gemeenten_0"' in html and 'id="id_gemeenten_0"' in html
