"""Readable names of the Binnenstadslab's audit actions and change details (see
:func:`kernkompas.core.audit.describe_actions`); the back office's own are in ``back_office.py``."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit
from kernkompas.labs.models import ActionStatus

# --- The lab and its facilitator ---

audit.describe_actions(
    {
        "labs.lab_created": _("prepared a Binnenstadslab"),
        "labs.lab_changed": _("changed a Binnenstadslab"),
        "labs.lens_added": _("added a lens to a lab's canvas"),
        "labs.lens_changed": _("changed a lens of a lab's canvas"),
        "labs.lens_moved": _("moved a lens of a lab's canvas"),
        "labs.lens_removed": _("removed a lens from a lab's canvas"),
        "labs.phase_changed": _("moved a lab to another phase"),
        "labs.timer_started": _("started a lab's timer"),
        "labs.timer_stopped": _("stopped a lab's timer"),
        "labs.voting_opened": _("opened the dot-voting of a lab"),
        "labs.voting_closed": _("closed the dot-voting of a lab"),
        "labs.cluster_made": _("made a cluster of notes"),
        "labs.cluster_renamed": _("renamed a cluster of notes"),
        "labs.cluster_removed": _("removed a cluster of notes"),
        "labs.note_moved": _("moved a note to another cluster"),
        "labs.notes_merged": _("merged two notes"),
        "labs.note_hidden": _("hid a note in a lab"),
        "labs.note_shown": _("showed a hidden note again"),
        "labs.participant_blocked": _("blocked a participant of a lab"),
        "labs.decision_added": _("added an agreement to a lab"),
        "labs.decision_removed": _("removed an agreement from a lab"),
        "labs.template_created": _("made a canvas template"),
        "labs.template_changed": _("changed a canvas template"),
    }
)


# --- The report and carrying a lab into a plan ---

audit.describe_actions(
    {
        "labs.report_published": _("made the report of a lab public"),
        "labs.report_unpublished": _("made the report of a lab private"),
        "labs.plan_created_from_lab": _("started an action plan from a lab"),
        "labs.lab_carried_into_plan": _("carried results of a lab into an action plan"),
    }
)


# --- The area approach and the action plan ---

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


# --- Outside parties and progress ---

# --- planpublic: outside parties and progress ---
audit.describe_actions(
    {
        "labs.plan_invitation_sent": _("invited someone of a party to an action plan"),
        "labs.plan_invitation_revoked": _("withdrew an invitation to an action plan"),
        "labs.plan_invitation_accepted": _("accepted an invitation to an action plan"),
        "labs.progress_reported": _("reported the progress of an action"),
    }
)
audit.describe_details(
    {
        "plan_party": _("party of the plan"),
        "plan_action": _("action of the plan"),
        "progress_date": _("date of the progress"),
        "action_status": (
            _("status of the action"),
            lambda code: str(dict(ActionStatus.choices).get(code, code)),
        ),
    }
)
