"""Back-office panels of a case that are more than a field: what a submitted case still needs before it teaches."""

from __future__ import annotations

from wagtail.admin.panels import Panel

# The parts of a case that "Deel je voorbeeld" does not ask (or leaves optional); an editor completes them.
# Each name is a field of CasePage; its label is the field's own verbose name, so it reads as in the form below.
TO_COMPLETE = (
    "hero_image",
    "context",
    "results",
    "key_figures",
    "learnings",
    "tips",
    "dos",
    "donts",
    "cost_class",
    "duration",
    "partners",
    "contact",
    "sources",
)


def still_to_complete(case) -> list[str]:
    """The labels of the teaching parts a case sent in by a visitor has empty. Nothing for an editor's own case."""
    if not (case.submitter_name or case.submitter_email or case.submitter_user_id):
        return []
    return [str(case._meta.get_field(name).verbose_name) for name in TO_COMPLETE if not _filled(case, name)]


def _filled(case, name: str) -> bool:
    value = getattr(case, name)
    if hasattr(value, "raw_data"):  # a stream field
        return len(value) > 0
    return bool(value)


class StillToCompletePanel(Panel):
    """At the top of a submitted case in the back office: which parts are still empty. Approval does not wait for
    them (every field it requires the form asked); the list says what would make the case teach more."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "vitrine/admin/still_to_complete.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.missing = still_to_complete(self.instance) if self.instance is not None else []

        def is_shown(self):
            return bool(self.missing)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["missing"] = self.missing
            return context
