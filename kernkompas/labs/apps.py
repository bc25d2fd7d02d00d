from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class LabsConfig(parts.PartConfig):
    name = "kernkompas.labs"
    label = "labs"
    verbose_name = _("Binnenstadslab")
    url_prefix = "binnenstadslab/"
    demo_loader = "kernkompas.labs.demo.load_demo"
    demo_order = 40
    workspace_panels = "kernkompas.labs.workspace.panels"
    place_panels = "kernkompas.labs.place_panels.panels"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        from kernkompas.labs import personal_data  # noqa: F401
        from kernkompas.labs.actions import back_office  # noqa: F401  (names its audit actions)
