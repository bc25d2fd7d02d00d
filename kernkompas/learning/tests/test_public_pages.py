"""The programme as participants see it: the overview, programme, theme and session pages for every role, the
meeting link that only registered people see and only shortly before the start, and the materials for
participants."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import LearningTheme, Material, MaterialKind, MaterialTiming, SessionStatus
from kernkompas.learning.tests.test_public_setup import make_programme, make_session

MEETING = "https://meet.example.org/geheime-kamer-123"
BRUSSELS_EVENING = datetime.datetime(2026, 12, 10, 18, 0, tzinfo=datetime.UTC)  # 19:00 in Brussels


@pytest.fixture
def programme(cast):
    return make_programme(cast.maasdijk)


@pytest.fixture
def session(programme):
    session = make_session(
        programme,
        capacity=2,
        starts_at=BRUSSELS_EVENING,
        format="hybride",
        location="Stadhuis Maasdijk, Markt 1",
        speakers="Jan Peeters\nAnn De Smet",
        meeting_url=MEETING,
        title="Leegstand aanpakken in Maasdijk",
        description="Hoe pakken we <b>leegstand</b> aan?",
    )
    session.themes.add(LearningTheme.objects.get(slug="aanpak-leegstand"))
    return session


@pytest.fixture(autouse=True)
def _before_the_session():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def url(session, name="learning:session"):
    return reverse(name, kwargs={"programme": session.programme.slug, "slug": session.slug})


def test_the_session_page_shows_the_dutch_date_format_location_speakers_places_and_themes(client, session):
    page = client.get(url(session)).content.decode()
    assert "donderdag 10 december 2026, 19:00–21:00" in page
    assert "Hybride" in page and "Stadhuis Maasdijk, Markt 1" in page
    assert "Jan Peeters" in page and "Ann De Smet" in page
    assert "nog 2 plaatsen vrij" in page and "Aanpak leegstand" in page
    assert "&lt;b&gt;leegstand&lt;/b&gt;" in page


def test_a_full_session_says_you_go_on_the_waiting_list(client, cast, session):
    from kernkompas.testing import make_user

    for name in ("een", "twee"):
        registrations.register_member(session, make_user(name, name))
    page = client.get(url(session)).content.decode()
    assert "Vol — je komt op de wachtlijst" in page
    assert "Inschrijven op de wachtlijst" in page


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("bezoeker", False),
        ("lid", False),
        ("gemeente", True),
        ("gemeente_andere", False),
        ("begeleider", True),
        ("redactie", True),
        ("beheerder", True),
    ],
)
def test_a_published_session_is_for_everyone_and_a_draft_only_for_who_runs_the_programme(
    client, cast, programme, session, role, sees_draft
):
    draft = make_session(programme, slug="concept", status=SessionStatus.CONCEPT, title="Nog geheim")
    user = cast.by_role()[role]
    if user:
        client.force_login(user)
    assert client.get(url(session)).status_code == 200
    assert client.get(url(draft)).status_code == (200 if sees_draft else 404)
    assert ("Nog geheim" in client.get(reverse("learning:index")).content.decode()) is False
    programme_page = client.get(reverse("learning:programme", kwargs={"slug": programme.slug})).content.decode()
    assert ("Nog geheim" in programme_page) is sees_draft


def test_a_programme_that_is_not_public_is_404_for_others_and_visible_to_its_staff(client, cast):
    hidden = make_programme(cast.maasdijk, slug="intern", public=False)
    make_session(hidden, slug="intern-overleg", title="Intern overleg")
    path = reverse("learning:programme", kwargs={"slug": "intern"})
    assert client.get(path).status_code == 404
    client.force_login(cast.sofie)
    assert client.get(path).status_code == 404
    client.force_login(cast.ellen)
    assert client.get(path).status_code == 200
    assert client.get(reverse("learning:programme_ics", kwargs={"slug": "intern"})).status_code == 404


def test_the_overview_lists_coming_sessions_filters_them_and_shows_past_recordings(client, cast, programme, session):
    other = make_programme(None, slug="platform")
    online = make_session(other, slug="branding", title="Branding met bewoners", format="online", days=12)
    online.themes.add(LearningTheme.objects.get(slug="branding"))
    past = make_session(programme, slug="voorbij", title="Voorbije sessie", days=-20)
    Material.objects.create(session=past, kind=MaterialKind.OPNAME, title="De opname", url="https://video.example/1")
    make_session(programme, slug="geannuleerd", title="Afgelast", status=SessionStatus.GEANNULEERD, days=3)
    page = client.get(reverse("learning:index")).content.decode()
    assert "Leegstand aanpakken in Maasdijk" in page and "Branding met bewoners" in page
    assert "Afgelast" in page and "geannuleerd" in page
    assert "Voorbije sessie" in page and "https://video.example/1" in page
    theme = LearningTheme.objects.get(slug="branding")
    filtered = client.get(reverse("learning:index"), {"thema": theme.pk}).content.decode()
    assert "Branding met bewoners" in filtered and "Leegstand aanpakken in Maasdijk" not in filtered
    by_format = client.get(reverse("learning:index"), {"vorm": "hybride"}).content.decode()
    assert "Leegstand aanpakken in Maasdijk" in by_format and "Branding met bewoners" not in by_format
    by_programme = client.get(reverse("learning:index"), {"programma": "platform"}).content.decode()
    assert "Branding met bewoners" in by_programme and "Leegstand aanpakken in Maasdijk" not in by_programme
    nonsense = client.get(reverse("learning:index"), {"thema": "<x>", "vorm": "zeppelin"})
    assert nonsense.status_code == 200


def test_the_theme_page_shows_its_sessions_and_public_materials(client, session):
    theme = LearningTheme.objects.get(slug="aanpak-leegstand")
    Material.objects.create(
        session=session, title="Leesstuk leegstand", url="https://example.org/lees", kind="leesstuk"
    )
    Material.objects.create(session=session, title="Intern verslag", is_public=False)
    Material.objects.get(title="Leesstuk leegstand").themes.add(theme)
    Material.objects.get(title="Intern verslag").themes.add(theme)
    page = client.get(reverse("learning:theme", kwargs={"pk": theme.pk})).content.decode()
    assert "Leegstand aanpakken in Maasdijk" in page and "Leesstuk leegstand" in page and "Intern verslag" not in page
    assert client.get(reverse("learning:theme", kwargs={"pk": 999999})).status_code == 404


def _meeting_link_seen(client, session) -> bool:
    return MEETING in client.get(url(session)).content.decode()


def test_the_meeting_link_is_never_in_the_page_for_people_without_a_place(client, cast, session):
    with time_machine.travel(session.starts_at, tick=False):
        assert not _meeting_link_seen(client, session)
        for user in (cast.bram, cast.ellen, cast.eva, cast.anton):
            client.force_login(user)
            assert not _meeting_link_seen(client, session)


def test_a_registered_member_sees_the_meeting_link_only_from_its_opening_until_the_end(client, cast, session):
    registrations.register_member(session, cast.bram)
    client.force_login(cast.bram)
    assert not _meeting_link_seen(client, session)
    opens = session.meeting_link_opens_at()
    with time_machine.travel(opens - datetime.timedelta(seconds=1), tick=False):
        assert not _meeting_link_seen(client, session)
    with time_machine.travel(opens, tick=False):
        assert _meeting_link_seen(client, session)
    with time_machine.travel(session.ends_at - datetime.timedelta(seconds=1), tick=False):
        assert _meeting_link_seen(client, session)
    with time_machine.travel(session.ends_at, tick=False):
        assert not _meeting_link_seen(client, session)


def test_someone_on_the_waiting_list_does_not_see_the_meeting_link(client, cast, session):
    from kernkompas.testing import make_user

    for name in ("een", "twee"):
        registrations.register_member(session, make_user(name, name))
    registrations.register_member(session, cast.bram)
    client.force_login(cast.bram)
    with time_machine.travel(session.starts_at, tick=False):
        assert not _meeting_link_seen(client, session)


def test_materials_for_participants_only_are_shown_only_to_registered_people(client, cast, session):
    Material.objects.create(
        session=session, title="Openbare slides", timing=MaterialTiming.VOORAF, url="https://a.example/s"
    )
    Material.objects.create(session=session, title="Slides voor deelnemers", is_public=False, url="https://a.example/p")
    assert "Openbare slides" in client.get(url(session)).content.decode()
    assert "Slides voor deelnemers" not in client.get(url(session)).content.decode()
    client.force_login(cast.bram)
    assert "Slides voor deelnemers" not in client.get(url(session)).content.decode()
    registrations.register_member(session, cast.bram)
    assert "Slides voor deelnemers" in client.get(url(session)).content.decode()


def test_cases_and_indicators_linked_to_the_session_are_shown(client, session, monkeypatch):
    from wagtail.models import Page

    from kernkompas.core import parts

    case = Page.objects.get(depth=1)
    asked = []

    def cases_by_ids(ids):
        asked.extend(ids)
        return [parts.CaseLink(title="Pop-upwinkels in Veldrode", url="/vitrine/pop-up/")]

    monkeypatch.setattr(parts, "cases_by_ids", cases_by_ids)
    monkeypatch.setattr(parts, "indicator_catalogue", lambda: [("leegstand_pct", "Leegstand (%)", "%", False)])
    session.cases.add(case)
    session.indicator_codes = ["leegstand_pct"]
    session.save(update_fields=["indicator_codes"])
    page = client.get(url(session)).content.decode()
    assert "Leegstand (%)" in page
    assert asked == [case.pk] and 'href="/vitrine/pop-up/"' in page and "Pop-upwinkels in Veldrode" in page


def test_the_place_page_of_the_municipality_shows_its_coming_sessions(client, cast, session):
    page = client.get(reverse("places:gemeente", kwargs={"slug": cast.maasdijk.slug})).content.decode()
    assert "Stedelijk leren" in page and session.title in page
    other = client.get(reverse("places:gemeente", kwargs={"slug": cast.veldrode.slug})).content.decode()
    assert session.title not in other


def test_an_intervision_about_a_core_shows_on_the_core_page(client, cast, programme):
    make_session(
        programme, slug="intervisie-markt", title="Intervisie Marktplein", kind="intervisie", gebied=cast.markt
    )
    page = client.get(
        reverse("places:kern", kwargs={"gemeente": cast.maasdijk.slug, "slug": cast.centrum.slug})
    ).content.decode()
    assert "Intervisie Marktplein" in page


def test_the_session_page_in_english(client, session):
    page = client.get("/en" + url(session)).content.decode()
    assert "Thursday" in page or "December" in page


def test_nothing_shows_the_date_in_utc(client, session):
    assert "18:00" not in client.get(url(session)).content.decode()
    assert timezone.get_current_timezone_name() == "Europe/Brussels"
