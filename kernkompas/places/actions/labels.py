"""Readable names of the actions places writes to the audit log (see :func:`kernkompas.core.audit.describe_actions`)."""

from django.utils.translation import gettext_lazy as _

from kernkompas.core import audit
from kernkompas.places.actions.back_office import VERBS, action_name
from kernkompas.places.actions.import_write import CATEGORIES
from kernkompas.places.models import Country, Gebied, Gemeente, Kern, Province, Regio

audit.describe_actions(
    {
        "places.imported": _("imported reference data"),
        "places.osm_imported": _("imported OpenStreetMap boundaries as municipalities"),
        **{
            action_name(model, verb): audit.object_action_label(model, verb)
            for model in (Country, Province, Gemeente, Kern, Gebied, Regio)
            for verb in VERBS
        },
    }
)

audit.describe_details(
    {
        "files": _("files"),
        "format": _("file format"),
        "counts": _("numbers"),
        "totals": _("in total"),
        **CATEGORIES,
    }
)
