"""The Binnenstadslab: a live workshop on a shared canvas (seed 002, the "Canvas Nieuwe Binnensteden").

A facilitator prepares a lab for a municipality, one of its cores or areas, or a region of several municipalities.
Participants join with the lab's short code on their phone, without an account, under a display name and a role,
and add notes to the canvas's lenses. The facilitator moves through the phases, clusters and merges notes, hides
abuse, runs a timer and opens dot-voting with a budget of dots per participant. Every change is also written as a
numbered :class:`LabEvent` in the same transaction, so that every screen in the room (phones, the projector, the
facilitator) follows the lab by event number and misses nothing after a reconnect (``kernkompas/labs/live.py``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernkompas.places.models import Gebied, Gemeente, Kern, Regio

NOTE_MAX_LENGTH = 500
DISPLAY_NAME_MAX_LENGTH = 40
MAX_DOTS = 20


class Phase(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("preparation")
    VERKENNEN = "verkennen", _("exploring")
    CLUSTEREN = "clusteren", _("clustering")
    PRIORITEREN = "prioriteren", _("prioritising")
    AFSPRAKEN = "afspraken", _("agreements")
    AFGESLOTEN = "afgesloten", _("closed")


class VotingState(models.TextChoices):
    NIET_GESTART = "niet-gestart", _("not started")
    OPEN = "open", _("open")
    GESLOTEN = "gesloten", _("closed")


class ParticipantRole(models.TextChoices):
    ONDERNEMER = "ondernemer", _("entrepreneur")
    VASTGOED = "vastgoed", _("property owner")
    BEWONER = "bewoner", _("resident")
    GEMEENTE = "gemeente", _("municipality")
    CULTUUR = "cultuur", _("culture")
    ANDERS = "anders", _("other")


class CanvasTemplate(models.Model):
    """A canvas to start a lab from: its lenses as ``[{"key", "title", "prompt"}]``. Without a municipality it is
    offered to everyone (the Canvas Nieuwe Binnensteden is seeded by a migration); with one, only to that
    municipality's staff and facilitators. A lab copies the lenses, so changing a template never changes a lab."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("municipality"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lenses = models.JSONField(_("lenses"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("canvas template")
        verbose_name_plural = _("canvas templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Lab(models.Model):
    """One workshop. ``gemeente`` owns it (its staff and facilitators run it; the scope of every check); ``kern``
    or ``gebied`` narrow it to one place; a regional lab names ``regio`` and its participating ``gemeenten``."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="labs"
    )
    kern = models.ForeignKey(
        Kern, verbose_name=_("core"), null=True, blank=True, on_delete=models.SET_NULL, related_name="labs"
    )
    gebied = models.ForeignKey(
        Gebied, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="labs"
    )
    regio = models.ForeignKey(
        Regio, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="labs"
    )
    gemeenten = models.ManyToManyField(
        Gemeente,
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="regional_labs",
        help_text=_("For a regional lab: the municipalities whose cores are compared side by side."),
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=1000, help_text=_("The question the lab works on."))
    starts_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("The short code participants type."))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.VOORBEREIDING)
    voting = models.CharField(
        _("dot-voting"), max_length=20, choices=VotingState.choices, default=VotingState.NIET_GESTART
    )
    dots_per_participant = models.PositiveSmallIntegerField(_("dots per participant"), default=5)
    timer_ends_at = models.DateTimeField(_("timer ends at"), null=True, blank=True)
    timer_seconds = models.PositiveIntegerField(_("timer length (seconds)"), null=True, blank=True)
    # What participants see beforehand (on the join page and the canvas's "Achtergrond" tab).
    show_figures = models.BooleanField(_("show the dashboard figures"), default=True)
    show_dna = models.BooleanField(_("show the DNA"), default=True)
    show_cases = models.BooleanField(_("show fitting Vitrine cases"), default=True)
    cases = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("Vitrine cases"),
        blank=True,
        related_name="+",
        help_text=_("Cases participants see beforehand (the Vitrine suggests fitting ones)."),
    )
    is_report_public = models.BooleanField(_("report is public"), default=False)
    event_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lab")
        verbose_name_plural = _("labs")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dots_per_participant__gte=1) & Q(dots_per_participant__lte=MAX_DOTS),
                name="labs_dots_within_budget_limits",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("labs:lab", kwargs={"pk": self.pk})

    @property
    def is_regional(self) -> bool:
        return self.regio_id is not None

    @property
    def is_open(self) -> bool:
        """Participants may join and add notes until the lab is closed."""
        return self.phase != Phase.AFGESLOTEN


class Lens(models.Model):
    """One field of the canvas, e.g. "Wonen" with its prompt."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="lenses")
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=40)
    title = models.CharField(_("title"), max_length=100)
    prompt = models.CharField(_("prompt"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lens")
        verbose_name_plural = _("lenses")
        ordering = ["lab", "order"]
        constraints = [models.UniqueConstraint(fields=["lab", "key"], name="labs_lens_key_per_lab")]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """Someone in the room, known only by the display name and role they chose; no account. Their phone keeps
    ``secret`` in a signed cookie; only its hash is stored. Staff joining from their account have ``user``."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField(_("name"), max_length=DISPLAY_NAME_MAX_LENGTH)
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    secret_hash = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_blocked = models.BooleanField(_("blocked"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["lab", "joined_at", "pk"]

    def __str__(self) -> str:
        return self.display_name


class Cluster(models.Model):
    """A group of notes the facilitator made, on one lens, with a title of its own."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="clusters")
    lens = models.ForeignKey(Lens, on_delete=models.CASCADE, related_name="clusters")
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["lab", "lens__order", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Note(models.Model):
    """A sticky note on a lens. Merging keeps the note (``merged_into`` points at the note it joined) so the report
    can still say who wrote what; a hidden note is kept for the facilitator but shown to nobody else."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="notes")
    lens = models.ForeignKey(Lens, on_delete=models.CASCADE, related_name="notes")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes")
    text = models.TextField(_("text"), max_length=NOTE_MAX_LENGTH)
    cluster = models.ForeignKey(Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes")
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_notes"
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # A note sent twice (a phone that retried) is stored once: the phone names each note it sends.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["lab", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "client_id"], name="labs_note_sent_once"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Vote(models.Model):
    """One dot on a note or a cluster. A participant has ``lab.dots_per_participant`` dots; a dot sent twice (the
    same ``nonce``, a replayed request) counts once."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    note = models.ForeignKey(Note, on_delete=models.CASCADE, null=True, blank=True, related_name="votes")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, null=True, blank=True, related_name="votes")
    nonce = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("dot")
        verbose_name_plural = _("dots")
        constraints = [
            models.UniqueConstraint(fields=["participant", "nonce"], name="labs_vote_counted_once"),
            models.CheckConstraint(
                condition=(Q(note__isnull=False) & Q(cluster__isnull=True))
                | (Q(note__isnull=True) & Q(cluster__isnull=False)),
                name="labs_vote_on_note_or_cluster",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.note_id or self.cluster_id}"


class Decision(models.Model):
    """An agreement of the "afspraken" phase: what, who, when."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="decisions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("agreement"), max_length=500)
    who = models.CharField(_("who"), max_length=200, blank=True)
    when = models.CharField(_("when"), max_length=100, blank=True)
    cluster = models.ForeignKey(Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["lab", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class LabEvent(models.Model):
    """A numbered change of a lab, written in the transaction that made it (``kernkompas/labs/events.py``).
    ``payload`` is what the screens need to apply it; ``public`` says whether participants may receive it."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["lab", "seq"]
        constraints = [models.UniqueConstraint(fields=["lab", "seq"], name="labs_event_seq_per_lab")]

    def __str__(self) -> str:
        return f"{self.lab_id}#{self.seq} {self.kind}"
