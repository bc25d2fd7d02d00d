"""The Kern-DNA: a trajectory per core in which a municipality, with its facilitator, finds the DNA of the core
(domain.md, "Naar de Kern"), and the steps of that trajectory.

A trajectory follows a method: the published Naar de Kern steps (1–8, the eighth optional) or the shorter Compact
method of seven steps (the step names of the Compact method are ours; see docs/dna.md). Its steps are copied from
the method when it starts and can then be changed, reordered and removed. Only a published trajectory is public.
"""

from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernkompas.places.models import Kern


class Method(models.TextChoices):
    NAAR_DE_KERN = "naar-de-kern", _("Naar de Kern (eight steps)")
    COMPACT = "compact", _("Naar de Kern Compact (seven steps)")


class TrajectoryStatus(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("in preparation")
    LOPEND = "lopend", _("running")
    AFGEROND = "afgerond", _("finished")
    GESTOPT = "gestopt", _("stopped")


class StepStatus(models.TextChoices):
    GEPLAND = "gepland", _("planned")
    BEZIG = "bezig", _("in progress")
    AFGEROND = "afgerond", _("done")
    OVERGESLAGEN = "overgeslagen", _("skipped")


class Trajectory(models.Model):
    kern = models.ForeignKey(Kern, on_delete=models.CASCADE, related_name="dna_trajectories", verbose_name=_("core"))
    title = models.CharField(_("title"), max_length=200)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.NAAR_DE_KERN)
    status = models.CharField(
        _("status"), max_length=20, choices=TrajectoryStatus.choices, default=TrajectoryStatus.VOORBEREIDING
    )
    is_published = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("DNA trajectory")
        verbose_name_plural = _("DNA trajectories")
        ordering = ["kern__name", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dna:trajectory", kwargs={"pk": self.pk})

    @property
    def gemeente(self):
        return self.kern.gemeente


class Step(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.GEPLAND)
    is_optional = models.BooleanField(_("optional"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    participants = models.TextField(
        _("participants"),
        blank=True,
        help_text=_("Groups and organisations that take part, e.g. “UNIZO, traders' association”. No names of people."),
    )

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["trajectory", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


def _attachment_path(instance, filename: str) -> str:
    # The name is ours, never the uploader's (it may hold anything); the extension comes from the checked kind.
    return f"dna/attachments/{uuid.uuid4().hex}.{instance.extension}"


class PrivateStorage(FileSystemStorage):
    """A folder under the private upload root (KERNKOMPAS_UPLOAD_ROOT), read from the settings each time, so the
    folder follows the settings (tests point it at a temporary folder) instead of the value at start-up."""

    def __init__(self, folder: str):
        super().__init__(base_url=None)
        self.folder = folder

    @property
    def base_location(self):
        return Path(settings.MONITOR_UPLOAD_ROOT) / self.folder

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def attachment_storage() -> FileSystemStorage:
    """Step attachments live outside MEDIA_ROOT, like block photos: most are not public, so no static URL may reach
    them. The view ``dna:attachment`` serves each one to those who may see it (attachment_views.download)."""
    return PrivateStorage("dna-attachments")


class StepAttachment(models.Model):
    """A document or photo that belongs to a step (a report, an invitation, a photo of a workshop). Checked on upload
    (kernkompas/dna/attachments.py); not public unless someone of the team says so, and then only once the
    trajectory is public too."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, storage=attachment_storage, max_length=200)
    extension = models.CharField(max_length=5, editable=False)
    original_name = models.CharField(_("file name"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100, editable=False)
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["step", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dna:attachment", kwargs={"attachment_pk": self.pk})


@receiver(post_delete, sender=StepAttachment)
def _remove_attachment_file(sender, instance: StepAttachment, **kwargs) -> None:
    """The file goes with its row, also when a step or trajectory is removed with its attachments; only after the
    commit, so a rolled-back removal keeps its file."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- The figures behind the analysis -------------------------------------------------------------------------------


class FiguresSource(models.TextChoices):
    OSM = "osm", _("OpenStreetMap")
    KERNMONITOR = "kernmonitor", _("Kernmonitor register")


class CoreFigures(models.Model):
    """Feature counts per DNA indicator (``kernkompas.lib.dna.catalogue``) of one core from one source, as they were
    measured on a date: the numbers the analysis divides by the core's population or area. One row per core and
    source; measuring again replaces it (the source file and date say which measurement it is)."""

    kern = models.ForeignKey(Kern, on_delete=models.CASCADE, related_name="dna_figures", verbose_name=_("core"))
    source = models.CharField(_("source"), max_length=20, choices=FiguresSource.choices)
    source_label = models.CharField(
        _("source file"), max_length=300, blank=True, help_text=_("The file or register the counts come from.")
    )
    measured_on = models.DateField(_("measured on"))
    counts = models.JSONField(_("counts"), default=dict, help_text=_("Number of features per indicator code."))
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True, help_text=_("Area of the core's outline."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("core figures")
        verbose_name_plural = _("core figures")
        constraints = [models.UniqueConstraint(fields=["kern", "source"], name="dna_one_figures_per_core_and_source")]

    def __str__(self) -> str:
        return f"{self.kern} ({self.get_source_display()}, {self.measured_on})"


# --- The building blocks ---------------------------------------------------------------------------------------------

BLOCKS_PER_VERSION = 5


class DnaVersion(models.Model):
    """One version of a core's DNA: a tagline and exactly five building blocks (with ideas). A version is edited
    while it is a draft; publishing freezes it, and changing a published DNA starts a new draft copied from it, so
    every version that was ever public stays as it was. At most one version of a trajectory is published: the one
    the public sees."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    tagline = models.CharField(_("tagline"), max_length=160)
    introduction = models.TextField(_("introduction"), blank=True, max_length=2000)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    frozen = models.BooleanField(
        _("frozen"), default=False, help_text=_("Set when the version is published; a frozen version never changes.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("DNA version")
        verbose_name_plural = _("DNA versions")
        ordering = ["trajectory", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="dna_version_number_unique"),
            models.UniqueConstraint(
                fields=["trajectory"], condition=models.Q(is_published=True), name="dna_one_published_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory} — v{self.number}"


class BuildingBlock(models.Model):
    """One of the five building blocks of a DNA version, with its evidence: linked indicators (catalogue codes)
    and quotes from the working groups (photos are :class:`BlockPhoto`)."""

    version = models.ForeignKey(DnaVersion, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=80)
    explanation = models.TextField(_("explanation"), max_length=1000)
    indicators = models.JSONField(
        _("indicators"), default=list, blank=True, help_text=_("Codes of the indicators that support this block.")
    )
    quotes = models.TextField(
        _("quotes"), blank=True, max_length=3000, help_text=_("Quotes from the working groups, one per line.")
    )

    class Meta:
        verbose_name = _("building block")
        verbose_name_plural = _("building blocks")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="dna_block_position_unique"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=BLOCKS_PER_VERSION), name="dna_block_position_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quote_list(self) -> list[str]:
        return [line.strip() for line in self.quotes.splitlines() if line.strip()]


def _photo_path(instance, filename: str) -> str:
    # The name is ours, never the uploader's (it may hold anything); the extension comes from the checked format.
    return f"dna/photos/{uuid.uuid4().hex}.{instance.extension}"


def photo_storage() -> FileSystemStorage:
    """Block photos live outside MEDIA_ROOT: a draft's photos are not public, so no static URL may reach them. The
    view ``dna:photo`` serves each one to those who may see its version (block_views.photo)."""
    return PrivateStorage("dna-photos")


class BlockPhoto(models.Model):
    """A photo as evidence for a building block. Only JPEG, PNG and WebP, re-encoded on upload (which also strips
    their metadata, such as the place a phone took them)."""

    block = models.ForeignKey(BuildingBlock, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=_photo_path, storage=photo_storage)
    extension = models.CharField(max_length=5, editable=False, default="jpg")
    caption = models.CharField(_("caption"), max_length=200)
    credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["block", "position", "pk"]

    def __str__(self) -> str:
        return self.caption


class Idea(models.Model):
    """An idea or action tied to a building block: what the core could do to strengthen it."""

    version = models.ForeignKey(DnaVersion, on_delete=models.CASCADE, related_name="ideas")
    block = models.ForeignKey(BuildingBlock, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("block"))
    title = models.CharField(_("idea"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["version", "block__position", "position", "pk"]

    def __str__(self) -> str:
        return self.title


# --- Testing the DNA with the people ("aftoetsen"): surveys -----------------------------------------------------
# See docs/dna.md, "Aftoetsen: the surveys". A response holds no personal data: no account, no address, no time of
# day; the open answers are free text and may mention someone (registered in personal_data.py for that reason).


class SurveyKind(models.TextChoices):
    VALIDATIE = "validatie", _("DNA validation")
    BELEVING = "beleving", _("Place Standard perception survey")


class SurveyStatus(models.TextChoices):
    CONCEPT = "concept", _("draft")
    OPEN = "open", _("open")
    GESLOTEN = "gesloten", _("closed")


class RespondentGroup(models.TextChoices):
    INWONER = "inwoner", _("I live here")
    WERKT = "werkt", _("I work here")
    ONDERNEMER = "ondernemer", _("I run a business here")
    BEZOEKER = "bezoeker", _("I am a visitor")


def new_survey_token() -> str:
    """The secret part of a survey's public address: 24 random bytes (192 bits), not guessable."""
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    """A public survey of a trajectory: the DNA validation (recognition of each building block 1–5, stars for each
    idea) or the Place Standard perception survey (14 themes, 1–7). Its questions are copied into ``snapshot`` when
    it opens, so later edits of the DNA never change what people answered."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices, default=SurveyKind.VALIDATIE)
    version = models.ForeignKey(
        DnaVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("DNA version"),
        help_text=_("The version of the DNA the survey tests (DNA validation only)."),
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.CONCEPT)
    token = models.CharField(max_length=64, unique=True, default=new_survey_token, editable=False)
    open_questions = models.JSONField(
        _("open questions"), default=list, blank=True, help_text=_("The open questions, in order (texts).")
    )
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    results_public = models.BooleanField(_("results public"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["trajectory", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dna:survey", kwargs={"pk": self.trajectory_id, "survey_pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("dna:survey_form", kwargs={"token": self.token})

    @property
    def gemeente(self):
        return self.trajectory.kern.gemeente

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class Response(models.Model):
    """One person's answers. No account, no address, no time of day: the group they chose, the date, and the hash
    of the one-time form key they sent (so the same form cannot be sent twice)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(_("respondent group"), max_length=20, choices=RespondentGroup.choices)
    submitted_on = models.DateField(_("submitted on"))
    nonce_hash = models.CharField(max_length=64, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "nonce_hash"], name="dna_response_nonce_once_per_survey")
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """A score for one item of the survey's snapshot (a building block, an idea or a Place Standard theme)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(_("item"), max_length=40)
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="dna_answer_once_per_item"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=7), name="dna_answer_score_1_to_7"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.score}"


OPEN_ANSWER_MAX = 2000


class OpenAnswer(models.Model):
    """The text answer to an open question (or a comment on a Place Standard theme), at most 2,000 characters."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="open_answers")
    question = models.CharField(_("question"), max_length=40)
    text = models.TextField(_("answer"), max_length=OPEN_ANSWER_MAX)

    class Meta:
        verbose_name = _("open answer")
        verbose_name_plural = _("open answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="dna_open_answer_once")]

    def __str__(self) -> str:
        return f"{self.question}: {self.text[:40]}"
