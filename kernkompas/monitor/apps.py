from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "kernkompas.monitor"
    label = "monitor"
    verbose_name = _("Kernmonitor")

    def ready(self):
        from django.db.models.signals import post_migrate

        from kernkompas.monitor import personal_data  # noqa: F401

        post_migrate.connect(_ensure_taxonomy, sender=self)


def _ensure_taxonomy(sender, using="default", **kwargs):
    from kernkompas.monitor.taxonomy import ensure_default_taxonomy

    if using == "default":
        ensure_default_taxonomy()
