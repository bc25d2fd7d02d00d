"""Forms of theme suggestions and intervision advice. Every text is bounded; what people type is shown escaped."""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kernkompas.core import ratelimit
from kernkompas.learning.models import Advice, LearningTheme, Programme, ThemeSuggestion

ADVICE_TITLE_MAX_LENGTH = 200


def over_limit(request, name: str):
    """Count one attempt on form ``name`` by the logged-in user; the 429 page when over the limit, else None.
    Per account, not per address: a room of participants on the venue's one Wi-Fi address is not one person."""
    try:
        ratelimit.attempt_as(name, f"user:{request.user.pk}")
    except ratelimit.Limited as limited:
        return ratelimit.ratelimited_response(request, limited)
    return None


def add_refusal(form, error) -> None:
    """Put an operation's refusal (a ``ValidationError`` naming a field, or not) on the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = ThemeSuggestion
        fields = ["title", "description", "programme", "theme"]
        labels = {"title": _("Theme"), "description": _("Why this theme?"), "programme": _("For programme")}
        help_texts = {
            "title": _("In a few words, e.g. “Leegstand aanpakken met eigenaren”."),
            "programme": _("Leave empty when the theme is for everyone."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": _("Give the theme a name.")}}

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes if programmes is not None else Programme.objects.none()
        self.fields["programme"].empty_label = _("Any programme")
        self.fields["theme"].queryset = LearningTheme.objects.select_related("framework")
        self.fields["theme"].empty_label = _("No particular theme")
        self.fields["theme"].label = _("Fits the theme")


def session_label(session) -> str:
    when = formats.date_format(timezone.localtime(session.starts_at), "j F Y, H:i")
    return f"{session.title} ({session.programme.title}, {when})"


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return session_label(obj)


class PlanForm(forms.Form):
    session = SessionChoiceField(
        label=_("Session"),
        queryset=None,
        empty_label=_("Choose a session"),
        error_messages={
            "required": _("Choose the session this theme is planned in."),
            "invalid_choice": _("Choose a coming session of a programme you run."),
        },
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions


class DeclineForm(forms.Form):
    decision_note = forms.CharField(
        label=_("Note to the suggesters"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("They receive it by e-mail: say why, and where else they might find the theme."),
        error_messages={"required": _("Write a short note to the suggesters: why not?")},
    )


class AdviceForm(forms.ModelForm):
    class Meta:
        model = Advice
        fields = ["author_name", "organisation", "text"]
        labels = {"author_name": _("Your name"), "organisation": _("Organisation"), "text": _("Your advice")}
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "author_name": {"required": _("Fill in your name.")},
            "text": {"required": _("Write your advice.")},
        }


class TakeAdviceForm(forms.Form):
    """Take one piece of advice into a plan (``plan`` is one of the area municipality's plans)."""

    plan = forms.TypedChoiceField(
        label=_("Action plan"),
        coerce=int,
        error_messages={
            "required": _("Choose the action plan."),
            "invalid_choice": _("Choose an action plan of the area's municipality."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Take it in as"),
        choices=[("actie", _("an action")), ("notitie", _("a note (an opportunity in the plan's first step)"))],
        widget=forms.RadioSelect,
        initial="actie",
        error_messages={"required": _("Choose: as an action or as a note.")},
    )
    title = forms.CharField(
        label=_("Title in the plan"),
        max_length=ADVICE_TITLE_MAX_LENGTH,
        error_messages={"required": _("Give the action or note a short title.")},
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(plan.id, plan.title) for plan in plans]
