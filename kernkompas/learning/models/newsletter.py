"""The quarterly newsletter and the personal digest (seed 002: "vier keer per jaar, met nieuwe publicaties,
bijeenkomsten, best practices en blogs").

**Subscribers** need no account; an address counts only once confirmed (double opt-in) and leaves with one click
(every message carries ``List-Unsubscribe`` and ``List-Unsubscribe-Post``). A **newsletter** is assembled by the
editors from new Vitrine cases, coming sessions, recordings and published action plans (its **items** are a copy,
so the archive stays as it was sent), previewed, sent as a test, then sent to every subscriber.

Sending is idempotent and resumable: starting a send writes one **delivery** per confirmed subscriber (unique per
newsletter and subscriber); each delivery is handed to the mail backend and marked sent in its own step, so a send
that is interrupted and started again sends only the deliveries that are not marked sent.

The **digest preference** is a member's choice of a weekly or monthly e-mail of what is new in their themes, places
and saved searches; it takes over the Vitrine's saved-search alerts, so nobody gets two e-mails for one event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernkompas.learning.models.programme import LearningTheme
from kernkompas.places.models import Gemeente, Kern


class SubscriberStatus(models.TextChoices):
    WACHT_OP_BEVESTIGING = "onbevestigd", _("awaiting confirmation")
    ACTIEF = "actief", _("subscribed")
    AFGEMELD = "afgemeld", _("unsubscribed")


class Subscriber(models.Model):
    """An address that receives the newsletter. The address is stored in lower case (one row per address)."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.WACHT_OP_BEVESTIGING
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        indexes = [
            # Starting a send: the confirmed subscribers.
            models.Index(fields=["status", "id"], name="learning_subscriber_status"),
        ]

    def __str__(self) -> str:
        return self.email


class NewsletterStatus(models.TextChoices):
    CONCEPT = "concept", _("draft")
    VERZENDEN = "verzenden", _("sending")
    VERZONDEN = "verzonden", _("sent")


class Newsletter(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    introduction = models.TextField(_("introduction"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NewsletterStatus.choices, default=NewsletterStatus.CONCEPT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    test_sent_at = models.DateTimeField(_("test sent"), null=True, blank=True)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-sent_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:newsletter", kwargs={"slug": self.slug})


class ItemKind(models.TextChoices):
    CASE = "case", _("Vitrine case")
    SESSION = "session", _("session")
    RECORDING = "recording", _("recording")
    PLAN = "plan", _("action plan")
    LINK = "link", _("link")


class NewsletterItem(models.Model):
    """One entry of a newsletter, copied when it was added so the archive stays as it was sent."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    source_key = models.CharField(max_length=80, blank=True, help_text="e.g. 'case:12', so an item is added once")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    url = models.CharField(_("link"), max_length=500)
    when = models.DateTimeField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["newsletter", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "source_key"], condition=~models.Q(source_key=""), name="learning_item_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One message of one newsletter to one subscriber: written when the send starts, marked when handed over."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "subscriber"], name="learning_delivery_once"),
        ]
        indexes = [
            # Resuming a send: the deliveries of a newsletter not sent yet, in order.
            models.Index(fields=["newsletter", "sent_at", "id"], name="learning_delivery_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.newsletter} → {self.subscriber}"


class DigestFrequency(models.TextChoices):
    UIT = "uit", _("no digest")
    WEKELIJKS = "wekelijks", _("weekly")
    MAANDELIJKS = "maandelijks", _("monthly")


class DigestPreference(models.Model):
    """A member's personal digest: how often, on which themes and places. ``last_sent_at`` moves forward in the
    same transaction as the sending, so a second run sends nothing twice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_digest")
    frequency = models.CharField(
        _("how often"), max_length=20, choices=DigestFrequency.choices, default=DigestFrequency.UIT
    )
    themes = models.ManyToManyField(LearningTheme, verbose_name=_("themes"), blank=True, related_name="+")
    gemeenten = models.ManyToManyField(Gemeente, verbose_name=_("municipalities"), blank=True, related_name="+")
    kernen = models.ManyToManyField(Kern, verbose_name=_("cores"), blank=True, related_name="+")
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("personal digest")
        verbose_name_plural = _("personal digests")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_frequency_display()})"
