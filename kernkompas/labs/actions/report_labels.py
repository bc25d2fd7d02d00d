"""Readable names of the audit actions of the lab report and of carrying a lab into a plan (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit

audit.describe_actions(
    {
        "labs.report_published": _("made the report of a lab public"),
        "labs.report_unpublished": _("made the report of a lab private"),
        "labs.plan_created_from_lab": _("started an action plan from a lab"),
        "labs.lab_carried_into_plan": _("carried results of a lab into an action plan"),
    }
)
