from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition


class AuditEvent(models.Model):
    """One change made through a named operation: who did what to which object, and when."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the log still says who it was after the account is deleted.
    actor_label = models.CharField(_("who (as recorded)"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    gemeente = models.ForeignKey(
        "places.Gemeente",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            # "What happened to this object?" on the object's history page.
            models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target_idx"),
            # "What happened in my municipality?" for the municipality's staff.
            models.Index(fields=["gemeente", "-created_at"], name="audit_gemeente_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"


class RateLimitCounter(models.Model):
    """Attempts on one form from one client address (or at one account) in one window of a rate limit.

    Written only by ``kernkompas.core.ratelimit`` with one atomic statement per attempt; the key holds the
    limit's name, a keyed hash of the address or account and the window number, never the address itself.
    """

    key = models.CharField(max_length=200, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    ends_at = models.BigIntegerField(help_text="End of the window, in seconds since 1970 (Unix time).")

    class Meta:
        indexes = [
            # The clean-up that runs when a window starts: DELETE ... WHERE ends_at <= now.
            models.Index(fields=["ends_at"], name="ratelimit_ends_idx"),
        ]

    def __str__(self):
        return f"{self.key} {self.hits}"


class SiteImage(AbstractImage):
    """Wagtail's image with a required alternative text: every image on a public page must be described."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it (read aloud by screen readers)."),
    )

    admin_form_fields = (
        "title",
        "alt_text",
        "file",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
