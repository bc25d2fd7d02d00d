"""Forms of the area approach and the action plan. They only read and check input; the named operations in
``labs.actions`` save it (and refuse what does not fit across objects, e.g. a party of another plan)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts
from kernkompas.labs.models import (
    Action,
    ActionPlan,
    ActionStatus,
    AreaApproach,
    Bottleneck,
    Goal,
    Opgave,
    Party,
    Payer,
    ProgressUpdate,
    Stakeholder,
    SteeringRole,
)
from kernkompas.places.models import Kern, Regio

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApproachForm(forms.ModelForm):
    class Meta:
        model = AreaApproach
        fields = ["energy", "task_clarity", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "engagement", "contact_name", "contact_email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class OpgaveForm(forms.ModelForm):
    class Meta:
        model = Opgave
        fields = ["title", "description", "status", "stakeholders"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "stakeholders": forms.CheckboxSelectMultiple}

    def __init__(self, *args, approach=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = approach.stakeholders.all() if approach is not None else Stakeholder.objects.none()
        self.fields["stakeholders"].queryset = choices


class PlanForm(forms.ModelForm):
    gemeente = forms.ModelChoiceField(queryset=None, label=_("municipality"))

    class Meta:
        model = ActionPlan
        fields = ["gemeente", "title", "kern", "regio", "vision", "horizon_year"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        only = list(gemeenten[:2])
        if len(only) == 1:  # the one municipality someone works for is chosen already
            self.fields["gemeente"].initial = only[0].pk
        if self.instance.pk:
            del self.fields["gemeente"]
            gemeente_ids = [self.instance.gemeente_id]
        else:
            gemeente_ids = list(gemeenten.values_list("pk", flat=True))
        self.fields["kern"].queryset = Kern.objects.filter(gemeente__in=gemeente_ids).select_related("gemeente")
        self.fields["regio"].queryset = Regio.objects.filter(gemeenten__in=gemeente_ids).distinct()
        self.fields["horizon_year"].widget.attrs.update(min=2000, max=2100)

    def clean_horizon_year(self):
        year = self.cleaned_data.get("horizon_year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Give a year between 2000 and 2100."))
        return year


def indicator_choices():
    return [("", "—")] + [(code, label) for code, label, _unit, _better in parts.indicator_catalogue()]


def indicator_units() -> dict[str, str]:
    return {code: unit for code, _label, unit, _better in parts.indicator_catalogue()}


class BottleneckForm(forms.ModelForm):
    indicator_code = forms.ChoiceField(label=_("indicator"), required=False)

    class Meta:
        model = Bottleneck
        fields = ["kind", "title", "description", "consequence", "evidence", "indicator_code", "indicator_gebied"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("description", "consequence", "evidence")}

    def __init__(self, *args, gebieden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicator_choices()
        self.fields["indicator_gebied"].queryset = gebieden


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["text"]


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["name", "kind"]

    def validate_unique(self):
        """The operation checks the name per plan (the form has no plan to check it with)."""


class RoleForm(forms.ModelForm):
    class Meta:
        model = SteeringRole
        fields = ["name", "description"]


class ActionForm(forms.ModelForm):
    indicator_code = forms.ChoiceField(label=_("indicator"), required=False)

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "bottlenecks",
            "goal",
            "owner",
            "partners",
            "municipal_role",
            "start_date",
            "deadline",
            "status",
            "indicator_code",
            "indicator_gebied",
            "indicator_baseline",
            "indicator_target",
            "target_date",
            "cases",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "bottlenecks": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "cases": forms.SelectMultiple(attrs={"size": 6}),
            "start_date": DATE,
            "deadline": DATE,
            "target_date": DATE,
        }
        help_texts = {
            "indicator_baseline": _("Empty: the current value. A share as a percentage (8 for 8 %)."),
            "indicator_target": _("A share as a percentage (8 for 8 %)."),
        }

    def __init__(self, *args, plan, roles, gebieden, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["bottlenecks"].queryset = plan.bottlenecks.all()
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["owner"].queryset = plan.parties.all()
        self.fields["partners"].queryset = plan.parties.all()
        self.fields["municipal_role"].queryset = roles
        self.fields["indicator_code"].choices = indicator_choices()
        self.fields["indicator_gebied"].queryset = gebieden
        cases = parts.case_choices()
        self.fields["cases"].queryset = self.fields["cases"].queryset.filter(pk__in=[pk for pk, _t, _u in cases])
        self.fields["cases"].label_from_instance = lambda page: page.title
        if self.instance.pk and self._is_share(self.instance.indicator_code):
            for name in ("indicator_baseline", "indicator_target"):
                value = getattr(self.instance, name)
                self.initial[name] = round(value * 100, 4) if value is not None else None

    @staticmethod
    def _is_share(code) -> bool:
        return indicator_units().get(code or "") == "share"

    def indicator_values(self) -> dict:
        """Baseline and target in the catalogue's unit (a share as a fraction)."""
        data = self.cleaned_data
        scale = 100 if self._is_share(data.get("indicator_code")) else 1
        return {
            name: (data[name] / scale if data.get(name) is not None else None)
            for name in ("indicator_baseline", "indicator_target")
        }


class FundingForm(forms.Form):
    payer = forms.ChoiceField(label=_("who pays"), choices=[("", "—"), *Payer.choices], required=False)
    payer_name = forms.CharField(label=_("name"), max_length=200, required=False)
    amount = forms.CharField(label=_("amount (€)"), max_length=20, required=False)

    def row(self) -> dict | None:
        """The row as the operation takes it, or None for an empty row."""
        data = self.cleaned_data
        if not data.get("payer") and not (data.get("amount") or "").strip():
            return None
        return {"payer": data.get("payer", ""), "payer_name": data.get("payer_name", ""), "amount": data.get("amount")}


FundingFormSet = forms.formset_factory(FundingForm, extra=2, max_num=20, absolute_max=20, validate_max=True)


class ProgressForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("status after this"),
        choices=[("", _("unchanged")), *ActionStatus.choices],
        required=False,
    )

    class Meta:
        model = ProgressUpdate
        fields = ["date", "text", "status", "party"]
        widgets = {"date": DATE, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = plan.parties.all()
        self.fields["date"].initial = timezone.localdate()
