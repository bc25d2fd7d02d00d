from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class LabsConfig(parts.PartConfig):
    name = "kernkompas.labs"
    label = "labs"
    verbose_name = _("Binnenstadslab")
    url_prefix = "binnenstadslab/"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        from kernkompas.labs.actions import plan_labels  # noqa: F401  (names the plan's audit actions)
