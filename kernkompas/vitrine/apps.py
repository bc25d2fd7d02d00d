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

    def ready(self):
        from django.db.models.signals import post_migrate

        from kernkompas.vitrine import personal_data, signals  # noqa: F401

        post_migrate.connect(_ensure_index, sender=self)


def _ensure_index(sender, using="default", **kwargs):
    # Create the /vitrine/ page once the page tree exists (after Wagtail's own initial data).
    from kernkompas.vitrine.operations import ensure_editorial_workflow, ensure_vitrine_index

    if using == "default":
        ensure_vitrine_index()
        # The editors' group and the review workflow on /vitrine/ (needs the index page).
        ensure_editorial_workflow()
