"""Back-office screens (Wagtail snippets) for the Binnenstadslab's lists: canvas templates and the roles of the
municipality ("meervoudig sturen").

The platform-wide ones (without a municipality: the Canvas Nieuwe Binnensteden and the five roles of seed 004) are
seen by everyone who may see the list and changed only by administrators; a municipality's own ones by its staff
(facilitators read them). The scoped base ``accounts.viewsets.ScopedSnippetViewSet`` keeps every listing, chooser
and screen about one object to the user's municipalities. Saves and deletions go through
``labs/actions/back_office.py`` (audit log).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.accounts import permissions
from kernkompas.accounts import viewsets as scoped_views
from kernkompas.accounts.policies import ScopedPermissionPolicy
from kernkompas.labs.actions import back_office
from kernkompas.labs.models import CanvasTemplate, SteeringRole
from kernkompas.places.models import Gemeente

MAX_LENSES = 20
LENS_TITLE_MAX = 100
LENS_PROMPT_MAX = 300


class SharedListPolicy(ScopedPermissionPolicy):
    """The platform-wide rows are read by all who may read the list and changed by administrators only; a
    municipality's own rows by its staff."""

    def in_scope(self, user, instance) -> bool:
        if permissions.is_beheerder(user):
            return True
        gemeente = self.gemeente_of(instance)
        return gemeente is not None and permissions.can_manage_gemeente(user, gemeente)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view" and self.gemeente_of(instance) is None:
            return self.user_has_permission(user, "view")
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        objects = self.model._default_manager.all()
        ids = permissions.staff_gemeente_ids(user)
        if ids is None:
            return objects
        return objects.filter(Q(gemeente=None) | Q(gemeente__in=ids))


POLICIES = {
    CanvasTemplate: SharedListPolicy(CanvasTemplate, gemeente_path="gemeente"),
    SteeringRole: SharedListPolicy(SteeringRole, gemeente_path="gemeente"),
}


class ScopedForm(WagtailAdminModelForm):
    """Staff choose one of their own municipalities (required); administrators may leave it empty, which makes the
    row available to every municipality."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields["gemeente"]
        field.queryset = permissions.scope_queryset(user, Gemeente.objects.all(), "")
        if permissions.is_beheerder(user):
            field.required = False
            field.help_text = gettext_lazy("Leave empty to offer it to every municipality.")
            return
        field.required = True
        field.widget = forms.Select()
        field.widget.choices = field.choices
        own = list(field.queryset[:2])
        if len(own) == 1 and not self.instance.pk:
            self.initial["gemeente"] = own[0].pk


class CanvasTemplateForm(ScopedForm):
    """The lenses as lines of text, "Title | question", instead of raw JSON."""

    lenses_text = forms.CharField(
        label=gettext_lazy("Lenses"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=MAX_LENSES * (LENS_TITLE_MAX + LENS_PROMPT_MAX + 5),
        help_text=gettext_lazy(
            "One lens per line: its title, a vertical bar and the question, "
            "e.g. “Wonen | Waar kan er meer gewoond worden?”"
        ),
    )

    class Meta:
        model = CanvasTemplate
        fields = ["name", "description", "gemeente"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["lenses_text"] = "\n".join(
                f"{lens.get('title', '')} | {lens.get('prompt', '')}".rstrip(" |") for lens in self.instance.lenses
            )

    def clean_lenses_text(self) -> list[dict]:
        lines = [line.strip() for line in self.cleaned_data["lenses_text"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Give at least one lens."))
        if len(lines) > MAX_LENSES:
            raise forms.ValidationError(_("A canvas has at most %(n)s lenses.") % {"n": MAX_LENSES})
        lenses, keys = [], set()
        for number, line in enumerate(lines, start=1):
            title, _bar, prompt = (part.strip() for part in line.partition("|"))
            if not title or len(title) > LENS_TITLE_MAX or len(prompt) > LENS_PROMPT_MAX:
                raise forms.ValidationError(
                    _("Line %(line)s: a title of at most %(title)s characters and a question of at most %(prompt)s.")
                    % {"line": number, "title": LENS_TITLE_MAX, "prompt": LENS_PROMPT_MAX}
                )
            key = slugify(title)[:40] or f"lens-{number}"
            while key in keys:
                key = f"{key[:36]}-{number}"
            keys.add(key)
            lenses.append({"key": key, "title": title, "prompt": prompt})
        return lenses

    def save(self, commit=True):
        self.instance.lenses = self.cleaned_data["lenses_text"]
        return super().save(commit)


class SteeringRoleForm(ScopedForm):
    class Meta:
        model = SteeringRole
        fields = ["name", "description", "order", "gemeente"]


class CreateView(snippet_views.CreateView):
    def save_instance(self):
        return back_office.save_object(self.form, by=self.request.user, created=True)


class EditView(snippet_views.EditView):
    def save_instance(self):
        return back_office.save_object(self.form, by=self.request.user, created=False)


class LabsViewSet(scoped_views.ScopedSnippetViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    inspect_view_enabled = True
    add_to_reference_index = False

    scoped_form = ScopedForm  # the form class the form_fields are made with

    def delete_instance(self, instance, *, by):
        back_office.delete_object(instance, by=by)

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(self.model, form=self.scoped_form, fields=self.form_fields)


class CanvasTemplateViewSet(LabsViewSet):
    model = CanvasTemplate
    scoped_form = CanvasTemplateForm
    form_fields = ["name", "description", "gemeente", "lenses_text"]
    icon = "form"
    menu_label = gettext_lazy("Canvas templates")
    menu_name = "canvassen"
    url_prefix = "binnenstadslab/canvassen"
    list_display = ["name", "gemeente"]
    search_fields = ["name", "description"]


class SteeringRoleViewSet(LabsViewSet):
    model = SteeringRole
    scoped_form = SteeringRoleForm
    form_fields = ["name", "description", "order", "gemeente"]
    icon = "group"
    menu_label = gettext_lazy("Roles of the municipality")
    menu_name = "rollen-gemeente"
    url_prefix = "binnenstadslab/rollen"
    list_display = ["name", "description", "gemeente"]
    search_fields = ["name", "description"]


class LabsViewSetGroup(snippet_views.SnippetViewSetGroup):
    items = (CanvasTemplateViewSet, SteeringRoleViewSet)
    menu_label = gettext_lazy("Binnenstadslab")
    menu_name = "binnenstadslab"
    menu_icon = "group"
    menu_order = 240
