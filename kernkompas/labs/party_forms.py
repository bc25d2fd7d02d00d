"""Forms of the outside parties of an action plan: inviting someone, and a progress update on an action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernkompas.labs.actions.progress import MAX_TEXT
from kernkompas.labs.models import ActionStatus


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    text = forms.CharField(label=_("What happened?"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(
        label=_("Status after this"),
        required=False,
        choices=[("", _("unchanged"))] + list(ActionStatus.choices),
    )
