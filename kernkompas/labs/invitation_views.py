"""Inviting outside parties to an action plan, the page behind the link in the invitation, and the page where a
party's members report progress on the actions their party owns (``labs:my_actions``).

The invitation page: someone not logged in is asked to log in (and comes back here) or to sign up first; someone
logged in with the invited address accepts; someone logged in with another account is told so. Every request counts
against the per-address limit ``invitation`` (the same as for role invitations), so links cannot be guessed.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.accounts import permissions
from kernkompas.core import ratelimit
from kernkompas.labs import party_forms
from kernkompas.labs.actions import invitations, progress
from kernkompas.labs.models import Action, Party, PartyMember, PlanInvitation


def _unusable(request, problem: invitations.Unusable):
    """The page for a link that cannot be used: 404 for an unknown one, 410 for one that was."""
    status = 404 if problem.reason == "unknown" else 410
    context = {"message": invitations.message(problem)}
    return render(request, "labs/plan_invitation_unusable.html", context, status=status)


def _staff_party(user, party_pk: int) -> Party:
    party = get_object_or_404(Party.objects.select_related("plan__gemeente"), pk=party_pk)
    if not permissions.can_manage_gemeente(user, party.plan.gemeente):
        raise Http404
    return party


@login_required
def plan_invite(request, party_pk: int):
    """Staff of the plan's municipality invite someone of a party, and see (and withdraw) its invitations."""
    party = _staff_party(request.user, party_pk)
    form = party_forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.invite(request.user, party, form.cleaned_data["email"])
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("The invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("labs:plan_invite", party_pk=party.pk)
    context = {
        "party": party,
        "plan": party.plan,
        "form": form,
        "invitations": party.invitations.all(),
        "members": party.members.select_related("user"),
        "now": timezone.now(),
    }
    return render(request, "labs/plan_invite.html", context)


@login_required
@require_POST
def plan_invitation_revoke(request, pk: int):
    invitation = get_object_or_404(PlanInvitation.objects.select_related("party__plan__gemeente"), pk=pk)
    if not permissions.can_manage_gemeente(request.user, invitation.party.plan.gemeente):
        raise Http404
    try:
        invitations.revoke(request.user, invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation has been withdrawn."))
    return redirect("labs:plan_invite", party_pk=invitation.party_id)


@ratelimit.ratelimit("invitation", methods=("GET", "POST"))
def plan_invitation(request, token: str):
    try:
        found = invitations.find(token)
    except invitations.Unusable as problem:
        status = 404 if problem.reason == "unknown" else 410
        return render(
            request, "labs/plan_invitation_unusable.html", {"message": invitations.message(problem)}, status=status
        )
    context = {"invitation": found, "party": found.party, "plan": found.party.plan}
    if not request.user.is_authenticated:
        here = request.get_full_path()
        context["login_url"] = reverse("accounts:login") + "?" + urlencode({"next": here})
        context["signup_url"] = reverse("accounts:signup")
        return render(request, "labs/plan_invitation.html", {**context, "mode": "log_in"})
    if not invitations.is_for(found, request.user):
        return render(request, "labs/plan_invitation.html", {**context, "mode": "other_account"})
    if request.method == "POST":
        try:
            invitations.accept(token, request.user)
        except invitations.Unusable as problem:
            status = 404 if problem.reason == "unknown" else 410
            return render(
                request, "labs/plan_invitation_unusable.html", {"message": invitations.message(problem)}, status=status
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welcome. You now report for %(party)s.") % {"party": found.party.name})
            return redirect("labs:my_actions")
    return render(request, "labs/plan_invitation.html", {**context, "mode": "accept"})


# --- The party members' own actions -----------------------------------------------------------------------------


def _owned_actions(user):
    party_ids = PartyMember.objects.filter(user=user).values("party_id")
    return Action.objects.filter(owner_id__in=party_ids).select_related("plan__gemeente", "owner")


@login_required
def my_actions(request):
    """The actions owned by the parties the user is a member of, each with a form for a progress update; the
    actions in which those parties are partners are listed without one (the owner reports)."""
    party_ids = list(PartyMember.objects.filter(user=request.user).values_list("party_id", flat=True))
    owned = list(_owned_actions(request.user).prefetch_related("updates__party").order_by("plan__title", "order", "pk"))
    partner = list(
        Action.objects.filter(partners__in=party_ids)
        .exclude(owner_id__in=party_ids)
        .select_related("plan", "owner")
        .distinct()
        .order_by("plan__title", "order", "pk")
    )
    rows = [
        (action, party_forms.ProgressForm(prefix=f"a{action.pk}", initial={"date": timezone.localdate()}))
        for action in owned
    ]
    context = {"rows": rows, "partner_actions": partner, "is_member": bool(party_ids)}
    return render(request, "labs/my_actions.html", context)


@login_required
@require_POST
def report_progress(request, action_pk: int):
    """A progress update on one action: by a member of its owner party (another party's action is 404) or staff of
    its municipality."""
    action = get_object_or_404(Action.objects.select_related("plan__gemeente", "owner"), pk=action_pk)
    if not progress.may_report(request.user, action):
        raise Http404
    form = party_forms.ProgressForm(request.POST, prefix=f"a{action.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            progress.report_progress(request.user, action, data["date"], data["text"], data["status"])
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("Your progress update has been saved."))
            return redirect(_back(request, action))
    return render(request, "labs/progress_form.html", {"action": action, "form": form}, status=400)


def _back(request, action) -> str:
    if progress.owner_member(request.user, action):
        return reverse("labs:my_actions") + f"#actie-{action.pk}"
    return reverse("labs:plan_public", kwargs={"pk": action.plan_id}) + f"#actie-{action.pk}"
