"""Back-office screens for the Vitrine's editable vocabularies: themes, audiences and search synonyms.

Editors (redactie) and administrators maintain them; the permissions come from the role table in
kernkompas.accounts.backends, the policies are registered in wagtail_hooks.py.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.vitrine.models import Audience, Synonym, Theme


class ThemeViewSet(snippet_views.SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    menu_name = "themas"
    url_prefix = "vitrine/themas"
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "description"]
    search_backend_name = None
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["name", "slug", "description", "order"]


class AudienceViewSet(snippet_views.SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    menu_name = "doelgroepen"
    url_prefix = "vitrine/doelgroepen"
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    search_backend_name = None
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["name", "slug", "order"]


class SynonymViewSet(snippet_views.SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Search synonyms")
    menu_name = "synoniemen"
    url_prefix = "vitrine/synoniemen"
    list_display = ["term", "alternatives"]
    search_fields = ["term", "alternatives"]
    search_backend_name = None
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["term", "alternatives"]


class VitrineViewSetGroup(snippet_views.SnippetViewSetGroup):
    items = (ThemeViewSet, AudienceViewSet, SynonymViewSet)
    menu_label = _("Vitrine vocabularies")
    menu_name = "vitrine-woordenlijsten"
    menu_icon = "tag"
    menu_order = 210
