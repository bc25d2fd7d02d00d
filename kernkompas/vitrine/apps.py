from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VitrineConfig(AppConfig):
    name = "kernkompas.vitrine"
    label = "vitrine"
    verbose_name = _("Vitrine")

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
