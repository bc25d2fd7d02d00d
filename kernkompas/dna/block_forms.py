"""The forms of the building-block editor: the tagline with exactly five blocks, a photo, an idea.

The editor is one form with a fixed five rows (prefix ``blok-1`` … ``blok-5``). Everything is validated before
anything is written; each message names the block and the field, so that a long page with an error at the bottom
still says at the top what to change. A POST that carries a sixth block (``blok-6-…``, which no page of ours sends)
is refused as a whole.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernkompas.dna import photos, vocabulary
from kernkompas.dna.actions.versions import BlockData
from kernkompas.dna.models import BLOCKS_PER_VERSION, BuildingBlock, DnaVersion
from kernkompas.lib.dna.catalogue import BY_CODE, CATALOGUE, DIMENSIONS

MAX_INDICATORS = 8
MAX_QUOTES = 20
_BLOCK_KEY = re.compile(r"^blok-(\d+)-")


def indicator_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalogue by dimension, in the user's language (built per request: the labels are translated)."""
    return [
        (
            vocabulary.dimension(dimension.code),
            [(i.code, vocabulary.label(i)) for i in CATALOGUE if i.dimension == dimension.code],
        )
        for dimension in DIMENSIONS
    ]


class VersionForm(forms.Form):
    tagline = forms.CharField(
        label=_("Tagline"),
        max_length=160,
        help_text=_(
            "One line that says what the core is, at most 160 characters. For example “Het groene dorp met de markt als huiskamer”."  # noqa: E501
        ),
        error_messages={
            "required": _("Tagline: write the one line that sums up the DNA."),
            "max_length": _("Tagline: at most %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: a few sentences about how the DNA came about."),
        error_messages={"max_length": _("Introduction: at most %(limit_value)d characters (now %(show_value)d).")},
    )

    def clean_tagline(self):
        return " ".join(self.cleaned_data["tagline"].split())


class BlockForm(forms.Form):
    """One of the five rows. The messages carry the block's number (set in ``__init__``)."""

    name = forms.CharField(label=_("Name"), max_length=80)
    explanation = forms.CharField(
        label=_("Short explanation"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    indicators = forms.MultipleChoiceField(
        label=_("Evidence: indicators"), required=False, widget=forms.CheckboxSelectMultiple
    )
    quotes = forms.CharField(
        label=_("Quotes from the working groups"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One quote per line, without names of people."),
    )

    def __init__(self, *args, position: int, **kwargs):
        super().__init__(*args, prefix=f"blok-{position}", **kwargs)
        self.position = position
        n = {"n": position}
        self.fields["name"].error_messages.update(
            required=gettext("Building block %(n)s: give it a name.") % n,
            max_length=gettext("Building block %(n)s: the name is at most 80 characters.") % n,
        )
        self.fields["explanation"].error_messages.update(
            required=gettext("Building block %(n)s: write a short explanation.") % n,
            max_length=gettext("Building block %(n)s: the explanation is at most 1,000 characters.") % n,
        )
        self.fields["quotes"].error_messages.update(
            max_length=gettext("Building block %(n)s: the quotes are at most 3,000 characters together.") % n,
        )
        self.fields["indicators"].choices = indicator_choices()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def full_clean(self):
        # An unknown indicator code gets our own message, naming the block and the code (Django's says neither).
        if self.is_bound:
            key = self.add_prefix("indicators")
            unknown = [code for code in self.data.getlist(key) if code not in BY_CODE]
            if unknown:
                super().full_clean()
                self._errors.pop("indicators", None)
                self.add_error(
                    "indicators",
                    gettext("Building block %(n)s: “%(codes)s” is not an indicator of the catalogue.")
                    % {"n": self.position, "codes": ", ".join(c[:40] for c in unknown[:3])},
                )
                return
        super().full_clean()

    def clean_indicators(self):
        codes = list(dict.fromkeys(self.cleaned_data["indicators"]))
        if len(codes) > MAX_INDICATORS:
            raise forms.ValidationError(
                gettext("Building block %(n)s: choose at most %(max)s indicators.")
                % {"n": self.position, "max": MAX_INDICATORS}
            )
        return codes

    def clean_quotes(self):
        lines = [line.strip() for line in self.cleaned_data["quotes"].splitlines() if line.strip()]
        if len(lines) > MAX_QUOTES:
            raise forms.ValidationError(
                gettext("Building block %(n)s: at most %(max)s quotes.") % {"n": self.position, "max": MAX_QUOTES}
            )
        return "\n".join(lines)

    def indicator_groups(self) -> list[dict]:
        """The checkboxes by dimension, for the template (a fieldset per dimension)."""
        chosen = set(self["indicators"].value() or [])
        name = self.add_prefix("indicators")
        return [
            {
                "label": group,
                "options": [
                    {"code": code, "label": label, "checked": code in chosen, "id": f"id_{name}_{code}", "name": name}
                    for code, label in options
                ],
            }
            for group, options in self.fields["indicators"].choices
        ]

    def chosen_count(self) -> int:
        return len([c for c in (self["indicators"].value() or []) if c in BY_CODE])

    def data_for_action(self) -> BlockData:
        c = self.cleaned_data
        return BlockData(c["name"], c["explanation"].strip(), tuple(c["indicators"]), c["quotes"])


class DnaEditor:
    """The tagline and the five block forms as one: valid only when all six are, and no sixth block was sent."""

    def __init__(self, data=None, *, version: DnaVersion | None = None):
        initial, block_initial = {}, {}
        if version is not None:
            initial = {"tagline": version.tagline, "introduction": version.introduction}
            block_initial = {
                b.position: {
                    "name": b.name,
                    "explanation": b.explanation,
                    "indicators": b.indicators,
                    "quotes": b.quotes,
                }
                for b in version.blocks.all()
            }
        self.data = data
        self.version_form = VersionForm(data, initial=initial)
        self.blocks = [
            BlockForm(data, position=n, initial=block_initial.get(n, {})) for n in range(1, BLOCKS_PER_VERSION + 1)
        ]
        self.extra_blocks: list[str] = []

    def is_valid(self) -> bool:
        if self.data is None:
            return False
        numbers = {int(m.group(1)) for key in self.data for m in [_BLOCK_KEY.match(key)] if m}
        self.extra_blocks = sorted(str(n) for n in numbers if not 1 <= n <= BLOCKS_PER_VERSION)
        forms_valid = [self.version_form.is_valid(), *(form.is_valid() for form in self.blocks)]
        return all(forms_valid) and not self.extra_blocks

    @property
    def errors(self) -> list[str]:
        """Every problem in one list, for the summary at the top of the page."""
        found = []
        if self.extra_blocks:
            found.append(
                gettext("A DNA has exactly five building blocks; building block %(numbers)s is not accepted.")
                % {"numbers": ", ".join(self.extra_blocks[:3])}
            )
        for form in [self.version_form, *self.blocks]:
            for messages in form.errors.values():
                found.extend(messages)
        return found

    def cleaned(self) -> dict:
        return {
            "tagline": self.version_form.cleaned_data["tagline"],
            "introduction": self.version_form.cleaned_data["introduction"].strip(),
            "blocks": [form.data_for_action() for form in self.blocks],
        }


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 8 MB. The place and camera data in the file are removed."),
        error_messages={"required": _("Choose a photo to upload.")},
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=200,
        help_text=_("What the photo shows; also read aloud to people who cannot see it."),
        error_messages={"required": _("Write a caption: what does the photo show?")},
    )
    credit = forms.CharField(label=_("Photo credit"), max_length=120, required=False)

    def clean_photo(self):
        try:
            return photos.clean(self.cleaned_data["photo"])
        except photos.PhotoError as exc:
            raise forms.ValidationError(str(exc)) from exc


class IdeaForm(forms.Form):
    block = forms.TypedChoiceField(label=_("Building block"), coerce=int)
    title = forms.CharField(label=_("Idea"), max_length=160, error_messages={"required": _("Give the idea a title.")})
    description = forms.CharField(
        label=_("Description"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, blocks: list[BuildingBlock], **kwargs):
        super().__init__(*args, **kwargs)
        self.block_by_pk = {b.pk: b for b in blocks}
        self.fields["block"].choices = [(b.pk, f"{b.position}. {b.name}") for b in blocks]

    def clean_block(self):
        return self.block_by_pk[self.cleaned_data["block"]]
