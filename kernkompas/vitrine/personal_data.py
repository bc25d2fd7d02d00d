from kernkompas.core import personal_data
from kernkompas.vitrine.models import CaseCollection, CasePage, SavedSearch, ThemeFollow

personal_data.register(ThemeFollow, owner="user", fields=("theme_id", "created_at"))
personal_data.register(CaseCollection, owner="user", fields=("name", "share_token", "created_at"))
personal_data.register(
    SavedSearch, owner="user", fields=("name", "query_string", "alerts", "created_at", "last_sent_at")
)


SUBMITTER_FIELDS = {"submitter_name": "", "submitter_email": "", "submitter_user": None}


def _anonymise_submitters(queryset) -> int:
    # The case stays (editors may have published it); who sent it in does not, in the page nor in its revisions.
    from wagtail.models import Revision

    ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
    for revision in Revision.objects.page_revisions().filter(object_id__in=ids):
        if any(revision.content.get(name) for name in SUBMITTER_FIELDS):
            revision.content.update(SUBMITTER_FIELDS)
            revision.save(update_fields=["content"])
    return queryset.update(**SUBMITTER_FIELDS)


# The submitter of a "Deel je voorbeeld" case (helper "personal"): only the editors ever see these fields.
personal_data.register(
    CasePage,
    owner="submitter_user",
    fields=("title", "submitter_name", "submitter_email"),
    erase="anonymise",
    anonymise=_anonymise_submitters,
)
