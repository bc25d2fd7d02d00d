"""Intervision: the page where participants read the area's case material and leave advice, and the area team's
screen where it takes advice into its action plan or sets it aside. See :mod:`kernkompas.learning.intervision`
for who sees what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernkompas.core import parts
from kernkompas.learning import access, intervision
from kernkompas.learning.actions import advice as actions
from kernkompas.learning.models import Advice, AdviceStatus, Session
from kernkompas.learning.suggestion_forms import (
    ADVICE_TITLE_MAX_LENGTH,
    AdviceForm,
    TakeAdviceForm,
    add_refusal,
    over_limit,
)

#: The advice a page lists at most (newest last); an intervision collects tens, not thousands.
ADVICE_LIMIT = 300
SESSION_RELATED = ("programme", "programme__gemeente", "gebied", "gebied__kern", "gebied__kern__gemeente")


def _intervision(queryset, **lookup) -> Session:
    session = get_object_or_404(queryset.select_related(*SESSION_RELATED), **lookup)
    if not intervision.is_intervision(session):
        raise Http404
    return session


def _advice_list(session: Session) -> list[Advice]:
    return list(session.advice.order_by("created_at", "pk")[:ADVICE_LIMIT])


@require_http_methods(["GET", "POST"])
def intervision_page(request, programme: str, slug: str):
    user = request.user
    session = _intervision(access.visible_sessions(user), programme__slug=programme, slug=slug)
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not intervision.may_see(user, session):
        return render(request, "learning/intervision/closed.html", {"session": session}, status=403)
    form = None
    if session.advice_open and not session.is_cancelled:
        initial = {"author_name": user.get_full_name() or user.username}
        form = AdviceForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This intervision no longer takes advice."))
            return redirect(request.path)
        if limited := over_limit(request, "learning_advice"):
            return limited
        if form.is_valid():
            try:
                actions.give_advice(user, session, **form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Thank you: your advice has been added."))
                return redirect(f"{request.path}#advies")
    context = {
        "session": session,
        "gebied": session.gebied,
        "material": intervision.case_material(session),
        "advice_list": _advice_list(session),
        "form": form,
        "is_area_team": intervision.is_area_team(user, session),
    }
    return render(request, "learning/intervision/page.html", context, status=400 if request.method == "POST" else 200)


# --- The area team's screen ----------------------------------------------------------------------------------


def _title_from(text: str) -> str:
    """A first proposal for the title in the plan: the advice's first line, shortened at a word."""
    first = (text.strip().splitlines() or [""])[0].strip()
    if len(first) <= 120:
        return first
    return first[:120].rsplit(" ", 1)[0] + "…"


def _take_form(advice: Advice, plans, data=None) -> TakeAdviceForm:
    initial = {"title": _title_from(advice.text)[:ADVICE_TITLE_MAX_LENGTH]}
    return TakeAdviceForm(data, plans=plans, prefix=f"advies-{advice.pk}", initial=initial)


@require_http_methods(["GET", "POST"])
def advice_manage(request, pk: int):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    session = _intervision(Session.objects.all(), pk=pk)
    is_team = intervision.is_area_team(user, session)
    if not is_team and not access.can_run_programme(user, session.programme):
        raise Http404
    gemeente = intervision.area_gemeente(session)
    plans = parts.place_plans(gemeente, session.gebied.kern, session.gebied, include_unpublished=True)
    advice_list = _advice_list(session)
    forms = {item.pk: _take_form(item, plans) for item in advice_list if item.status == AdviceStatus.NIEUW}
    status = 200
    if request.method == "POST":
        if not is_team:
            raise Http404
        response, failed = _decide(request, session, plans)
        if response is not None:
            return response
        forms[failed[0]] = failed[1]
        status = 400
    context = {
        "session": session,
        "gebied": session.gebied,
        "advice_list": advice_list,
        "forms": forms,
        "plans": plans,
        "is_team": is_team,
    }
    return render(request, "learning/intervision/manage.html", context, status=status)


def _decide(request, session: Session, plans):
    """Take the posted advice into a plan or set it aside; (redirect, None) or (None, (pk, form with errors))."""
    raw = request.POST.get("advies", "")
    # A tampered id ("abc") would make the lookup raise instead of finding nothing.
    advice = get_object_or_404(session.advice.all(), pk=int(raw) if raw.isdigit() and len(raw) <= 18 else 0)
    back = reverse("learning:advice_manage", args=[session.pk]) + f"#advies-{advice.pk}"
    if request.POST.get("besluit") == "terzijde":
        actions.set_aside(request.user, advice)
        messages.success(request, _("The advice has been set aside."))
        return redirect(back), None
    form = _take_form(advice, plans, request.POST)
    if form.is_valid():
        try:
            actions.take_advice(
                request.user,
                advice,
                plan_id=form.cleaned_data["plan"],
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The advice has been taken into the action plan."))
            return redirect(back), None
    return None, (advice.pk, form)
