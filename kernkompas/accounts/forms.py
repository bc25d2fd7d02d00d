"""Forms for the public account pages. They only parse and validate; the operations change state."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from kernkompas.accounts.models import Interest, MemberType, gemeente_model


class AccessibleFormMixin:
    """An error summary for the top of the page (GOV.UK pattern) with links to the inputs.

    Django (5.2) itself marks invalid inputs with ``aria-invalid`` and links help text and errors through
    ``aria-describedby``; for checkbox groups the template puts the link on the fieldset.
    """

    def error_summary(self) -> list[dict]:
        """Errors for the summary at the top of the page: message plus the id of the input to jump to."""
        summary = [{"anchor": "", "message": message} for message in self.non_field_errors()]
        # In the order of the fields on the page, whatever order the checks ran in.
        for name in self.fields:
            errors = self.errors.get(name)
            if not errors:
                continue
            bound = self[name]
            anchor = bound.auto_id
            if isinstance(self.fields[name].widget, forms.CheckboxSelectMultiple):
                anchor = f"{bound.auto_id}_0"
            for message in errors:
                summary.append({"anchor": anchor, "label": bound.label, "message": message})
        return summary


def gemeente_choices_field(required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("My municipality"),
        queryset=gemeente_model().objects.current().select_related("country").order_by("name_nl"),
        required=required,
        empty_label=_("— choose —"),
        help_text=_("We use it to show examples and sessions that fit your place."),
    )


def interests_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Themes I follow"),
        choices=Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You can change them at any time on your profile."),
    )


class NewPersonFields(forms.Form):
    """Name and a new password, checked together: for signing up and for accepting an invitation."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def check_new_password(self, cleaned: dict, email: str) -> None:
        """The two passwords agree and pass the validators, measured against the person's own name and address."""
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            candidate = get_user_model()(
                username=email,
                email=email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class SignupForm(AccessibleFormMixin, NewPersonFields):
    field_order = ["email", "first_name", "last_name", "password1", "password2"]

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        help_text=_("You log in with this address. We send the password reset link to it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    member_type = forms.ChoiceField(
        label=_("I am a(n)"),
        choices=[("", _("— choose —")), *MemberType.choices],
    )
    home_gemeente = gemeente_choices_field()
    interests = interests_field()
    # Honeypot: hidden from people (CSS and aria-hidden) but filled in by many spam bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model()._default_manager.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Log in, or ask for a new password."),
                code="duplicate_email",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Say nothing about why: a bot learns from the message, a person never sees the field.
            raise forms.ValidationError(_("Your sign-up could not be processed."), code="honeypot")
        self.check_new_password(cleaned, cleaned.get("email", ""))
        return cleaned

    @property
    def is_spam(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "honeypot")


class ProfileForm(AccessibleFormMixin, forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    member_type = forms.ChoiceField(label=_("I am a(n)"), choices=[("", _("— choose —")), *MemberType.choices])
    home_gemeente = gemeente_choices_field()
    interests = interests_field()

    @classmethod
    def for_user(cls, user, data=None):
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation_name": user.organisation_name,
            "member_type": user.member_type,
            "home_gemeente": user.home_gemeente_id,
            "interests": list(user.interests),
        }
        return cls(data=data, initial=initial)


class LoginForm(AccessibleFormMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The e-mail address (or user name) and password do not match an account. "
            "Check both; passwords are case-sensitive."
        ),
        "inactive": _("This account has been switched off. Contact the site's administrators."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address or user name")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].label = _("Password")


class PasswordResetForm(AccessibleFormMixin, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")


class SetPasswordForm(AccessibleFormMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class PasswordChangeForm(AccessibleFormMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class InvitationAcceptForm(AccessibleFormMixin, NewPersonFields):
    """A new person accepting an invitation: their name and a password; the address is the invited one."""

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        self.check_new_password(cleaned, self.email)
        return cleaned
