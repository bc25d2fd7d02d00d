"""Personal data in accounts: the account itself and its roles. See kernkompas/core/personal_data.py."""

from kernkompas.accounts.models import Invitation, Membership, Organisation, User
from kernkompas.core import personal_data

personal_data.register(
    User,
    user="pk",
    fields=(
        "username",
        "email",
        "first_name",
        "last_name",
        "member_type",
        "home_gemeente_id",
        "interests",
        "organisation_name",
        "date_joined",
        "last_login",
    ),
)
personal_data.register(Membership, user="user", fields=("role", "gemeente_id", "organisation_id", "created_at"))

# An invitation is about the invited address (before and after the account exists) and, once accepted, the account.
personal_data.register(
    Invitation,
    email=("email",),
    user="accepted_by",
    gemeente="gemeente",
    fields=("email", "role", "gemeente_id", "created_at", "expires_at", "accepted_at", "revoked_at"),
)

personal_data.not_personal(
    Invitation, "invited_by", reason="who sent the invitation: a link to a staff account, cleared when it goes"
)
personal_data.not_personal(
    Membership, "granted_by", reason="who gave the role: a link to a staff account, cleared when that account goes"
)
personal_data.not_personal(Organisation, "name", reason="the name of an organisation (a municipality, a bureau)")
