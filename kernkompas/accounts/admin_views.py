"""The "Medewerkers" screens of the back office: who works for a municipality, and the platform roles.

Municipal staff see and change the staff and facilitators of their own municipality; administrators see all
municipalities and also give the platform roles (editor, administrator). Every change goes through
``accounts.actions.memberships``; every check through ``accounts.permissions``.
"""

from __future__ import annotations

import math

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kernkompas.accounts import permissions
from kernkompas.accounts.actions import invitations, members, memberships
from kernkompas.accounts.models import SCOPED_ROLES, Invitation, Membership, Role, gemeente_model
from kernkompas.core import ratelimit

# The roles each screen gives; their labels come from the Role choices.
SCOPED_CHOICES = [Role.GEMEENTE, Role.BEGELEIDER]
PLATFORM_CHOICES = [Role.REDACTIE, Role.BEHEERDER]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy(
            "We send an invitation to this address. The person gets the role when they accept it: with their "
            "account if they have one, or with a new account."
        ),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), widget=forms.RadioSelect)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, capfirst(role.label)) for role in roles]
        self.fields["role"].initial = roles[0].value

    def clean_email(self):
        return members.normalise_email(self.cleaned_data["email"])


class MunicipalitySearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Find a municipality"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


def _manageable_gemeenten(user):
    ids = permissions.member_gemeente_ids(user)
    queryset = gemeente_model().objects.all()
    return queryset if ids is None else queryset.filter(pk__in=ids)


class MembersBaseView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    page_title = gettext_lazy("Staff")

    def dispatch(self, request, *args, **kwargs):
        if permissions.member_gemeente_ids(request.user) == frozenset():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("kk_members:index"), "label": _("Staff")}]


class MembersIndexView(MembersBaseView):
    """Which municipalities' staff the user manages. Staff of one municipality go straight to it."""

    template_name = "accounts/admin/members_index.html"

    def get(self, request, *args, **kwargs):
        gemeenten = _manageable_gemeenten(request.user)
        if not permissions.is_beheerder(request.user) and gemeenten.count() == 1:
            return redirect("kk_members:gemeente", slug=gemeenten.get().slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search_form = MunicipalitySearchForm(self.request.GET or None)
        query = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
        gemeenten = _manageable_gemeenten(self.request.user).annotate(
            staff_count=Count("memberships", filter=Q(memberships__role=Role.GEMEENTE)),
            facilitator_count=Count("memberships", filter=Q(memberships__role=Role.BEGELEIDER)),
        )
        if query:
            gemeenten = gemeenten.search(query)
        elif permissions.is_beheerder(self.request.user):
            # All ~900 municipalities is too long a list: show those with people, find others by name.
            gemeenten = gemeenten.filter(Q(staff_count__gt=0) | Q(facilitator_count__gt=0))
        context.update(
            gemeenten=gemeenten.order_by("name_nl")[:200],
            query=query,
            search_form=search_form,
            is_beheerder=permissions.is_beheerder(self.request.user),
        )
        return context


class GrantMixin:
    """Shows the memberships and pending invitations of one scope and handles the invitation form on POST."""

    template_name = "accounts/admin/members_list.html"
    roles: list = []

    def memberships(self):
        raise NotImplementedError

    def invitation_scope(self):
        raise NotImplementedError

    def invite(self, email, role):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", InviteForm(roles=self.roles))
        memberships = (
            self.memberships().select_related("user", "granted_by", "gemeente").order_by("role", "user__email")
        )
        context["memberships"] = memberships
        context["invitations"] = (
            # Expired ones too: the inviter sends them again from here.
            self.invitation_scope().unanswered().select_related("invited_by", "gemeente").order_by("email")
        )
        return context

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, roles=self.roles)
        if form.is_valid():
            limited = _count_invitation(request, back=request.path)
            if limited:
                return limited
            try:
                invitation, _token = self.invite(form.cleaned_data["email"], form.cleaned_data["role"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("An invitation is on its way to %(email)s for the role: %(role)s.")
                    % {"email": invitation.email, "role": invitation.describe_role()},
                )
                return redirect(request.path)
        messages.validation_error(request, _("The invitation could not be sent; see the form below."), form)
        return self.render_to_response(self.get_context_data(form=form))


def _count_invitation(request, *, back: str):
    """Count one invitation sent by this user; a redirect back with a message when they sent too many."""
    try:
        ratelimit.attempt(request, "invite", account=f"user #{request.user.pk}")
    except ratelimit.Limited as limited:
        minutes = max(1, math.ceil(limited.seconds_left / 60))
        messages.error(
            request,
            ngettext(
                "You sent many invitations in a short time. Try again in %(minutes)d minute.",
                "You sent many invitations in a short time. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return redirect(back)
    return None


class GemeenteMembersView(GrantMixin, MembersBaseView):
    roles = SCOPED_CHOICES

    def dispatch(self, request, *args, **kwargs):
        self.gemeente = get_object_or_404(gemeente_model(), slug=kwargs["slug"])
        if not permissions.can_manage_members(request.user, self.gemeente):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.gemeente)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": str(self.gemeente)}]

    def memberships(self):
        return Membership.objects.filter(gemeente=self.gemeente, role__in=SCOPED_ROLES)

    def invitation_scope(self):
        return Invitation.objects.filter(gemeente=self.gemeente, role__in=SCOPED_ROLES)

    def invite(self, email, role):
        return invitations.invite(email, role, self.gemeente, by=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            scope_label=_("Staff and facilitators of %(gemeente)s") % {"gemeente": self.gemeente},
            grant_heading=_("Invite someone for %(gemeente)s") % {"gemeente": self.gemeente},
        )
        return context


class PlatformMembersView(GrantMixin, MembersBaseView):
    roles = PLATFORM_CHOICES

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_beheerder(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return _("Platform roles")

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": _("Platform roles")}]

    def memberships(self):
        return Membership.objects.filter(role__in=[Role.REDACTIE, Role.BEHEERDER])

    def invitation_scope(self):
        return Invitation.objects.filter(gemeente__isnull=True, role__in=[Role.REDACTIE, Role.BEHEERDER])

    def invite(self, email, role):
        return invitations.invite(email, role, None, by=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            scope_label=_("Editors and administrators of the platform"),
            grant_heading=_("Invite someone for a platform role"),
        )
        return context


class RevokeView(MembersBaseView):
    """Asks to confirm, then takes the role away."""

    template_name = "accounts/admin/members_revoke.html"

    def dispatch(self, request, *args, **kwargs):
        self.membership = get_object_or_404(Membership.objects.select_related("user", "gemeente"), pk=kwargs["pk"])
        if not permissions.can_grant_role(request.user, self.membership.role, self.membership.gemeente):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        if self.membership.gemeente_id:
            return reverse("kk_members:gemeente", kwargs={"slug": self.membership.gemeente.slug})
        return reverse("kk_members:platform")

    def get_page_subtitle(self):
        return _("Take a role away")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(membership=self.membership, back_url=self.back_url())
        return context

    def post(self, request, *args, **kwargs):
        person, description = self.membership.user.display_name(), self.membership.describe()
        try:
            memberships.revoke_membership(self.membership, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(person)s no longer has the role: %(role)s.")
                % {
                    "person": person,
                    "role": description,
                },
            )
        return redirect(self.back_url())


# --- Pending invitations: send again, withdraw ------------------------------------------------------------------


def _invitation_for_manager(request, pk):
    """The pending invitation if the user may manage its role where it applies; 404 or 403 otherwise."""
    invitation = get_object_or_404(Invitation.objects.select_related("gemeente"), pk=pk)
    if not permissions.can_grant_role(request.user, invitation.role, invitation.gemeente):
        raise PermissionDenied
    return invitation


def _members_url(invitation) -> str:
    if invitation.gemeente_id:
        return reverse("kk_members:gemeente", kwargs={"slug": invitation.gemeente.slug})
    return reverse("kk_members:platform")


@require_POST
def resend_invitation(request, pk):
    invitation = _invitation_for_manager(request, pk)
    back = _members_url(invitation)
    limited = _count_invitation(request, back=back)
    if limited:
        return limited
    try:
        invitations.resend(invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been sent again with a new link; the old link no longer works.")
            % {"email": invitation.email},
        )
    return redirect(back)


@require_POST
def revoke_invitation(request, pk):
    invitation = _invitation_for_manager(request, pk)
    try:
        invitations.revoke(invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect(_members_url(invitation))
