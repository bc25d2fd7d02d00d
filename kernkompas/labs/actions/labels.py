"""Readable names of the actions the Binnenstadslab writes to the audit log (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit
from kernkompas.labs.models import ActionStatus

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
