"""The form of a member's digest preference. Only existing themes and current places are valid choices; the number
of places is bounded."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kernkompas.accounts.forms import AccessibleFormMixin
from kernkompas.learning import digest
from kernkompas.learning.models import DigestFrequency
from kernkompas.places.models import Gemeente, Kern

SEARCH_MAX_LENGTH = 100


def _choices_field(queryset, label, invalid) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": invalid, "invalid_pk_value": invalid},
    )


class DigestForm(AccessibleFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often you want the digest, or no digest.")},
    )
    themes = _choices_field(
        digest.theme_choices(),
        _("Themes I follow"),
        _("Choose themes from the list: one of the themes you sent does not exist."),
    )
    gemeenten = _choices_field(
        Gemeente.objects.current(),
        _("Municipalities"),
        _("Choose municipalities from the list: one of the municipalities you sent does not exist."),
    )
    kernen = _choices_field(
        Kern.objects.filter(gemeente__in=Gemeente.objects.current()),
        _("Cores"),
        _("Choose cores from the list: one of the cores you sent does not exist."),
    )
    place_search = forms.CharField(label=_("Find a municipality or core"), max_length=SEARCH_MAX_LENGTH, required=False)

    # Where the error summary's links land: the first radio button, and the places' fieldset for both lists.
    ANCHORS = {"id_frequency": "id_frequency_0", "id_kernen_0": "id_gemeenten_0"}

    def error_summary(self) -> list[dict]:
        summary = super().error_summary()
        for item in summary:
            item["anchor"] = self.ANCHORS.get(item["anchor"], item["anchor"])
        return summary

    def clean(self):
        data = super().clean()
        chosen = len(data.get("gemeenten") or []) + len(data.get("kernen") or [])
        if chosen > digest.MAX_PLACES:
            message = ngettext(
                "Choose at most %(max)d place (municipalities and cores together); you chose %(count)d.",
                "Choose at most %(max)d places (municipalities and cores together); you chose %(count)d.",
                digest.MAX_PLACES,
            ) % {"max": digest.MAX_PLACES, "count": chosen}
            self.add_error("gemeenten", message)
        return data


def initial_for(preference) -> dict:
    if preference is None:
        return {"frequency": DigestFrequency.UIT}
    return {
        "frequency": preference.frequency,
        "themes": list(preference.themes.values_list("pk", flat=True)),
        "gemeenten": list(preference.gemeenten.values_list("pk", flat=True)),
        "kernen": list(preference.kernen.values_list("pk", flat=True)),
    }
