"""Readable names of the actions the area approach and the action plan write to the audit log (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit

audit.describe_actions(
    {
        "labs.approach_saved": _("saved the approach of an area"),
        "labs.stakeholder_added": _("added a stakeholder to an area"),
        "labs.stakeholder_changed": _("changed a stakeholder of an area"),
        "labs.stakeholder_removed": _("removed a stakeholder from an area"),
        "labs.opgave_added": _("added a task to an area"),
        "labs.opgave_changed": _("changed a task of an area"),
        "labs.opgave_removed": _("removed a task from an area"),
        "labs.plan_created": _("created an action plan"),
        "labs.plan_changed": _("changed an action plan"),
        "labs.plan_published": _("made an action plan public"),
        "labs.plan_unpublished": _("made an action plan private"),
        "labs.bottleneck_added": _("added a bottleneck to an action plan"),
        "labs.bottleneck_changed": _("changed a bottleneck of an action plan"),
        "labs.bottleneck_moved": _("moved a bottleneck of an action plan"),
        "labs.bottleneck_removed": _("removed a bottleneck from an action plan"),
        "labs.goal_added": _("added a goal to an action plan"),
        "labs.goal_changed": _("changed a goal of an action plan"),
        "labs.goal_moved": _("moved a goal of an action plan"),
        "labs.goal_removed": _("removed a goal from an action plan"),
        "labs.party_added": _("added a party to an action plan"),
        "labs.party_changed": _("changed a party of an action plan"),
        "labs.party_removed": _("removed a party from an action plan"),
        "labs.role_added": _("added a municipal role"),
        "labs.role_renamed": _("renamed a municipal role"),
        "labs.action_added": _("added an action to an action plan"),
        "labs.action_changed": _("changed an action of an action plan"),
        "labs.action_moved": _("moved an action of an action plan"),
        "labs.action_removed": _("removed an action from an action plan"),
        "labs.progress_removed": _("removed a progress update of an action"),
    }
)
