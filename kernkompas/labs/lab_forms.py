"""Forms of the facilitator: preparing a lab, the board's small forms, and canvas templates.

Every choice is limited to what the user may manage (the views pass the scoped querysets), so an id of another
municipality's area or template is simply not a valid choice.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kernkompas.labs.actions.facilitation import MAX_LENSES, MAX_TIMER_SECONDS
from kernkompas.labs.models import CanvasTemplate, Lab, Phase
from kernkompas.labs.models.lab import MAX_DOTS
from kernkompas.places.models import Gebied, Gemeente, Kern, Regio

PLACE_CHOICES = [
    ("gemeente", _("The whole municipality")),
    ("kern", _("A core")),
    ("gebied", _("An area")),
    ("regio", _("A region of several municipalities")),
]


def templates_for(gemeenten) -> forms.QuerySet:
    """The platform's templates and those of these municipalities."""
    return CanvasTemplate.objects.filter(Q(gemeente__isnull=True) | Q(gemeente__in=gemeenten)).order_by("name")


class LabForm(forms.Form):
    gemeente = forms.ModelChoiceField(label=_("Municipality"), queryset=Gemeente.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The question the lab works on."),
    )
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Time in Brussels and Amsterdam."),
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    place = forms.ChoiceField(
        label=_("The lab is about"), choices=PLACE_CHOICES, widget=forms.RadioSelect, initial="gemeente"
    )
    kern = forms.ModelChoiceField(label=_("Core"), queryset=Kern.objects.none(), required=False)
    gebied = forms.ModelChoiceField(label=_("Area"), queryset=Gebied.objects.none(), required=False)
    regio = forms.ModelChoiceField(label=_("Region"), queryset=Regio.objects.none(), required=False)
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Participating municipalities"),
        queryset=Gemeente.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a regional lab; left empty, every municipality of the region takes part."),
    )
    template = forms.ModelChoiceField(label=_("Canvas"), queryset=CanvasTemplate.objects.none(), empty_label=None)
    dots_per_participant = forms.IntegerField(
        label=_("Dots per participant"), min_value=1, max_value=MAX_DOTS, initial=5
    )
    show_figures = forms.BooleanField(label=_("Participants see the dashboard figures beforehand"), required=False)
    show_dna = forms.BooleanField(label=_("Participants see the DNA beforehand"), required=False)
    show_cases = forms.BooleanField(label=_("Participants see fitting Vitrine cases beforehand"), required=False)

    def __init__(self, *args, gemeenten, lab: Lab | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lab = lab
        gemeenten = gemeenten.order_by("name_nl")
        self.fields["gemeente"].queryset = gemeenten
        self.fields["kern"].queryset = (
            Kern.objects.filter(gemeente__in=gemeenten).select_related("gemeente").order_by("gemeente__name_nl", "name")
        )
        self.fields["gebied"].queryset = (
            Gebied.objects.filter(kern__gemeente__in=gemeenten).select_related("kern").order_by("kern__name", "name")
        )
        self.fields["regio"].queryset = Regio.objects.filter(gemeenten__in=gemeenten).distinct().order_by("name")
        self.fields["gemeenten"].queryset = Gemeente.objects.filter(regios__isnull=False).distinct().order_by("name_nl")
        self.fields["template"].queryset = templates_for(gemeenten)
        self.fields["kern"].label_from_instance = lambda kern: f"{kern.name} ({kern.gemeente})"
        self.fields["gebied"].label_from_instance = lambda gebied: f"{gebied.name} ({gebied.kern.name})"
        if lab is not None:
            # The municipality and the canvas are fixed once a lab exists: its lenses were copied then.
            del self.fields["template"]
            self.fields["gemeente"].disabled = True
            self.initial.update(
                {
                    "gemeente": lab.gemeente,
                    "title": lab.title,
                    "question": lab.question,
                    "starts_at": lab.starts_at,
                    "location": lab.location,
                    "place": "regio"
                    if lab.regio_id
                    else "gebied"
                    if lab.gebied_id
                    else "kern"
                    if lab.kern_id
                    else "gemeente",
                    "kern": lab.kern,
                    "gebied": lab.gebied,
                    "regio": lab.regio,
                    "gemeenten": list(lab.gemeenten.all()),
                    "dots_per_participant": lab.dots_per_participant,
                    "show_figures": lab.show_figures,
                    "show_dna": lab.show_dna,
                    "show_cases": lab.show_cases,
                }
            )
        elif not self.is_bound:
            self.initial.update({"show_figures": True, "show_dna": True, "show_cases": True})
            if gemeenten.count() == 1:
                self.initial["gemeente"] = gemeenten.first()

    def clean(self):
        data = super().clean()
        gemeente, place = data.get("gemeente"), data.get("place")
        if gemeente is None or place is None:
            return data
        kern, gebied, regio = data.get("kern"), data.get("gebied"), data.get("regio")
        data["kern"] = data["gebied"] = data["regio"] = None
        participating = list(data.get("gemeenten") or [])
        data["gemeenten"] = []
        if place == "kern":
            if kern is None:
                self.add_error("kern", _("Choose a core."))
            elif kern.gemeente_id != gemeente.pk:
                self.add_error("kern", _("This core is not in the chosen municipality."))
            data["kern"] = kern
        elif place == "gebied":
            if gebied is None:
                self.add_error("gebied", _("Choose an area."))
            elif gebied.kern.gemeente_id != gemeente.pk:
                self.add_error("gebied", _("This area is not in the chosen municipality."))
            else:
                data["kern"] = gebied.kern
            data["gebied"] = gebied
        elif place == "regio":
            if regio is None:
                self.add_error("regio", _("Choose a region."))
            else:
                members = set(regio.gemeenten.values_list("pk", flat=True))
                if gemeente.pk not in members:
                    self.add_error("regio", _("The chosen municipality is not part of this region."))
                if any(item.pk not in members for item in participating):
                    self.add_error("gemeenten", _("Only municipalities of the region can take part."))
                data["gemeenten"] = participating or list(regio.gemeenten.all())
            data["regio"] = regio
        return data


class LensForm(forms.Form):
    title = forms.CharField(label=_("Lens"), max_length=100)
    prompt = forms.CharField(label=_("Prompt"), max_length=300, required=False)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(choices=Phase.choices)


class TimerForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=MAX_TIMER_SECONDS // 60, initial=5)


class ClusterForm(forms.Form):
    title = forms.CharField(label=_("Name of the cluster"), max_length=200)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Agreement"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    who = forms.CharField(label=_("Who"), max_length=200, required=False)
    when = forms.CharField(label=_("When"), max_length=100, required=False)


class TemplateForm(forms.Form):
    """A canvas template: its lenses one per line as "Title | prompt" (a plain textarea works everywhere)."""

    gemeente = forms.ModelChoiceField(label=_("Municipality"), queryset=Gemeente.objects.none(), required=False)
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    lenses = forms.CharField(
        label=_("Lenses"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One lens per line: the title, then optionally a vertical bar and the prompt."),
    )

    def __init__(self, *args, gemeenten, platform_allowed: bool, template: CanvasTemplate | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten.order_by("name_nl")
        self.fields["gemeente"].empty_label = _("Every municipality (platform template)") if platform_allowed else None
        self.fields["gemeente"].required = not platform_allowed
        if template is not None:
            del self.fields["gemeente"]
            self.initial.update(
                {
                    "name": template.name,
                    "description": template.description,
                    "lenses": "\n".join(
                        f"{lens.get('title', '')} | {lens.get('prompt', '')}"
                        if lens.get("prompt")
                        else lens.get("title", "")
                        for lens in template.lenses
                    ),
                }
            )

    def clean_lenses(self):
        rows = []
        for line in self.cleaned_data["lenses"].splitlines():
            title, _bar, prompt = line.partition("|")
            if title.strip():
                rows.append({"title": title.strip()[:100], "prompt": prompt.strip()[:300]})
        if not rows:
            raise forms.ValidationError(_("Give at least one lens."))
        if len(rows) > MAX_LENSES:
            raise forms.ValidationError(_("At most %(n)s lenses.") % {"n": MAX_LENSES})
        return rows
