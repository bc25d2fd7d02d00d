"""The building-block editor and the versions of a DNA: who may edit and publish, exactly five blocks, bad input
that saves nothing, frozen versions that never change, photos without their metadata, ideas."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kernkompas.core import audit
from kernkompas.core.models import AuditEvent
from kernkompas.dna import photos
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.actions import versions as version_actions
from kernkompas.dna.actions.versions import BlockData, VersionError
from kernkompas.dna.models import BlockPhoto, BuildingBlock, DnaVersion, Idea

pytestmark = pytest.mark.django_db

EDITORS = {"gemeente", "begeleider", "beheerder"}
PUBLISHERS = {"gemeente", "beheerder"}
ROLES = ["bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"]


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.MONITOR_UPLOAD_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def trajectory(cast):
    return trajectory_actions.start_trajectory(cast.ellen, kern=cast.centrum, title="DNA Centrum", method="compact")


def five(prefix: str = "Blok") -> list[BlockData]:
    return [
        BlockData(f"{prefix} {n}", f"Uitleg {n}", ("markets",) if n == 1 else (), "Citaat een\nCitaat twee")
        for n in range(1, 6)
    ]


def post_data(tagline: str = "De Markt als huiskamer", **overrides) -> dict:
    data = {"tagline": tagline, "introduction": ""}
    for n in range(1, 6):
        data[f"blok-{n}-name"] = f"Bouwsteen {n}"
        data[f"blok-{n}-explanation"] = f"Uitleg bij bouwsteen {n}"
        data[f"blok-{n}-quotes"] = "Een citaat"
    data["blok-1-indicators"] = ["markets", "cafes_bars"]
    data.update(overrides)
    return data


def jpeg_with_gps(size=(64, 48), fmt="JPEG") -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (51.0, 7.0, 30.0), 3: "E", 4: (5.0, 20.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def upload(content: bytes, name="foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


# --- Actions: versions ------------------------------------------------------------------------------------------


def test_the_first_save_makes_version_one_a_draft_with_five_blocks(cast, trajectory):
    version = version_actions.save_version(cast.femke, trajectory, tagline="De Markt", blocks=five())
    assert version.number == 1 and not version.frozen and not version.is_published
    assert list(version.blocks.order_by("position").values_list("name", flat=True)) == [
        f"Blok {n}" for n in range(1, 6)
    ]
    assert version.created_by == cast.femke
    again = version_actions.save_version(cast.femke, trajectory, tagline="De Markt!", blocks=five("Nieuw"))
    assert again.pk == version.pk and DnaVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action="dna.version_saved").count() == 2


@pytest.mark.parametrize(
    "blocks, tagline",
    [
        (five()[:4], "Vier blokken"),
        ([*five(), BlockData("Zes", "Zesde")], "Zes blokken"),
        (five(), "   "),
        ([BlockData("", "geen naam"), *five()[1:]], "Naamloos"),
        ([BlockData("Een", "x", ("bestaat_niet",)), *five()[1:]], "Onbekend"),
    ],
)
def test_the_action_refuses_what_the_rules_do_not_allow_and_writes_nothing(cast, trajectory, blocks, tagline):
    with pytest.raises(VersionError):
        version_actions.save_version(cast.ellen, trajectory, tagline=tagline, blocks=blocks)
    assert DnaVersion.objects.count() == 0 and BuildingBlock.objects.count() == 0


def test_publishing_freezes_and_editing_then_starts_a_copy_leaving_the_published_version_as_it_was(cast, trajectory):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    version_actions.add_idea(cast.ellen, v1.blocks.get(position=2), title="Markt op zondag")
    version_actions.publish(cast.ellen, v1)
    v1.refresh_from_db()
    assert v1.frozen and v1.is_published and v1.published_at
    frozen_rows = list(BuildingBlock.objects.filter(version=v1).order_by("position").values("name", "quotes"))

    v2 = version_actions.save_version(cast.ellen, trajectory, tagline="Twee", blocks=five("Anders"))
    assert v2.number == 2 and not v2.frozen
    assert v2.ideas.get().title == "Markt op zondag" and v2.ideas.get().block.position == 2
    v1.refresh_from_db()
    assert v1.tagline == "Een"
    assert list(BuildingBlock.objects.filter(version=v1).order_by("position").values("name", "quotes")) == frozen_rows

    with pytest.raises(VersionError):
        version_actions.publish(cast.ellen, v1)  # a frozen version is never published again
    with pytest.raises(VersionError):
        version_actions.add_idea(cast.ellen, v1.blocks.get(position=1), title="Te laat")
    with pytest.raises(VersionError):
        version_actions.remove_idea(cast.ellen, v1.ideas.get())

    version_actions.publish(cast.ellen, v2)
    v1.refresh_from_db()
    assert v1.frozen and not v1.is_published  # the earlier one stays, frozen, no longer public
    assert DnaVersion.objects.get(is_published=True) == v2
    assert AuditEvent.objects.filter(action="dna.version_published").count() == 2


def test_a_new_draft_is_started_once_and_copies_from_the_latest_version(cast, trajectory):
    assert version_actions.start_draft(cast.ellen, trajectory) is None
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    assert version_actions.start_draft(cast.ellen, trajectory) == v1  # a draft already: itself
    version_actions.publish(cast.ellen, v1)
    v2 = version_actions.start_draft(cast.ellen, trajectory)
    assert v2.number == 2 and v2.tagline == "Een" and v2.blocks.count() == 5
    assert version_actions.start_draft(cast.ellen, trajectory) == v2


def test_every_action_of_the_editor_has_a_name():
    for code in (
        "dna.version_created",
        "dna.version_saved",
        "dna.version_published",
        "dna.photo_added",
        "dna.photo_removed",
        "dna.idea_added",
        "dna.idea_changed",
        "dna.idea_moved",
        "dna.idea_removed",
    ):
        assert str(audit.action_label(code)) != code


# --- Photos -------------------------------------------------------------------------------------------------------


def test_a_photo_is_re_encoded_without_its_exif_and_gps(cast, trajectory):
    raw = jpeg_with_gps()
    with Image.open(io.BytesIO(raw)) as original:
        assert original.getexif().get(0x8825)  # the test photo does carry a GPS position
    cleaned = photos.clean(upload(raw))
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    stored = version_actions.add_photo(cast.ellen, v1.blocks.get(position=1), photo=cleaned, caption="De markt")
    with stored.image.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"PhoneMaker" not in stored.image.open("rb").read()
    assert stored.image.name.startswith("dna/photos/") and "foto" not in stored.image.name


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_lose_their_exif_too(fmt):
    cleaned = photos.clean(upload(jpeg_with_gps(fmt=fmt), name=f"x.{fmt.lower()}"))
    with Image.open(io.BytesIO(cleaned.content.read())) as image:
        assert image.format == fmt and not image.getexif()


def test_what_is_not_a_photo_or_too_big_is_refused_with_a_reason(monkeypatch):
    with pytest.raises(photos.PhotoError, match="geen foto die we kunnen lezen"):
        photos.clean(upload(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "tekening.svg"))
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    with pytest.raises(photos.PhotoError, match="GIF"):
        photos.clean(upload(gif.getvalue(), "bewegend.gif"))
    monkeypatch.setattr(photos, "MAX_PIXELS", 100)
    with pytest.raises(photos.PhotoError, match="pixels"):
        photos.clean(upload(jpeg_with_gps((20, 20))))
    monkeypatch.setattr(photos, "MAX_BYTES", 10)
    with pytest.raises(photos.PhotoError, match="8 MB"):
        photos.clean(upload(jpeg_with_gps()))


def test_a_large_photo_is_made_smaller(monkeypatch):
    monkeypatch.setattr(photos, "MAX_SIDE", 32)
    cleaned = photos.clean(upload(jpeg_with_gps((64, 48))))
    assert (cleaned.width, cleaned.height) == (32, 24)


def test_the_photo_of_a_frozen_version_survives_its_removal_from_the_new_draft(
    cast, trajectory, django_capture_on_commit_callbacks
):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    original = version_actions.add_photo(
        cast.ellen, v1.blocks.get(position=1), photo=photos.clean(upload(jpeg_with_gps())), caption="Markt"
    )
    version_actions.publish(cast.ellen, v1)
    v2 = version_actions.start_draft(cast.ellen, trajectory)
    copy = BlockPhoto.objects.get(block__version=v2)
    assert copy.image.name != original.image.name and copy.caption == "Markt"
    with django_capture_on_commit_callbacks(execute=True):
        version_actions.remove_photo(cast.ellen, copy)
    assert not copy.image.storage.exists(copy.image.name)  # the draft's own copy is gone
    original.refresh_from_db()
    assert original.image.storage.exists(original.image.name)  # the frozen version's file is not
    with pytest.raises(VersionError):
        version_actions.remove_photo(cast.ellen, original)


def test_photos_are_stored_outside_the_public_media_folder(cast, trajectory, settings):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    stored = version_actions.add_photo(
        cast.ellen, v1.blocks.get(position=1), photo=photos.clean(upload(jpeg_with_gps())), caption="Markt"
    )
    assert not str(stored.image.path).startswith(str(settings.MEDIA_ROOT))


# --- Ideas --------------------------------------------------------------------------------------------------------


def test_ideas_are_added_moved_changed_and_removed_keeping_their_order(cast, trajectory):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    block = v1.blocks.get(position=1)
    a, b, c = (version_actions.add_idea(cast.ellen, block, title=t) for t in "ABC")
    version_actions.move_idea(cast.ellen, c, -1)
    assert list(block.ideas.order_by("position").values_list("title", flat=True)) == ["A", "C", "B"]
    version_actions.change_idea(cast.ellen, a, title="A2", block=v1.blocks.get(position=3))
    assert Idea.objects.get(pk=a.pk).block.position == 3
    version_actions.remove_idea(cast.ellen, Idea.objects.get(pk=c.pk))
    assert list(block.ideas.order_by("position").values_list("title", "position")) == [("B", 1)]


# --- Pages: every role --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_who_may_open_and_save_the_editor(client, cast, trajectory, who):
    user = cast.by_role()[who]
    if user:
        client.force_login(user)
    url = reverse("dna:blocks", kwargs={"pk": trajectory.pk})
    page = client.get(url)
    answer = client.post(url, post_data())
    if who in EDITORS:
        assert page.status_code == 200
        assert "Bouwsteen 5" in page.content.decode() or "bouwsteen 5" in page.content.decode().lower()
        assert answer.status_code == 302
        assert DnaVersion.objects.get().blocks.count() == 5
    else:
        expected = 302 if user is None else 404  # anonymous: log in; the others: an unpublished trajectory is not there
        assert page.status_code == answer.status_code == expected
        assert not DnaVersion.objects.exists()


@pytest.mark.parametrize("who", ["lid", "gemeente_andere", "redactie"])
def test_readers_of_a_published_trajectory_get_403_on_the_editor(client, cast, trajectory, who):
    trajectory_actions.set_published(cast.ellen, trajectory, True)
    client.force_login(cast.by_role()[who])
    assert client.get(reverse("dna:blocks", kwargs={"pk": trajectory.pk})).status_code == 403
    assert client.post(reverse("dna:blocks", kwargs={"pk": trajectory.pk}), post_data()).status_code == 403
    assert not DnaVersion.objects.exists()


@pytest.mark.parametrize("who", ROLES)
def test_only_the_municipality_publishes_a_version(client, cast, trajectory, who):
    v1 = version_actions.save_version(cast.femke, trajectory, tagline="Een", blocks=five())
    user = cast.by_role()[who]
    if user:
        client.force_login(user)
    url = reverse("dna:publish_version", kwargs={"vpk": v1.pk})
    editor = client.get(reverse("dna:blocks", kwargs={"pk": trajectory.pk}))
    question = client.get(url)
    answer = client.post(url, {"confirm": "1"})
    v1.refresh_from_db()
    if who in PUBLISHERS:
        assert url in editor.content.decode()
        assert question.status_code == 200
        assert "niet openbaar" in question.content.decode().lower()  # the trajectory is not public: it says so
        assert answer.status_code == 302 and v1.is_published and v1.frozen
    elif who == "begeleider":
        assert editor.status_code == 200 and url not in editor.content.decode()  # no button
        assert question.status_code == answer.status_code == 403
        assert not v1.is_published
    else:
        assert question.status_code == answer.status_code == (302 if user is None else 404)
        assert not v1.is_published


def test_publishing_asks_first(client, cast, trajectory):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    client.force_login(cast.ellen)
    client.post(reverse("dna:publish_version", kwargs={"vpk": v1.pk}))
    v1.refresh_from_db()
    assert not v1.is_published


@pytest.mark.parametrize("who", ROLES)
def test_who_sees_the_version_list_compare_and_preview(client, cast, trajectory, who):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een geheim", blocks=five())
    user = cast.by_role()[who]
    if user:
        client.force_login(user)
    pages = [
        reverse("dna:versions", kwargs={"pk": trajectory.pk}),
        reverse("dna:compare", kwargs={"vpk": v1.pk}),
        reverse("dna:ideas", kwargs={"vpk": v1.pk}),
        reverse("dna:block_photos", kwargs={"vpk": v1.pk, "position": 1}),
    ]
    answers = [client.get(url) for url in pages]
    preview = client.get(reverse("dna:version", kwargs={"vpk": v1.pk}))
    if who in EDITORS:
        assert [a.status_code for a in answers] == [200] * 4
        assert preview.status_code == 200
        assert "Niet openbaar" in preview.content.decode()
        assert "Een geheim" in answers[0].content.decode()
    else:
        assert [a.status_code for a in answers] == [302 if user is None else 404] * 4
        assert preview.status_code == 404


def test_a_sixth_block_in_a_crafted_post_is_refused_and_nothing_is_saved(client, cast, trajectory):
    client.force_login(cast.ellen)
    data = post_data(**{"blok-6-name": "Zesde", "blok-6-explanation": "Eén te veel"})
    answer = client.post(reverse("dna:blocks", kwargs={"pk": trajectory.pk}), data)
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "precies vijf bouwstenen" in text and "bouwsteen 6" in text
    assert not DnaVersion.objects.exists()


def test_an_empty_tagline_a_nameless_block_and_an_unknown_indicator_are_named_and_nothing_is_saved(
    client, cast, trajectory
):
    client.force_login(cast.ellen)
    version_actions.save_version(cast.ellen, trajectory, tagline="Zoals het was", blocks=five())
    data = post_data(tagline="  ", **{"blok-3-name": "", "blok-4-indicators": ["markets", "geen_indicator"]})
    answer = client.post(reverse("dna:blocks", kwargs={"pk": trajectory.pk}), data)
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "Er is niets bewaard" in text
    assert "Slogan: schrijf" in text
    assert "Bouwsteen 3: geef hem een naam." in text
    assert "Bouwsteen 4: “geen_indicator” is geen indicator uit de catalogus." in text
    version = DnaVersion.objects.get()
    assert version.tagline == "Zoals het was"
    assert list(version.blocks.order_by("position").values_list("name", flat=True)) == [
        f"Blok {n}" for n in range(1, 6)
    ]


def test_the_editor_saves_indicators_and_quotes_and_shows_them_again(client, cast, trajectory):
    client.force_login(cast.femke)
    url = reverse("dna:blocks", kwargs={"pk": trajectory.pk})
    client.post(url, post_data(**{"blok-2-quotes": "Eerste\n\n  Tweede  \n"}))
    version = DnaVersion.objects.get()
    first = version.blocks.get(position=1)
    assert first.indicators == ["markets", "cafes_bars"]
    assert version.blocks.get(position=2).quotes == "Eerste\nTweede"
    page = client.get(url).content.decode()
    assert 'value="markets" id="id_blok-1-indicators_markets" checked' in page
    assert "Marktplaatsen" in page or "Markten" in page  # Dutch labels of the catalogue


def test_saving_a_frozen_version_through_the_editor_makes_version_two(client, cast, trajectory):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    version_actions.publish(cast.ellen, v1)
    client.force_login(cast.ellen)
    answer = client.post(reverse("dna:blocks", kwargs={"pk": trajectory.pk}), post_data(tagline="Twee"))
    assert answer.status_code == 302
    assert list(DnaVersion.objects.order_by("number").values_list("number", "tagline", "frozen")) == [
        (1, "Een", True),
        (2, "Twee", False),
    ]


def test_a_frozen_version_refuses_ideas_and_photos_through_the_pages(client, cast, trajectory):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    idea = version_actions.add_idea(cast.ellen, v1.blocks.get(position=1), title="Markt")
    version_actions.publish(cast.ellen, v1)
    client.force_login(cast.ellen)
    block = v1.blocks.get(position=1)
    client.post(reverse("dna:ideas", kwargs={"vpk": v1.pk}), {"block": block.pk, "title": "Nieuw"})
    client.post(reverse("dna:edit_idea", kwargs={"vpk": v1.pk, "idea_pk": idea.pk}), {"block": block.pk, "title": "X"})
    client.post(reverse("dna:remove_idea", kwargs={"vpk": v1.pk, "idea_pk": idea.pk}))
    client.post(
        reverse("dna:block_photos", kwargs={"vpk": v1.pk, "position": 1}),
        {"photo": upload(jpeg_with_gps()), "caption": "Markt"},
    )
    assert list(Idea.objects.values_list("title", flat=True)) == ["Markt"]
    assert not BlockPhoto.objects.exists()


def test_uploading_a_photo_needs_a_caption_and_a_real_image(client, cast, trajectory):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    client.force_login(cast.femke)
    url = reverse("dna:block_photos", kwargs={"vpk": v1.pk, "position": 2})
    page = client.get(url).content.decode()
    assert "<title>Foto’s van Blok 2" in page and "Foto’s van bouwsteen 2: Blok 2</h1>" in page
    no_caption = client.post(url, {"photo": upload(jpeg_with_gps()), "caption": ""})
    assert "Schrijf een bijschrift" in no_caption.content.decode()
    not_a_photo = client.post(url, {"photo": upload(b"%PDF-1.4 nep", "foto.jpg"), "caption": "Markt"})
    assert "geen foto die we kunnen lezen" in not_a_photo.content.decode()
    assert not BlockPhoto.objects.exists()
    ok = client.post(url, {"photo": upload(jpeg_with_gps()), "caption": "Markt", "credit": "Dienst communicatie"})
    assert ok.status_code == 302
    photo = BlockPhoto.objects.get()
    assert photo.block.position == 2 and photo.credit == "Dienst communicatie"
    assert AuditEvent.objects.filter(action="dna.photo_added", actor=cast.femke).exists()


@pytest.mark.parametrize("who", ROLES)
def test_a_draft_photo_is_served_to_the_editors_only(client, cast, trajectory, who):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    stored = version_actions.add_photo(
        cast.ellen, v1.blocks.get(position=1), photo=photos.clean(upload(jpeg_with_gps())), caption="Markt"
    )
    user = cast.by_role()[who]
    if user:
        client.force_login(user)
    answer = client.get(reverse("dna:photo", kwargs={"photo_pk": stored.pk}))
    if who in EDITORS:
        assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
        assert "private" in answer["Cache-Control"]
    else:
        assert answer.status_code == 404


def test_ideas_through_the_pages(client, cast, trajectory):
    v1 = version_actions.save_version(cast.ellen, trajectory, tagline="Een", blocks=five())
    client.force_login(cast.femke)
    block = v1.blocks.get(position=4)
    url = reverse("dna:ideas", kwargs={"vpk": v1.pk})
    assert "Geef het idee een titel" in client.post(url, {"block": block.pk, "title": ""}).content.decode()
    other = DnaVersion.objects.create(trajectory=trajectory, number=9, tagline="x")
    stranger = BuildingBlock.objects.create(version=other, position=1, name="Ander", explanation="x")
    assert client.post(url, {"block": stranger.pk, "title": "Elders"}).status_code == 200  # not a block of v1
    assert client.post(url, {"block": block.pk, "title": "Fietshub"}).status_code == 302
    assert client.post(url, {"block": block.pk, "title": "Beekpad"}).status_code == 302
    beekpad = Idea.objects.get(title="Beekpad")
    client.post(reverse("dna:move_idea", kwargs={"vpk": v1.pk, "idea_pk": beekpad.pk}), {"direction": "up"})
    assert list(block.ideas.order_by("position").values_list("title", flat=True)) == ["Beekpad", "Fietshub"]
    client.post(
        reverse("dna:edit_idea", kwargs={"vpk": v1.pk, "idea_pk": beekpad.pk}),
        {"block": block.pk, "title": "Beekpad naar school", "description": "Langs de Molenbeek"},
    )
    assert Idea.objects.get(pk=beekpad.pk).description == "Langs de Molenbeek"
    client.post(reverse("dna:remove_idea", kwargs={"vpk": v1.pk, "idea_pk": beekpad.pk}))
    assert list(Idea.objects.values_list("title", flat=True)) == ["Fietshub"]
