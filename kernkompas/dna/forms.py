"""The forms of the Kern-DNA pages: starting a trajectory, changing it, and a step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernkompas.dna import attachments
from kernkompas.dna.models import Method, Step, Trajectory, TrajectoryStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StartForm(forms.Form):
    kern = forms.ModelChoiceField(
        label=_("Core"),
        queryset=None,
        empty_label=_("Choose a core"),
        error_messages={"required": _("Choose the core the trajectory is about.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example “Het DNA van Maasdijk-Centrum”."),
        error_messages={"required": _("Give the trajectory a title.")},
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=Method.choices,
        initial=Method.NAAR_DE_KERN,
        widget=forms.RadioSelect,
        help_text=_("The steps of the method are filled in; you can change, add, move and remove them afterwards."),
    )

    def __init__(self, *args, kernen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kern"].queryset = kernen
        self.fields["kern"].label_from_instance = lambda kern: f"{kern.name} ({kern.gemeente.name_nl})"


class TrajectoryForm(forms.ModelForm):
    class Meta:
        model = Trajectory
        fields = ["title", "status"]
        error_messages = {"title": {"required": _("Give the trajectory a title.")}}

    status = forms.ChoiceField(label=_("Status"), choices=TrajectoryStatus.choices)


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["name", "description", "status", "start_date", "end_date", "participants", "notes"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {"name": {"required": _("Give the step a name.")}}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the start date: change one of the two."))
        return cleaned


class AttachmentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, CSV, TXT, JPEG or PNG, at most 20 MB. Photos lose their place "
            "and camera data."
        ),
        error_messages={"required": _("Choose a file to upload.")},
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Empty: the file name without its extension.")
    )
    is_public = forms.BooleanField(
        label=_("Public once the trajectory is public"),
        required=False,
        help_text=_("Leave this off for working documents and anything with names of people."),
    )

    def clean_file(self):
        try:
            return attachments.check(self.cleaned_data["file"])
        except attachments.AttachmentError as exc:
            raise forms.ValidationError(str(exc)) from exc


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Give the attachment a title.")}
    )
    is_public = forms.BooleanField(label=_("Public once the trajectory is public"), required=False)
