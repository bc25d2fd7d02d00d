"""The forms of the surveys: the staff's form to create or change a survey, and the public response form built
from a survey's snapshot, with its signed one-time key.

One response per person, as far as that goes without tracking anyone:

- every form carries a one-time key (a random value and the survey's id, signed with the site's secret key and a
  time stamp; it expires after :data:`NONCE_MAX_AGE`). On submit its HMAC is stored with the response, and a
  unique constraint refuses a second response with the same key: a replayed or double-clicked form stores nothing
  twice. The key itself is never stored, so the stored hash cannot be turned back into a form;
- after a response the browser gets a cookie that holds only "1" (no id, no value that tells people apart): the
  form then says "je hebt al geantwoord";
- the public form is rate-limited per client address (``core.ratelimit``, which stores only a keyed hash).

Someone who clears their cookies can answer again; that is the price of not tracking people.
"""

from __future__ import annotations

import re
import secrets

from django import forms
from django.core import signing
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernkompas.dna import survey_questions
from kernkompas.dna.models import OPEN_ANSWER_MAX, RespondentGroup, Survey, SurveyKind

NONCE_SALT = "kernkompas.dna.survey.nonce"
NONCE_MAX_AGE = 24 * 60 * 60  # seconds: a form opened in the morning can be sent in the evening
MAX_OPEN_QUESTIONS = 5
QUESTION_MAX = 300

# Control characters (C0 and C1, DEL) except tab and line feed; zero-width and direction overrides that can
# disguise a text; carriage returns become line feeds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str, limit: int = OPEN_ANSWER_MAX) -> str:
    """An open answer as it is stored: line breaks normalised, control characters removed, trimmed. The length
    is checked by the form (a longer text is refused, not cut)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --- The one-time key -----------------------------------------------------------------------------------------


def new_nonce(survey: Survey) -> str:
    return signing.dumps({"s": survey.pk, "n": secrets.token_urlsafe(18)}, salt=NONCE_SALT, compress=False)


class NonceProblem(Exception):
    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def nonce_hash(survey: Survey, nonce: str) -> str:
    """The stored form of a valid key: its keyed hash (HMAC-SHA256). Raises NonceProblem for a key that was not
    made by this site for this survey, or that has expired."""
    try:
        value = signing.loads(nonce or "", salt=NONCE_SALT, max_age=NONCE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise NonceProblem(expired=True) from exc
    except signing.BadSignature as exc:
        raise NonceProblem(expired=False) from exc
    if not isinstance(value, dict) or value.get("s") != survey.pk or not isinstance(value.get("n"), str):
        raise NonceProblem(expired=False)
    return salted_hmac(NONCE_SALT, f"{survey.pk}:{value['n']}", algorithm="sha256").hexdigest()


# --- Staff: a survey ------------------------------------------------------------------------------------------


class SurveyForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the survey a title.")},
    )
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown above the questions: why you ask, how long it takes, what happens with the answers."),
    )
    version = forms.ModelChoiceField(
        label=_("DNA version to test"),
        queryset=None,
        required=False,
        empty_label=None,
        help_text=_("Only versions with all five building blocks can be tested."),
    )
    open_questions = forms.CharField(
        label=_("Open questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question per line, at most five."),
    )

    def __init__(self, *args, kind: str, trajectory, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == SurveyKind.VALIDATIE:
            versions = survey_questions.versions_with_all_blocks(trajectory)
            self.fields["version"].queryset = versions
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _("Choose the DNA version the survey tests.")
            self.fields["version"].label_from_instance = lambda v: (
                gettext("version %(number)s: %(tagline)s")
                % {
                    "number": v.number,
                    "tagline": v.tagline,
                }
            )
        else:
            del self.fields["version"]
        if frozen:  # open or closed: the questions people answered stay as they were
            self.fields.pop("version", None)
            del self.fields["open_questions"]

    def clean_intro(self):
        return clean_text(self.cleaned_data["intro"], 2000)

    def clean_open_questions(self):
        lines = [clean_text(line, QUESTION_MAX) for line in self.cleaned_data["open_questions"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_OPEN_QUESTIONS:
            raise forms.ValidationError(
                _("At most %(max)d open questions: remove %(extra)d."),
                params={"max": MAX_OPEN_QUESTIONS, "extra": len(lines) - MAX_OPEN_QUESTIONS},
            )
        for line in lines:
            if len(line) > QUESTION_MAX:
                raise forms.ValidationError(
                    _("A question can be at most %(max)d characters."), params={"max": QUESTION_MAX}
                )
        return lines


# --- The public response form -----------------------------------------------------------------------------------


class ScoreField(forms.TypedChoiceField):
    """A score on the item's scale: anything else (0, 6, "x", nothing) is refused with the item's own message."""

    def __init__(self, item: survey_questions.Item, **kwargs):
        label = survey_questions.item_heading(item)
        params = {"label": item.label, "low": item.low, "high": item.high}
        super().__init__(
            choices=[(str(s), str(s)) for s in item.scores],
            coerce=int,
            required=True,
            label=label,
            error_messages={
                "required": gettext("Choose a score for “%(label)s”.") % params,
                "invalid_choice": gettext("Choose a score from %(low)d to %(high)d for “%(label)s”.") % params,
            },
            **kwargs,
        )


class OpenAnswerField(forms.CharField):
    """Free text, cleaned (:func:`clean_text`) before it is checked: control characters, NUL included, are removed
    rather than refused."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


class ResponseForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Who are you?"),
        choices=RespondentGroup.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who you are."),
            "invalid_choice": _("Choose one of the four answers to “who are you?”."),
        },
    )
    nonce = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, snapshot: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = survey_questions.items(snapshot)
        self.questions = survey_questions.questions(snapshot)
        for item in self.items:
            self.fields[f"score-{item.key}"] = ScoreField(item)
        for question in self.questions:
            self.fields[f"text-{question.key}"] = OpenAnswerField(
                label=question.text,
                required=False,
                max_length=OPEN_ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 2 if question.theme else 3, "maxlength": OPEN_ANSWER_MAX}),
                error_messages={
                    "max_length": gettext("Your answer is too long: at most %(max)d characters.")
                    % {"max": OPEN_ANSWER_MAX}
                },
            )

    # What the templates and the action need.

    def field(self, name: str):
        return self[name]

    def item_rows(self, types: tuple[str, ...]):
        return [(item, self[f"score-{item.key}"]) for item in self.items if item.type in types]

    def blocks(self):
        """Each building block with its ideas (validation)."""
        rows = []
        ideas = [(i, self[f"score-{i.key}"]) for i in self.items if i.type == "idea"]
        for item in self.items:
            if item.type == "block":
                rows.append((item, self[f"score-{item.key}"], [(i, f) for i, f in ideas if i.block == item.key]))
        return rows

    def themes(self):
        """Each Place Standard theme with its score field and its comment field."""
        return [
            (item, self[f"score-{item.key}"], self[f"text-opmerking-{item.theme}"])
            for item in self.items
            if item.type == "theme" and f"text-opmerking-{item.theme}" in self.fields
        ]

    def general_questions(self):
        return [(q, self[f"text-{q.key}"]) for q in self.questions if not q.theme]

    def scores(self) -> dict[str, int]:
        return {item.key: self.cleaned_data[f"score-{item.key}"] for item in self.items}

    def texts(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(f"text-{q.key}", "") for q in self.questions}

    def error_summary(self):
        """(anchor id, message) for every field with an error, in the form's order."""
        found = []
        for name, errors in self.errors.items():
            if name in self.fields:
                anchor = f"vraag-{name}" if name != "group" else "vraag-group"
                found.extend((anchor, str(e)) for e in errors)
        return found
