"""Who may open which lab page of the report helper: staff of the lab's municipality (and administrators) always;
a participant or anyone else only through the lab's code, or the report once it is public. A lab outside the
user's scope does not exist for them (404)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from kernkompas.accounts import permissions
from kernkompas.labs.models import Lab


def _labs():
    return Lab.objects.select_related("gemeente", "kern__gemeente", "gebied__kern__gemeente", "regio")


def staff_lab(user, pk: int) -> Lab:
    """The lab if the user may manage its municipality; 404 otherwise."""
    return get_object_or_404(permissions.scope_queryset(user, _labs()), pk=pk)


def lab_by_code(code: str) -> Lab:
    """The lab with this code (participants' pages), 404 for an unknown code."""
    code = (code or "").strip().upper()[:8]
    if not code:
        raise Http404
    return get_object_or_404(_labs(), code__iexact=code)


def report_lab(user, pk: int) -> tuple[Lab, bool]:
    """The lab whose report the user may read and whether they are staff of it: staff always, everyone else only
    when the report is public; 404 otherwise."""
    lab = get_object_or_404(_labs(), pk=pk)
    is_staff = permissions.can_manage_gemeente(user, lab.gemeente)
    if not is_staff and not lab.is_report_public:
        raise Http404
    return lab, is_staff
