"""What else is measured about a core ("Ook gemeten" on the analysis page, ``footfall`` in the profile API): the
Kernmonitor's footfall through the parts registry (public areas only, complete days, the last whole weeks) against
the peers that have it, and the public results of the core's own surveys."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.urls import reverse

from kernkompas.core import parts
from kernkompas.dna import analysis_extra
from kernkompas.dna.actions import surveys as survey_actions
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.models import BuildingBlock, DnaVersion, SurveyKind
from kernkompas.dna.tests.test_analysis import page_url, region  # noqa: F401  (the fixture)
from kernkompas.monitor.models import CountingPoint, FootfallCount, Resolution
from kernkompas.places.models import Gebied, GebiedKind

pytestmark = pytest.mark.django_db

ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
# Who may open a survey's full results page for a trajectory of Maasdijk.
EDITORS = {"gemeente", "begeleider", "beheerder"}
LAST = datetime.date(2026, 9, 27)  # a Sunday, long before "today" in any test run


def area(kern, name: str, public: bool = True) -> Gebied:
    return Gebied.objects.create(
        kern=kern, name=name, slug=name.lower().replace(" ", "-"), kind=GebiedKind.WINKELGEBIED, is_public=public
    )


def count_days(gebied: Gebied, point: str, value: int, days: int, last: datetime.date = LAST, skip=()) -> None:
    """A daily count of ``value`` at ``point`` for the ``days`` days up to ``last`` (except the days in skip)."""
    counting_point, _created = CountingPoint.objects.get_or_create(gebied=gebied, name=point)
    FootfallCount.objects.bulk_create(
        FootfallCount(
            point=counting_point,
            start=datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC),
            resolution=Resolution.DAY,
            value=value,
        )
        for day in (last - datetime.timedelta(days=n) for n in range(days))
        if day not in skip
    )


def section(response) -> str:
    text = html.unescape(response.content.decode())
    return text.split('id="also-title"')[1].split("</main>")[0]


# --- The registry hook (the Kernmonitor's side) --------------------------------------------------------------------


def test_footfall_counts_the_points_of_public_areas_only(cast):
    count_days(area(cast.centrum, "Markt"), "Markt-noord", 1000, 28)
    count_days(area(cast.centrum, "Achterstraat", public=False), "Geheim telpunt", 50_000, 28)
    found = parts.core_footfall([cast.centrum])[cast.centrum.pk]
    assert found.mean_per_day == 1000
    assert found.points == ("Markt-noord",)
    assert (found.days, found.date_from, found.date_to) == (28, LAST - datetime.timedelta(days=27), LAST)


def test_a_core_with_only_private_counts_has_no_footfall(cast):
    count_days(area(cast.centrum, "Achterstraat", public=False), "Geheim telpunt", 500, 60)
    assert parts.core_footfall([cast.centrum]) == {}


def test_the_points_add_up_and_a_day_missing_at_one_point_is_left_out(cast):
    markt = area(cast.centrum, "Markt")
    gap = {LAST - datetime.timedelta(days=3)}
    count_days(markt, "Noord", 600, 21)
    count_days(markt, "Zuid", 400, 21, skip=gap)
    found = parts.core_footfall([cast.centrum])[cast.centrum.pk]
    assert found.mean_per_day == 1000  # never 600 for the day the southern point missed
    assert found.days == 20
    assert found.points == ("Noord", "Zuid")


def test_the_period_is_the_last_twelve_whole_weeks(cast):
    markt = area(cast.centrum, "Markt")
    count_days(markt, "Noord", 100, 84, last=LAST - datetime.timedelta(days=84))  # older: left out
    count_days(markt, "Noord", 300, 84)
    count_days(markt, "Noord", 9999, 3, last=LAST + datetime.timedelta(days=3))  # Mon–Wed: an unfinished week
    found = parts.core_footfall([cast.centrum])[cast.centrum.pk]
    assert (found.mean_per_day, found.days, found.date_to) == (300, 84, LAST)
    assert found.date_to.weekday() == 6  # a Sunday


def test_fewer_than_fourteen_complete_days_is_no_footfall(cast):
    count_days(area(cast.centrum, "Markt"), "Noord", 100, 13)
    assert parts.core_footfall([cast.centrum]) == {}


# --- Against the peers -----------------------------------------------------------------------------------------


def give_footfall(kernen, values) -> None:
    for kern, value in zip(kernen, values, strict=False):
        count_days(area(kern, f"Centrum {kern.slug}"), "Telpunt", value, 28)


def test_with_four_peers_with_footfall_the_comparison_is_withheld_with_the_reason(client, cast, region):  # noqa: F811
    give_footfall([region["centrum"]], [1500])
    give_footfall(region["peers"][:4], [1000, 2000, 3000, 4000])
    result = analysis_extra.footfall(region["centrum"], region["peers"])
    assert result.own.mean_per_day == 1500 and result.n_peers == 4
    assert result.peer_median is None and result.percentile is None
    text = section(client.get(page_url(region["centrum"])))
    assert "1.500" in text and "passanten per dag" in text
    assert "te weinig vergelijkingskernen met tellingen (4 kernen; minstens 5 nodig)" in text
    assert "mediaan" not in text


def test_with_five_peers_with_footfall_it_has_their_median_and_its_percentile(client, cast, region):  # noqa: F811
    give_footfall([region["centrum"]], [2500])
    # Five peers with footfall, two without (they are no part of the median).
    give_footfall(region["peers"][:5], [1000, 2000, 3000, 4000, 5000])
    result = analysis_extra.footfall(region["centrum"], region["peers"])
    assert result.n_peers == 5
    assert result.peer_median == 3000 and result.percentile == 40.0
    text = section(client.get(page_url(region["centrum"])))
    assert "Onder de 5 vergelijkingskernen met tellingen: mediaan 3.000 passanten per dag" in text
    assert "percentiel van deze kern is 40" in text
    assert "Veldkern 5" in text and "Veldkern 6" not in text


def test_a_core_without_footfall_says_so(client, cast, region):  # noqa: F811
    give_footfall(region["peers"], [1000] * 7)
    text = section(client.get(page_url(region["centrum"])))
    assert "Geen passantentellingen voor deze kern" in text


def test_the_api_profile_has_footfall_or_null(client, cast, region):  # noqa: F811
    url = f"/api/v1/dna/profiles/{region['centrum'].pk}"
    assert client.get(url).json()["footfall"] is None
    give_footfall([region["centrum"]], [2500])
    give_footfall(region["peers"][:5], [1000, 2000, 3000, 4000, 5000])
    found = client.get(url).json()["footfall"]
    assert found["mean_per_day"] == 2500 and found["days"] == 28 and found["points"] == ["Telpunt"]
    assert found["n_peers"] == 5 and found["peer_median"] == 3000 and found["percentile"] == 40
    assert found["date_to"] == LAST.isoformat()
    few = client.get(url, {"peers": [k.pk for k in region["peers"][:3]]}).json()["footfall"]
    assert few["n_peers"] == 3 and few["peer_median"] is None and few["percentile"] is None


# --- Survey results ------------------------------------------------------------------------------------------------


@pytest.fixture
def trajectory(cast):
    return trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")


def answered(cast, trajectory, kind: str, scores: dict[str, int], respondents: int = 3):
    kwargs = {}
    if kind == SurveyKind.VALIDATIE:
        version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline="Aan de Maas")
        for n in (1, 2):
            BuildingBlock.objects.create(version=version, position=n, name=f"Bouwsteen {n}", explanation="…")
        kwargs["version"] = version
    survey = survey_actions.create_survey(cast.ellen, trajectory, kind=kind, title=f"Enquête {kind}", **kwargs)
    survey = survey_actions.open_survey(cast.ellen, survey)
    for number in range(respondents):
        survey_actions.submit_response(
            survey, group="inwoner", scores=scores, texts={}, nonce_hash=f"{kind}-{number}", on=LAST
        )
    return survey


def place_standard(cast, trajectory):
    from kernkompas.dna import survey_questions

    themes = [f"thema-{theme.key}" for theme in survey_questions.PLACE_STANDARD]
    return answered(cast, trajectory, SurveyKind.BELEVING, {key: 5 if i else 2 for i, key in enumerate(themes)})


@pytest.mark.parametrize(("public", "published"), [(False, True), (True, False), (False, False)])
def test_survey_results_show_only_when_public_and_the_trajectory_published(client, cast, trajectory, public, published):
    survey = place_standard(cast, trajectory)
    survey_actions.set_results_public(cast.ellen, survey, public)
    trajectory_actions.set_published(cast.ellen, trajectory, published)
    client.force_login(cast.ellen)  # even the municipality's own staff: the page is the public one
    text = section(client.get(page_url(cast.centrum)))
    assert "Geen openbare enquêteresultaten voor deze kern." in text
    assert "Enquête beleving" not in text


@pytest.mark.parametrize("who", ROLES)
def test_every_role_sees_the_same_public_results_and_only_editors_the_link(client, cast, trajectory, who):
    ps = place_standard(cast, trajectory)
    validation = answered(cast, trajectory, SurveyKind.VALIDATIE, {"blok-1": 4, "blok-2": 2})
    for survey in (ps, validation):
        survey_actions.set_results_public(cast.ellen, survey, True)
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    user = cast.by_role()[who]
    if user is not None:
        client.force_login(user)
    response = client.get(page_url(cast.centrum))
    assert response.status_code == 200
    text = section(response)
    assert "“Enquête beleving”: 3 deelnemers" in text
    assert "Bewegen en rondlopen" in text and "2,0" in text and "5,0" in text
    assert 'role="img"' in text  # the radar: fourteen themes
    assert "Bouwsteen 1" in text and "4,0" in text and "Bouwsteen 2" in text
    link = reverse("dna:survey_results", kwargs={"pk": trajectory.pk, "survey_pk": ps.pk})
    assert (link in text) == (who in EDITORS)
    # The numbers are the same for everyone: the page without its links.
    anonymous = section(client.__class__().get(page_url(cast.centrum)))
    assert re.sub(r"<p><a href=\"[^\"]*\">Alle resultaten van deze enquête</a></p>", "", text) == anonymous


def test_the_latest_public_survey_is_shown_and_a_draft_never(cast, trajectory):
    older = place_standard(cast, trajectory)
    survey_actions.set_results_public(cast.ellen, older, True)
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    draft = survey_actions.create_survey(cast.ellen, trajectory, kind=SurveyKind.BELEVING, title="Concept")
    draft.results_public = True
    draft.save()
    found = analysis_extra.public_surveys(None, cast.centrum)
    assert found["beleving"].survey == older and "validatie" not in found
    assert found["beleving"].results_url == ""
    assert [row.n for row in found["beleving"].rows] == [3] * 14


def test_hostile_names_of_points_and_surveys_reach_the_page_as_text(client, cast, trajectory):
    hostile = '<script>alert("x")</script>'
    count_days(area(cast.centrum, "Markt"), hostile, 100, 28)
    survey = place_standard(cast, trajectory)
    survey.title = hostile
    survey.save()
    survey_actions.set_results_public(cast.ellen, survey, True)
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    raw = client.get(page_url(cast.centrum)).content.decode()
    assert hostile not in raw
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in raw or "&lt;script&gt;alert(&#x27;" in raw
