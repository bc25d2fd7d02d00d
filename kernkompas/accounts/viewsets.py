"""The scoped base for every back-office screen of a model: subclass ``ScopedSnippetViewSet``.

The municipality scope is a security boundary in the back office too. Wagtail's snippet screens check model
permissions ("may Sofie change owner contacts at all?"), not objects; this base asks the model's permission
policy (``kernkompas.accounts.policies``) about every object it shows:

- the listing starts from ``policy.instances_user_has_any_permission_for`` (only the user's municipalities);
- every URL of the viewset that takes an object id (edit, delete, inspect, history, usage, copy, revisions,
  workflow, lock, and any Wagtail adds later) fetches the object through the policy first: out of scope is
  "not found" (404) on every screen, a user without the permission the screen needs is refused (Wagtail's
  "no permission");
- the chooser (the pop-up another form opens) lists only what ``policy.instances_user_may_choose`` allows, has
  a search box over the viewset's ``search_fields``, and its "chosen" URLs hand out nothing else by id;
- deleting, one object or several at once, goes through the viewset's ``delete_instance`` (a named operation
  that writes the audit log).

A new app (Kern-DNA, Binnenstadslab, learning) registers a ``ScopedPermissionPolicy`` for its model and subclasses
``ScopedSnippetViewSet``; see docs/accounts-and-back-office.md. The back-office scope matrix
(accounts/tests/test_back_office_scope_matrix.py) fails until the model has a row there.
"""

from __future__ import annotations

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.accounts.policies import ALL_ACTIONS

# What each screen about one object needs on it. A screen not listed needs "change": a screen that Wagtail adds
# in a later version is closed until someone decides otherwise here.
SCREEN_ACTIONS = {
    "inspect": "view",
    "history": "view",
    "history_results": "view",
    "usage": "view",
    "revisions_view": "view",
    "revisions_compare": "view",
    "workflow_history": "view",
    "workflow_history_detail": "view",
    "copy": "view",  # and "add" on the model, which Wagtail's copy screen checks itself
    "delete": "delete",
}


def clean_pk(model, raw):
    """The primary key in a URL as the database wants it; None for text that cannot be one ("abc", 10**30)."""
    try:
        value = model._meta.pk.to_python(unquote(str(raw)))
    except (ValidationError, ValueError, TypeError):
        return None
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return None
    return value


def get_in_scope(request, model, raw_pk, action: str):
    """The object with this id if the user may do ``action`` on it.

    Refused (PermissionDenied, Wagtail's "no permission") when the user may not see this model at all or may
    not do ``action`` on any object of it; not found (404) when the object does not exist or is not theirs to
    see or to change (another municipality's, or the default taxonomy for staff). Existence is never told to
    someone who may not see it.
    """
    policy = policy_registry.get_by_type(model)
    user = request.user
    if not policy.user_has_any_permission(user, ALL_ACTIONS):
        raise PermissionDenied
    pk = clean_pk(model, raw_pk)
    obj = None if pk is None else model._default_manager.filter(pk=pk).first()
    if obj is None or not any(policy.user_has_permission_for_instance(user, a, obj) for a in ALL_ACTIONS):
        raise Http404
    if not policy.user_has_permission(user, action):
        raise PermissionDenied
    if not policy.user_has_permission_for_instance(user, action, obj):
        raise Http404
    return obj


def scope_object_view(view, model, action: str):
    """Wrap a Wagtail view whose URL takes ``pk`` so that it only ever sees an object in the user's scope."""

    @functools.wraps(view)
    def scoped(request, *args, **kwargs):
        get_in_scope(request, model, kwargs["pk"], action)
        return view(request, *args, **kwargs)

    return scoped


def scope_urlpatterns(patterns, model, actions_by_name: dict[str, str], default_action: str) -> list:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and "pk" in pattern.pattern.regex.groupindex:
            action = actions_by_name.get(pattern.name, default_action)
            pattern = URLPattern(
                pattern.pattern, scope_object_view(pattern.callback, model, action), pattern.default_args, pattern.name
            )
        found.append(pattern)
    return found


# --- Chooser ---------------------------------------------------------------------------------------------------


class ChooserSearchForm(BaseFilterForm):
    """The chooser's search box: every word of the query in one of the viewset's ``search_fields``, in the
    database (our models are not in Wagtail's search index), case-insensitively."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def __init__(self, *args, search_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.search_fields = list(search_fields or ())
        if not self.search_fields:
            del self.fields["q"]

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip() if self.search_fields else ""
        if not query:
            return objects
        for word in query.split()[:10]:
            matches = Q()
            for name in self.search_fields:
                matches |= Q(**{f"{name}__icontains": word})
            objects = objects.filter(matches)
        self.is_searching, self.search_query = True, query
        return objects


def chooser_label(obj) -> str:
    """How a chooser names an object: its ``chooser_label`` when the model has one (an ended municipality says so,
    a main core is marked), else its name."""
    return str(getattr(obj, "chooser_label", None) or obj)


class ScopedChooseMixin:
    search_fields = None

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = chooser_label
        return column

    def get_display_title(self, instance):
        return chooser_label(instance)

    @cached_property
    def scope_policy(self):
        return policy_registry.get_by_type(self.model_class)

    def dispatch(self, request, *args, **kwargs):
        if not self.scope_policy.user_may_choose(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return self.scope_policy.instances_user_may_choose(self.request.user)

    def get_filter_form(self):
        return ChooserSearchForm(self.request.GET, search_fields=self.search_fields)


class ChooseView(ScopedChooseMixin, chooser_views.ChooseView):
    pass


class ChooseResultsView(ScopedChooseMixin, chooser_views.ChooseResultsView):
    pass


class ChosenView(ScopedChooseMixin, chooser_views.SnippetChosenView):
    def get_object(self, pk):
        pk = clean_pk(self.model_class, pk)
        if pk is None:
            raise self.model_class.DoesNotExist
        return self.get_object_list().get(pk=pk)


class ChosenMultipleView(ScopedChooseMixin, chooser_views.SnippetChosenMultipleView):
    def get_objects(self, pks):
        cleaned = [pk for pk in (clean_pk(self.model_class, raw) for raw in pks) if pk is not None]
        return self.get_object_list().filter(pk__in=cleaned)


class CreateView(ScopedChooseMixin, chooser_views.SnippetCreateView):
    """The chooser's own "create" tab is not offered (objects are created on their screen, through their named
    operation); without this, a POST here reached Wagtail's form handling with no form and answered 500."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class ScopedChooserViewSet(chooser_views.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView
    search_fields = None

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(search_fields=self.search_fields, **kwargs)


# --- Screens ---------------------------------------------------------------------------------------------------


class DeleteView(snippet_views.DeleteView):
    def delete_action(self):
        self.model.snippet_viewset.delete_instance(self.object, by=self.request.user)


class YesNoColumn(BooleanColumn):
    """A yes/no column that says it in words next to the icon ("Openbaar" / "Niet openbaar"), where Wagtail's
    ``BooleanColumn`` shows only an icon titled "True" or "False"."""

    cell_template_name = "accounts/admin/yes_no_cell.html"

    def __init__(self, name, *, yes_label=None, no_label=None, **kwargs):
        super().__init__(name, **kwargs)
        self.yes_label = yes_label or _("Yes")
        self.no_label = no_label or _("No")


class InspectView(snippet_views.InspectView):
    """Yes/no fields read "Ja"/"Nee" (in the user's language), not "True"/"False"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return value


class ScopedSnippetViewSet(snippet_views.SnippetViewSet):
    """A snippet viewset whose every screen keeps to the user's scope (see the module's docstring).

    Subclasses set the usual Wagtail attributes and implement ``delete_instance``; saves go through a named
    operation in their ``add_view_class``/``edit_view_class`` (see places/viewsets.py, monitor/viewsets.py).
    """

    chooser_viewset_class = ScopedChooserViewSet
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    # Copying would save through Wagtail's default action, without our named operation and audit log.
    copy_view_enabled = False
    # Our models are searched in the database, not in Wagtail's search index.
    search_backend_name = None

    @property
    def policy(self):
        return policy_registry.get_by_type(self.model)

    def get_queryset(self, request):
        return self.policy.instances_user_has_any_permission_for(request.user, ALL_ACTIONS)

    def delete_instance(self, instance, *, by) -> None:
        """Delete one object through the app's named operation (audit log); the delete screen and the bulk
        delete both call this."""
        raise NotImplementedError(f"{type(self).__name__} must say how an object is deleted (delete_instance)")

    def get_urlpatterns(self):
        return scope_urlpatterns(super().get_urlpatterns(), self.model, SCREEN_ACTIONS, "change")

    @property
    def chooser_viewset(self):
        return self.chooser_viewset_class(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
            search_fields=self.search_fields,
        )


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Deleting several snippets at once: for a scoped viewset, only objects in the user's scope are found, and
    each one is deleted through the viewset's named operation instead of one bare SQL DELETE."""

    @property
    def scoped_viewset(self):
        viewset = getattr(self.model, "snippet_viewset", None)
        return viewset if isinstance(viewset, ScopedSnippetViewSet) else None

    def get_all_objects_in_listing_query(self, parent_id):
        if self.scoped_viewset is None:
            return super().get_all_objects_in_listing_query(parent_id)
        return self.scoped_viewset.get_queryset(self.request).values_list("pk", flat=True)

    @cached_property
    def _actionable_objects(self):
        viewset = self.scoped_viewset
        if viewset is None:
            return super()._actionable_objects
        ids = self.request.GET.getlist("id")
        visible = viewset.get_queryset(self.request)
        if "all" not in ids:
            visible = visible.filter(pk__in=[pk for pk in (clean_pk(self.model, i) for i in ids) if pk is not None])
        objects, no_access = [], []
        for obj in visible:
            (objects if self.check_perm(obj) else no_access).append(obj)
        if not objects and not no_access:
            raise Http404
        return objects, {"items_with_no_access": no_access}

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            # One of them is still used (PROTECT): the transaction rolled back, nothing was deleted.
            messages.error(
                self.request, _("Some of these are still in use and cannot be deleted; nothing was deleted.")
            )
            return redirect(self.next_url)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        action = kwargs["self"]
        viewset = action.scoped_viewset
        if viewset is None:
            return super().execute_action(objects, user=user, **kwargs)
        for obj in objects:
            viewset.delete_instance(obj, by=action.request.user)
        return len(objects), 0
