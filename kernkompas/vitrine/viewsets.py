"""Back-office screens for the Vitrine's editable vocabularies: themes, audiences and search synonyms.

Editors (redactie) and administrators maintain them; the permissions come from the role table in
kernkompas.accounts.backends, the policies are registered in wagtail_hooks.py. The scoped base
(accounts/viewsets.py) keeps the choosers and the screens about one word to the people who may see them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.actions import action_registry
from wagtail.snippets.views import snippets as snippet_views

from kernkompas.accounts.viewsets import ScopedSnippetViewSet
from kernkompas.vitrine.models import Audience, Synonym, Theme


class VocabularyViewSet(ScopedSnippetViewSet):
    """The vocabularies belong to no municipality: they keep Wagtail's own saving and deleting, which Wagtail
    logs in the history of each word."""

    delete_view_class = snippet_views.DeleteView
    add_to_reference_index = False

    def delete_instance(self, instance, *, by):
        action_registry.get_action_class(self.model, "delete")(instance, user=by).execute(skip_permission_checks=True)


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    menu_name = "themas"
    url_prefix = "vitrine/themas"
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "description"]
    form_fields = ["name", "slug", "description", "order"]


class AudienceViewSet(VocabularyViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    menu_name = "doelgroepen"
    url_prefix = "vitrine/doelgroepen"
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "order"]


class SynonymViewSet(VocabularyViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Search synonyms")
    menu_name = "synoniemen"
    url_prefix = "vitrine/synoniemen"
    list_display = ["term", "alternatives"]
    search_fields = ["term", "alternatives"]
    form_fields = ["term", "alternatives"]


class VitrineViewSetGroup(snippet_views.SnippetViewSetGroup):
    items = (ThemeViewSet, AudienceViewSet, SynonymViewSet)
    menu_label = _("Vitrine vocabularies")
    menu_name = "vitrine-woordenlijsten"
    menu_icon = "tag"
    menu_order = 210
