from kernkompas.core import personal_data
from kernkompas.vitrine.models import CaseCollection, SavedSearch, ThemeFollow

personal_data.register(ThemeFollow, owner="user", fields=("theme_id", "created_at"))
personal_data.register(CaseCollection, owner="user", fields=("name", "share_token", "created_at"))
personal_data.register(
    SavedSearch, owner="user", fields=("name", "query_string", "alerts", "created_at", "last_sent_at")
)
