"""The learning programme (seed 003, Rotterdam's Vitale Kerngebieden): themes, programmes, sessions, materials.

A **theme framework** is a set of themes that editors define (the seeds' themes are seeded; the Centrum Management
Academy's "stuurwiel" can be entered as a second one). Sessions and materials are tagged with themes, so a street
manager sees which fields she has covered and what is next.

A **programme** belongs to one municipality (its staff run it), to a region (run by the staff of the municipality
that owns it, for the region's municipalities) or to the whole platform (``gemeente`` empty: run by the editors).
A **session** is a thematic meeting or an intervision around one area; it has a date and time (Europe/Brussels), a
format, speakers, a capacity with a waiting list, a meeting link shown only to registered participants shortly
before the start, and materials before and after.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernkompas.places.models import Gebied, Gemeente, Kern, Regio

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 5000
MAX_CAPACITY = 10_000
#: The meeting link is shown to registered participants from this many minutes before the start (a session may
#: choose another value) until the session has ended.
MEETING_LINK_OPENS_MINUTES = 30


class ThemeFramework(models.Model):
    """A set of themes that tags sessions and materials (e.g. "Thema's van Stedelijk leren", "Stuurwiel CMA")."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    is_default = models.BooleanField(
        _("default framework"), default=False, help_text=_("The framework new sessions and the overview start from.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme framework")
        verbose_name_plural = _("theme frameworks")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class LearningTheme(models.Model):
    """One field of a framework ("Aanpak leegstand", "Ondermijning"). ``vitrine_theme`` is the slug of the
    Vitrine's theme it matches (a slug, not a key: a feature part never depends on a sibling's tables), so that a
    session on it finds fitting cases and indicators through the parts registry."""

    framework = models.ForeignKey(
        ThemeFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    vitrine_theme = models.SlugField(
        _("Vitrine theme"), max_length=100, blank=True, help_text=_("The slug of the matching Vitrine theme.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["framework__order", "framework__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="learning_theme_slug_per_framework"),
            models.UniqueConstraint(fields=["framework", "name"], name="learning_theme_name_per_framework"),
        ]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A series of sessions. ``gemeente`` owns it (empty: platform-wide, run by the editors); ``regio`` says it is
    meant for the municipalities of a region. Only a public programme and its published sessions are shown to
    people who do not run it."""

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="learning_programmes",
        help_text=_("Empty for a platform-wide programme, run by the editors."),
    )
    regio = models.ForeignKey(
        Regio,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_programmes",
    )
    framework = models.ForeignKey(
        ThemeFramework,
        verbose_name=_("theme framework"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    is_public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning programme")
        verbose_name_plural = _("learning programmes")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:programme", kwargs={"slug": self.slug})


class SessionKind(models.TextChoices):
    THEMATISCH = "thematisch", _("thematic session")
    INTERVISIE = "intervisie", _("intervision")


class SessionFormat(models.TextChoices):
    ONLINE = "online", _("online")
    LOCATIE = "locatie", _("on location")
    HYBRIDE = "hybride", _("hybrid")


class SessionStatus(models.TextChoices):
    CONCEPT = "concept", _("draft")
    GEPUBLICEERD = "gepubliceerd", _("published")
    GEANNULEERD = "geannuleerd", _("cancelled")


class SessionQuerySet(models.QuerySet):
    def published(self):
        """Sessions anyone may see: published (or cancelled after publishing) in a public programme."""
        return self.filter(
            programme__is_public=True, status__in=[SessionStatus.GEPUBLICEERD, SessionStatus.GEANNULEERD]
        )

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())


class Session(models.Model):
    """One meeting of a programme. Times are stored in UTC and shown in Europe/Brussels. ``capacity`` empty means
    no limit. ``sequence`` counts the changes a calendar app must see (the iCalendar SEQUENCE)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.THEMATISCH)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    themes = models.ManyToManyField(LearningTheme, verbose_name=_("themes"), blank=True, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(_("format"), max_length=20, choices=SessionFormat.choices, default=SessionFormat.ONLINE)
    location = models.CharField(_("location"), max_length=300, blank=True, help_text=_("Address, for on location."))
    meeting_url = models.URLField(
        _("meeting link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to registered participants, shortly before the start."),
    )
    meeting_link_opens_minutes = models.PositiveSmallIntegerField(
        _("meeting link shown from (minutes before the start)"), default=MEETING_LINK_OPENS_MINUTES
    )
    speakers = models.TextField(_("speakers"), blank=True, max_length=2000, help_text=_("One per line."))
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Empty for no limit; more registrations go on a waiting list."),
    )
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.CONCEPT)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The number the next confirmed registration gets: places and the waiting list go by arrival order.
    arrivals = models.PositiveIntegerField(default=0, editable=False)
    # Links to the other parts: Vitrine cases (Wagtail pages) and Kernmonitor indicator codes.
    cases = models.ManyToManyField("wagtailcore.Page", verbose_name=_("Vitrine cases"), blank=True, related_name="+")
    indicator_codes = models.JSONField(_("Kernmonitor indicators"), default=list, blank=True)
    # Intervision: the area at the centre and what its municipality decides to share as case material.
    gebied = models.ForeignKey(
        Gebied,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_sessions",
    )
    kern = models.ForeignKey(
        Kern, verbose_name=_("core"), null=True, blank=True, on_delete=models.SET_NULL, related_name="learning_sessions"
    )
    share_dashboard = models.BooleanField(_("share the area's dashboard"), default=True)
    share_dna = models.BooleanField(_("share the core's DNA"), default=True)
    share_plan = models.BooleanField(_("share the action plan"), default=True)
    advice_open = models.BooleanField(_("advice open"), default=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the session was first published (set on the first save as published, see learning.digest): what the
    # personal digest calls "new", since a session is often created as a draft long before it is announced.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="learning_session_slug_per_programme"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="learning_session_ends_after_start"
            ),
        ]
        indexes = [
            # The calendar of coming sessions and the reminder run: sessions by start.
            models.Index(fields=["status", "starts_at"], name="learning_session_status_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:session", kwargs={"programme": self.programme.slug, "slug": self.slug})

    @property
    def gemeente(self):
        """The municipality that runs the session (None for a platform-wide programme): the scope of every check."""
        return self.programme.gemeente

    @property
    def is_published(self) -> bool:
        return self.status == SessionStatus.GEPUBLICEERD

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.GEANNULEERD

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def meeting_link_opens_at(self) -> datetime.datetime:
        return self.starts_at - datetime.timedelta(minutes=self.meeting_link_opens_minutes)

    def meeting_link_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.meeting_url) and self.meeting_link_opens_at() <= now < self.ends_at

    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class MaterialKind(models.TextChoices):
    SLIDES = "slides", _("slides")
    OPNAME = "opname", _("recording")
    VERSLAG = "verslag", _("notes")
    LEESSTUK = "leesstuk", _("reading")
    LINK = "link", _("link")


class MaterialTiming(models.TextChoices):
    VOORAF = "vooraf", _("before the session")
    ACHTERAF = "achteraf", _("after the session")


class Material(models.Model):
    """Something to read, watch or download before or after a session: a link (the recording), a document from the
    back office's document library (slides), or written notes. Tagged with themes and linked to cases."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices, default=MaterialKind.LINK)
    timing = models.CharField(_("when"), max_length=20, choices=MaterialTiming.choices, default=MaterialTiming.ACHTERAF)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    url = models.URLField(_("link"), max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("text"), blank=True, max_length=20_000)
    themes = models.ManyToManyField(LearningTheme, verbose_name=_("themes"), blank=True, related_name="materials")
    cases = models.ManyToManyField("wagtailcore.Page", verbose_name=_("Vitrine cases"), blank=True, related_name="+")
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Otherwise only for the session's registered participants.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["session", "timing", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("open")
    GEPLAND = "gepland", _("planned")
    AFGEWEZEN = "afgewezen", _("declined")


class ThemeSuggestion(models.Model):
    """A theme a member or staff member would like a session on. Others support it; an editor turns it into a
    session (``session``), and everyone who suggested or supported it hears about it."""

    title = models.CharField(_("theme"), max_length=150)
    description = models.TextField(_("why"), blank=True, max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("suggested by"), on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    theme = models.ForeignKey(
        LearningTheme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    decision_note = models.TextField(_("note to the suggesters"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        verbose_name = _("theme suggestion")
        verbose_name_plural = _("theme suggestions")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class SuggestionSupport(models.Model):
    suggestion = models.ForeignKey(ThemeSuggestion, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["suggestion", "user"], name="learning_support_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.suggestion}"


class AdviceStatus(models.TextChoices):
    NIEUW = "nieuw", _("new")
    ACTIE = "actie", _("taken into the action plan as an action")
    NOTITIE = "notitie", _("taken into the action plan as a note")
    TERZIJDE = "terzijde", _("set aside")


class Advice(models.Model):
    """Advice left in an intervision for the area at its centre. The area's team takes it into its action plan
    (through the parts registry: ``taken_url`` is where it landed) or sets it aside."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="advice")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    text = models.TextField(_("advice"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=AdviceStatus.choices, default=AdviceStatus.NIEUW)
    taken_url = models.CharField(max_length=500, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
