"""The forms of the staff pages: theme frameworks and themes, programmes, sessions and materials.

Plain forms built from the models' fields (labels, lengths and help come from the model), not model forms: a model
form writes its input into the instance while validating, and the named operation must see the old values to know
what changed (a new time of a published session is a new calendar version). The operations validate again; the
forms are there to say early, next to the field, what does not fit.
"""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from kernkompas.accounts import permissions
from kernkompas.core import parts
from kernkompas.learning import access
from kernkompas.learning.actions import programme as operations
from kernkompas.learning.models import Material, Programme, Session, ThemeFramework
from kernkompas.learning.models.programme import MAX_CAPACITY, LearningTheme
from kernkompas.places.models import Gemeente, Regio

WEB_LINK = URLValidator(schemes=["http", "https"], message=_("Give a web address that starts with https://."))
DATETIME_INPUT = "%Y-%m-%dT%H:%M"


def model_field(model, name: str, **overrides) -> forms.Field:
    """The form field Django makes for a model field (label, max_length, choices, help), with overrides."""
    return model._meta.get_field(name).formfield(**overrides)


def web_link_field(model, name: str) -> forms.URLField:
    field = model_field(model, name, assume_scheme="https")
    field.validators = [v for v in field.validators if not isinstance(v, URLValidator)] + [WEB_LINK]
    field.error_messages["invalid"] = WEB_LINK.message
    return field


def datetime_field(model, name: str) -> forms.DateTimeField:
    return model_field(
        model,
        name,
        widget=forms.DateTimeInput(format=DATETIME_INPUT, attrs={"type": "datetime-local"}),
        help_text=_("Date and time in Belgian/Dutch time, e.g. 2026-03-12 14:00."),
    )


def checkboxes(choices_field: forms.Field) -> forms.Field:
    choices_field.widget = forms.CheckboxSelectMultiple(choices=choices_field.choices)
    return choices_field


class FrameworkForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in operations.FRAMEWORK_FIELDS:
            self.fields[name] = model_field(ThemeFramework, name)


class ThemeForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in operations.THEME_FIELDS:
            self.fields[name] = model_field(LearningTheme, name)


class ProgrammeForm(forms.Form):
    """Editors may leave the municipality empty (platform-wide); staff choose one of their own."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"] = model_field(Programme, "title")
        self.fields["description"] = model_field(Programme, "description")
        gemeenten = Gemeente.objects.order_by("name_nl")
        if not permissions.is_redactie(user):
            gemeenten = permissions.scope_queryset(user, gemeenten, "")
        self.fields["gemeente"] = model_field(Programme, "gemeente", queryset=gemeenten)
        if not permissions.is_redactie(user):
            self.fields["gemeente"].required = True
            self.fields["gemeente"].help_text = _("The municipality that runs the programme.")
            own = list(gemeenten[:2])
            if len(own) == 1 and not self.is_bound and "gemeente" not in self.initial:
                self.initial["gemeente"] = own[0].pk
        self.fields["regio"] = model_field(
            Programme,
            "regio",
            queryset=Regio.objects.order_by("name"),
            help_text=_("For a regional programme: the region whose municipalities it is for."),
        )
        self.fields["framework"] = model_field(Programme, "framework", queryset=ThemeFramework.objects.all())
        self.fields["is_public"] = model_field(Programme, "is_public")


class SessionForm(forms.Form):
    """A session. The share choices of an intervision are offered only to who may decide them (the area's
    municipality); the operation refuses anyone else who tries."""

    def __init__(self, *args, user, programme: Programme, session: Session | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        add = self.fields.__setitem__
        add("kind", model_field(Session, "kind"))
        add("title", model_field(Session, "title"))
        add("description", model_field(Session, "description"))
        add("themes", checkboxes(model_field(Session, "themes", queryset=operations.theme_choices(programme))))
        add("starts_at", datetime_field(Session, "starts_at"))
        add("ends_at", datetime_field(Session, "ends_at"))
        add("format", model_field(Session, "format"))
        add("location", model_field(Session, "location"))
        add("meeting_url", web_link_field(Session, "meeting_url"))
        add("meeting_link_opens_minutes", model_field(Session, "meeting_link_opens_minutes", max_value=24 * 60))
        add("speakers", model_field(Session, "speakers"))
        add(
            "capacity",
            model_field(
                Session,
                "capacity",
                min_value=1,
                max_value=MAX_CAPACITY,
            ),
        )
        add(
            "gebied",
            model_field(
                Session,
                "gebied",
                queryset=access.gebieden_for(programme).order_by("kern__gemeente__name_nl", "kern__name", "name"),
                help_text=_("For an intervision: the area at its centre."),
            ),
        )
        self.fields["gebied"].label_from_instance = lambda g: f"{g.name} ({g.kern.name}, {g.kern.gemeente})"
        gebied = session.gebied if session is not None else None
        if gebied is not None:
            self.may_share = access.can_decide_sharing(user, gebied)
        else:  # administrators, and staff who could choose an area of their own municipality
            self.may_share = permissions.member_gemeente_ids(user) != frozenset()
        for name in operations.SHARE_FIELDS:
            if self.may_share:
                add(name, model_field(Session, name))
        add("advice_open", model_field(Session, "advice_open"))
        add("casus_zoekterm", case_search_field())
        add("cases", _case_field(self, session))
        add("indicator_codes", _indicator_field())

    def fieldsets(self) -> list[tuple[str, list]]:
        """The long form in parts a reader can take in one at a time."""
        groups = [
            (_("The session"), ("kind", "title", "description", "themes", "speakers")),
            (
                _("When and where"),
                ("starts_at", "ends_at", "format", "location", "meeting_url", "meeting_link_opens_minutes", "capacity"),
            ),
            (_("Intervision"), ("gebied", *operations.SHARE_FIELDS, "advice_open")),
            (_("Links to cases and indicators"), ("casus_zoekterm", "cases", "indicator_codes")),
        ]
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in groups]

    def values(self) -> tuple[dict, dict]:
        """The session's own fields and its links, as the operations take them."""
        data = dict(self.cleaned_data)
        data.pop("casus_zoekterm", None)
        relations = {name: data.pop(name) for name in ("themes", "cases", "indicator_codes")}
        return data, relations


CASE_SEARCH = "casus_zoeken"  # the name of the button that narrows the cases without saving
MAX_CASE_CHOICES = 200


def case_search_field() -> forms.CharField:
    return forms.CharField(
        label=_("Search Vitrine cases"),
        required=False,
        max_length=200,
        help_text=_("Words from the title or place; then press “Search cases”. Your input is kept."),
    )


def _case_field(form, obj) -> forms.Field:
    """The Vitrine's live public cases (the newest, or those matching the search box through the Vitrine's own
    search), plus those already linked or ticked (kept if they went offline)."""
    query = (form.data.get("casus_zoekterm") or "").strip()[:200] if form.is_bound else ""
    choices = [(str(pk), title) for pk, title, url in _cases_matching(query)]
    offered = {value for value, _label in choices}
    ticked = set(form.data.getlist("cases")) if form.is_bound else set()
    if obj is not None and obj.pk:
        ticked |= {str(pk) for pk in obj.cases.values_list("pk", flat=True)}
    known = {str(pk): title for pk, title, _url in parts.case_choices(1000)}
    if obj is not None and obj.pk:
        known |= {str(page.pk): page.title for page in obj.cases.all()}
    choices += [(pk, known[pk]) for pk in sorted(ticked - offered) if pk in known]
    return forms.MultipleChoiceField(
        label=_("Vitrine cases"),
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cases that show what the session is about."),
    )


def _cases_matching(query: str) -> list[tuple[int, str, str]]:
    if not query:
        return parts.case_choices(MAX_CASE_CHOICES)
    urls = {case.url for case in parts.search_cases(query, limit=50)}
    return [row for row in parts.case_choices(1000) if row[2] in urls]


def _indicator_field() -> forms.Field:
    choices = [(code, label) for code, label, _unit, _higher in parts.indicator_catalogue()]
    return forms.MultipleChoiceField(
        label=_("Kernmonitor indicators"), choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class MaterialForm(forms.Form):
    def __init__(self, *args, programme: Programme, material: Material | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        add = self.fields.__setitem__
        add("kind", model_field(Material, "kind"))
        add("timing", model_field(Material, "timing"))
        add("title", model_field(Material, "title"))
        add("url", web_link_field(Material, "url"))
        add(
            "upload",
            forms.FileField(
                label=_("Slides (file)"),
                required=False,
                help_text=_("A PDF or PowerPoint file of at most 50 MB; stored in the document library."),
            ),
        )
        add("text", model_field(Material, "text"))
        add("themes", checkboxes(model_field(Material, "themes", queryset=operations.theme_choices(programme))))
        add("casus_zoekterm", case_search_field())
        add("cases", _case_field(self, material))
        add("is_public", model_field(Material, "is_public"))

    def values(self) -> tuple[dict, dict, object]:
        data = dict(self.cleaned_data)
        data.pop("casus_zoekterm", None)
        upload = data.pop("upload", None)
        relations = {name: data.pop(name) for name in ("themes", "cases")}
        return data, relations, upload


class ConfirmForm(forms.Form):
    """An empty form: a confirmation button with its CSRF token."""
