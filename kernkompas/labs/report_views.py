"""The lab's report (web page and PDF), publishing it, what participants see beforehand and the regional view."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.accounts import permissions
from kernkompas.core import ratelimit
from kernkompas.labs import background, regional, report, report_pdf
from kernkompas.labs.actions import reports as report_actions
from kernkompas.labs.report_access import lab_by_code, report_lab, staff_lab


def _staff_only(view):
    """Anonymous visitors are sent to the login page; the view checks the municipality itself."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def report_page(request, pk: int):
    lab, is_staff = report_lab(request.user, pk)
    context = {
        "lab": lab,
        "report": report.build(lab),
        "is_staff": is_staff,
        "show_names": is_staff,  # the public report names roles, not the names people typed in the room
        "can_publish": permissions.can_publish(request.user, lab.gemeente),
    }
    return render(request, "labs/report.html", context)


def report_pdf_view(request, pk: int):
    lab, is_staff = report_lab(request.user, pk)
    pdf = report_pdf.render(report.build(lab), show_names=is_staff)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(lab.title)[:60] or "lab"
    response["Content-Disposition"] = f'inline; filename="verslag-{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@_staff_only
@require_POST
def report_publish(request, pk: int):
    lab = staff_lab(request.user, pk)
    if not permissions.can_publish(request.user, lab.gemeente):
        raise PermissionDenied  # the facilitator runs the lab; the municipality decides what is public
    public = request.POST.get("public") == "1"
    report_actions.set_report_public(request.user, lab, public)
    if public:
        messages.success(request, _("The report is public now."))
    else:
        messages.success(request, _("The report is no longer public."))
    return redirect("labs:report", pk=lab.pk)


def _by_code(view):
    """A page reached by a lab's code: every request counts as an attempt on the join form's limit ("lab_join",
    per address) unless the code exists, so these pages never let anyone guess codes past that limit."""

    @functools.wraps(view)
    def wrapped(request, code: str, *args, **kwargs):
        try:
            counted = ratelimit.attempt(request, JOIN_RATE)
        except ratelimit.Limited as limited:
            return ratelimit.ratelimited_response(request, limited)
        lab = lab_by_code(code)  # 404 for an unknown code: that attempt stays counted
        counted.succeeded()
        return view(request, lab, *args, **kwargs)

    return wrapped


JOIN_RATE = "lab_join"


@_by_code
def background_page(request, lab):
    """What participants see beforehand, for anyone who has the lab's code (the join page shows the same)."""
    context = {"lab": lab, "background": background.background_for(lab), "code": lab.code}
    return render(request, "labs/background.html", context)


def _regional(request, lab, *, code: str = ""):
    if not lab.is_regional:
        raise Http404
    context = {
        "lab": lab,
        "cards": regional.cards(lab),
        "region_dna_url": regional.region_dna_url(lab),
        "code": code,
    }
    return render(request, "labs/regional.html", context)


@_staff_only
def regional_page(request, pk: int):
    return _regional(request, staff_lab(request.user, pk))


@_by_code
def participant_regional_page(request, lab):
    return _regional(request, lab, code=lab.code)
