"""The Kern-DNA: a trajectory per core in which a municipality, with its facilitator, finds the DNA of the core
(domain.md, "Naar de Kern"), and the steps of that trajectory.

A trajectory follows a method: the published Naar de Kern steps (1–8, the eighth optional) or the shorter Compact
method of seven steps (the step names of the Compact method are ours; see docs/dna.md). Its steps are copied from
the method when it starts and can then be changed, reordered and removed. Only a published trajectory is public.
"""

from __future__ import annotations

from django.db import models
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
