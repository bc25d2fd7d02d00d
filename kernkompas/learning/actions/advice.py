"""Advice in an intervision: participants advise the area at its centre, and the area's team takes a piece of
advice into one of its municipality's action plans (as an action or a note, through the parts registry) or sets it
aside. Taking advice twice adds it once: the advice row is locked and remembers where it landed (``taken_url``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core import audit, parts
from kernkompas.learning.intervision import area_gemeente, is_area_team
from kernkompas.learning.models import Advice, AdviceStatus, Session

#: How a piece of advice lands in a plan: the status it gets for each kind the plans part knows.
TAKEN_AS = {"actie": AdviceStatus.ACTIE, "notitie": AdviceStatus.NOTITIE}
TAKEN_STATUSES = tuple(TAKEN_AS.values())


@transaction.atomic
def give_advice(by, session: Session, *, author_name: str, organisation: str, text: str) -> Advice:
    """Advice from a participant (the view checked they may see the case material)."""
    if not session.advice_open or session.is_cancelled:
        raise ValidationError(_("This intervision no longer takes advice."))
    advice = Advice(
        session=session,
        author=by if by.is_authenticated else None,
        author_name=author_name.strip(),
        organisation=organisation.strip(),
        text=text.strip(),
    )
    advice.full_clean(exclude=["session", "author", "taken_by"])
    advice.save()
    audit.record(by, "learning.advice_given", advice, gemeente=area_gemeente(session))
    return advice


def _lock(advice: Advice) -> Advice:
    """The advice row, locked (only it: the session's area is an outer join, which PostgreSQL will not lock)."""
    related = Advice.objects.select_related("session__programme", "session__gebied__kern__gemeente")
    return related.select_for_update(of=("self",)).get(pk=advice.pk)


@transaction.atomic
def take_advice(by, advice: Advice, *, plan_id: int, kind: str, title: str) -> Advice:
    """Add the advice to an action plan of the area's municipality; a second time adds nothing and keeps where it
    landed the first time. A plan of another municipality is refused and nothing is saved."""
    if kind not in TAKEN_AS:
        raise ValidationError({"kind": _("Choose: as an action or as a note.")})
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the action or note a short title.")})
    locked = _lock(advice)
    session = locked.session
    if not is_area_team(by, session):
        raise PermissionDenied
    if locked.status in TAKEN_STATUSES:
        return locked
    try:
        url = parts.take_into_plan(by, plan_id, kind, title, locked.text, gemeente=area_gemeente(session))
    except PermissionDenied:
        raise ValidationError({"plan": _("Choose an action plan of the area's municipality.")}) from None
    locked.status = TAKEN_AS[kind]
    locked.taken_url = url[:500]
    locked.taken_by = by
    locked.taken_at = timezone.now()
    locked.save(update_fields=["status", "taken_url", "taken_by", "taken_at"])
    audit.record(by, "learning.advice_taken", locked, gemeente=area_gemeente(session))
    return locked


@transaction.atomic
def set_aside(by, advice: Advice) -> Advice:
    """Set advice aside; advice already in a plan stays there (take it out of the plan itself)."""
    locked = _lock(advice)
    if not is_area_team(by, locked.session):
        raise PermissionDenied
    if locked.status in TAKEN_STATUSES or locked.status == AdviceStatus.TERZIJDE:
        return locked
    locked.status = AdviceStatus.TERZIJDE
    locked.taken_by = by
    locked.taken_at = timezone.now()
    locked.save(update_fields=["status", "taken_by", "taken_at"])
    audit.record(by, "learning.advice_set_aside", locked, gemeente=area_gemeente(locked.session))
    return locked
