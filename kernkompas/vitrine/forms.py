"""Forms of the Vitrine's member features and of "Deel je voorbeeld". They parse and check; operations change state."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernkompas.accounts.forms import AccessibleFormMixin
from kernkompas.places.models import CountryCode, Gemeente, SizeClass
from kernkompas.vitrine import submissions
from kernkompas.vitrine.models import Audience, CoreType, Theme

NO_PREFERENCE = _("— no preference —")


def _blank(choices, label=NO_PREFERENCE):
    return [("", label), *choices]


class ForYouForm(AccessibleFormMixin, forms.Form):
    """What "Voor jou" needs to know: a municipality, or else a kind of place; and what the visitor cares about."""

    gemeente = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Gemeente.objects.current().select_related("country").order_by("name_nl"),
        required=False,
        empty_label=_("— choose your municipality —"),
        help_text=_("We compare it with all municipalities to find places like yours. Type the first letters to jump."),
    )
    size_class = forms.ChoiceField(
        label=_("Or: the size of your municipality"),
        choices=_blank(SizeClass.choices),
        required=False,
        help_text=_("Only needed when you do not choose a municipality."),
    )
    core_type = forms.ChoiceField(label=_("Type of core"), choices=_blank(CoreType.choices), required=False)
    audience = forms.ChoiceField(label=_("I am looking as"), choices=(), required=False)
    themes = forms.MultipleChoiceField(
        label=_("Themes that interest me"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = _blank(list(Audience.objects.values_list("slug", "name")))
        self.fields["themes"].choices = list(Theme.objects.values_list("slug", "name"))


class CollectionForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the collection"), max_length=120)


class AddToCollectionForm(forms.Form):
    """Save a case into an existing collection, or into a new one named here."""

    page_id = forms.IntegerField(widget=forms.HiddenInput)
    collection = forms.IntegerField(required=False)
    new_name = forms.CharField(label=_("or a new collection"), max_length=120, required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class SavedSearchForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=120)
    query_string = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
    alerts = forms.BooleanField(label=_("E-mail me new examples that match"), required=False, initial=True)


def submission_initial(user) -> dict:
    """What a member's profile already says, to start "Deel je voorbeeld" with: who they are and, from their
    municipality, where (the place, its country and size). Nothing for a visitor without an account."""
    if not user.is_authenticated:
        return {}
    initial = {
        "contact_name": user.get_full_name() or user.get_username(),
        "contact_email": user.email,
        "contact_organisation": user.organisation_name,
    }
    gemeente = user.home_gemeente
    if gemeente is not None:
        initial.update(place_name=gemeente.name_nl, country=gemeente.country.code, size_class=gemeente.size_class)
    return initial


class SubmissionForm(AccessibleFormMixin, forms.Form):
    """ "Deel je voorbeeld": a public submission that becomes a draft case for the editors."""

    title = forms.CharField(label=_("Title of your example"), max_length=200)
    summary = forms.CharField(
        label=_("In one sentence"), max_length=300, help_text=_("What was done, where. At most 300 characters.")
    )
    place_name = forms.CharField(
        label=_("Where"), max_length=200, help_text=_("Town or area, e.g. 'Lommel, Stationsstraat'.")
    )
    country = forms.ChoiceField(label=_("Country"), choices=CountryCode.choices)
    size_class = forms.ChoiceField(
        label=_("Size of the municipality"), choices=_blank(SizeClass.choices, _("— choose —"))
    )
    core_type = forms.ChoiceField(label=_("Type of core"), choices=_blank(CoreType.choices, _("— choose —")))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    # A case needs its audiences to be published: without them the editor's approval stopped at a field the
    # visitor had never been asked.
    audiences = forms.ModelMultipleChoiceField(
        label=_("Who can learn from it"),
        queryset=Audience.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    concept = forms.CharField(
        label=_("The concept"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("What is the idea? Plain text; leave an empty line between paragraphs."),
    )
    approach = forms.CharField(
        label=_("Approach"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
        help_text=_("How did you go about it, step by step? Who did what?"),
    )
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    learnings = forms.CharField(
        label=_("Learnings"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("What would you do differently? What should others know before they start?"),
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Only the editors see your name and address; they are never shown on the site."),
    )
    contact_organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("The municipality, association or business you work for."),
    )
    # A photo chosen before the form came back with an error, kept on the server (submissions.keep_photo): the
    # signed token that names it, and the choice to leave it out. Declared before ``photo``, which reads them.
    kept_photo = forms.CharField(widget=forms.HiddenInput, required=False)
    drop_photo = forms.BooleanField(label=_("Leave this photo out"), required=False)
    photo = forms.FileField(
        label=_("A photo"),
        required=False,
        help_text=_("JPG, PNG or WebP, at most 5 MB. Only send a photo you may share."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_description = forms.CharField(
        label=_("What the photo shows"),
        max_length=255,
        required=False,
        help_text=_("One sentence for people who cannot see the photo. Needed when you send a photo."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the editors contact me about this example and publish it after editing."),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_title(self):
        return self._one_line("title")

    def clean_summary(self):
        return self._one_line("summary")

    def clean_place_name(self):
        return self._one_line("place_name")

    def clean_contact_name(self):
        return self._one_line("contact_name")

    def clean_photo_description(self):
        return submissions.one_line(self.cleaned_data.get("photo_description", ""))

    def _one_line(self, name: str) -> str:
        value = submissions.one_line(self.cleaned_data.get(name, ""))
        if not value:
            raise forms.ValidationError(_("Fill in this field with words, not code."))
        return value

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        self.photo_kept_as = ""
        if not upload and not self.cleaned_data.get("drop_photo"):
            token = self.cleaned_data.get("kept_photo", "")
            upload = submissions.kept_photo(token)
            self.photo_kept_as = token if upload else ""
        if not upload:
            return None
        try:
            self.photo_format = submissions.check_photo(upload)
        except submissions.PhotoError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def photo_to_show_again(self) -> dict | None:
        """After an error elsewhere in the form: the photo that passed its check, kept on the server so that the
        visitor need not choose it again ({"token", "name"}), or None."""
        if self.is_valid() or self.has_error("photo") or not getattr(self, "cleaned_data", None):
            return None
        upload = self.cleaned_data.get("photo")
        if upload is None:
            return None
        token = self.photo_kept_as or submissions.keep_photo(upload, self.photo_format)
        return {"token": token, "name": submissions.kept_photo_name(token)}

    def clean(self):
        data = super().clean()
        problem = submissions.check_form_token(data.get("started", ""))
        if problem:
            self.add_error(None, problem)
        if data.get("photo") and not data.get("photo_description"):
            self.add_error("photo_description", _("Describe the photo in one sentence, or leave the photo out."))
        for name in ("concept", "approach"):
            if name in data and not submissions.plain_text(data[name]):
                self.add_error(name, _("Fill in this field with words, not code."))
        return data

    def submission(self) -> submissions.Submission:
        data = self.cleaned_data
        return submissions.Submission(
            title=data["title"],
            summary=data["summary"],
            place_name=data["place_name"],
            country=data["country"],
            size_class=data["size_class"],
            core_type=data["core_type"],
            concept=submissions.plain_text(data["concept"]),
            approach=submissions.plain_text(data["approach"]),
            results=submissions.plain_text(data.get("results", "")),
            learnings=submissions.plain_text(data.get("learnings", "")),
            themes=list(data["themes"]),
            audiences=list(data["audiences"]),
            contact_name=data["contact_name"],
            contact_email=data["contact_email"].strip().lower(),
            contact_organisation=submissions.one_line(data.get("contact_organisation", "")),
            photo=data.get("photo"),
            photo_format=getattr(self, "photo_format", ""),
            photo_description=data.get("photo_description", ""),
        )
