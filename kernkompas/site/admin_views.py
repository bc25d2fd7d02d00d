"""The audit log in the back office: read-only, scoped (administrators see everything, municipal staff the
events of their own municipalities)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kernkompas.accounts import permissions
from kernkompas.core import audit
from kernkompas.core.models import AuditEvent
from kernkompas.places.models import Gemeente

PER_PAGE = 50


class AuditFilterForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Gemeente.objects.none(), required=False, empty_label=_("All")
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    q = forms.CharField(label=_("Who or what"), required=False, widget=forms.TextInput(attrs={"type": "search"}))

    def __init__(self, *args, events, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = permissions.member_gemeente_ids(user)
        gemeenten = Gemeente.objects.order_by("name_nl")
        self.fields["gemeente"].queryset = gemeenten if ids is None else gemeenten.filter(pk__in=ids)
        actions = sorted(set(events.values_list("action", flat=True).distinct()))
        self.fields["action"].choices = [("", _("All"))] + [(a, audit.action_label(a)) for a in actions]

    def apply(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["gemeente"]:
            events = events.filter(gemeente=data["gemeente"])
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["q"]:
            events = events.filter(Q(actor_label__icontains=data["q"]) | Q(target_label__icontains=data["q"]))
        return events


def _subject_names(events) -> dict[int, str]:
    """Names of the people events point at by id (roles given), looked up once for the page."""
    ids = {e.changes.get("user_id") for e in events if isinstance(e.changes, dict) and e.changes.get("user_id")}
    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: user.display_name() for user in users}


class AuditLogView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/audit_log.html"
    page_title = _("Audit log")
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Audit log")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = permissions.scope_audit_queryset(self.request.user, AuditEvent.objects.all())
        filters = AuditFilterForm(self.request.GET or None, events=events, user=self.request.user)
        events = filters.apply(events).select_related("gemeente").order_by("-created_at", "-id")
        page = Paginator(events, PER_PAGE).get_page(self.request.GET.get("p"))
        names = _subject_names(page.object_list)
        for event in page.object_list:
            event.action_label = audit.action_label(event.action)
            event.details = audit.detail_lines(event)
            event.target_text = audit.target_text(event)
            event.subject_name = names.get(event.changes.get("user_id")) if isinstance(event.changes, dict) else None
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(page=page, filters=filters, query_string=query.urlencode())
        return context
