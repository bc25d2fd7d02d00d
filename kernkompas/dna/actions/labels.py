"""Readable names of the actions the Kern-DNA writes to the audit log (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit

audit.describe_actions(
    {
        "dna.trajectory_started": _("started a DNA trajectory"),
        "dna.trajectory_changed": _("changed a DNA trajectory"),
        "dna.trajectory_published": _("made a DNA trajectory public"),
        "dna.trajectory_unpublished": _("made a DNA trajectory private"),
        "dna.step_added": _("added a step to a DNA trajectory"),
        "dna.step_changed": _("changed a step of a DNA trajectory"),
        "dna.step_moved": _("moved a step of a DNA trajectory"),
        "dna.step_removed": _("removed a step from a DNA trajectory"),
        "dna.attachment_added": _("added an attachment to a step of a DNA trajectory"),
        "dna.attachment_changed": _("changed an attachment of a step of a DNA trajectory"),
        "dna.attachment_removed": _("removed an attachment from a step of a DNA trajectory"),
        "dna.figures_measured": _("measured the DNA figures of a core"),
        "dna.version_created": _("started a new version of a DNA"),
        "dna.version_saved": _("saved the building blocks of a DNA"),
        "dna.version_published": _("published a version of a DNA"),
        "dna.photo_added": _("added a photo to a building block"),
        "dna.photo_removed": _("removed a photo from a building block"),
        "dna.idea_added": _("added an idea to a building block"),
        "dna.idea_changed": _("changed an idea of a building block"),
        "dna.idea_moved": _("moved an idea of a building block"),
        "dna.idea_removed": _("removed an idea from a building block"),
        "dna.survey_created": _("created a DNA survey"),
        "dna.survey_changed": _("changed a DNA survey"),
        "dna.survey_opened": _("opened a DNA survey"),
        "dna.survey_closed": _("closed a DNA survey"),
        "dna.survey_link_renewed": _("renewed the link of a DNA survey"),
        "dna.survey_results_published": _("made the results of a DNA survey public"),
        "dna.survey_results_unpublished": _("made the results of a DNA survey private"),
    }
)
