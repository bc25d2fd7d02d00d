"""The area approach (seed 003, Rotterdam's Vitale Kerngebieden): per area, who is there and how engaged, the area's
energy and how clear its task is, and the tasks ("opgaves") the area takes on with its partners."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernkompas.places.models import Gebied


class Energy(models.TextChoices):
    VEEL = "veel", _("much energy")
    WEINIG = "weinig", _("little energy")
    ONBEKEND = "onbekend", _("not known yet")


class TaskClarity(models.TextChoices):
    HELDER = "helder", _("clear task")
    ONDUIDELIJK = "onduidelijk", _("task not clear yet")


class AreaApproach(models.Model):
    """The approach of one area. The seed's two kinds of area: much energy (parties already moving; the municipality
    joins in) and a clear task that still needs to be activated (the municipality brings parties together)."""

    gebied = models.OneToOneField(Gebied, verbose_name=_("area"), on_delete=models.CASCADE, related_name="approach")
    energy = models.CharField(_("energy"), max_length=20, choices=Energy.choices, default=Energy.ONBEKEND)
    task_clarity = models.CharField(
        _("task"), max_length=20, choices=TaskClarity.choices, default=TaskClarity.ONDUIDELIJK
    )
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("area approach")
        verbose_name_plural = _("area approaches")

    def __str__(self) -> str:
        return str(self.gebied)

    def get_absolute_url(self) -> str:
        return reverse("labs:area", kwargs={"gebied_pk": self.gebied_id})

    @property
    def gemeente(self):
        return self.gebied.kern.gemeente


class StakeholderKind(models.TextChoices):
    ONDERNEMERSVERENIGING = "ondernemersvereniging", _("entrepreneurs' association")
    ONDERNEMERS = "ondernemers", _("entrepreneurs")
    VASTGOED = "vastgoed", _("property owners")
    BEWONERS = "bewoners", _("residents")
    GEMEENTE = "gemeente", _("municipality")
    CULTUUR = "cultuur", _("cultural partners")
    ONDERWIJS_ZORG = "onderwijs-zorg", _("education and care")
    ANDERS = "anders", _("other")


class Engagement(models.TextChoices):
    TREKKER = "trekker", _("leading")
    ACTIEF = "actief", _("active")
    BETROKKEN = "betrokken", _("interested")
    AFWACHTEND = "afwachtend", _("waiting")
    ONBEKEND = "onbekend", _("not known")


class Stakeholder(models.Model):
    """A party in the area on the stakeholder map. The contact person is personal data (register:
    ``kernkompas/labs/personal_data.py``)."""

    approach = models.ForeignKey(AreaApproach, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=StakeholderKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    engagement = models.CharField(
        _("engagement"), max_length=20, choices=Engagement.choices, default=Engagement.ONBEKEND
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["approach", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class OpgaveStatus(models.TextChoices):
    VERKENNEN = "verkennen", _("exploring")
    OPGEPAKT = "opgepakt", _("taken on")
    AFGEROND = "afgerond", _("done")


class Opgave(models.Model):
    """A task the area takes on, with the parties that carry it."""

    approach = models.ForeignKey(AreaApproach, on_delete=models.CASCADE, related_name="opgaves")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    status = models.CharField(_("status"), max_length=20, choices=OpgaveStatus.choices, default=OpgaveStatus.VERKENNEN)
    stakeholders = models.ManyToManyField(Stakeholder, verbose_name=_("carried by"), blank=True, related_name="opgaves")

    class Meta:
        verbose_name = _("task (opgave)")
        verbose_name_plural = _("tasks (opgaves)")
        ordering = ["approach", "order", "pk"]

    def __str__(self) -> str:
        return self.title
