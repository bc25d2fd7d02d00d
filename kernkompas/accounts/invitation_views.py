"""The page behind the link in an invitation e-mail: who invited whom for what, and accepting it.

A new person chooses a name and a password (the account gets the invited address); someone whose address already
has an account logs in first and then accepts; someone logged in with another account is told so. Every request
to this page counts against a limit per client address (``invitation``), so that links cannot be guessed by trying.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _

from kernkompas.accounts import forms
from kernkompas.accounts.actions import invitations
from kernkompas.core import ratelimit

# A freshly created account is logged in by this backend (there are two in settings).
_LOGIN_BACKEND = "kernkompas.accounts.backends.EmailOrUsernameBackend"


def _unusable(request, problem: invitations.Unusable):
    # Unknown links are "not found"; links that existed but can no longer be used are "gone".
    status = 404 if problem.reason == "unknown" else 410
    context = {"reason": problem.reason, "invitation": problem.invitation}
    return render(request, "accounts/invitation_unusable.html", context, status=status)


def _welcome(request, accepted: invitations.Accepted, role: str):
    if accepted.membership is None:
        messages.info(request, _("You already had this role: %(role)s.") % {"role": role})
    else:
        messages.success(request, _("Welcome. You now have the role: %(role)s.") % {"role": role})
    return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))


@ratelimit.ratelimit("invitation", methods=("GET", "POST"))
def invitation(request, token: str):
    try:
        found = invitations.find(token)
    except invitations.Unusable as problem:
        return _unusable(request, problem)
    context = {"invitation": found, "role": found.describe_role(), "inviter": found.invited_by.display_name()}
    if request.user.is_authenticated:
        return _for_logged_in(request, token, found, context)
    if invitations.account_exists(found.email):
        return render(request, "accounts/invitation.html", {**context, "mode": "log_in"})
    form = forms.InvitationAcceptForm(request.POST or None, email=found.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            accepted = invitations.accept_as_new_person(
                token, first_name=data["first_name"], last_name=data["last_name"], password=data["password1"]
            )
        except invitations.Unusable as problem:
            return _unusable(request, problem)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, accepted.user, backend=_LOGIN_BACKEND)
            return _welcome(request, accepted, context["role"])
    return render(request, "accounts/invitation.html", {**context, "mode": "new", "form": form})


def _for_logged_in(request, token, found, context):
    same_person = request.user.email.strip().lower() == found.email.strip().lower()
    if not same_person:
        return render(request, "accounts/invitation.html", {**context, "mode": "other_account"})
    if request.method == "POST":
        try:
            accepted = invitations.accept_as_user(token, request.user)
        except invitations.Unusable as problem:
            return _unusable(request, problem)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return _welcome(request, accepted, context["role"])
    return render(request, "accounts/invitation.html", {**context, "mode": "accept"})
