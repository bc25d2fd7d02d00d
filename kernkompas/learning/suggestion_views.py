"""Theme suggestions: the public list with the form for members and staff, supporting, and the screens where the
people who run a programme plan a suggestion into a session or decline it. A suggestion outside the user's scope
answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kernkompas.learning import access
from kernkompas.learning.actions import suggestions as actions
from kernkompas.learning.models import Programme, SuggestionStatus, SuggestionSupport
from kernkompas.learning.suggestion_forms import DeclineForm, PlanForm, SuggestionForm, add_refusal, over_limit


def _programmes_to_suggest_for(user):
    """Public programmes and the ones the user runs."""
    return (Programme.objects.filter(is_public=True) | access.programmes_run_by(user)).distinct().order_by("title")


@require_http_methods(["GET", "POST"])
def suggestions(request):
    """The list, most supported first; the form for logged-in members and staff."""
    user = request.user
    form = None
    if user.is_authenticated:
        form = SuggestionForm(request.POST or None, programmes=_programmes_to_suggest_for(user))
    if request.method == "POST":
        if form is None:
            return redirect_to_login(request.get_full_path())
        if limited := over_limit(request, "learning_suggestion"):
            return limited
        if form.is_valid():
            try:
                actions.suggest(user, **form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Thank you: your suggestion is on the list."))
                return redirect("learning:suggestions")
    found = list(actions.visible_suggestions(user)[: actions.LIST_LIMIT])
    supported = set()
    if user.is_authenticated:
        supported = set(
            SuggestionSupport.objects.filter(user=user, suggestion__in=[s.pk for s in found]).values_list(
                "suggestion_id", flat=True
            )
        )
    context = {
        "open": [s for s in found if s.status == SuggestionStatus.OPEN],
        "planned": [s for s in found if s.status == SuggestionStatus.GEPLAND],
        "supported": supported,
        "form": form,
        "manage": user.is_authenticated and actions.suggestions_to_decide(user).exists(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/suggestions/list.html", context, status=status)


@require_POST
def suggestion_support(request, pk: int):
    """Support a suggestion, or (``intrekken``) take the support back."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning:suggestions"))
    if limited := over_limit(request, "learning_support"):
        return limited
    suggestion = get_object_or_404(actions.visible_suggestions(request.user), pk=pk)
    try:
        if request.POST.get("intrekken"):
            actions.withdraw_support(request.user, suggestion)
            messages.success(request, _("Your support has been withdrawn."))
        elif actions.support(request.user, suggestion):
            messages.success(request, _("Thank you for your support."))
        else:
            messages.info(request, _("You already support this suggestion."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('learning:suggestions')}#voorstel-{suggestion.pk}")


# --- Deciding (the people who run the programme) -------------------------------------------------------------


def _login_required(request):
    return None if request.user.is_authenticated else redirect_to_login(request.get_full_path())


def _suggestion_to_decide(request, pk: int):
    """The suggestion if the user decides on it; 404 otherwise."""
    suggestion = get_object_or_404(actions.visible_suggestions(request.user), pk=pk)
    if not actions.can_decide(request.user, suggestion):
        raise Http404
    return suggestion


@require_http_methods(["GET"])
def suggestions_manage(request):
    if response := _login_required(request):
        return response
    if not actions.can_decide_any(request.user):
        raise Http404
    context = {"suggestions": list(actions.suggestions_to_decide(request.user)[: actions.LIST_LIMIT])}
    return render(request, "learning/suggestions/manage.html", context)


@require_http_methods(["GET", "POST"])
def suggestion_plan(request, pk: int):
    if response := _login_required(request):
        return response
    suggestion = _suggestion_to_decide(request, pk)
    sessions = actions.sessions_to_plan(request.user, suggestion)
    initial = {"session": request.GET.get("sessie")} if request.GET.get("sessie", "").isdigit() else {}
    form = PlanForm(request.POST or None, sessions=sessions, initial=initial)
    if request.method == "POST" and suggestion.status == SuggestionStatus.OPEN and form.is_valid():
        try:
            actions.plan(request.user, suggestion, form.cleaned_data["session"])
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The suggestion is planned; the suggesters receive an e-mail."))
            return redirect("learning:suggestions_manage")
    context = {
        "suggestion": suggestion,
        "form": form,
        "new_session_links": [
            (programme, url)
            for programme in actions.programmes_for_new_session(request.user, suggestion)[:20]
            if (url := actions.new_session_url(programme, suggestion))
        ],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/suggestions/plan.html", context, status=status)


@require_http_methods(["GET", "POST"])
def suggestion_decline(request, pk: int):
    if response := _login_required(request):
        return response
    suggestion = _suggestion_to_decide(request, pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and suggestion.status == SuggestionStatus.OPEN and form.is_valid():
        try:
            actions.decline(request.user, suggestion, form.cleaned_data["decision_note"])
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The suggestion is declined; the suggesters receive your note by e-mail."))
            return redirect("learning:suggestions_manage")
    status = 400 if request.method == "POST" else 200
    context = {"suggestion": suggestion, "form": form}
    return render(request, "learning/suggestions/decline.html", context, status=status)
