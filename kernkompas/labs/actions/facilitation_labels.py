"""Readable names of the actions a lab's facilitator writes to the audit log (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit

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
