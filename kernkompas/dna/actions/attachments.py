"""Adding, changing and removing the attachments of a step. Each change is one transaction with its audit record;
a file that is written but whose row is not saved is removed again, and a removed row's file goes after the commit
(see the ``post_delete`` receiver in kernkompas/dna/models.py)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kernkompas.core import audit
from kernkompas.dna.attachments import MAX_PER_STEP, CleanAttachment
from kernkompas.dna.models import Step, StepAttachment, Trajectory


class AttachmentLimit(ValueError):
    """The step has :data:`MAX_PER_STEP` attachments already."""


def _touch(step: Step) -> None:
    Trajectory.objects.filter(pk=step.trajectory_id).update(updated_at=timezone.now())


@transaction.atomic
def add_attachment(by, step: Step, *, upload: CleanAttachment, title: str = "", is_public: bool = False):
    """Store an attachment that :func:`kernkompas.dna.attachments.check` accepted."""
    Step.objects.select_for_update().filter(pk=step.pk).first()  # two uploads at once do not pass the limit together
    if step.attachments.count() >= MAX_PER_STEP:
        raise AttachmentLimit(f"a step has at most {MAX_PER_STEP} attachments")
    title = (title or "").strip() or upload.original_name.rsplit(".", 1)[0]
    stored = StepAttachment(
        step=step,
        extension=upload.extension,
        original_name=upload.original_name,
        title=title[:200],
        size=upload.size,
        content_type=upload.content_type,
        is_public=bool(is_public),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    stored.file.save(f"bijlage.{upload.extension}", upload.content, save=False)
    storage, name = stored.file.storage, stored.file.name
    try:
        stored.save()
        audit.record(
            by,
            "dna.attachment_added",
            stored,
            gemeente=step.trajectory.gemeente,
            changes={"step": step.name, "title": stored.title, "is_public": stored.is_public},
        )
        _touch(step)
    except Exception:
        storage.delete(name)
        raise
    return stored


@transaction.atomic
def change_attachment(by, attachment: StepAttachment, *, title: str, is_public: bool) -> StepAttachment:
    changes = {}
    title = (title or "").strip()[:200]
    if title and title != attachment.title:
        changes["title"] = [attachment.title, title]
        attachment.title = title
    if bool(is_public) != attachment.is_public:
        changes["is_public"] = [attachment.is_public, bool(is_public)]
        attachment.is_public = bool(is_public)
    if changes:
        attachment.save(update_fields=["title", "is_public"])
        audit.record(
            by,
            "dna.attachment_changed",
            attachment,
            gemeente=attachment.step.trajectory.gemeente,
            changes=changes,
        )
        _touch(attachment.step)
    return attachment


@transaction.atomic
def remove_attachment(by, attachment: StepAttachment) -> None:
    step = attachment.step
    audit.record(
        by,
        "dna.attachment_removed",
        attachment,
        gemeente=step.trajectory.gemeente,
        changes={"step": step.name, "title": attachment.title},
    )
    attachment.delete()  # its file goes after the commit
    _touch(step)
