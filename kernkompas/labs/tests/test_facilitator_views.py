"""The facilitator's pages: who may see them (every role), preparing a lab, the board and its forms, the projector,
canvas templates, and bad input (dots out of range, a place or template of another municipality, another lab's
note)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kernkompas.labs.actions import facilitation
from kernkompas.labs.models import CanvasTemplate, Cluster, Lab, LabEvent, Note, Participant, Phase, VotingState
from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind, Regio

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("lab")</script><img src=x onerror=alert(1)>'
RUNNERS = ("ellen", "femke", "anton")
OUTSIDERS = ("bram", "sofie", "eva")


def canvas():
    return CanvasTemplate.objects.get(gemeente=None, name="Canvas Nieuwe Binnensteden")


@pytest.fixture
def lab(cast):
    return facilitation.create_lab(
        cast.femke,
        cast.maasdijk,
        title="Lab Maasdijk",
        question="Wat maakt het centrum sterk?",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        template=canvas(),
    )


def login(client, cast, name):
    if name:
        client.force_login(getattr(cast, name))
    return client


def pages(lab):
    return [
        reverse("labs:index"),
        reverse("labs:lab_new"),
        reverse("labs:templates"),
        reverse("labs:template_new"),
        reverse("labs:lab", kwargs={"pk": lab.pk}),
        reverse("labs:lab_edit", kwargs={"pk": lab.pk}),
        reverse("labs:lab_board_fragment", kwargs={"pk": lab.pk}),
        reverse("labs:projector", kwargs={"pk": lab.pk}),
        reverse("labs:projector_fragment", kwargs={"pk": lab.pk}),
        reverse("labs:lab_lenses", kwargs={"pk": lab.pk}),
    ]


LAB_PAGES = 4  # the first pages are not about one lab


@pytest.mark.parametrize("name", RUNNERS)
def test_runners_see_every_page(client, cast, lab, name):
    login(client, cast, name)
    for url in pages(lab):
        assert client.get(url).status_code == 200, url


def test_anonymous_goes_to_the_login_page(client, cast, lab):
    for url in pages(lab):
        response = client.get(url)
        assert response.status_code == 302 and "next=" in response["Location"], url
    response = client.post(reverse("labs:lab_phase", kwargs={"pk": lab.pk}), {"phase": "verkennen"})
    assert response.status_code == 302 and Lab.objects.get(pk=lab.pk).phase == Phase.VOORBEREIDING


@pytest.mark.parametrize("name", OUTSIDERS)
def test_others_get_404_on_the_lab(client, cast, lab, name):
    login(client, cast, name)
    for url in pages(lab)[LAB_PAGES:]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("labs:lab_phase", kwargs={"pk": lab.pk}), {"phase": "verkennen"})
    assert response.status_code == 404
    assert Lab.objects.get(pk=lab.pk).phase == Phase.VOORBEREIDING


@pytest.mark.parametrize("name", ("bram", "eva"))
def test_lid_and_redactie_have_no_lab_list(client, cast, name):
    login(client, cast, name)
    assert client.get(reverse("labs:index")).status_code == 404
    assert client.get(reverse("labs:lab_new")).status_code == 404


def test_the_list_shows_only_the_users_municipalities(client, cast, lab):
    login(client, cast, "sofie")
    page = client.get(reverse("labs:index"))
    assert page.status_code == 200 and "Lab Maasdijk" not in page.content.decode()
    login(client, cast, "ellen")
    assert "Lab Maasdijk" in client.get(reverse("labs:index")).content.decode()


def lab_post(cast, **extra):
    data = {
        "gemeente": cast.maasdijk.pk,
        "title": "Avond in het centrum",
        "question": "Hoe verder?",
        "starts_at": "2027-03-04T19:30",
        "location": "Raadzaal",
        "place": "gemeente",
        "template": canvas().pk,
        "dots_per_participant": "5",
        "show_figures": "on",
    }
    data.update(extra)
    return data


def test_preparing_a_lab_in_brussels_time(client, cast):
    login(client, cast, "femke")
    response = client.post(reverse("labs:lab_new"), lab_post(cast, place="gebied", gebied=cast.markt.pk))
    assert response.status_code == 302
    made = Lab.objects.get(title="Avond in het centrum")
    assert response["Location"] == reverse("labs:lab", kwargs={"pk": made.pk})
    assert made.gebied == cast.markt and made.kern == cast.centrum
    assert made.starts_at == datetime.datetime(2027, 3, 4, 18, 30, tzinfo=datetime.UTC)  # 19:30 in Brussels (CET)
    assert made.show_figures and not made.show_dna
    assert made.lenses.count() == len(canvas().lenses)


@pytest.mark.parametrize("dots", ["0", "100", "-1", "veel"])
def test_dots_out_of_range_are_refused(client, cast, dots):
    login(client, cast, "ellen")
    response = client.post(reverse("labs:lab_new"), lab_post(cast, dots_per_participant=dots))
    assert response.status_code == 200 and not Lab.objects.exists()
    assert "dots_per_participant" in response.context["form"].errors


def other_places(cast):
    kern = Kern(gemeente=cast.veldrode, code="99002_1", name="Veldrode-Dorp", slug="dorp", kind=KernKind.HOOFDKERN)
    kern.refresh_derived()
    kern.save()
    gebied = Gebied.objects.create(kern=kern, name="Dorpsstraat", slug="dorpsstraat", kind=GebiedKind.KERNWINKELGEBIED)
    return kern, gebied


def test_a_place_or_municipality_of_another_municipality_is_refused(client, cast):
    kern, gebied = other_places(cast)
    login(client, cast, "ellen")
    for extra in (
        {"place": "gebied", "gebied": gebied.pk},
        {"place": "kern", "kern": kern.pk},
        {"gemeente": cast.veldrode.pk},
    ):
        response = client.post(reverse("labs:lab_new"), lab_post(cast, **extra))
        assert response.status_code == 200, extra
    assert not Lab.objects.exists()
    # The administrator may choose Veldrode, but not Maasdijk with Veldrode's area.
    login(client, cast, "anton")
    response = client.post(reverse("labs:lab_new"), lab_post(cast, place="gebied", gebied=gebied.pk))
    assert response.status_code == 200 and "gebied" in response.context["form"].errors


def test_someone_elses_template_is_refused(client, cast):
    theirs = CanvasTemplate.objects.create(
        gemeente=cast.veldrode, name="Van Veldrode", lenses=[{"key": "a", "title": "A"}]
    )
    login(client, cast, "ellen")
    response = client.post(reverse("labs:lab_new"), lab_post(cast, template=theirs.pk))
    assert response.status_code == 200 and "template" in response.context["form"].errors
    assert client.get(reverse("labs:template_edit", kwargs={"pk": theirs.pk})).status_code == 404
    assert "Van Veldrode" not in client.get(reverse("labs:templates")).content.decode()


def test_a_regional_lab_preselects_the_regions_municipalities(client, cast):
    regio = Regio.objects.create(name="Maasland", slug="maasland")
    regio.gemeenten.set([cast.maasdijk, cast.veldrode])
    login(client, cast, "ellen")
    response = client.post(reverse("labs:lab_new"), lab_post(cast, place="regio", regio=regio.pk))
    assert response.status_code == 302
    made = Lab.objects.get()
    assert made.regio == regio and set(made.gemeenten.all()) == {cast.maasdijk, cast.veldrode}


def test_editing_keeps_the_municipality(client, cast, lab):
    login(client, cast, "ellen")
    data = lab_post(cast, gemeente=cast.veldrode.pk, title="Nieuwe titel")
    del data["template"]
    response = client.post(reverse("labs:lab_edit", kwargs={"pk": lab.pk}), data)
    assert response.status_code == 302
    lab.refresh_from_db()
    assert lab.title == "Nieuwe titel" and lab.gemeente == cast.maasdijk
    assert LabEvent.objects.filter(lab=lab, kind="lab.changed").exists()


def test_the_board_shows_code_qr_and_escapes_notes(client, cast, lab):
    lens = lab.lenses.first()
    who = Participant.objects.create(
        lab=lab, display_name="<img src=x onerror=alert(2)>", role="ondernemer", secret_hash="0" * 64
    )
    Note.objects.create(lab=lab, lens=lens, text=HOSTILE, participant=who)
    login(client, cast, "femke")
    for name in ("labs:lab", "labs:lab_board_fragment", "labs:projector", "labs:projector_fragment"):
        page = client.get(reverse(name, kwargs={"pk": lab.pk})).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert" in page
    board = client.get(reverse("labs:lab", kwargs={"pk": lab.pk})).content.decode()
    assert lab.code in board and "<svg" in board and f"doe-mee/{lab.code}/" in board
    assert "onderneme" in board  # the role label, not a raw code only


def test_hidden_notes_are_not_on_the_projector(client, cast, lab):
    lens = lab.lenses.first()
    bad = Note.objects.create(lab=lab, lens=lens, text="Verborgen tekst")
    facilitation.hide_note(cast.femke, bad)
    login(client, cast, "femke")
    assert "Verborgen tekst" in client.get(reverse("labs:lab", kwargs={"pk": lab.pk})).content.decode()
    assert "Verborgen tekst" not in client.get(reverse("labs:projector", kwargs={"pk": lab.pk})).content.decode()


def test_board_forms_change_the_lab(client, cast, lab):
    lens = lab.lenses.first()
    a = Note.objects.create(lab=lab, lens=lens, text="a")
    b = Note.objects.create(lab=lab, lens=lens, text="b")
    login(client, cast, "ellen")
    url = lambda name, **kw: reverse(f"labs:{name}", kwargs={"pk": lab.pk, **kw})  # noqa: E731
    assert client.post(url("lab_phase"), {"phase": "clusteren"}).status_code == 302
    assert client.post(url("lab_timer"), {"action": "start", "minutes": "5"}).status_code == 302
    assert Lab.objects.get(pk=lab.pk).timer_seconds == 300
    client.post(url("cluster_new"), {"lens": lens.pk, "title": "Groen", "notes": [a.pk]})
    cluster = Cluster.objects.get(lab=lab)
    assert list(cluster.notes.all()) == [a]
    client.post(url("note_change", note=b.pk), {"action": "move", "cluster": cluster.pk})
    assert Note.objects.get(pk=b.pk).cluster == cluster
    client.post(url("note_change", note=b.pk), {"action": "merge", "into": a.pk})
    assert Note.objects.get(pk=b.pk).merged_into == a
    client.post(url("note_change", note=a.pk), {"action": "hide"})
    assert Note.objects.get(pk=a.pk).is_hidden
    client.post(url("lab_voting"), {"action": "open"})
    assert Lab.objects.get(pk=lab.pk).voting == VotingState.OPEN
    client.post(url("lab_voting"), {"action": "close"})
    assert Lab.objects.get(pk=lab.pk).voting == VotingState.GESLOTEN
    client.post(url("lab_phase"), {"phase": "afspraken"})
    client.post(url("decision_add"), {"text": "Werkgroep groen", "who": "OV", "when": "april"})
    assert lab.decisions.count() == 1
    client.post(url("cluster_change", cluster=cluster.pk), {"action": "remove"})
    assert not Cluster.objects.filter(pk=cluster.pk).exists()
    page = client.get(reverse("labs:lab", kwargs={"pk": lab.pk}))
    assert "Werkgroep groen" in page.content.decode()


def test_another_labs_objects_give_404(client, cast, lab):
    other = facilitation.create_lab(
        cast.ellen, cast.maasdijk, title="Ander lab", question="?", starts_at=timezone.now(), template=canvas()
    )
    their_lens = other.lenses.first()
    theirs = Note.objects.create(lab=other, lens=their_lens, text="van het andere lab")
    mine = Note.objects.create(lab=lab, lens=lab.lenses.first(), text="mijn")
    their_cluster = Cluster.objects.create(lab=other, lens=their_lens, title="X")
    login(client, cast, "ellen")
    url = lambda name, **kw: reverse(f"labs:{name}", kwargs={"pk": lab.pk, **kw})  # noqa: E731
    assert client.post(url("note_change", note=theirs.pk), {"action": "hide"}).status_code == 404
    assert client.post(url("note_change", note=mine.pk), {"action": "merge", "into": theirs.pk}).status_code == 404
    assert (
        client.post(url("note_change", note=mine.pk), {"action": "move", "cluster": their_cluster.pk}).status_code
        == 404
    )
    response = client.post(url("cluster_new"), {"lens": lab.lenses.first().pk, "title": "X", "notes": [theirs.pk]})
    assert response.status_code == 404
    assert client.post(url("cluster_change", cluster=their_cluster.pk), {"action": "remove"}).status_code == 404
    assert not Note.objects.get(pk=theirs.pk).is_hidden and Note.objects.get(pk=mine.pk).merged_into is None


def test_timer_out_of_range_is_refused(client, cast, lab):
    login(client, cast, "femke")
    client.post(reverse("labs:lab_timer", kwargs={"pk": lab.pk}), {"action": "start", "minutes": "100000"})
    assert Lab.objects.get(pk=lab.pk).timer_ends_at is None


def test_lenses_page_adds_and_refuses_removing_a_lens_with_notes(client, cast, lab):
    login(client, cast, "femke")
    client.post(reverse("labs:lab_lenses", kwargs={"pk": lab.pk}), {"title": "Mobiliteit"})
    assert lab.lenses.filter(title="Mobiliteit").exists()
    used = lab.lenses.first()
    Note.objects.create(lab=lab, lens=used, text="x")
    client.post(reverse("labs:lab_lens", kwargs={"pk": lab.pk, "lens": used.pk}), {"action": "remove"})
    assert lab.lenses.filter(pk=used.pk).exists()


def test_templates_platform_is_read_only_except_for_the_administrator(client, cast):
    login(client, cast, "ellen")
    assert client.get(reverse("labs:template_edit", kwargs={"pk": canvas().pk})).status_code == 404
    response = client.post(
        reverse("labs:template_new"),
        {"gemeente": cast.maasdijk.pk, "name": "Ons canvas", "description": "", "lenses": "Wonen | Waar?\nWerken"},
    )
    assert response.status_code == 302
    ours = CanvasTemplate.objects.get(name="Ons canvas")
    assert ours.gemeente == cast.maasdijk and [lens["title"] for lens in ours.lenses] == ["Wonen", "Werken"]
    assert client.get(reverse("labs:template_edit", kwargs={"pk": ours.pk})).status_code == 200
    login(client, cast, "femke")
    assert client.get(reverse("labs:template_edit", kwargs={"pk": ours.pk})).status_code == 200
    login(client, cast, "sofie")
    assert client.get(reverse("labs:template_edit", kwargs={"pk": ours.pk})).status_code == 404
    login(client, cast, "anton")
    assert client.get(reverse("labs:template_edit", kwargs={"pk": canvas().pk})).status_code == 200


def test_pages_are_dutch(client, cast, lab):
    login(client, cast, "ellen")
    page = client.get(reverse("labs:lab", kwargs={"pk": lab.pk})).content.decode()
    assert "Fasen" in page and "Stippenstemming" in page and "Start de timer" in page
