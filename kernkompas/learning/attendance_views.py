"""The participants of a session for the staff who run its programme: the registered, the waiting list in arrival
order, recording who attended (once the session has started) and a CSV download (cells that a spreadsheet would run
as a formula are neutralised by ``lib.spreadsheet``). Anyone else gets 404 (``access.get_session_for_staff``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernkompas.learning import access
from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import Registration, RegistrationStatus
from kernkompas.lib import spreadsheet

#: A session's list shows at most this many registrations per status (the CSV has them all).
LIST_LIMIT = 2000


def _by_status(session) -> dict[str, list[Registration]]:
    grouped: dict[str, list[Registration]] = {status: [] for status in RegistrationStatus.values}
    for registration in Registration.objects.filter(session=session).order_by("arrival", "created_at", "pk"):
        if len(grouped[registration.status]) < LIST_LIMIT:
            grouped[registration.status].append(registration)
    return grouped


@login_required
def attendance(request, pk):
    session = access.get_session_for_staff(request, pk)
    if request.GET.get("formaat") == "csv":
        return _csv(session)
    if request.method == "POST":
        try:
            count = registrations.record_attendance(session, request.POST.getlist("aanwezig"), by=request.user)
        except (ValidationError, ValueError) as refusal:
            messages.error(request, " ".join(getattr(refusal, "messages", [_("The attendance could not be read.")])))
        else:
            messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
        return redirect("learning:attendance", pk=session.pk)
    grouped = _by_status(session)
    context = {
        "session": session,
        "programme": session.programme,
        "registered": grouped[RegistrationStatus.INGESCHREVEN],
        "waiting": grouped[RegistrationStatus.WACHTLIJST],
        "unconfirmed": grouped[RegistrationStatus.WACHT_OP_BEVESTIGING],
        "cancelled": grouped[RegistrationStatus.GEANNULEERD],
        "can_record": session.has_started(timezone.now()),
        "places_left": registrations.places_left(session),
    }
    return render(request, "learning/public/attendance.html", context)


def _csv(session) -> HttpResponse:
    headers = [
        _("Arrival"),
        _("Name"),
        _("E-mail address"),
        _("Organisation"),
        _("Status"),
        _("Member"),
        _("Attended"),
        _("Registered"),
    ]
    rows = (
        [
            registration.arrival,
            registration.name,
            registration.email,
            registration.organisation,
            str(registration.get_status_display()),
            registration.user_id is not None,
            registration.attended,
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for registration in Registration.objects.filter(session=session).order_by("arrival", "created_at", "pk")
    )
    content = spreadsheet.csv_bytes(headers, rows, dutch=translation.get_language() == "nl")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deelnemers-{session.slug}.csv"'
    return response
