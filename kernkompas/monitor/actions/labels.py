"""Readable names of the actions the Kernmonitor writes to the audit log (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit
from kernkompas.monitor.actions.back_office import VERBS, action_name
from kernkompas.monitor.indicator_catalogue import INDICATORS
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


def _indicator_name(code):
    indicator = INDICATORS.get(code)
    return indicator.label if indicator else code


audit.describe_details(
    {
        "count_date": _("count date"),
        "count_created": _("new count"),
        "states_removed": _("units no longer in the count"),
        "units_created": _("units new to the register"),
        "links": _("links to earlier units"),
        "owner_contacts": _("owner contacts"),
        "threshold_crossings": _("thresholds crossed"),
        "points_created": _("new counting points"),
        "indicator": (_("indicator"), _indicator_name),
        "value": _("value"),
        "active": _("active"),
        "recomputed": _("areas recomputed"),
    }
)
