"""The forms of registering for a session: a member only adds an organisation, a visitor gives a name, an e-mail
address and an organisation. Every field is bounded; a name is kept as typed (it is escaped wherever it is shown)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernkompas.learning.models import Registration, SessionFormat

FILTER_LIMIT = 100


def _clean_line(value: str, field: str) -> str:
    value = " ".join((value or "").split())
    if any(ord(char) < 32 for char in value):
        raise forms.ValidationError(_("The %(field)s contains characters that are not allowed.") % {"field": field})
    return value


class MemberRegistrationForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=Registration._meta.get_field("organisation").max_length,
        required=False,
        help_text=_("The organisation you take part for."),
    )

    def clean_organisation(self):
        return _clean_line(self.cleaned_data["organisation"], _("organisation"))


class GuestRegistrationForm(MemberRegistrationForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=Registration._meta.get_field("name").max_length,
        error_messages={"required": _("Fill in your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=Registration._meta.get_field("email").max_length,
        error_messages={
            "required": _("Fill in your e-mail address: we send the link to confirm your registration there."),
            "invalid": _("This is not a valid e-mail address, for example name@example.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["name", "email", "organisation"]

    def clean_name(self):
        name = _clean_line(self.cleaned_data["name"], _("name"))
        if not name:
            raise forms.ValidationError(_("Fill in your name."))
        return name


class SessionFilterForm(forms.Form):
    """The overview's filters: theme, format and programme (every one optional; a wrong value is ignored)."""

    thema = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    vorm = forms.ChoiceField(label=_("Format"), required=False)
    programma = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(self, *args, themes=(), programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["thema"].choices = everything + [(theme.pk, theme.name) for theme in themes[:FILTER_LIMIT]]
        self.fields["vorm"].choices = everything + list(SessionFormat.choices)
        self.fields["programma"].choices = everything + [(p.slug, p.title) for p in programmes[:FILTER_LIMIT]]

    def apply(self, sessions):
        if not self.is_valid():
            return sessions
        data = self.cleaned_data
        if data.get("thema"):
            sessions = sessions.filter(themes=data["thema"])
        if data.get("vorm"):
            sessions = sessions.filter(format=data["vorm"])
        if data.get("programma"):
            sessions = sessions.filter(programme__slug=data["programma"])
        return sessions.distinct()
