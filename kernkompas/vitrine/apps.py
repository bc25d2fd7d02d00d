from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class VitrineConfig(parts.PartConfig):
    name = "kernkompas.vitrine"
    label = "vitrine"
    verbose_name = _("Vitrine")
    url_prefix = "vitrine/"
    api_router = "kernkompas.vitrine.api.router"
    api_prefix = "/vitrine"
    sitemaps = "kernkompas.vitrine.sitemaps.SITEMAPS"
    demo_loader = "kernkompas.vitrine.demo.load_demo_cases"
    demo_order = 10
    place_panels = "kernkompas.vitrine.connections.place_panels"
    case_finder = "kernkompas.vitrine.connections.find_cases"
    cases_by_ids = "kernkompas.vitrine.connections.cases_by_ids"
    case_search = "kernkompas.vitrine.connections.search_cases"
    case_choices = "kernkompas.vitrine.connections.case_choices"

    def ready(self):
        # import here: both read the models, which exist only once the apps are ready; importing them registers
        # the Vitrine's signal receivers, its personal data, the names of its audit actions and the visit hook that
        # counts the views of case pages answered from the page cache.
        from kernkompas.vitrine import personal_data, signals, views  # noqa: F401
        from kernkompas.vitrine.actions import labels, view_counts  # noqa: F401
        from kernkompas.vitrine.models import VitrineIndexPage

        # The editor's preview of the index page draws the list too (Wagtail previews through serve_preview, which no
        # serving hook reaches).
        VitrineIndexPage.list_view = staticmethod(views.case_list)

        post_migrate.connect(_ensure_index, sender=self)

    # --- Stedelijk leren (issue 14): digest ---
    digest_sections = "kernkompas.vitrine.digest_links.digest_sections"
    # Stedelijk leren (issue 14): what a quarterly newsletter may announce.
    recent_cases = "kernkompas.vitrine.learning_links.recent_cases"


def _ensure_index(sender, using="default", **kwargs):
    # Create the /vitrine/ page once the page tree exists (after Wagtail's own initial data).
    # import here: apps.py is imported while the apps load, before the models that the actions use exist.
    from kernkompas.vitrine.actions.editorial import ensure_editorial_workflow, ensure_vitrine_index

    if using == "default":
        ensure_vitrine_index()
        # The editors' group and the review workflow on /vitrine/ (needs the index page).
        ensure_editorial_workflow()
