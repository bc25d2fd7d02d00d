"""The case material of an intervision and who may see it.

An intervision session puts one area (``Session.gebied``) at its centre. Its municipality decides what it shares
(``share_dashboard``, ``share_dna``, ``share_plan``); the other parts give it through the registry:

- the area's key figures (``parts.place_figures``): the public ones always (they are on the public dashboard
  anyway), the private ones only when the municipality shares its dashboard;
- the published DNA of the area's core (``parts.place_dna``);
- the municipality's action plans for that core (``parts.place_plans``), unpublished ones included, since sharing
  the plan in this session is the municipality's decision.

Who sees the material and may advise (the registration link of a guest is not enough: keep it simple and safe):
members registered for the session (status "registered", by their account), the staff who run the programme, the
staff of the area's municipality, and editors. The area's *team* (staff of the area's municipality and
administrators) takes advice into its action plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kernkompas.accounts import permissions
from kernkompas.core import parts
from kernkompas.learning import access
from kernkompas.learning.models import RegistrationStatus, Session, SessionKind


@dataclass
class CaseMaterial:
    figures: parts.PlaceFigures | None = None
    figures_private: bool = False  # the private figures are included
    dna: parts.DnaSummary | None = None
    plans: list[parts.PlanSummary] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.figures is None and self.dna is None and not self.plans


def is_intervision(session: Session) -> bool:
    return session.kind == SessionKind.INTERVISIE and session.gebied_id is not None


def area_gemeente(session: Session):
    """The municipality of the area at the centre (None when the session has no area)."""
    return session.gebied.kern.gemeente if session.gebied_id else None


def is_registered(user, session: Session) -> bool:
    if not user.is_authenticated:
        return False
    return session.registrations.filter(user=user, status=RegistrationStatus.INGESCHREVEN).exists()


def is_area_team(user, session: Session) -> bool:
    """Staff (and facilitators) of the area's municipality, and administrators: they change its action plans."""
    return is_intervision(session) and permissions.can_manage_gemeente(user, area_gemeente(session))


def may_see(user, session: Session) -> bool:
    """Whether the user sees the case material and the advice (and may advise while advice is open)."""
    if not user.is_authenticated or not is_intervision(session):
        return False
    return (
        permissions.is_redactie(user)
        or access.can_run_programme(user, session.programme)
        or is_area_team(user, session)
        or is_registered(user, session)
    )


def case_material(session: Session) -> CaseMaterial:
    """What the area's municipality shares in this session."""
    gebied = session.gebied
    kern = gebied.kern
    material = CaseMaterial()
    include_private = session.share_dashboard
    material.figures = parts.place_figures([gebied], include_private=include_private).get(parts.place_key(gebied))
    material.figures_private = include_private
    if session.share_dna:
        material.dna = parts.place_dna([kern]).get(kern.pk)
    if session.share_plan:
        material.plans = parts.place_plans(kern.gemeente, kern, gebied, include_unpublished=True)
    return material
