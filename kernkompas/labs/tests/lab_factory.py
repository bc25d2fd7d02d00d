"""A lab to test with: Maasdijk's, with three lenses, open for notes (phase "verkennen")."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kernkompas.labs.actions import participation
from kernkompas.labs.models import Lab, Lens, Phase


def make_lab(gemeente, *, code: str = "K7PX3M", phase: str = Phase.VERKENNEN, dots: int = 3, **extra) -> Lab:
    lab = Lab.objects.create(
        gemeente=gemeente,
        title="Binnenstadslab Maasdijk",
        question="Hoe maken we het centrum van Maasdijk sterker?",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
        code=code,
        phase=phase,
        dots_per_participant=dots,
        **extra,
    )
    for order, (key, title) in enumerate([("wonen", "Wonen"), ("winkelen", "Winkelen"), ("kansen", "Kansen")]):
        Lens.objects.create(lab=lab, order=order, key=key, title=title, prompt=f"Wat vind je van {title.lower()}?")
    return lab


def join(lab: Lab, name: str = "Aïcha", role: str = "ondernemer"):
    participant, _ = participation.join(lab, name, role)
    return participant
