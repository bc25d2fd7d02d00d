from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kernkompas.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from kernkompas.core import checks  # noqa: F401  (registers the system checks)
