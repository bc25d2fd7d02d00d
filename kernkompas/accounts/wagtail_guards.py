"""Guards around Wagtail's own back-office views that take an object id outside our viewsets.

Wagtail trusts everyone who may open its admin a little more than we can: staff of another municipality and
facilitators open /beheer/ too. The back-office scope matrix (accounts/tests/test_back_office_scope_matrix.py)
found these views naming objects to people who may not see them; each guard below closes one, for every model:

- bulk actions (``/beheer/bulk/<app>/<model>/<action>/?id=…``) listed the names of the objects the user may not
  act on, ``?id=all`` included: the confirmation now names only objects the user may see at all;
- the page chooser showed unpublished pages (a case waiting for the editors) to anyone: it now offers published
  pages plus the pages the user may edit, and opens no other page as a parent;
- "move page, confirm" showed both pages' titles before checking the move was allowed;
- the admin API for images and documents listed every one of them, whatever the user's collection rights;
- the snippets overview (``/beheer/snippets/``) counted every object of each model: staff of one municipality
  learnt how many owner contacts and counter keys another has. It now shows the number the model's own listing
  shows the user.

The hooks are registered in accounts/wagtail_hooks.py; the URL guards come before Wagtail's own in
kernkompas/urls.py.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model, Q
from django.http import Http404
from django.urls import path
from django.utils.text import capfirst
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.views import chooser as page_chooser
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views
from wagtail.utils.urlpatterns import decorate_urlpatterns

from kernkompas.accounts.policies import ALL_ACTIONS


def visible_to(user, model):
    """Every object of ``model`` the user may see in the back office at all (in any screen or chooser)."""
    if issubclass(model, Page):
        return policy_registry.get_by_type(Page).explorable_instances(user)
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, [*ALL_ACTIONS, "choose"])


# --- Bulk actions ------------------------------------------------------------------------------------------------


class NamesOnlyWhatTheUserMaySee:
    """Mixed into every bulk action: lists of objects on the confirmation page keep only those the user may see."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = None
        for key, value in context.items():
            if key == "items" or not isinstance(value, list) or not any(_object_in(v) for v in value):
                continue
            if visible is None:
                visible = set(visible_to(self.request.user, self.model).values_list("pk", flat=True))
            context[key] = [v for v in value if _object_in(v) is None or _object_in(v).pk in visible]
        return context


def _object_in(entry):
    """The object a bulk action lists: the entry itself, or its "item" (images and documents wrap them)."""
    if isinstance(entry, dict):
        entry = entry.get("item")
    return entry if isinstance(entry, Model) else None


@require_admin_access
def bulk_action(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    guarded = type(action_class.__name__, (NamesOnlyWhatTheUserMaySee, action_class), {})
    return guarded(request, model).dispatch(request)


# --- Page chooser and moving pages ----------------------------------------------------------------------------


def pages_the_user_may_choose(pages, request):
    """Published pages are public; an unpublished one only for those who may edit it."""
    editable = policy_registry.get_by_type(Page).explorable_instances(request.user)
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@require_admin_access
def browse_pages(request, parent_page_id):
    if not pages_the_user_may_choose(Page.objects.filter(pk=parent_page_id), request).exists():
        raise Http404
    return page_chooser.BrowseView.as_view()(request, parent_page_id=parent_page_id)


def refuse_a_move_the_user_may_not_make(request, page_to_move, destination):
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


# --- Admin API for images and documents -----------------------------------------------------------------------


class ChoosableOnly:
    """The admin API lists the images (documents) the user may choose in a chooser, not every one."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, ["choose"])
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class ImagesAPIViewSet(ChoosableOnly, ImagesAdminAPIViewSet):
    pass


class DocumentsAPIViewSet(ChoosableOnly, DocumentsAdminAPIViewSet):
    pass


def restrict_admin_api(router):
    router.register_endpoint("images", ImagesAPIViewSet)
    router.register_endpoint("documents", DocumentsAPIViewSet)


# --- The snippets overview -------------------------------------------------------------------------------------


def listed_count(request, model) -> int:
    """How many objects of a snippet model its own listing shows the user (a scoped viewset: only theirs)."""
    objects = model.snippet_viewset.get_queryset(request)
    if objects is None:  # a viewset without a queryset of its own lists the whole table, and so counts it
        objects = model._default_manager.all()
    return objects.count()


class SnippetOverview(snippet_views.ModelIndexView):
    """Wagtail's overview of snippet models, each counted as its listing counts it for the user."""

    # Wagtail 8's ModelIndexView builds its rows here (with model._default_manager.all().count()); the rest of the
    # view (permissions, sorting, template) is Wagtail's.
    def _get_snippet_types(self):
        return [
            {
                "name": capfirst(model._meta.verbose_name_plural),
                "count": listed_count(self.request, model),
                "model": model,
                "url": url,
            }
            for model in snippet_views.get_snippet_models_for_index_view()
            if (url := self.get_list_url(model))
        ]


# Same addresses as Wagtail's own (and the same names, except the snippets overview's, which Wagtail keeps in a
# namespace of its own); kernkompas/urls.py puts them first so that they answer instead.
urlpatterns = decorate_urlpatterns(
    [
        path("bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action, name="wagtail_bulk_action"),
        path("choose-page/<int:parent_page_id>/", browse_pages, name="wagtailadmin_choose_page_child"),
        path("snippets/", require_admin_access(SnippetOverview.as_view()), name="kk_snippets_overview"),
    ],
    never_cache,
)
