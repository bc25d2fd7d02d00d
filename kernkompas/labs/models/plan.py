"""The action plan in the steps of Platform31's "Herstel van binnensteden" (seed 004): bottlenecks and what happens
if nobody acts → an agenda (a vision sentence and its goals) → actions that the municipality and other parties carry
out together, the municipality in one of several roles at once ("meervoudig sturen"), each action with its owner,
partners, budget and who pays, dates, status, a linked Kernmonitor indicator with its target, the Vitrine cases that
inspired it and progress updates. Parties outside the municipality are invited and report on their own actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernkompas.places.models import Gebied, Gemeente, Kern, Regio


class ActionPlan(models.Model):
    """The plan of a municipality, one of its cores or a region (``gemeente`` owns it; its staff edit it)."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="action_plans"
    )
    kern = models.ForeignKey(
        Kern, verbose_name=_("core"), null=True, blank=True, on_delete=models.SET_NULL, related_name="action_plans"
    )
    regio = models.ForeignKey(
        Regio, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="action_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    vision = models.TextField(
        _("vision"),
        max_length=1000,
        blank=True,
        help_text=_("One sentence, e.g. “In 2030 is ons centrum de ontmoetingsplek van de regio.”"),
    )
    horizon_year = models.PositiveSmallIntegerField(_("horizon (year)"), null=True, blank=True)
    is_published = models.BooleanField(_("public"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    labs = models.ManyToManyField(
        "labs.Lab", verbose_name=_("labs"), blank=True, related_name="plans", help_text=_("Labs the plan comes from.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["gemeente__name_nl", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("labs:plan", kwargs={"pk": self.pk})


class BottleneckKind(models.TextChoices):
    KNELPUNT = "knelpunt", _("bottleneck")
    KANS = "kans", _("opportunity")


class Bottleneck(models.Model):
    """A knelpunt (or a kans, an opportunity: the first step of the plan names both): what is wrong, what happens if
    nobody acts, and the evidence (an indicator of the Kernmonitor, a note or cluster of a lab, or words)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="bottlenecks")
    kind = models.CharField(_("kind"), max_length=20, choices=BottleneckKind.choices, default=BottleneckKind.KNELPUNT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("bottleneck"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    consequence = models.TextField(_("if nobody acts"), blank=True, max_length=2000)
    evidence = models.TextField(_("evidence"), blank=True, max_length=2000)
    indicator_code = models.CharField(_("indicator"), max_length=40, blank=True)
    indicator_gebied = models.ForeignKey(
        Gebied, verbose_name=_("measured in area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_note = models.ForeignKey(
        "labs.Note", verbose_name=_("from lab note"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_cluster = models.ForeignKey(
        "labs.Cluster",
        verbose_name=_("from lab cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """A goal of the agenda."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("goal"), max_length=300)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class PartyKind(models.TextChoices):
    GEMEENTE = "gemeente", _("municipality")
    ONDERNEMERS = "ondernemers", _("entrepreneurs")
    VASTGOED = "vastgoed", _("property owners")
    BEWONERS = "bewoners", _("residents")
    CULTUUR = "cultuur", _("cultural partner")
    PROVINCIE = "provincie", _("province")
    RIJK = "rijk", _("state")
    ANDERS = "anders", _("other")


class Party(models.Model):
    """A party of the plan (an entrepreneurs' association, the province): owner or partner of actions. Its members
    (``PartyMember``, by invitation) report progress on the actions it owns."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["plan", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="labs_party_name_per_plan")]

    def __str__(self) -> str:
        return self.name


class SteeringRole(models.Model):
    """A role the municipality takes in an action ("meervoudig sturen"): regisseur, facilitator, investeerder,
    regelgever, partner (seeded for everyone); a municipality may add its own."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("municipality"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=60)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("municipal role")
        verbose_name_plural = _("municipal roles")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ActionStatus(models.TextChoices):
    GEPLAND = "gepland", _("planned")
    LOPEND = "lopend", _("running")
    VERTRAAGD = "vertraagd", _("delayed")
    AFGEROND = "afgerond", _("done")
    GESTOPT = "gestopt", _("stopped")


class Action(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    bottlenecks = models.ManyToManyField(
        Bottleneck, verbose_name=_("addresses bottlenecks"), blank=True, related_name="actions"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    owner = models.ForeignKey(
        Party, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_actions"
    )
    partners = models.ManyToManyField(Party, verbose_name=_("partners"), blank=True, related_name="partner_actions")
    municipal_role = models.ForeignKey(
        SteeringRole,
        verbose_name=_("role of the municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.GEPLAND)
    # The linked Kernmonitor indicator (catalogue code), measured in one area, from its value when the action was
    # linked (baseline) to the target; the dashboard shows where it stands.
    indicator_code = models.CharField(_("indicator"), max_length=40, blank=True)
    indicator_gebied = models.ForeignKey(
        Gebied, verbose_name=_("measured in area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    indicator_baseline = models.FloatField(_("starting value"), null=True, blank=True)
    indicator_target = models.FloatField(_("target value"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    cases = models.ManyToManyField(
        "wagtailcore.Page", verbose_name=_("inspired by Vitrine cases"), blank=True, related_name="+"
    )
    source_note = models.ForeignKey(
        "labs.Note", verbose_name=_("from lab note"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_cluster = models.ForeignKey(
        "labs.Cluster",
        verbose_name=_("from lab cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("labs:action", kwargs={"pk": self.pk})


class Payer(models.TextChoices):
    GEMEENTE = "gemeente", _("municipality")
    ONDERNEMERS = "ondernemers", _("entrepreneurs")
    VASTGOED = "vastgoed", _("property owners")
    PROVINCIE = "provincie", _("province")
    RIJK = "rijk", _("state")
    EU = "eu", _("European Union")
    ANDERS = "anders", _("other")


class ActionFunding(models.Model):
    """Who pays how much of an action's budget (in euro); the action's budget is the sum."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="funding")
    payer = models.CharField(_("who pays"), max_length=20, choices=Payer.choices)
    payer_name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("For “other”: who."))
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["action", "pk"]

    def __str__(self) -> str:
        return f"{self.get_payer_display()}: € {self.amount}"


class ProgressUpdate(models.Model):
    """What happened on an action, by whom and when; the plan's Atom feed lists them."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"), max_length=4000)
    status = models.CharField(_("status after this"), max_length=20, choices=ActionStatus.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("on behalf of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["action", "-date", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class PlanInvitation(models.Model):
    """An invitation for someone of a party outside the municipality. The link holds a token whose hash is stored;
    accepting (logged in or after signing up) makes the user a ``PartyMember``."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan invitation")
        verbose_name_plural = _("plan invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.party})"


class PartyMember(models.Model):
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_parties")
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        constraints = [models.UniqueConstraint(fields=["party", "user"], name="labs_party_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.party})"
