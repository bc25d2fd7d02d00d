"""Readable names of the actions accounts writes to the audit log (:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.accounts.models import Role
from kernkompas.core import audit

audit.describe_actions(
    {
        "account.registered": _("signed up"),
        "account.profile_changed": _("changed profile"),
        "membership.granted": _("gave a role"),
        "membership.revoked": _("took a role away"),
        "invitation.sent": _("sent an invitation"),
        "invitation.resent": _("sent an invitation again"),
        "invitation.revoked": _("withdrew an invitation"),
        "invitation.accepted": _("accepted an invitation"),
    }
)

audit.describe_details(
    {
        "user_id": _("account number"),
        "role": (_("role"), lambda code: dict(Role.choices).get(code, code)),
    }
)
