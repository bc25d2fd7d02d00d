"""What a part puts on a municipality's workspace (``/werkplek/<gemeente>/``): panels.

A part names a function ``panels(request, gemeente)`` in its ``PartConfig.workspace_panels``
(:mod:`kernkompas.core.parts`); the site collects the panels of every part and draws each with its own template,
so that a new part (the Kern-DNA) adds its panel without the site knowing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class NextStep:
    """Something still to do when a part is empty ("Maak je eerste gebied"), with where to do it."""

    label: str
    url: str
    explanation: str = ""


@dataclass
class Panel:
    """One box on the workspace: a heading, a template that draws it, and what the template needs."""

    key: str  # stable identifier, also the id of the heading ("workspace-<key>")
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    next_steps: list[NextStep] = field(default_factory=list)
    order: int = 100
