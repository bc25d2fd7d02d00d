"""Personal data in Stedelijk leren. See kernkompas/core/personal_data.py.

- **Registrations** hold a name, an e-mail address and an organisation (visitors without an account) or a link to
  the member's account: found by address, name or account, deleted (a session's attendance counts stay correct for
  the sessions already held, since a deleted registration no longer counts for anything).
- **Subscribers** of the newsletter hold an address and a name: found by address, deleted with their deliveries.
- **Theme suggestions** and their **support** name accounts: a suggestion stays (its text is about a theme, not a
  person) and is erased by deleting it with its author's account (``on_delete=CASCADE``); support is deleted.
- **Advice** in an intervision names its author and organisation: found by account and name, the text is free text
  and may name someone; erased by blanking the name and organisation and clearing the account (the advice itself
  may already be part of an action plan).
- **Digest preferences** belong to an account: found through it, deleted.
"""

from kernkompas.core import personal_data
from kernkompas.learning.models import (
    Advice,
    DigestPreference,
    LearningTheme,
    Newsletter,
    Programme,
    Registration,
    Session,
    Subscriber,
    SuggestionSupport,
    ThemeFramework,
    ThemeSuggestion,
)

personal_data.not_personal(ThemeFramework, "name", reason="the name of a set of themes (“Stuurwiel CMA”)")
personal_data.not_personal(LearningTheme, "name", reason="the name of a theme (“Aanpak leegstand”)")
for model in (Programme, Session, Newsletter):
    personal_data.not_personal(
        model, "created_by", reason="a link to the staff account that made it, cleared when that account goes"
    )

personal_data.register(
    Registration,
    user="user",
    email=("email",),
    name=("name",),
    fields=("name", "email", "organisation", "status", "created_at", "attended"),
    gemeente="session__programme__gemeente",
)
personal_data.register(
    Subscriber, user="user", email=("email",), name=("name",), fields=("email", "name", "status", "created_at")
)
personal_data.register(
    ThemeSuggestion, user="author", text=("title", "description"), fields=("title", "description", "created_at")
)
personal_data.register(SuggestionSupport, user="user", fields=("suggestion_id", "created_at"))
personal_data.register(
    Advice,
    user="author",
    name=("author_name",),
    text=("text",),
    fields=("author_name", "organisation", "text", "created_at"),
    gemeente="session__programme__gemeente",
    erase={"author": None, "author_name": "", "organisation": ""},
)
personal_data.not_personal(
    Advice, "taken_by", reason="a link to the staff account that took the advice into a plan, cleared when it goes"
)
personal_data.register(DigestPreference, user="user", fields=("frequency", "created_at"))
