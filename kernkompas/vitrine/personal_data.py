"""Personal data in the Vitrine. See kernkompas/core/personal_data.py.

A member's follows, collections and saved searches are theirs. A case keeps who sent it in through "Deel je
voorbeeld" (with or without an account): found by account, e-mail address or exact name, and on erasure the case
stays (editors may have published it) without its submitter, on the page and in every revision. The contact person
a case names, as they agreed to be shown, is found by name or address in that text and erased with it.
"""

from kernkompas.core import personal_data
from kernkompas.vitrine.models import (
    Audience,
    CaseCollection,
    CasePage,
    SavedSearch,
    Theme,
    ThemeFollow,
)

personal_data.register(ThemeFollow, user="user", fields=("theme_id", "created_at"))
personal_data.register(CaseCollection, user="user", fields=("name", "share_token", "created_at"))
personal_data.register(
    SavedSearch, user="user", fields=("name", "query_string", "alerts", "created_at", "last_sent_at")
)
personal_data.register(
    CasePage,
    user="submitter_user",
    email=("submitter_email",),
    name=("submitter_name",),
    fields=("title", "submitter_name", "submitter_email", "submitter_organisation"),
    erase={"submitter_name": "", "submitter_email": "", "submitter_organisation": "", "submitter_user": None},
)
personal_data.register(CasePage, text=("contact",), fields=("title", "contact"), erase={"contact": ""})

personal_data.not_personal(Theme, "name", reason="the name of a theme")
personal_data.not_personal(Audience, "name", reason="the name of an audience (lokale besturen, ondernemers)")
personal_data.not_personal(CasePage, "place_name", reason="the town or area where a case happened")
