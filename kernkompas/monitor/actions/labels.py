"""Readable names of the actions the Kernmonitor writes to the audit log (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit
from kernkompas.monitor.actions.back_office import VERBS, action_name
from kernkompas.monitor.models import (
    Branch,
    BranchAlias,
    CounterToken,
    CountingPoint,
    FunctionGroup,
    OwnerContact,
    Threshold,
)

audit.describe_actions(
    {
        "monitor.import_units": _("imported a count of units"),
        "monitor.import_footfall": _("imported footfall"),
        "monitor.import_undone": _("undid the last import of a count"),
        "monitor.footfall_posted": _("footfall posted by a counter"),
        "monitor.area_published": _("made a dashboard public"),
        "monitor.area_unpublished": _("made a dashboard private"),
        "monitor.counter_token_created": _("made a counter key"),
        "monitor.counter_token_revoked": _("revoked a counter key"),
        "monitor.threshold_created": _("set a threshold"),
        "monitor.threshold_changed": _("changed a threshold"),
        "monitor.branch_alias_saved": _("chose what a name in an imported file means"),
        **{
            action_name(model, verb): audit.object_action_label(model, verb)
            for model in (FunctionGroup, Branch, BranchAlias, CountingPoint, Threshold, OwnerContact, CounterToken)
            for verb in VERBS
            if action_name(model, verb) not in ("monitor.threshold_created", "monitor.threshold_changed")
        },
    }
)
