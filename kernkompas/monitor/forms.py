"""Forms of the Kernmonitor's pages (the upload wizard has its own, in upload_forms.py)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.models import Threshold


class ThresholdForm(forms.Form):
    """A threshold for one indicator of one area. Shares are typed as percentages (10 for 10%)."""

    indicator = forms.ChoiceField(label=_("Indicator"))
    direction = forms.ChoiceField(label=_("Signal when the value is"), choices=Threshold.Direction.choices)
    value = forms.FloatField(
        label=_("Value"),
        help_text=_(
            "For a share, a percentage: 10 means 10%. For ‘rising by more than’, the rise since the previous count."
        ),
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Area team"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who gets an e-mail when the threshold is crossed."),
    )

    def __init__(self, *args, gebied, **kwargs):
        super().__init__(*args, **kwargs)
        self.gebied = gebied
        self.indicators = INDICATORS
        self.fields["indicator"].choices = [(code, str(i.label).capitalize()) for code, i in self.indicators.items()]
        self.fields["recipients"].queryset = (
            get_user_model()
            .objects.filter(memberships__gemeente=gebied.kern.gemeente, is_active=True)
            .distinct()
            .order_by("first_name", "username")
        )

    def clean(self):
        data = super().clean()
        indicator = self.indicators.get(data.get("indicator"))
        value = data.get("value")
        if indicator is not None and value is not None and indicator.unit == "share":
            if not 0 <= value <= 100:
                self.add_error("value", _("A percentage lies between 0 and 100."))
            data["value"] = value / 100
        return data

    def operation_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "indicator": data["indicator"],
            "direction": data["direction"],
            "value": data["value"],
            "recipients": list(data["recipients"]),
        }

    def indicator_labels(self) -> dict:
        return {code: str(i.label).capitalize() for code, i in self.indicators.items()}

    def display_value(self, threshold: Threshold) -> str:
        indicator = self.indicators.get(threshold.indicator)
        if indicator is not None and indicator.unit == "share":
            return f"{threshold.value * 100:g} %"
        return f"{threshold.value:g}"
