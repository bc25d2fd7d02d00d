"""Back-office screens (Wagtail snippets) for the Kernmonitor: function groups and branches, counting points,
counter keys, owner contacts and thresholds.

The municipality scope is a security boundary here as everywhere (accounts/policies.py):

- the scoped base ``accounts.viewsets.ScopedSnippetViewSet`` keeps every listing, chooser (with its "chosen"
  URLs) and screen about one object (edit, delete, inspect, history, usage) to the user's municipalities:
  another municipality's object is a 404, and a user without the model permission is refused;
- forms only offer the user's own areas and municipalities;
- the default taxonomy (function groups and branches without a municipality) is listed for everyone who may see
  the taxonomy, but only administrators change it.

Saves and deletions go through ``monitor/actions/back_office.py`` (audit log); a function group or branch is saved
by ``actions.taxonomy.save_taxonomy_entry``, which also recomputes the vacancy flags and indicators of the areas that
use it. A counter key is made by ``actions.counter_keys.create_counter_token``: the key is shown once, right after,
and only its hash is stored.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError, Q
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.accounts import permissions
from kernkompas.accounts import viewsets as scoped_views
from kernkompas.accounts.policies import ScopedPermissionPolicy
from kernkompas.monitor.actions import back_office, counter_keys
from kernkompas.monitor.actions.taxonomy import save_taxonomy_entry
from kernkompas.monitor.models import (
    Branch,
    BranchAlias,
    CounterToken,
    CountingPoint,
    FunctionGroup,
    OwnerContact,
    Threshold,
    Unit,
    validate_colour,
)
from kernkompas.monitor.presentation.thresholds import no_recipients_text
from kernkompas.monitor.taxonomy import name_key
from kernkompas.places.models import Gebied, Gemeente

# --- Policies ----------------------------------------------------------------------------------------------


class TaxonomyPolicy(ScopedPermissionPolicy):
    """Function groups and branches: the default ones are seen by all who may see the taxonomy, changed only by
    administrators; a municipality's own ones by its staff."""

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
    FunctionGroup: TaxonomyPolicy(FunctionGroup, gemeente_path="gemeente"),
    Branch: TaxonomyPolicy(Branch, gemeente_path="gemeente"),
    CountingPoint: ScopedPermissionPolicy(CountingPoint, gemeente_path="gebied__kern__gemeente"),
    Threshold: ScopedPermissionPolicy(Threshold, gemeente_path="gebied__kern__gemeente"),
    OwnerContact: ScopedPermissionPolicy(OwnerContact, gemeente_path="unit__gebied__kern__gemeente"),
    CounterToken: ScopedPermissionPolicy(CounterToken, gemeente_path="gemeente"),
    BranchAlias: ScopedPermissionPolicy(BranchAlias, gemeente_path="gemeente"),
}


# --- Forms -------------------------------------------------------------------------------------------------


class ScopedForm(WagtailAdminModelForm):
    """Limits the choices of area, municipality, unit, function group and area team to what the user works for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        # The area team of a threshold: people who work for the user's municipalities, not every account (user
        # names are e-mail addresses).
        colleagues = get_user_model().objects.filter(is_active=True, memberships__gemeente__isnull=False)
        choices = {
            "gebied": permissions.scope_queryset(user, Gebied.objects.select_related("kern"), "kern__gemeente"),
            "gemeente": permissions.scope_queryset(user, Gemeente.objects.all(), ""),
            "unit": permissions.scope_queryset(user, Unit.objects.select_related("gebied"), "gebied__kern__gemeente"),
            "recipients": permissions.scope_queryset(user, colleagues, "memberships__gemeente")
            .distinct()
            .order_by("first_name", "username"),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
        if "gemeente" in self.fields:
            self._municipality_field(user)
        if "group" in self.fields:
            self.fields["group"].queryset = TaxonomyPolicy(
                FunctionGroup, gemeente_path="gemeente"
            ).instances_user_has_any_permission_for(user, ["view"])

    def _municipality_field(self, user) -> None:
        """Staff: a plain list of their own municipalities (one is preselected), required: only administrators
        maintain the default taxonomy. Administrators: optional where the model allows it (empty = the default
        list), with the municipality chooser."""
        field = self.fields["gemeente"]
        if permissions.is_beheerder(user):
            if self._meta.model in (FunctionGroup, Branch):
                field.required = False
                field.help_text = gettext_lazy("Leave empty for the default list, which every municipality uses.")
            return
        field.required = True
        field.widget = forms.Select()
        field.widget.choices = field.choices
        own = list(field.queryset[:2])
        if len(own) == 1 and not self.instance.pk:
            self.initial["gemeente"] = own[0].pk
        if self._meta.model in (FunctionGroup, Branch):
            field.help_text = gettext_lazy("Your municipality: only its files and dashboards use this.")


class FunctionGroupForm(ScopedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One message that says what a colour is ("#1f77b4"), instead of "at most 7 characters" for a long value:
        # the colour's own rule already limits the length.
        self.fields["colour"].validators = [validate_colour]


class BranchAliasForm(ScopedForm):
    """A name from a municipality's files and what it means there: a branch, or a function group without one."""

    class Meta:
        model = BranchAlias
        fields = ["gemeente", "source_text", "group", "branch"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = TaxonomyPolicy(
            Branch, gemeente_path="gemeente"
        ).instances_user_has_any_permission_for(self.for_user, ["view"])
        self.fields["branch"].help_text = gettext_lazy("Empty: the name means the function group, without a branch.")
        if self.instance.pk:  # the name is what the files say; change what it means, or delete it
            self.fields["source_text"].disabled = True

    def clean(self):
        cleaned = super().clean()
        group, branch, gemeente = cleaned.get("group"), cleaned.get("branch"), cleaned.get("gemeente")
        if branch is not None and group is not None and branch.group_id != group.pk:
            self.add_error(
                "branch",
                _("%(branch)s belongs to the function group %(group)s.") % {"branch": branch, "group": branch.group},
            )
        for entry in (group, branch):
            if entry is not None and gemeente is not None and entry.gemeente_id not in (None, gemeente.pk):
                self.add_error(None, _("%(entry)s belongs to another municipality.") % {"entry": entry})
        if not self.instance.pk and cleaned.get("source_text"):
            # A name added by hand means this branch text whatever the file says for the group.
            self.instance.branch_key = name_key(cleaned["source_text"])
            self.instance.group_key = ""
        return cleaned


class CounterTokenForm(ScopedForm):
    class Meta:
        model = CounterToken
        fields = ["gemeente", "name"]


# --- Views -------------------------------------------------------------------------------------------------


class CreateView(snippet_views.CreateView):
    def save_instance(self):
        return back_office.save_object(self.form, by=self.request.user, created=True)


class EditView(snippet_views.EditView):
    def save_instance(self):
        return back_office.save_object(self.form, by=self.request.user, created=False)


def warn_without_recipients(request, threshold) -> None:
    """A threshold without an area team mails nobody: say so where it was saved (back office or monitor page)."""
    if threshold is not None and not threshold.recipients.exists():
        messages.warning(request, no_recipients_text(threshold))


class ThresholdCreateView(CreateView):
    def save_instance(self):
        threshold = super().save_instance()
        warn_without_recipients(self.request, threshold)
        return threshold


class ThresholdEditView(EditView):
    def save_instance(self):
        threshold = super().save_instance()
        warn_without_recipients(self.request, threshold)
        return threshold


class TaxonomyCreateView(CreateView):
    def save_instance(self):
        return save_taxonomy_entry(self.form, by=self.request.user, created=True)


class TaxonomyEditView(EditView):
    def save_instance(self):
        return save_taxonomy_entry(self.form, by=self.request.user, created=False)


class TaxonomyDeleteView(scoped_views.DeleteView):
    def form_valid(self, form):
        # Counted states keep their group and branch (PROTECT): a used entry cannot go, and saying so beats a 500.
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("%(name)s is used in counts of the register and cannot be deleted.") % {"name": self.object},
            )
            return HttpResponseRedirect(self.get_success_url())


class CounterTokenCreateView(snippet_views.CreateView):
    def save_instance(self):
        token, key = counter_keys.create_counter_token(
            self.form.cleaned_data["gemeente"], self.form.cleaned_data["name"], by=self.request.user
        )
        messages.warning(
            self.request,
            _("The key for %(name)s is %(key)s — copy it now: it is shown only this once.")
            % {"name": token.name, "key": key},
        )
        return token


class MonitorViewSet(scoped_views.ScopedSnippetViewSet):
    """The scoped base (accounts/viewsets.py) with audit-logged saves and deletions and an inspect screen."""

    add_view_class = CreateView
    edit_view_class = EditView
    inspect_view_enabled = True
    add_to_reference_index = False

    def delete_instance(self, instance, *, by):
        back_office.delete_object(instance, by=by)

    scoped_form = ScopedForm  # the form class the form_fields are made with

    def get_form_class(self, for_update=False):
        if self.form_fields:
            return forms.modelform_factory(self.model, form=self.scoped_form, fields=self.form_fields)
        return super().get_form_class(for_update)


class FunctionGroupViewSet(MonitorViewSet):
    add_view_class = TaxonomyCreateView
    edit_view_class = TaxonomyEditView
    delete_view_class = TaxonomyDeleteView
    model = FunctionGroup
    icon = "tag"
    menu_label = gettext_lazy("Function groups")
    menu_name = "functiegroepen"
    url_prefix = "monitor/functiegroepen"
    list_display = ["name", "code", "sector", "colour", "gemeente"]
    list_filter = ["sector"]
    search_fields = ["name", "code"]
    form_fields = ["name", "code", "sector", "colour", "position", "gemeente"]
    scoped_form = FunctionGroupForm


class BranchViewSet(MonitorViewSet):
    add_view_class = TaxonomyCreateView
    edit_view_class = TaxonomyEditView
    delete_view_class = TaxonomyDeleteView
    model = Branch
    icon = "list-ul"
    menu_label = gettext_lazy("Branches")
    menu_name = "branches"
    url_prefix = "monitor/branches"
    list_display = ["name", "code", "group", "gemeente"]
    search_fields = ["name", "code"]
    form_fields = ["group", "name", "code", "gemeente"]


class CountingPointViewSet(MonitorViewSet):
    model = CountingPoint
    icon = "site"
    menu_label = gettext_lazy("Counting points")
    menu_name = "telpunten"
    url_prefix = "monitor/telpunten"
    list_display = ["name", "gebied", "external_id"]
    search_fields = ["name", "external_id"]
    form_fields = ["gebied", "name", "external_id", "lat", "lon"]


class ThresholdViewSet(MonitorViewSet):
    add_view_class = ThresholdCreateView
    edit_view_class = ThresholdEditView
    model = Threshold
    icon = "warning"
    menu_label = gettext_lazy("Thresholds")
    menu_name = "drempels"
    url_prefix = "monitor/drempels"
    list_display = ["gebied", "indicator", "direction", "value", "is_active"]
    search_fields = ["indicator", "gebied__name"]
    form_fields = ["gebied", "indicator", "direction", "value", "is_active", "recipients"]


class OwnerContactViewSet(MonitorViewSet):
    model = OwnerContact
    icon = "user"
    menu_label = gettext_lazy("Owner contacts")
    menu_name = "eigenaars"
    url_prefix = "monitor/eigenaars"
    list_display = ["name", "organisation", "unit", "email"]
    search_fields = ["name", "organisation", "email"]
    form_fields = ["unit", "name", "organisation", "email", "phone", "note"]


class CounterTokenViewSet(MonitorViewSet):
    model = CounterToken
    icon = "key"
    menu_label = gettext_lazy("Counter keys")
    menu_name = "tellersleutels"
    url_prefix = "monitor/tellersleutels"
    list_display = ["name", "prefix", "gemeente", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "prefix"]
    add_view_class = CounterTokenCreateView
    form_fields = ["gemeente", "name"]

    def delete_instance(self, instance, *, by):
        # Deleting a key revokes it: the row stays, so that the footfall it posted keeps saying where it came from.
        counter_keys.revoke_counter_token(instance, by=by)


class BranchAliasViewSet(MonitorViewSet):
    """The names a municipality's files use and what they mean there, made in the import wizard or by
    ``import-units --map``; changed or deleted here (a deleted name is asked about again in the next file)."""

    model = BranchAlias
    icon = "tag"
    menu_label = gettext_lazy("Names from files")
    menu_name = "namen-uit-bestanden"
    url_prefix = "monitor/namen-uit-bestanden"
    list_display = ["source_text", "group", "branch", "gemeente", "created_at"]
    search_fields = ["source_text"]
    form_fields = ["gemeente", "source_text", "group", "branch"]
    scoped_form = BranchAliasForm


class MonitorViewSetGroup(snippet_views.SnippetViewSetGroup):
    items = (
        FunctionGroupViewSet,
        BranchViewSet,
        BranchAliasViewSet,
        CountingPointViewSet,
        ThresholdViewSet,
        OwnerContactViewSet,
        CounterTokenViewSet,
    )
    menu_label = gettext_lazy("Kernmonitor")
    menu_name = "kernmonitor"
    menu_icon = "table"
    menu_order = 220
