""" "Voor jou": recommendations that fit a place like yours, with the reasons, kept in the session only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kernkompas.testing import PASSWORD, make_gemeente
from kernkompas.vitrine.actions import theme_follows
from kernkompas.vitrine.models import Theme
from kernkompas.vitrine.personal import SESSION_KEY, PlaceProfile, make_profile, profile_for_user, recommend
from kernkompas.vitrine.tests.personal_cases import case, unpublish

pytestmark = pytest.mark.django_db

FOR_YOU = "/vitrine/voor-jou/"


def titles(recommendations):
    return [r.case.title for r in recommendations]


def reasons_of(recommendations, title):
    return next(r.reasons for r in recommendations if r.case.title == title)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def places(cast):
    """Veldrode (14,900, 10k–25k) and Maasdijk (28,400) from the cast, plus a village and a city."""
    return {
        "veldrode": cast.veldrode,
        "maasdijk": cast.maasdijk,
        "kleinrode": make_gemeente("99003", "Kleinrode", 8_200),
        "grootstad": make_gemeente("99004", "Grootstad", 152_000),
        "middeldorp": make_gemeente("99005", "Middeldorp", 15_300),
    }


def test_a_case_of_the_same_size_class_says_so(places, english):
    case("Dorpsmarkt herleeft", size_class="10k-25k")
    found = recommend(make_profile(gemeente=places["veldrode"]))
    assert titles(found) == ["Dorpsmarkt herleeft"]
    assert "fits municipalities of 10,000–25,000 inhabitants" in reasons_of(found, "Dorpsmarkt herleeft")


def test_a_case_in_a_similar_municipality_worked_in_a_municipality_like_yours(places, english):
    # Middeldorp (15,300) is the municipality most like Veldrode (14,900).
    case("Samen tegen leegstand", size_class="25k-50k", gemeenten=[places["middeldorp"]])
    found = recommend(make_profile(gemeente=places["veldrode"]))
    assert "worked in a municipality like yours" in reasons_of(found, "Samen tegen leegstand")


def test_a_followed_theme_an_audience_and_the_country_are_reasons_too(places, english):
    case("Mobiliteitsplan", size_class="25k-50k", themes=["mobiliteit"], audiences=["ondernemers"], country="BE")
    profile = make_profile(gemeente=places["maasdijk"], themes=["mobiliteit"], audience="ondernemers")
    reasons = reasons_of(recommend(profile), "Mobiliteitsplan")
    assert "because you follow the theme Mobiliteit" in reasons
    assert "for ondernemers" in reasons
    assert "also in Belgium" in reasons


def test_the_same_country_alone_does_not_make_a_case_fit(places, english):
    case("Grote stadsvernieuwing", size_class="gte100k", core_type="binnenstad", themes=["data"], audiences=[])
    assert recommend(make_profile(gemeente=places["veldrode"])) == []


def test_a_small_municipality_is_not_shown_only_big_city_examples(places, english):
    for n in range(3):
        case(f"Binnenstad {n}", size_class="gte100k", core_type="binnenstad", themes=["duurzaamheid"])
    case("Groen dorpsplein", size_class="lt10k", themes=["samenwerking"])
    found = recommend(make_profile(gemeente=places["kleinrode"], themes=["duurzaamheid"]))
    assert titles(found) == ["Groen dorpsplein"]


def test_a_big_city_example_can_follow_when_little_else_fits_but_never_first(places, english):
    case("Stadsbrede aanpak", size_class="50k-100k", themes=["duurzaamheid"], audiences=["ondernemers"])
    case("Dorpse aanpak", size_class="lt10k", themes=[])
    profile = make_profile(gemeente=places["kleinrode"], themes=["duurzaamheid"], audience="ondernemers")
    assert titles(recommend(profile)) == ["Dorpse aanpak", "Stadsbrede aanpak"]


def test_more_reasons_rank_higher(places):
    case("Eén reden", size_class="10k-25k", themes=[])
    case("Twee redenen", size_class="10k-25k", themes=["data"])
    found = recommend(make_profile(gemeente=places["veldrode"], themes=["data"]))
    assert titles(found) == ["Twee redenen", "Eén reden"]


def test_only_published_cases_are_recommended(places):
    case("Concept", size_class="10k-25k", live=False)
    unpublish(case("Ingetrokken", size_class="10k-25k"))
    assert recommend(make_profile(gemeente=places["veldrode"])) == []


def test_without_any_choice_there_is_nothing_to_recommend(places):
    case("Dorpsmarkt", size_class="10k-25k")
    assert recommend(PlaceProfile()) == []


def test_a_role_and_interests_work_without_a_municipality(places, english):
    case("Voor ondernemers", size_class="25k-50k", themes=["beleving-aantrekking"], audiences=["ondernemers"])
    found = recommend(make_profile(themes=["beleving-aantrekking"], audience="ondernemers"))
    assert reasons_of(found, "Voor ondernemers") == [
        "because you follow the theme Beleving & aantrekking",
        "for ondernemers",
    ]


# --- The page ------------------------------------------------------------------------------------------------------


def test_a_visitor_chooses_a_municipality_and_sees_examples_with_reasons(client, places):
    case("Dorpsmarkt herleeft", size_class="10k-25k")
    response = client.post(FOR_YOU, {"gemeente": places["veldrode"].pk, "themes": ["data"]})
    assert response.status_code == 302
    page = client.get(FOR_YOU)
    assert "Dorpsmarkt herleeft" in page.content.decode()
    assert client.session[SESSION_KEY]["gemeente"] == places["veldrode"].pk
    assert client.session[SESSION_KEY]["themes"] == ["data"]


def test_choices_live_in_the_session_only_and_the_page_says_so(client, places):
    response = client.post(FOR_YOU, {"gemeente": places["veldrode"].pk})
    # No cookie but Django's own session cookie.
    assert set(response.cookies) <= {"sessionid"}
    with translation.override("en"):
        page = client.get("/en/vitrine/voor-jou/")
    assert "no tracking cookies" in page.content.decode()


def test_a_visitor_can_forget_the_choices(client, places):
    client.post(FOR_YOU, {"gemeente": places["veldrode"].pk})
    client.post(FOR_YOU, {"forget": "1"})
    assert SESSION_KEY not in client.session


def test_an_unknown_municipality_is_refused_with_a_message(client, places):
    response = client.post(FOR_YOU, {"gemeente": 999999})
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_a_member_sees_examples_for_their_home_municipality_and_followed_themes(client, cast, places):
    cast.bram.home_gemeente = places["veldrode"]
    cast.bram.save(update_fields=["home_gemeente"])
    theme_follows.follow_theme(cast.bram, Theme.objects.get(slug="data"))
    profile = profile_for_user(cast.bram)
    assert profile.gemeente == places["veldrode"] and profile.themes == ["data"]
    case("Data in het dorp", size_class="lt10k", themes=["data"])
    client.login(username="bram", password=PASSWORD)
    page = client.get(FOR_YOU).content.decode()
    assert "Data in het dorp" in page
    assert f'<option value="{places["veldrode"].pk}" selected>' in page


ALL_ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_can_use_voor_jou(client, cast, places, role):
    user = cast.by_role()[role]
    if user is not None:
        client.force_login(user)
    case("Dorpsmarkt", size_class="10k-25k")
    client.post(FOR_YOU, {"gemeente": places["veldrode"].pk})
    assert "Dorpsmarkt" in client.get(FOR_YOU).content.decode()


def test_the_vitrine_list_shows_the_for_you_teaser(client, places):
    case("Dorpsmarkt herleeft", size_class="10k-25k")
    client.post(FOR_YOU, {"gemeente": places["veldrode"].pk})
    page = client.get(reverse("vitrine:for_you"))
    assert page.status_code == 200
    listing = client.get("/vitrine/")
    assert listing.status_code == 200
    assert "Dorpsmarkt herleeft" in listing.content.decode()
