"""Registrations for a session: members with their account, visitors with a name, an e-mail address and an
organisation (double opt-in: a registration counts only once the address is confirmed).

A confirmed registration takes a place while there is one, otherwise a place on the waiting list. ``arrival`` is
the order in which registrations were confirmed (the session's counter, taken under the session's row lock), so the
waiting list moves up in arrival order when someone cancels. Only the hash of the personal link's secret is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kernkompas.learning.models.programme import Session


class RegistrationStatus(models.TextChoices):
    WACHT_OP_BEVESTIGING = "onbevestigd", _("awaiting confirmation")
    INGESCHREVEN = "ingeschreven", _("registered")
    WACHTLIJST = "wachtlijst", _("on the waiting list")
    GEANNULEERD = "geannuleerd", _("cancelled")


#: The statuses of someone who still counts for the session (one per address per session).
ACTIVE_STATUSES = (
    RegistrationStatus.WACHT_OP_BEVESTIGING,
    RegistrationStatus.INGESCHREVEN,
    RegistrationStatus.WACHTLIJST,
)


class Registration(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_registrations",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.WACHT_OP_BEVESTIGING
    )
    arrival = models.PositiveIntegerField(_("arrival"), null=True, blank=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False, db_index=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "arrival", "pk"]
        constraints = [
            # One active registration per address per session (a cancelled one may be followed by a new one).
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="learning_registration_once_per_address",
            ),
            models.UniqueConstraint(fields=["session", "arrival"], name="learning_registration_arrival_unique"),
        ]
        indexes = [
            # Counting places and moving the waiting list up: a session's registrations by status and arrival.
            models.Index(fields=["session", "status", "arrival"], name="learning_reg_session_status"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.session}"

    @property
    def is_registered(self) -> bool:
        return self.status == RegistrationStatus.INGESCHREVEN

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WACHTLIJST
