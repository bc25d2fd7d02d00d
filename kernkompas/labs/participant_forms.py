"""The participant's forms: the code, the name and role, a note. Their checks are the operations' own
(``actions/participation.py``), so a form and a JSON post refuse the same things with the same words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernkompas.labs import codes
from kernkompas.labs.actions import participation
from kernkompas.labs.models import ParticipantRole
from kernkompas.labs.models.lab import DISPLAY_NAME_MAX_LENGTH, NOTE_MAX_LENGTH


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=codes.MAX_TYPED,
        help_text=_("The code on the screen in the room, e.g. K7PX3M. Capitals or not, it does not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class JoinForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        help_text=_("Shown with your notes. A first name or a nickname is enough."),
        max_length=DISPLAY_NAME_MAX_LENGTH * 4,  # the operation says how long it may be, in words
        error_messages={"required": _("Fill in a name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    role = forms.ChoiceField(label=_("You are here as"), choices=ParticipantRole.choices, widget=forms.RadioSelect)

    def clean_display_name(self):
        try:
            return participation.clean_display_name(self.cleaned_data["display_name"])
        except participation.Refused as refused:
            raise forms.ValidationError(refused.message) from refused


class NoteForm(forms.Form):
    lens = forms.TypedChoiceField(label=_("Lens"), coerce=int)
    text = forms.CharField(
        label=_("Your note"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
        strip=False,
        error_messages={"required": _("Write something on the note.")},
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lens"].choices = [(lens.pk, lens.title) for lens in lab.lenses.all()]
        self.fields["lens"].error_messages["invalid_choice"] = _("Choose a lens of this lab.")

    def clean_text(self):
        try:
            return participation.clean_note_text(self.cleaned_data["text"])
        except participation.Refused as refused:
            raise forms.ValidationError(refused.message) from refused
