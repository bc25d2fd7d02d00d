"""Readable names of the actions the Vitrine writes to the audit log (see
:func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit

audit.describe_actions(
    {
        "vitrine.case_submitted": _("sent in a case"),
        "vitrine.alerts_sent": _("sent alerts for saved searches"),
        "vitrine.collection_created": _("made a collection"),
        "vitrine.collection_renamed": _("renamed a collection"),
        "vitrine.collection_deleted": _("deleted a collection"),
        "vitrine.collection_shared": _("shared a collection"),
        "vitrine.collection_unshared": _("stopped sharing a collection"),
        "vitrine.collection_item_added": _("added a case to a collection"),
        "vitrine.collection_item_removed": _("removed a case from a collection"),
        "vitrine.search_saved": _("saved a search"),
        "vitrine.search_alerts_changed": _("changed the alerts of a saved search"),
        "vitrine.search_deleted": _("deleted a saved search"),
        "vitrine.theme_followed": _("followed a theme"),
        "vitrine.theme_unfollowed": _("stopped following a theme"),
    }
)

audit.describe_details(
    {
        "page_id": _("case number"),
        "alerts": _("e-mail alerts"),
        "searches": _("saved searches"),
        "cases": _("cases"),
    }
)
