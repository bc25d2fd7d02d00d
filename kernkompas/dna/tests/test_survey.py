"""Testing the DNA with the people ("aftoetsen"): the survey engine, the public form (one-time key, cookie, rate
limit, bad answers), the staff pages for every role, the results against hand-computed figures, the CSV's column
order, the API's aggregates, the demo and the personal-data register."""

from __future__ import annotations

import csv
import io
import re
import time

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from kernkompas.core import audit, personal_data
from kernkompas.dna import survey_export, survey_forms, survey_questions, survey_selectors
from kernkompas.dna.actions import surveys as survey_actions
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.models import (
    Answer,
    BuildingBlock,
    DnaVersion,
    Idea,
    OpenAnswer,
    Response,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from kernkompas.testing import stored_copies

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("enquete")</script><img src=x onerror=alert(1)>'
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]
EDITORS = {"gemeente", "begeleider", "beheerder"}
PUBLISHERS = {"gemeente", "beheerder"}
PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"}


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def trajectory(cast):
    return trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")


@pytest.fixture
def version(trajectory):
    version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline="Winkelen en wonen aan de Maas")
    blocks = [
        BuildingBlock.objects.create(version=version, position=n, name=f"Bouwsteen {n}", explanation=f"Uitleg {n}")
        for n in range(1, 6)
    ]
    Idea.objects.create(version=version, block=blocks[0], title="Marktavond", position=0)
    Idea.objects.create(version=version, block=blocks[2], title="Kadepad", position=0)
    return version


@pytest.fixture
def survey(cast, trajectory, version):
    created = survey_actions.create_survey(
        cast.ellen, trajectory, kind=SurveyKind.VALIDATIE, title="Herken jij het DNA?", version=version
    )
    return survey_actions.open_survey(cast.ellen, created)


@pytest.fixture
def place_standard(cast, trajectory):
    created = survey_actions.create_survey(cast.femke, trajectory, kind=SurveyKind.BELEVING, title="Beleving")
    return survey_actions.open_survey(cast.femke, created)


def form_url(survey) -> str:
    return reverse("dna:survey_form", kwargs={"token": survey.token})


def staff_url(name: str, survey) -> str:
    return reverse(f"dna:{name}", kwargs={"pk": survey.trajectory_id, "survey_pk": survey.pk})


def nonce_from(page) -> str:
    found = re.search(r'name="nonce" value="([^"]+)"', page.content.decode())
    assert found, "the form has no one-time key"
    return found.group(1)


def good_answers(survey, **overrides) -> dict:
    data = {"group": "inwoner"}
    for item in survey_questions.items(survey.snapshot):
        data[f"score-{item.key}"] = "4"
    data.update(overrides)
    return data


def answer(client, survey, **overrides):
    nonce = nonce_from(client.get(form_url(survey)))
    return client.post(form_url(survey), {**good_answers(survey, **overrides), "nonce": nonce})


# --- The engine -------------------------------------------------------------------------------------------------


def test_opening_freezes_the_questions_so_later_edits_of_the_dna_change_nothing(survey, version):
    items = survey_questions.items(survey.snapshot)
    assert [i.key for i in items][:5] == [f"blok-{n}" for n in range(1, 6)]
    assert [i.label for i in items][5:] == ["Marktavond", "Kadepad"]
    assert [q.text for q in survey_questions.questions(survey.snapshot)] == [
        "Waar word je enthousiast van in Maasdijk-Centrum?",
        "Wat mis je nog?",
    ]
    BuildingBlock.objects.filter(version=version, position=1).update(name="Iets heel anders")
    Idea.objects.filter(version=version).delete()
    survey.refresh_from_db()
    assert survey_questions.items(survey.snapshot)[0].label == "Bouwsteen 1"
    assert len(survey_questions.items(survey.snapshot)) == 7


def test_a_draft_has_no_snapshot_and_its_questions_can_still_change(cast, trajectory, version):
    draft = survey_actions.create_survey(cast.ellen, trajectory, kind="validatie", title="Concept", version=version)
    assert draft.snapshot == {} and draft.status == SurveyStatus.CONCEPT
    survey_actions.change_survey(cast.ellen, draft, open_questions=["Eén vraag"])
    assert Survey.objects.get(pk=draft.pk).open_questions == ["Eén vraag"]
    opened = survey_actions.open_survey(cast.ellen, draft)
    survey_actions.change_survey(cast.ellen, opened, open_questions=["Andere vraag"], title="Nieuwe titel")
    opened.refresh_from_db()
    assert opened.open_questions == ["Eén vraag"] and opened.title == "Nieuwe titel"


def test_a_validation_survey_needs_a_version(cast, trajectory):
    with pytest.raises(ValueError):
        survey_actions.create_survey(cast.ellen, trajectory, kind="validatie", title="Zonder versie")


def test_the_place_standard_survey_has_the_fourteen_themes_on_a_seven_point_scale(place_standard):
    items = survey_questions.items(place_standard.snapshot)
    assert len(items) == 14
    assert {(i.low, i.high) for i in items} == {(1, 7)}
    assert [i.label for i in items][:3] == ["Bewegen en rondlopen", "Openbaar vervoer", "Verkeer en parkeren"]
    assert items[-1].label == "Invloed en zeggenschap"
    assert len(survey_questions.questions(place_standard.snapshot)) == 14 + 1  # a comment per theme, one question


def test_the_tokens_are_long_random_and_renewing_one_ends_the_old_link(client, cast, survey):
    other = survey_actions.create_survey(cast.ellen, survey.trajectory, kind="beleving", title="B")
    assert survey.token != other.token and len(survey.token) >= 32
    old = survey.token
    survey_actions.renew_link(cast.ellen, survey)
    assert client.get(reverse("dna:survey_form", kwargs={"token": old})).status_code == 404
    assert client.get(form_url(survey)).status_code == 200


def test_every_action_is_logged_and_named(cast, survey):
    survey_actions.close_survey(cast.ellen, survey)
    survey_actions.set_results_public(cast.ellen, survey, True)
    for code in ("dna.survey_created", "dna.survey_opened", "dna.survey_closed", "dna.survey_results_published"):
        assert audit.action_label(code) != code
        from kernkompas.core.models import AuditEvent

        assert AuditEvent.objects.filter(action=code, gemeente=cast.maasdijk).exists(), code
    for code in ("dna.survey_changed", "dna.survey_link_renewed", "dna.survey_results_unpublished"):
        assert str(audit.action_label(code)) != code


# --- The public form ----------------------------------------------------------------------------------------------


def test_anonymous_visitor_on_a_phone_answers_and_everything_is_stored(client, survey):
    page = client.get(form_url(survey), **PHONE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="viewport"' in html and "Wie ben je?" in html and "Hoe goed herken je dit?" in html
    assert html.count('type="radio"') == 4 + 5 * 5 + 2 * 5
    assert "<legend>" in html and "1 ster" in html and "5 sterren" in html
    response = client.post(
        form_url(survey),
        {
            **good_answers(survey, **{"score-blok-2": "5", "group": "ondernemer"}),
            "text-vraag-1": "De markt op donderdag",
            "nonce": nonce_from(page),
        },
        **PHONE,
    )
    assert response.status_code == 302
    assert response.url == reverse("dna:survey_thanks", kwargs={"token": survey.token})
    stored = Response.objects.get(survey=survey)
    assert stored.group == "ondernemer"
    assert {a.item: a.score for a in stored.answers.all()}["blok-2"] == 5
    assert stored.answers.count() == 7
    assert OpenAnswer.objects.get(response=stored).text == "De markt op donderdag"
    assert response.cookies[f"kk_enquete_{survey.pk}"].value == "1"
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("bad", ["0", "6", "x", "", "4.5", "-1"])
def test_an_answer_out_of_range_shows_the_form_again_with_a_dutch_message_and_stores_nothing(client, survey, bad):
    response = answer(client, survey, **{"score-blok-3": bad})
    assert response.status_code == 400
    html = response.content.decode()
    if bad == "":
        assert "Kies een score voor “Bouwsteen 3”." in html
    else:
        assert "Kies een score van 1 tot 5 voor “Bouwsteen 3”." in html
    assert 'href="#vraag-score-blok-3"' in html  # the summary links to the question
    assert 'value="4" checked' in html  # the other answers are kept
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_missing_answers_are_each_named(client, survey):
    nonce = nonce_from(client.get(form_url(survey)))
    response = client.post(form_url(survey), {"nonce": nonce})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kies wie je bent." in html
    assert "Kies een score voor “Marktavond”." in html
    assert "8 antwoorden vragen je aandacht" in html
    assert Response.objects.count() == 0


def test_a_group_that_does_not_exist_is_refused(client, survey):
    response = answer(client, survey, group="burgemeester")
    assert response.status_code == 400 and "Kies een van de vier antwoorden" in response.content.decode()
    assert Response.objects.count() == 0


def test_a_seven_is_fine_for_a_place_standard_theme_but_an_eight_is_not(client, place_standard):
    assert answer(client, place_standard, **{"score-thema-ov": "7"}).status_code == 302
    client.cookies.clear()
    response = answer(client, place_standard, **{"score-thema-ov": "8"})
    assert response.status_code == 400
    assert "Kies een score van 1 tot 7 voor “Openbaar vervoer”." in response.content.decode()
    assert Response.objects.count() == 1


def test_a_replayed_submission_is_refused_and_nothing_is_stored_twice(client, survey):
    nonce = nonce_from(client.get(form_url(survey)))
    data = {**good_answers(survey), "nonce": nonce}
    assert client.post(form_url(survey), data).status_code == 302
    client.cookies.clear()  # the replay comes without the cookie (another client, a script)
    again = client.post(form_url(survey), data)
    assert again.status_code == 409
    assert "al verstuurd" in again.content.decode()
    assert Response.objects.count() == 1 and Answer.objects.count() == 7


def test_the_same_key_twice_at_the_action_level_is_refused_by_the_constraint(survey):
    scores = {i.key: 3 for i in survey_questions.items(survey.snapshot)}
    survey_actions.submit_response(survey, group="inwoner", scores=scores, texts={}, nonce_hash="a" * 64)
    with pytest.raises(survey_actions.AlreadySubmitted):
        survey_actions.submit_response(survey, group="inwoner", scores=scores, texts={}, nonce_hash="a" * 64)
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "nonce",
    [
        "",
        "vervalst",
        signing.dumps({"s": 999999, "n": "x"}, salt=survey_forms.NONCE_SALT),  # signed for another survey
        signing.dumps({"s": 1, "n": "x"}, salt="een-ander-doel"),  # signed for another purpose
    ],
)
def test_a_missing_forged_or_foreign_key_stores_nothing_and_gives_a_fresh_form(client, survey, nonce):
    response = client.post(form_url(survey), {**good_answers(survey), "nonce": nonce})
    assert response.status_code == 400
    html = response.content.decode()
    assert "kon niet gecontroleerd worden" in html
    assert nonce_from(response) != nonce  # a fresh key to send again with
    assert Response.objects.count() == 0


def test_an_expired_key_asks_to_send_again_with_the_answers_kept(client, survey, monkeypatch):
    nonce = nonce_from(client.get(form_url(survey)))
    later = time.time() + survey_forms.NONCE_MAX_AGE + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(form_url(survey), {**good_answers(survey), "nonce": nonce})
    assert response.status_code == 400
    assert "te lang open" in response.content.decode()
    assert 'value="4" checked' in response.content.decode()
    assert Response.objects.count() == 0


def test_with_the_cookie_a_second_visit_says_you_already_answered(client, survey):
    assert answer(client, survey).status_code == 302
    again = client.get(form_url(survey))
    assert again.status_code == 200
    assert "Je hebt deze enquête op dit toestel al ingevuld" in again.content.decode()
    assert 'name="nonce"' not in again.content.decode()
    posted = client.post(form_url(survey), good_answers(survey))
    assert "al ingevuld" in posted.content.decode()
    assert Response.objects.count() == 1


def test_the_cookie_holds_a_flag_not_an_identifier(client, survey):
    response = answer(client, survey)
    cookie = response.cookies[f"kk_enquete_{survey.pk}"]
    assert cookie.value == "1"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@override_settings(RATELIMITS={"dna_survey": (2, 3600)})
def test_the_form_is_rate_limited_per_client(client, survey):
    assert answer(client, survey).status_code == 302
    client.cookies.clear()
    assert answer(client, survey).status_code == 302
    client.cookies.clear()
    limited = answer(client, survey)
    assert limited.status_code == 429
    assert Response.objects.count() == 2
    # Another address is not affected.
    nonce = nonce_from(client.get(form_url(survey)))
    other = client.post(form_url(survey), {**good_answers(survey), "nonce": nonce}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_neither_the_rate_limit_nor_a_response_stores_the_address(client, survey):
    nonce = nonce_from(client.get(form_url(survey)))
    client.post(form_url(survey), {**good_answers(survey), "nonce": nonce}, REMOTE_ADDR="198.51.100.77")
    assert Response.objects.count() == 1
    assert stored_copies("198.51.100.77") == []
    assert nonce not in str(list(Response.objects.values_list("nonce_hash", flat=True)))


def test_a_closed_survey_shows_a_friendly_page_and_takes_no_answers(client, cast, survey):
    nonce = nonce_from(client.get(form_url(survey)))
    survey_actions.close_survey(cast.ellen, survey)
    page = client.get(form_url(survey))
    assert page.status_code == 200 and "Deze enquête is gesloten" in page.content.decode()
    posted = client.post(form_url(survey), {**good_answers(survey), "nonce": nonce})
    assert "gesloten" in posted.content.decode()
    assert Response.objects.count() == 0
    with pytest.raises(survey_actions.SurveyClosed):
        survey_actions.submit_response(survey, group="inwoner", scores={}, texts={}, nonce_hash="b" * 64)


@pytest.mark.parametrize("who", ROLES)
def test_a_draft_is_404_to_outsiders_and_a_preview_without_sending_for_editors(client, cast, trajectory, version, who):
    draft = survey_actions.create_survey(cast.ellen, trajectory, kind="validatie", title="Concept", version=version)
    login(client, cast.by_role()[who])
    page = client.get(form_url(draft))
    posted = client.post(form_url(draft), {"group": "inwoner"})
    qr = client.get(reverse("dna:survey_qr", kwargs={"token": draft.token}))
    if who in EDITORS:
        assert page.status_code == 200 and "Voorbeeld van een concept" in page.content.decode()
        assert "Bouwsteen 1" in page.content.decode()
        assert posted.status_code == 403
    else:
        assert page.status_code == posted.status_code == qr.status_code == 404
    assert Response.objects.count() == 0


def test_open_answers_are_cleaned_bounded_and_shown_as_text(client, cast, survey):
    text = f"Goed\x00 zo\x1b[31m \u202eomgekeerd {HOSTILE}\r\n\r\n\r\n\r\nEinde"
    assert answer(client, survey, **{"text-vraag-1": text}).status_code == 302
    stored = OpenAnswer.objects.get().text
    assert "\x00" not in stored and "\x1b" not in stored and "\u202e" not in stored and "\r" not in stored
    assert stored.endswith("\n\nEinde")
    client.cookies.clear()
    too_long = answer(client, survey, **{"text-vraag-2": "x" * 2001})
    assert too_long.status_code == 400 and "hoogstens 2000 tekens" in too_long.content.decode()
    assert OpenAnswer.objects.count() == 1
    login(client, cast.ellen)
    results = client.get(staff_url("survey_results", survey)).content.decode()
    assert HOSTILE not in results and "&lt;script&gt;" in results


def test_the_qr_code_is_an_svg_of_the_link(client, survey):
    response = client.get(reverse("dna:survey_qr", kwargs={"token": survey.token}))
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content and b"<title>" in response.content


# --- The staff pages: every role -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_who_may_use_the_staff_pages(client, cast, survey, who):
    user = cast.by_role()[who]
    login(client, user)
    trajectory = survey.trajectory
    answer(client.__class__(), survey)  # one response from someone else
    gets = {
        "create": client.get(reverse("dna:survey_create", kwargs={"pk": trajectory.pk})),
        "detail": client.get(staff_url("survey", survey)),
        "edit": client.get(staff_url("survey_edit", survey)),
        "print": client.get(staff_url("survey_print", survey)),
        "results": client.get(staff_url("survey_results", survey)),
        "csv": client.get(staff_url("survey_csv", survey)),
    }
    posts = {
        "status": client.post(staff_url("survey_status", survey), {"status": "gesloten"}),
        "public": client.post(staff_url("survey_results_public", survey), {"public": "1"}),
    }
    survey.refresh_from_db()
    if user is None:
        login_url = reverse("accounts:login")
        assert all(r.status_code == 302 and r.url.startswith(login_url) for r in [*gets.values(), *posts.values()])
        assert survey.status == SurveyStatus.OPEN and not survey.results_public
    elif who in EDITORS:
        assert {name: r.status_code for name, r in gets.items()} == dict.fromkeys(gets, 200)
        assert posts["status"].status_code == 302 and survey.status == SurveyStatus.GESLOTEN
        if who in PUBLISHERS:
            assert posts["public"].status_code == 302 and survey.results_public
        else:  # the facilitator runs the survey; the municipality decides what becomes public
            assert posts["public"].status_code == 403 and not survey.results_public
    else:  # the trajectory is not published: it does not exist for them
        assert {r.status_code for r in [*gets.values(), *posts.values()]} == {404}
        assert survey.status == SurveyStatus.OPEN and not survey.results_public


@pytest.mark.parametrize("who", ["lid", "gemeente_andere", "redactie"])
def test_readers_of_a_published_trajectory_get_403_on_the_staff_pages(client, cast, survey, who):
    trajectory_actions.set_published(cast.ellen, survey.trajectory, True)
    login(client, cast.by_role()[who])
    assert client.get(staff_url("survey_results", survey)).status_code == 403
    assert client.get(staff_url("survey_csv", survey)).status_code == 403
    assert client.get(reverse("dna:survey_create", kwargs={"pk": survey.trajectory_id})).status_code == 403
    # The trajectory page shows them the open survey's public link, not the staff pages.
    page = client.get(survey.trajectory.get_absolute_url()).content.decode()
    assert form_url(survey) in page and staff_url("survey", survey) not in page


def test_a_facilitator_creates_and_opens_a_validation_survey(client, cast, trajectory, version):
    login(client, cast.femke)
    url = reverse("dna:survey_create", kwargs={"pk": trajectory.pk})
    form = client.get(url + "?soort=validatie").content.decode()
    assert "Waar word je enthousiast van in Maasdijk-Centrum?" in form
    response = client.post(
        url,
        {
            "kind": "validatie",
            "title": "Herken jij het?",
            "intro": "Vijf minuten.",
            "version": version.pk,
            "open_questions": "Wat is je favoriete plek?\n\n  Wat mis je?  ",
        },
    )
    created = Survey.objects.get(title="Herken jij het?")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert created.open_questions == ["Wat is je favoriete plek?", "Wat mis je?"]
    assert created.status == SurveyStatus.CONCEPT and created.version == version
    client.post(staff_url("survey_status", created), {"status": "open"})
    created.refresh_from_db()
    assert created.status == SurveyStatus.OPEN and created.opened_at is not None
    assert len(survey_questions.items(created.snapshot)) == 7


def test_a_validation_survey_cannot_be_made_without_a_version_of_five_blocks(client, cast, trajectory):
    version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline="Half af")
    BuildingBlock.objects.create(version=version, position=1, name="Eén", explanation="x")
    login(client, cast.ellen)
    url = reverse("dna:survey_create", kwargs={"pk": trajectory.pk})
    assert "nog geen DNA-versie met vijf bouwstenen" in client.get(url + "?soort=validatie").content.decode()
    response = client.post(url, {"kind": "validatie", "title": "X", "version": version.pk})
    assert response.status_code == 200 and not Survey.objects.exists()


def test_too_many_open_questions_are_refused(client, cast, trajectory):
    login(client, cast.ellen)
    url = reverse("dna:survey_create", kwargs={"pk": trajectory.pk})
    lines = "\n".join(f"Vraag {n}?" for n in range(7))
    response = client.post(url, {"kind": "beleving", "title": "Beleving", "open_questions": lines})
    assert "Hoogstens 5 open vragen: verwijder er 2." in response.content.decode()
    assert not Survey.objects.exists()


def test_opening_is_refused_when_the_version_lost_its_blocks(client, cast, trajectory, version):
    draft = survey_actions.create_survey(cast.ellen, trajectory, kind="validatie", title="C", version=version)
    BuildingBlock.objects.filter(version=version, position=5).delete()
    login(client, cast.ellen)
    client.post(staff_url("survey_status", draft), {"status": "open"})
    draft.refresh_from_db()
    assert draft.status == SurveyStatus.CONCEPT and draft.snapshot == {}


# --- Results ---------------------------------------------------------------------------------------------------------


def _respond(survey, group: str, blok1: int, n: int) -> None:
    scores = {i.key: 3 for i in survey_questions.items(survey.snapshot)}
    scores["blok-1"] = blok1
    survey_actions.submit_response(survey, group=group, scores=scores, texts={}, nonce_hash=f"{n:064d}")


def test_results_per_group_and_overall_match_hand_computed_figures(client, cast, survey):
    # blok-1: residents 4, 4, 5, 3 (mean 4, s = 0.81650, t(3) = 3.18245: 2.70077 … 5.29923 → clipped to 5);
    # one visitor 2 (no interval); overall 4, 4, 5, 3, 2: mean 3.6, s = 1.14018, t(4) = 2.77645 → 2.18428 … 5.01572
    # → clipped to 5.
    for n, (group, score) in enumerate(
        [("inwoner", 4), ("inwoner", 4), ("inwoner", 5), ("inwoner", 3), ("bezoeker", 2)]
    ):
        _respond(survey, group, score, n)
    found = survey_selectors.results(survey)
    blok1 = found.items[0]
    assert blok1.item.key == "blok-1"
    assert blok1.groups["inwoner"].mean == 4 and blok1.groups["inwoner"].ci_low == pytest.approx(2.70077, abs=1e-5)
    assert blok1.groups["inwoner"].ci_high == 5
    assert blok1.groups["bezoeker"].n == 1 and not blok1.groups["bezoeker"].has_interval
    assert blok1.groups["ondernemer"].n == 0 and blok1.groups["ondernemer"].mean is None
    assert blok1.overall.mean == pytest.approx(3.6)
    assert blok1.overall.sd == pytest.approx(1.14018, abs=1e-5)
    assert blok1.overall.ci_low == pytest.approx(2.18428, abs=1e-5)
    assert blok1.overall.distribution == (0, 1, 1, 2, 1)
    assert found.respondents == 5 and found.by_group == {"inwoner": 4, "werkt": 0, "ondernemer": 0, "bezoeker": 1}

    login(client, cast.ellen)
    page = client.get(staff_url("survey_results", survey)).content.decode()
    assert "3,60" in page and "2,18 – 5,00" in page and "geen: één antwoord" in page
    assert "Student" in page and 'role="img"' in page
    visitors = client.get(staff_url("survey_results", survey) + "?groep=bezoeker").content.decode()
    assert "Gemiddelde per vraag: bezoekers" in visitors
    nonsense = client.get(staff_url("survey_results", survey) + "?groep=<x>")
    assert nonsense.status_code == 200 and "Gemiddelde per vraag: iedereen" in nonsense.content.decode()


def test_the_place_standard_results_are_a_radar_of_the_fourteen_themes(client, cast, survey, place_standard):
    scores = {item.key: 7 for item in survey_questions.items(place_standard.snapshot)}
    survey_actions.submit_response(place_standard, group="inwoner", scores=scores, texts={}, nonce_hash="1" * 64)
    login(client, cast.ellen)
    page = client.get(staff_url("survey_results", place_standard)).content.decode()
    radar = page[page.index("Place Standard: gemiddelde score per thema") :]
    assert 'class="radar' in radar or "radar" in radar[:400]
    assert radar.count("<polygon") >= 1 and "Invloed" in radar  # one spoke per theme, labelled in Dutch
    # A validation survey rates building blocks, not themes: no radar.
    assert (
        "Place Standard: gemiddelde score per thema"
        not in client.get(staff_url("survey_results", survey)).content.decode()
    )


def test_open_answers_can_be_filtered_by_group(client, cast, survey):
    scores = {i.key: 3 for i in survey_questions.items(survey.snapshot)}
    survey_actions.submit_response(
        survey, group="inwoner", scores=scores, texts={"vraag-1": "De kade"}, nonce_hash="1" * 64
    )
    survey_actions.submit_response(
        survey, group="bezoeker", scores=scores, texts={"vraag-1": "Het ijssalon"}, nonce_hash="2" * 64
    )
    login(client, cast.femke)
    everyone = client.get(staff_url("survey_results", survey)).content.decode()
    assert "De kade" in everyone and "Het ijssalon" in everyone
    visitors = client.get(staff_url("survey_results", survey) + "?groep=bezoeker").content.decode()
    assert "Het ijssalon" in visitors and "De kade" not in visitors


def test_a_draft_has_no_results_page_and_no_csv(client, cast, trajectory, version):
    draft = survey_actions.create_survey(cast.ellen, trajectory, kind="validatie", title="C", version=version)
    login(client, cast.ellen)
    assert client.get(staff_url("survey_results", draft)).status_code == 302
    assert client.get(staff_url("survey_csv", draft)).status_code == 403


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_the_csv_columns_are_in_a_fixed_documented_order(client, cast, survey, version):
    ideas = list(version.ideas.order_by("block__position").values_list("pk", flat=True))
    expected = ["response", "submitted_on", "group", "blok-1", "blok-2", "blok-3", "blok-4", "blok-5"]
    expected += [f"idee-{pk}" for pk in ideas] + ["vraag-1", "vraag-2"]
    assert survey_export.columns(survey, machine=True) == expected
    scores = {i.key: 2 for i in survey_questions.items(survey.snapshot)}
    survey_actions.submit_response(
        survey, group="werkt", scores=scores, texts={"vraag-2": '=HYPERLINK("x")'}, nonce_hash="c" * 64
    )
    survey_actions.submit_response(survey, group="inwoner", scores=scores, texts={}, nonce_hash="d" * 64)
    # Later changes to the DNA do not move a column.
    Idea.objects.create(version=version, block=version.blocks.get(position=1), title="Nieuw", position=9)
    survey.refresh_from_db()
    assert survey_export.columns(survey, machine=True) == expected

    login(client, cast.ellen)
    machine = client.get(staff_url("survey_csv", survey) + "?kolommen=machine")
    assert machine["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(machine.content.decode("utf-8-sig"))))
    assert rows[0] == expected
    assert rows[1][:4] == ["1", rows[1][1], "werkt", "2"]
    assert rows[1][-1] == '\'=HYPERLINK("x")'  # neutralised: text, not a formula
    assert rows[2][2] == "inwoner" and rows[2][-1] == ""
    people = client.get(staff_url("survey_csv", survey)).content.decode("utf-8-sig")
    header = people.splitlines()[0]
    assert header.startswith('"antwoord nr.";"ingevuld op";"groep";"Bouwsteen 1: Bouwsteen 1"')
    assert "Ik werk hier" in people


def test_the_place_standard_csv_lists_the_themes_then_comments_then_questions(place_standard):
    columns = survey_export.columns(place_standard, machine=True)
    assert columns[3:17] == [f"thema-{t.key}" for t in survey_questions.PLACE_STANDARD]
    assert columns[17:31] == [f"opmerking-{t.key}" for t in survey_questions.PLACE_STANDARD]
    assert columns[31:] == ["vraag-1"]


# --- API ----------------------------------------------------------------------------------------------------------


def test_the_api_gives_aggregates_only_of_public_results_of_published_trajectories(client, cast, survey):
    scores = {i.key: 4 for i in survey_questions.items(survey.snapshot)}
    for n, group in enumerate(["inwoner", "inwoner", "ondernemer"]):
        survey_actions.submit_response(
            survey, group=group, scores=scores, texts={"vraag-1": "Geheim oordeel"}, nonce_hash=f"{n:064d}"
        )
    url = f"/api/v1/dna/surveys/{survey.pk}/results"
    assert client.get(url).status_code == 404  # trajectory not published, results not public
    assert "detail" in client.get(url).json()
    assert client.get("/api/v1/dna/surveys/0/results").status_code == 422
    trajectory_actions.set_published(cast.ellen, survey.trajectory, True)
    assert client.get(url).status_code == 404  # results not public
    survey_actions.set_results_public(cast.ellen, survey, True)
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["respondents"] == 3 and data["respondents_by_group"]["inwoner"] == 2
    first = data["items"][0]
    assert first["key"] == "blok-1" and first["scale"] == [1, 5]
    assert first["overall"] == {
        "n": 3,
        "mean": 4.0,
        "ci_low": 4.0,
        "ci_high": 4.0,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 3, "5": 0},
    }
    ondernemer = next(g for g in first["groups"] if g["group"] == "ondernemer")
    assert ondernemer["n"] == 1 and ondernemer["ci_low"] is None
    assert "Geheim oordeel" not in response.content.decode()
    assert "/dna/surveys/{survey_id}/results" in client.get("/api/v1/openapi.json").content.decode()
    trajectory_actions.set_published(cast.ellen, survey.trajectory, False)
    assert client.get(url).status_code == 404


def test_the_api_hides_a_draft_even_with_public_results(client, cast, trajectory, version):
    draft = survey_actions.create_survey(cast.ellen, trajectory, kind="validatie", title="C", version=version)
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    survey_actions.set_results_public(cast.ellen, draft, True)
    assert client.get(f"/api/v1/dna/surveys/{draft.pk}/results").status_code == 404


# --- Links, demo, personal data ------------------------------------------------------------------------------------


def test_the_trajectory_page_and_workspace_link_to_the_surveys(client, cast, survey):
    login(client, cast.ellen)
    page = client.get(survey.trajectory.get_absolute_url()).content.decode()
    assert "Aftoetsen bij de mensen" in page and staff_url("survey", survey) in page
    assert reverse("dna:survey_create", kwargs={"pk": survey.trajectory_id}) in page
    workspace = client.get(reverse("site:workspace", kwargs={"slug": cast.maasdijk.slug})).content.decode()
    assert "Open enquêtes" in workspace and staff_url("survey_results", survey) in workspace


def test_the_demo_has_an_open_validation_survey_with_forty_responses_and_is_idempotent(db):
    from kernkompas.dna.demo import load_demo
    from kernkompas.site.demo import load_demo_data

    load_demo_data(with_parts=False)
    load_demo()
    validation = Survey.objects.get(kind="validatie", trajectory__kern__slug="dorp")
    assert validation.is_open and validation.is_demo and validation.responses.count() == 40
    assert validation.responses.filter(is_demo=True).count() == 40
    assert len(survey_questions.items(validation.snapshot)) == 5 + 6
    beleving = Survey.objects.get(kind="beleving", trajectory__kern__slug="dorp")
    assert beleving.is_open and beleving.responses.count() == 30
    counts = (Survey.objects.count(), Response.objects.count(), Answer.objects.count(), OpenAnswer.objects.count())
    load_demo()
    assert (
        Survey.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        OpenAnswer.objects.count(),
    ) == counts


def test_an_erasure_request_finds_open_answers_that_name_the_person(survey):
    scores = {i.key: 3 for i in survey_questions.items(survey.snapshot)}
    survey_actions.submit_response(
        survey, group="inwoner", scores=scores, texts={"vraag-1": "Jan Peeters van de bakkerij"}, nonce_hash="e" * 64
    )
    person = personal_data.find("Jan Peeters")
    assert personal_data.holdings(person) == {"dna.OpenAnswer": 1}
    assert personal_data.covered(Response, "nonce_hash")
