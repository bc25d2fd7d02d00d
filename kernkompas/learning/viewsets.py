"""Back-office screens (Wagtail snippets) of Stedelijk leren: theme frameworks and themes (editors), programmes,
sessions and materials (scoped: staff and facilitators see only their municipality's programmes and what belongs to
them; editors and administrators see all).

The permission policies ask ``learning.access`` (the same helpers as the staff pages) rather than the role table, so
the back office and the staff pages cannot disagree about who runs a programme. The scoped base
``accounts.viewsets.ScopedSnippetViewSet`` keeps every listing, chooser and screen about one object to the user's
scope (404 outside it). Every save and deletion goes through the named operations of
``learning/actions/programme.py`` (validation, calendar versions, the area's sharing decision, audit log); a refusal
is shown on the form.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.accounts import permissions
from kernkompas.accounts import viewsets as scoped_views
from kernkompas.accounts.policies import ScopedPermissionPolicy
from kernkompas.core import parts
from kernkompas.learning import access
from kernkompas.learning.actions import programme as operations
from kernkompas.learning.models import LearningTheme, Material, Programme, Session, SessionStatus, ThemeFramework
from kernkompas.places.models import Gemeente


class EditorialPolicy(ScopedPermissionPolicy):
    """Theme frameworks and themes: editors and administrators only."""

    def gemeente_of(self, instance):
        return None  # the whole platform's

    def user_has_permission(self, user, action):
        return access.can_manage_frameworks(user)

    def in_scope(self, user, instance) -> bool:
        return access.can_manage_frameworks(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not access.can_manage_frameworks(user):
            return self.model._default_manager.none()
        return self.model._default_manager.all()


class ProgrammePartPolicy(ScopedPermissionPolicy):
    """Programmes, sessions, materials: who runs the programme (``access.can_run_programme``). Deleting is for
    editors and administrators, and only what nobody has registered for."""

    programme_path = ""  # the lookup from the model to its programme

    def __init__(self, model, *, programme_path: str):
        super().__init__(model, gemeente_path=f"{programme_path}__gemeente" if programme_path else "gemeente")
        self.programme_path = programme_path

    def programme_of(self, instance):
        found = instance
        for part in filter(None, self.programme_path.split("__")):
            found = getattr(found, part)
        return found

    def user_has_permission(self, user, action):
        if action == "delete":
            return permissions.is_redactie(user)
        return access.can_create_programmes(user)

    def in_scope(self, user, instance) -> bool:
        return access.can_run_programme(user, self.programme_of(instance))

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and not self.may_be_deleted(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def may_be_deleted(self, instance) -> bool:
        if isinstance(instance, Session):
            return instance.status == SessionStatus.CONCEPT and not instance.registrations.exists()
        if isinstance(instance, Programme):
            return not instance.sessions.exclude(status=SessionStatus.CONCEPT).exists()
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        run = access.programmes_run_by(user)
        if not self.programme_path:
            return run
        return self.model._default_manager.filter(**{f"{self.programme_path}__in": run})


POLICIES = {
    ThemeFramework: EditorialPolicy(ThemeFramework, gemeente_path=""),
    LearningTheme: EditorialPolicy(LearningTheme, gemeente_path=""),
    Programme: ProgrammePartPolicy(Programme, programme_path=""),
    Session: ProgrammePartPolicy(Session, programme_path="programme"),
    Material: ProgrammePartPolicy(Material, programme_path="session__programme"),
}


# --- Forms -------------------------------------------------------------------------------------------------------


def _case_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=gettext_lazy("Vitrine cases"),
        choices=[(str(pk), title) for pk, title, _url in parts.case_choices(200)],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class LearningForm(WagtailAdminModelForm):
    """Links to cases and indicators are offered from the parts registry (live public cases, the Kernmonitor's
    catalogue), never as a list of every page in the database."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cases" in self.fields:
            self.fields["cases"] = _case_field()
            if self.instance.pk:
                self.initial["cases"] = [str(pk) for pk in self.instance.cases.values_list("pk", flat=True)]
        if "indicator_codes" in self.fields:
            choices = [(code, label) for code, label, _unit, _higher in parts.indicator_catalogue()]
            self.fields["indicator_codes"] = forms.MultipleChoiceField(
                label=gettext_lazy("Kernmonitor indicators"),
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if "programme" in self.fields:
            self.fields["programme"].queryset = access.programmes_run_by(self.for_user)
        if "session" in self.fields:
            self.fields["session"].queryset = Session.objects.filter(
                programme__in=access.programmes_run_by(self.for_user)
            )
        if "gemeente" in self.fields and not permissions.is_redactie(self.for_user):
            self.fields["gemeente"].queryset = permissions.scope_queryset(self.for_user, Gemeente.objects.all(), "")
            self.fields["gemeente"].required = True
        if "gebied" in self.fields:
            self.fields["gebied"].queryset = _gebied_choices(self.instance, self.for_user)
        if self.instance.pk is None:
            for name in operations.SHARE_FIELDS:  # sharing is the area's municipality's decision, made later
                if name in self.fields:
                    self.initial[name] = False

    def _post_clean(self):
        # The operations validate (with the old values at hand); the model form must not write into the instance
        # first, or the operation could not tell what changed.
        pass


def _gebied_choices(session, user):
    if session.pk:
        return access.gebieden_for(session.programme)
    gebieden = access.gebieden_for(Programme())  # every area
    if permissions.is_redactie(user):
        return gebieden
    return permissions.scope_queryset(user, gebieden, "kern__gemeente")


def _values(form, fields) -> dict:
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}


def _relations(form, names) -> dict:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def save_object(form, *, by, created: bool):
    """Save a back-office form through the part's named operation; return the object."""
    model = form._meta.model
    old = None if created else model.objects.get(pk=form.instance.pk)
    if model is ThemeFramework:
        values = _values(form, operations.FRAMEWORK_FIELDS)
        if created:
            return operations.create_framework(by, values)
        operations.change_framework(by, old, values)
    elif model is LearningTheme:
        values = _values(form, operations.THEME_FIELDS)
        if created:
            return operations.create_theme(by, form.cleaned_data["framework"], values)
        operations.change_theme(by, old, values)
    elif model is Programme:
        values = _values(form, operations.PROGRAMME_FIELDS)
        if created:
            return operations.create_programme(by, values)
        operations.change_programme(by, old, values)
    elif model is Session:
        values = _values(form, (*operations.SESSION_FIELDS, *operations.SHARE_FIELDS))
        relations = _relations(form, ("themes", "cases", "indicator_codes"))
        if created:
            return operations.create_session(by, form.cleaned_data["programme"], values, relations)
        operations.change_session(by, old, values, relations)
    elif model is Material:
        values = _values(form, (*operations.MATERIAL_FIELDS, operations.MATERIAL_DOCUMENT))
        relations = _relations(form, ("themes", "cases"))
        if created:
            return operations.add_material(by, form.cleaned_data["session"], values, relations)
        operations.change_material(by, old, values, relations)
    return model.objects.get(pk=old.pk)


def delete_object(instance, *, by) -> None:
    if isinstance(instance, ThemeFramework):
        operations.remove_framework(by, instance)
    elif isinstance(instance, LearningTheme):
        operations.remove_theme(by, instance)
    elif isinstance(instance, Material):
        operations.remove_material(by, instance)
    else:
        operations.remove_unused(by, instance)


# --- Screens -----------------------------------------------------------------------------------------------------


class _SaveThroughOperation:
    created = False

    def save_instance(self):
        return save_object(self.form, by=self.request.user, created=self.created)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CreateView(_SaveThroughOperation, snippet_views.CreateView):
    created = True


class EditView(_SaveThroughOperation, snippet_views.EditView):
    created = False


class LearningViewSet(scoped_views.ScopedSnippetViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    inspect_view_enabled = True
    add_to_reference_index = False

    def delete_instance(self, instance, *, by):
        delete_object(instance, by=by)

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(self.model, form=LearningForm, fields=self.form_fields)


class ThemeFrameworkViewSet(LearningViewSet):
    model = ThemeFramework
    form_fields = list(operations.FRAMEWORK_FIELDS)
    icon = "list-ul"
    menu_label = gettext_lazy("Theme frameworks")
    menu_name = "themakaders"
    url_prefix = "leren/themakaders"
    list_display = ["name", "is_default"]
    search_fields = ["name", "description"]


class LearningThemeViewSet(LearningViewSet):
    model = LearningTheme
    form_fields = ["framework", *operations.THEME_FIELDS]
    icon = "tag"
    menu_label = gettext_lazy("Learning themes")
    menu_name = "leerthemas"
    url_prefix = "leren/themas"
    list_display = ["name", "framework"]
    list_filter = ["framework"]
    search_fields = ["name", "description"]


class ProgrammeViewSet(LearningViewSet):
    model = Programme
    form_fields = list(operations.PROGRAMME_FIELDS)
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Learning programmes")
    menu_name = "leerprogrammas"
    url_prefix = "leren/programmas"
    list_display = ["title", "gemeente", "regio", "is_public"]
    search_fields = ["title", "description"]


class SessionViewSet(LearningViewSet):
    model = Session
    form_fields = [
        "programme",
        *operations.SESSION_FIELDS,
        *operations.SHARE_FIELDS,
        "themes",
        "cases",
        "indicator_codes",
    ]
    icon = "date"
    menu_label = gettext_lazy("Sessions")
    menu_name = "sessies"
    url_prefix = "leren/sessies"
    list_display = ["title", "programme", "starts_at", "status"]
    search_fields = ["title", "description"]


class MaterialViewSet(LearningViewSet):
    model = Material
    form_fields = ["session", *operations.MATERIAL_FIELDS, operations.MATERIAL_DOCUMENT, "themes", "cases"]
    icon = "doc-full"
    menu_label = gettext_lazy("Materials")
    menu_name = "materiaal"
    url_prefix = "leren/materiaal"
    list_display = ["title", "session", "kind", "timing"]
    search_fields = ["title", "text"]


class LearningViewSetGroup(snippet_views.SnippetViewSetGroup):
    items = (ProgrammeViewSet, SessionViewSet, MaterialViewSet, ThemeFrameworkViewSet, LearningThemeViewSet)
    menu_label = gettext_lazy("Stedelijk leren")
    menu_name = "stedelijk-leren"
    menu_icon = "group"
    menu_order = 250
