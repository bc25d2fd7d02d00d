from kernkompas.accounts.models import Membership, User
from kernkompas.core import personal_data
from kernkompas.core.models import AuditEvent


def _anonymise_audit(queryset) -> int:
    # The log must keep saying that a change happened; it stops saying by whom.
    return queryset.update(actor=None, actor_label="verwijderde gebruiker")


personal_data.register(
    User,
    owner="pk",
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
personal_data.register(Membership, owner="user", fields=("role", "gemeente_id", "organisation_id", "created_at"))
personal_data.register(
    AuditEvent,
    owner="actor",
    fields=("created_at", "action", "target_label"),
    erase="anonymise",
    anonymise=_anonymise_audit,
)
