"""Writing the DNA of a trajectory: its versions, their five building blocks, photos and ideas.

Rules that every function here keeps, inside its own transaction and with the trajectory row locked:

- A trajectory's first save makes version 1, a draft. Saving again changes the draft.
- A frozen version (one that was published) never changes. Saving when the latest version is frozen starts a new
  draft copied from it (blocks, ideas and photos, whose files are copied too, so removing a photo from the draft
  never touches a file a frozen version uses) and applies the changes to that copy.
- Publishing freezes the draft and makes it the published version; the one published before stays, frozen, no
  longer published. Only the municipality publishes (the views ask ``selectors.can_publish``).

The forms in ``block_forms`` validate everything first; the checks here are the last line (a crafted call from code
gets a :class:`VersionError`, never half a version).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from kernkompas.core import audit
from kernkompas.dna.models import BLOCKS_PER_VERSION, BlockPhoto, BuildingBlock, DnaVersion, Idea, Trajectory
from kernkompas.lib.dna.catalogue import BY_CODE

MAX_PHOTOS_PER_BLOCK = 6
MAX_IDEAS_PER_BLOCK = 12


class VersionError(ValueError):
    """A change the rules above do not allow (a frozen version, a sixth block, an unknown indicator)."""


@dataclass(frozen=True)
class BlockData:
    name: str
    explanation: str
    indicators: tuple[str, ...] = ()
    quotes: str = ""


# --- Reading what the editor starts from ------------------------------------------------------------------------


def latest(trajectory: Trajectory) -> DnaVersion | None:
    return trajectory.versions.order_by("-number").first()


def draft(trajectory: Trajectory) -> DnaVersion | None:
    """The version being edited: the latest, if it is not frozen."""
    found = latest(trajectory)
    return found if found is not None and not found.frozen else None


# --- Saving the tagline and the five blocks --------------------------------------------------------------------


@transaction.atomic
def save_version(by, trajectory: Trajectory, *, tagline: str, introduction: str = "", blocks) -> DnaVersion:
    """Write the tagline and exactly five blocks into the trajectory's draft (made or copied first if needed)."""
    blocks = list(blocks)
    _check(tagline, blocks)
    _lock(trajectory)
    version, created = _editable_version(by, trajectory)
    changes = {}
    if version.tagline != tagline:
        changes["tagline"] = [version.tagline, tagline]
    if version.introduction != introduction:
        changes["introduction"] = [version.introduction, introduction]
    version.tagline, version.introduction = tagline, introduction
    version.save()
    existing = {block.position: block for block in version.blocks.all()}
    for position, data in enumerate(blocks, start=1):
        block = existing.get(position) or BuildingBlock(version=version, position=position)
        before = [block.name, block.explanation, list(block.indicators), block.quotes]
        block.name, block.explanation = data.name, data.explanation
        block.indicators, block.quotes = list(data.indicators), data.quotes
        if before != [block.name, block.explanation, list(block.indicators), block.quotes] or block.pk is None:
            changes[f"block {position}"] = [before[0], block.name]
            block.save()
    if changes or created:
        audit.record(
            by,
            "dna.version_saved",
            version,
            gemeente=trajectory.gemeente,
            changes={key: [str(a), str(b)] for key, (a, b) in changes.items()},
        )
    _touch(trajectory)
    return version


def _check(tagline: str, blocks: list[BlockData]) -> None:
    if not (tagline or "").strip():
        raise VersionError("a DNA needs a tagline")
    if len(tagline) > DnaVersion._meta.get_field("tagline").max_length:
        raise VersionError("the tagline is too long")
    if len(blocks) != BLOCKS_PER_VERSION:
        raise VersionError(f"a DNA has exactly {BLOCKS_PER_VERSION} building blocks, not {len(blocks)}")
    for position, block in enumerate(blocks, start=1):
        if not block.name.strip():
            raise VersionError(f"building block {position} has no name")
        unknown = [code for code in block.indicators if code not in BY_CODE]
        if unknown:
            raise VersionError(f"building block {position}: unknown indicators {', '.join(unknown)}")


def _lock(trajectory: Trajectory) -> None:
    """Two editors saving at once take turns: the second sees the version the first made."""
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()


def _touch(trajectory: Trajectory) -> None:
    Trajectory.objects.filter(pk=trajectory.pk).update(updated_at=timezone.now())


def _editable_version(by, trajectory: Trajectory) -> tuple[DnaVersion, bool]:
    current = latest(trajectory)
    if current is None:
        version = DnaVersion.objects.create(trajectory=trajectory, number=1, tagline="", created_by=_user(by))
        audit.record(by, "dna.version_created", version, gemeente=trajectory.gemeente, changes={"number": 1})
        return version, True
    if current.frozen:
        return _copy(by, current), True
    return current, False


def _user(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


# --- A new draft from a frozen version -------------------------------------------------------------------------


@transaction.atomic
def start_draft(by, trajectory: Trajectory) -> DnaVersion | None:
    """The trajectory's draft: the existing one, or a copy of the latest (frozen) version; None without versions."""
    _lock(trajectory)
    current = latest(trajectory)
    if current is None or not current.frozen:
        return current
    version = _copy(by, current)
    _touch(trajectory)
    return version


def _copy(by, source: DnaVersion) -> DnaVersion:
    number = (source.trajectory.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DnaVersion.objects.create(
        trajectory=source.trajectory,
        number=number,
        tagline=source.tagline,
        introduction=source.introduction,
        created_by=_user(by),
    )
    for block in source.blocks.prefetch_related("photos", "ideas").order_by("position"):
        copy = BuildingBlock.objects.create(
            version=version,
            position=block.position,
            name=block.name,
            explanation=block.explanation,
            indicators=list(block.indicators),
            quotes=block.quotes,
        )
        for photo in block.photos.all():
            _copy_photo(photo, copy)
        Idea.objects.bulk_create(
            Idea(version=version, block=copy, title=i.title, description=i.description, position=i.position)
            for i in block.ideas.all()
        )
    audit.record(
        by,
        "dna.version_created",
        version,
        gemeente=source.trajectory.gemeente,
        changes={"number": number, "copied from": source.number},
    )
    return version


def _copy_photo(photo: BlockPhoto, block: BuildingBlock) -> BlockPhoto:
    """A copy with its own file: the draft may remove it without touching the file of the frozen version."""
    copy = BlockPhoto(
        block=block, extension=photo.extension, caption=photo.caption, credit=photo.credit, position=photo.position
    )
    try:
        with photo.image.open("rb") as source:
            copy.image.save(f"copy.{photo.extension}", source, save=False)
    except OSError:
        return photo  # the original's file is gone: there is nothing to show, so the copy is left out
    # Should the transaction fail after this, the copied file stays behind without a row: harmless in the private
    # folder (nobody can reach it), and never a file that a version uses.
    copy.save()
    return copy


# --- Publishing ---------------------------------------------------------------------------------------------------


@transaction.atomic
def publish(by, version: DnaVersion) -> DnaVersion:
    """Freeze the draft and make it the version the public sees (when the trajectory is public too)."""
    trajectory = version.trajectory
    _lock(trajectory)
    version = DnaVersion.objects.select_for_update().get(pk=version.pk)
    if version.frozen:
        raise VersionError("only a draft can be published")
    blocks = list(version.blocks.order_by("position"))
    if not version.tagline.strip() or len(blocks) != BLOCKS_PER_VERSION:
        raise VersionError("a DNA is published with a tagline and five building blocks")
    previous = trajectory.versions.filter(is_published=True).exclude(pk=version.pk).first()
    if previous is not None:
        previous.is_published = False
        previous.save(update_fields=["is_published", "updated_at"])
    version.is_published, version.frozen, version.published_at = True, True, timezone.now()
    version.save(update_fields=["is_published", "frozen", "published_at", "updated_at"])
    audit.record(
        by,
        "dna.version_published",
        version,
        gemeente=trajectory.gemeente,
        changes={"number": version.number, "replaces": previous.number if previous else None},
    )
    _touch(trajectory)
    return version


# --- Photos -------------------------------------------------------------------------------------------------------


def _editable_block(block: BuildingBlock) -> BuildingBlock:
    _lock(block.version.trajectory)
    version = DnaVersion.objects.select_for_update().get(pk=block.version_id)
    if version.frozen:
        raise VersionError("a frozen version does not change")
    return block


@transaction.atomic
def add_photo(by, block: BuildingBlock, *, photo, caption: str, credit: str = "") -> BlockPhoto:
    """Store a photo that :func:`kernkompas.dna.photos.clean` made (re-encoded, without metadata)."""
    _editable_block(block)
    if block.photos.count() >= MAX_PHOTOS_PER_BLOCK:
        raise VersionError(f"a block has at most {MAX_PHOTOS_PER_BLOCK} photos")
    position = (block.photos.aggregate(n=Max("position"))["n"] or 0) + 1
    stored = BlockPhoto(block=block, extension=photo.extension, caption=caption, credit=credit, position=position)
    stored.image.save(f"photo.{photo.extension}", photo.content, save=False)
    storage, name = stored.image.storage, stored.image.name
    try:
        stored.save()
        audit.record(
            by,
            "dna.photo_added",
            stored,
            gemeente=block.version.trajectory.gemeente,
            changes={"block": block.position, "caption": caption},
        )
    except Exception:
        storage.delete(name)
        raise
    return stored


@transaction.atomic
def remove_photo(by, photo: BlockPhoto) -> None:
    block = _editable_block(photo.block)
    storage, name = photo.image.storage, photo.image.name
    audit.record(
        by,
        "dna.photo_removed",
        photo,
        gemeente=block.version.trajectory.gemeente,
        changes={"block": block.position, "caption": photo.caption},
    )
    photo.delete()
    # Only after the commit, and only when no other row names the file (copies have their own files; this is the
    # guard should a file ever be shared).
    transaction.on_commit(lambda: None if BlockPhoto.objects.filter(image=name).exists() else storage.delete(name))


# --- Ideas --------------------------------------------------------------------------------------------------------


@transaction.atomic
def add_idea(by, block: BuildingBlock, *, title: str, description: str = "") -> Idea:
    _editable_block(block)
    if block.ideas.count() >= MAX_IDEAS_PER_BLOCK:
        raise VersionError(f"a block has at most {MAX_IDEAS_PER_BLOCK} ideas")
    position = (block.ideas.aggregate(n=Max("position"))["n"] or 0) + 1
    idea = Idea.objects.create(
        version_id=block.version_id, block=block, title=title, description=description, position=position
    )
    audit.record(
        by, "dna.idea_added", idea, gemeente=block.version.trajectory.gemeente, changes={"block": block.position}
    )
    return idea


@transaction.atomic
def change_idea(by, idea: Idea, *, title: str, description: str = "", block: BuildingBlock | None = None) -> Idea:
    _editable_block(idea.block)
    block = block or idea.block
    if block.version_id != idea.version_id:
        raise VersionError("an idea stays in its version")
    changes = {}
    if idea.title != title:
        changes["title"] = [idea.title, title]
    if idea.description != description:
        changes["description"] = [idea.description, description]
    if block.pk != idea.block_id:
        changes["block"] = [idea.block.position, block.position]
        # It leaves a gap in its old block's order and joins the new block at the end.
        Idea.objects.filter(block_id=idea.block_id, position__gt=idea.position).update(position=F("position") - 1)
        idea.position = (block.ideas.aggregate(n=Max("position"))["n"] or 0) + 1
        idea.block = block
    if changes:
        idea.title, idea.description = title, description
        idea.save()
        audit.record(by, "dna.idea_changed", idea, gemeente=block.version.trajectory.gemeente, changes=changes)
    return idea


@transaction.atomic
def move_idea(by, idea: Idea, direction: int) -> Idea:
    """Swap the idea with the one before (-1) or after (+1) it in its block; nothing at either end."""
    _editable_block(idea.block)
    ideas = list(idea.block.ideas.select_for_update().order_by("position", "pk"))
    index = next(i for i, other in enumerate(ideas) if other.pk == idea.pk)
    other = index + direction
    if direction not in (-1, 1) or not 0 <= other < len(ideas):
        return idea
    ideas[index], ideas[other] = ideas[other], ideas[index]
    for number, item in enumerate(ideas, start=1):
        if item.position != number:
            Idea.objects.filter(pk=item.pk).update(position=number)
    audit.record(
        by,
        "dna.idea_moved",
        idea,
        gemeente=idea.block.version.trajectory.gemeente,
        changes={"position": [index + 1, other + 1]},
    )
    return idea


@transaction.atomic
def remove_idea(by, idea: Idea) -> None:
    block = _editable_block(idea.block)
    audit.record(by, "dna.idea_removed", idea, gemeente=block.version.trajectory.gemeente)
    Idea.objects.filter(block=block, position__gt=idea.position).update(position=F("position") - 1)
    idea.delete()
