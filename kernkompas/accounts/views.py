"""Public account pages: sign-up, log-in and -out, password reset and change, profile.

Views parse input and call the named operations in ``actions/``. Sign-up and password reset are
rate-limited per client address (``kernkompas.core.ratelimit``); log-in counts failed attempts per address and
per account.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kernkompas.accounts import forms, permissions
from kernkompas.accounts.actions import members
from kernkompas.accounts.models import Role
from kernkompas.core import personal_data, privacy, ratelimit

# A freshly registered member is logged in by this backend (there are two in settings).
_LOGIN_BACKEND = "kernkompas.accounts.backends.EmailOrUsernameBackend"


@ratelimit.ratelimit("signup")
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = forms.SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = members.register_member(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                member_type=data["member_type"],
                home_gemeente=data["home_gemeente"],
                interests=data["interests"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=_LOGIN_BACKEND)
            messages.success(request, _("Welcome, %(name)s. Your account is ready.") % {"name": user.first_name})
            return redirect("accounts:profile")
    return render(request, "accounts/signup.html", {"form": form})


# Django's log-in and log-out views put the host name ("127.0.0.1:8000") into the page as ``site_name``, over the
# context processor's; the pages say the product's name instead.
SITE_NAME_CONTEXT = {"site_name": settings.WAGTAIL_SITE_NAME}


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = SITE_NAME_CONTEXT

    def dispatch(self, request, *args, **kwargs):
        # The back office sends a logged-in member without a role here with next=/beheer/...; sending them
        # back would loop. Show the form instead, under the back office's "no permission" message.
        if (
            request.user.is_authenticated
            and self.get_redirect_url().startswith(reverse("wagtailadmin_home"))
            and not permissions.can_enter_backoffice(request.user)
        ):
            self.redirect_authenticated_user = False
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # Counted before the password is checked, so that guesses sent at the same moment cannot all get in
        # under the limit; a log-in that succeeds gives its attempt back (form_valid).
        try:
            self.attempt = ratelimit.attempt(request, "login", account=request.POST.get("username", ""))
        except ratelimit.Limited as limited:
            return ratelimit.ratelimited_response(request, limited)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # Only failures count: colleagues logging in behind one town-hall address must not use up its budget.
        self.attempt.succeeded()
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """Log out with POST (a link could be forged by another site); GET shows a button that does it."""

    http_method_names = ["get", "post", "options"]
    extra_context = SITE_NAME_CONTEXT

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/logout.html")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    extra_email_context = SITE_NAME_CONTEXT
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        # The owner has proved who they are through their mailbox: failed log-ins by others no longer keep
        # them out (the 429 page for an account says "or reset your password").
        for name in {form.user.username, form.user.email} - {""}:
            ratelimit.forget_account("login", name)
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext_lazy("Your password has been changed."))
        return response


def _role_descriptions(user) -> list[str]:
    found = [m.describe() for m in user.memberships.select_related("gemeente").order_by("role", "gemeente__name_nl")]
    # A superuser made with "kernkompas createsuperuser" is an administrator without a membership row.
    if user.is_superuser and not user.memberships.filter(role=Role.BEHEERDER).exists():
        found.append(_("Administrator of the platform"))
    return found


@login_required
def profile(request):
    form = forms.ProfileForm.for_user(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = members.update_profile(request.user, form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved.") if changed else _("Nothing was changed."))
            return redirect("accounts:profile")
    context = {
        "form": form,
        "role_descriptions": _role_descriptions(request.user),
        "can_enter_backoffice": permissions.can_enter_backoffice(request.user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_GET
def my_data(request):
    """Everything the platform holds about the logged-in person, as a JSON download."""
    person = personal_data.Person(email=request.user.email.lower(), user=request.user)
    data = privacy.export(person, by=request.user)
    payload = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kernkompas-mijn-gegevens.json"'
    return response
