"""Named operations on a member's saved searches: each owns its transaction and writes the audit log, and acts
only for the search's owner (:mod:`.ownership`). :mod:`.alerts` sends what they ask for.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.vitrine.actions.ownership import check_owner
from kernkompas.vitrine.models import SavedSearch


def clean_query_string(query_string: str) -> str:
    """A list query string as it is worth saving: without the leading '?' and without the page number."""
    params = QueryDict((query_string or "").lstrip("?"), mutable=True)
    params.pop("page", None)
    return params.urlencode()[:1000]


def save_search(user, name: str, query_string: str, *, alerts: bool = True):
    name = " ".join((name or "").split())[:120]
    if not name:
        raise ValidationError({"name": _("Give the search a name.")})
    with transaction.atomic():
        search = SavedSearch.objects.create(
            user=user, name=name, query_string=clean_query_string(query_string), alerts=alerts
        )
        audit.record(user, "vitrine.search_saved", search, label=f"saved search #{search.pk}")
    return search


def delete_saved_search(search, *, by) -> None:
    check_owner(search, by)
    with transaction.atomic():
        audit.record(by, "vitrine.search_deleted", search, label=f"saved search #{search.pk}")
        search.delete()


def set_search_alerts(search, alerts: bool, *, by):
    """Switch e-mail alerts on or off. Switching on starts from now: no flood of old cases."""
    check_owner(search, by)
    if search.alerts == alerts:
        return search
    search.alerts = alerts
    fields = ["alerts"]
    if alerts:
        search.last_sent_at = timezone.now()
        fields.append("last_sent_at")
    with transaction.atomic():
        search.save(update_fields=fields)
        audit.record(
            by, "vitrine.search_alerts_changed", search, label=f"saved search #{search.pk}", changes={"alerts": alerts}
        )
    return search
