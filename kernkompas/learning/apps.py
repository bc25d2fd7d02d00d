from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class LearningConfig(parts.PartConfig):
    name = "kernkompas.learning"
    label = "learning"
    verbose_name = _("Urban learning")
    url_prefix = "leren/"
    demo_order = 50

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        import kernkompas.learning.digest  # noqa: F401  (it notes when a session is first published)
        from kernkompas.learning import personal_data  # noqa: F401
        from kernkompas.learning.actions import labels  # noqa: F401  (it names the audit actions)

    workspace_panels = "kernkompas.learning.workspace.panels"
    # --- Stedelijk leren (issue 14): digest ---
    digest_sections = "kernkompas.learning.digest.learning_sections"
    digest_takes_over = "kernkompas.learning.digest.takes_over"
    # --- Stedelijk leren (issue 14): demo ---
    demo_loader = "kernkompas.learning.demo.load_demo"
    place_panels = "kernkompas.learning.place_panels.panels"
