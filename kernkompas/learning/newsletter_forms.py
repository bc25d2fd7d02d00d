"""Forms of the newsletter. They read and check input; ``actions.newsletter`` saves it and refuses what does not
fit (a link that is not http or https, a newsletter already sent)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Fill in your e-mail address."),
            "invalid": _(
                "This is not an e-mail address; check it for typing errors (it looks like naam@voorbeeld.be)."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        # The address travels in the confirmation link, where a slash would end the path.
        if "/" in email:
            raise forms.ValidationError(_("An e-mail address with a slash (/) cannot be used here."))
        return email


class NewsletterForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the newsletter a title.")},
        help_text=_("E.g. “Stedelijk leren — zomer 2026”. It is also the subject of the e-mail."),
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )


class LinkForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the link"), max_length=300, error_messages={"required": _("Give the link a title.")}
    )
    url = forms.CharField(
        label=_("Web address"),
        max_length=500,
        error_messages={"required": _("Give the web address (https://…).")},
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    summary = forms.CharField(
        label=_("One line about it (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TestSendForm(forms.Form):
    to = forms.EmailField(
        label=_("Send the test to"),
        max_length=254,
        error_messages={
            "required": _("Give the address the test should go to."),
            "invalid": _("This is not an e-mail address; check it for typing errors."),
        },
    )
