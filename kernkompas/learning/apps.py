from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class LearningConfig(parts.PartConfig):
    name = "kernkompas.learning"
    label = "learning"
    verbose_name = _("Urban learning")
    url_prefix = "leren/"
    demo_loader = "kernkompas.learning.demo.load_demo"
    demo_order = 50
    workspace_panels = "kernkompas.learning.workspace.panels"
    place_panels = "kernkompas.learning.place_panels.panels"
    # The personal digest: learning's own sections, and the members whose digest takes over the Vitrine's alerts.
    digest_sections = "kernkompas.learning.digest.learning_sections"
    digest_takes_over = "kernkompas.learning.digest.takes_over"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        import kernkompas.learning.digest  # noqa: F401  (it notes when a session is first published)
        from kernkompas.learning import personal_data  # noqa: F401
        from kernkompas.learning.actions import labels  # noqa: F401  (it names the audit actions)
