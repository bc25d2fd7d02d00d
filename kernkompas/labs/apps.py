from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class LabsConfig(parts.PartConfig):
    name = "kernkompas.labs"
    label = "labs"
    verbose_name = _("Binnenstadslab")
    url_prefix = "binnenstadslab/"
    api_router = "kernkompas.labs.api.router"
    api_prefix = "/labs"
    demo_loader = "kernkompas.labs.demo.load_demo"
    demo_order = 40
    workspace_panels = "kernkompas.labs.workspace.panels"
    place_panels = "kernkompas.labs.place_panels.panels"
    indicator_targets = "kernkompas.labs.targets.indicator_targets"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        from kernkompas.labs import personal_data  # noqa: F401
        from kernkompas.labs.actions import (  # noqa: F401  (they name the audit actions)
            back_office,
            labels,
        )

    # Stedelijk leren (issue 14): an intervision's case material and its advice taken into a plan.
    place_plans = "kernkompas.labs.learning_links.place_plans"
    take_into_plan = "kernkompas.labs.learning_links.take_into_plan"
    # --- Stedelijk leren (issue 14): digest ---
    digest_sections = "kernkompas.labs.digest_links.digest_sections"
    # Stedelijk leren (issue 14): what a quarterly newsletter may announce.
    recent_plans = "kernkompas.labs.newsletter_links.recent_plans"
