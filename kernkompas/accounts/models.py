"""Users, organisations and the memberships that give them a role in a municipality."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Role(models.TextChoices):
    """Roles a membership gives. Every registered user is also a ``lid`` (member) without a membership."""

    GEMEENTE = "gemeente", _("municipal staff")
    BEGELEIDER = "begeleider", _("facilitator")
    REDACTIE = "redactie", _("editor")
    BEHEERDER = "beheerder", _("administrator")


# Roles that only make sense for a municipality; the others are platform-wide.
SCOPED_ROLES = {Role.GEMEENTE, Role.BEGELEIDER}


class MemberType(models.TextChoices):
    ONDERNEMER = "ondernemer", _("entrepreneur")
    VASTGOED = "vastgoed", _("property owner")
    INVESTEERDER = "investeerder", _("investor")
    ONTWIKKELAAR = "ontwikkelaar", _("developer")
    BEWONER = "bewoner", _("resident")
    OVERHEID = "overheid", _("government")
    ADVISEUR = "adviseur", _("consultant")
    ANDERS = "anders", _("other")


class Interest(models.TextChoices):
    """Themes a member can follow; the Vitrine's themes (seed 001) plus the monitor's main topics."""

    BELEID = "beleid-visie", _("policy & vision")
    MOBILITEIT = "mobiliteit", _("mobility")
    RUIMTE = "ruimtelijke-ordening", _("spatial planning")
    DUURZAAMHEID = "duurzaamheid", _("sustainability")
    SAMENWERKING = "samenwerking", _("cooperation")
    BELEVING = "beleving-aantrekking", _("experience & attraction")
    TRENDS = "trends-ontwikkelingen", _("trends & developments")
    DATA = "data", _("data")
    LEEGSTAND = "leegstand", _("vacancy")


class User(AbstractUser):
    email = models.EmailField(_("e-mail address"), unique=True)
    member_type = models.CharField(_("I am a(n)"), max_length=20, choices=MemberType.choices, blank=True)
    home_gemeente = models.ForeignKey(
        "places.Gemeente",
        verbose_name=_("my municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interests = models.JSONField(_("interests"), default=list, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        self.email = self.email.strip().lower()
        unknown = [i for i in self.interests if i not in Interest.values]
        if unknown:
            message = ngettext("Unknown interest: %(items)s", "Unknown interests: %(items)s", len(unknown))
            raise ValidationError({"interests": message % {"items": ", ".join(unknown)}})

    def display_name(self) -> str:
        return self.get_full_name() or self.email or self.username


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("municipality")
    ADVIESBUREAU = "adviesbureau", _("consultancy")
    ONDERNEMERSVERENIGING = "ondernemersvereniging", _("business association")
    PROVINCIE = "provincie", _("province")
    KENNISINSTELLING = "kennisinstelling", _("knowledge institution")
    ANDERS = "anders", _("other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    gemeente = models.ForeignKey(
        "places.Gemeente",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("For a municipal organisation: which municipality it is."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Gives a user a role; for municipal staff and facilitators, within one municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    gemeente = models.ForeignKey(
        "places.Gemeente",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "gemeente"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(gemeente__isnull=True),
                name="membership_unique_global",
            ),
        ]
        indexes = [
            # The permission helper's question on every request: "which roles does this user have where?"
            models.Index(fields=["user", "role"], name="membership_user_role_idx"),
        ]

    def __str__(self):
        where = f" — {self.gemeente}" if self.gemeente_id else ""
        return f"{self.user} · {self.get_role_display()}{where}"

    def describe(self) -> str:
        """The membership as a person reads it on their profile: "Medewerker gemeente Maasdijk"."""
        if self.role == Role.GEMEENTE:
            return _("Staff of municipality %(gemeente)s") % {"gemeente": self.gemeente}
        if self.role == Role.BEGELEIDER:
            return _("Facilitator for %(gemeente)s") % {"gemeente": self.gemeente}
        if self.role == Role.REDACTIE:
            return _("Editor of the platform")
        return _("Administrator of the platform")

    def clean(self):
        if self.role in SCOPED_ROLES and not self.gemeente_id:
            raise ValidationError({"gemeente": _("This role needs a municipality.")})
        if self.role not in SCOPED_ROLES and self.gemeente_id:
            raise ValidationError(
                {"gemeente": _("This role applies to the whole platform; leave the municipality empty.")}
            )


def gemeente_model():
    """``places.Gemeente``, the model a role is scoped to.

    Accounts sit below places in the layers (places' pages check roles through :mod:`kernkompas.accounts.permissions`),
    so accounts reach the municipality model through the membership's relation, as Django's own apps reach the user
    model through ``AUTH_USER_MODEL``, instead of importing it.
    """
    return Membership._meta.get_field("gemeente").related_model


class InvitationQuerySet(models.QuerySet):
    def unanswered(self):
        """Invitations neither accepted nor withdrawn, expired ones included (they can be sent again)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self, now=None):
        """Invitations that can still be accepted: not accepted, not revoked, not expired."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """An invitation by e-mail to take a role (for a municipality when the role is scoped).

    Only a hash of the token in the link is stored: someone who reads the database cannot accept an invitation.
    The role is granted when the invited person accepts (``accounts.actions.invitations``), never before.
    """

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    gemeente = models.ForeignKey(
        "places.Gemeente",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited on"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent"))
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [
            # The members screen and the workspace: "pending invitations of this municipality".
            models.Index(fields=["gemeente", "accepted_at", "revoked_at"], name="invitation_gemeente_idx"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} · {self.gemeente or _('platform')}"

    @property
    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def describe_role(self) -> str:
        """The role offered, as the invited person reads it: "Medewerker gemeente Maasdijk"."""
        return Membership(role=self.role, gemeente=self.gemeente).describe()
