from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class MonitorConfig(parts.PartConfig):
    name = "kernkompas.monitor"
    label = "monitor"
    verbose_name = _("Kernmonitor")
    url_prefix = "monitor/"
    api_router = "kernkompas.monitor.api.router"
    api_prefix = "/monitor"
    demo_loader = "kernkompas.monitor.demo.load_demo_monitor"
    demo_order = 20
    workspace_panels = "kernkompas.monitor.workspace.panels"
    place_panels = "kernkompas.monitor.place_panels.panels"
    theme_indicators = "kernkompas.monitor.theme_links.indicators_for_themes"
    core_unit_counts = "kernkompas.monitor.core_units.core_unit_counts"
    core_footfall = "kernkompas.monitor.core_units.core_footfall"
    area_links = "kernkompas.monitor.links.area_links"
    indicator_catalogue = "kernkompas.monitor.plan_links.indicator_catalogue"
    indicator_values = "kernkompas.monitor.plan_links.indicator_values"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        from kernkompas.monitor import personal_data  # noqa: F401
        from kernkompas.monitor.actions import labels  # noqa: F401  (names its audit actions)

        post_migrate.connect(_ensure_taxonomy, sender=self)


def _ensure_taxonomy(sender, using="default", **kwargs):
    # import here: this module is loaded before the models, and the taxonomy's actions need them.
    from kernkompas.monitor.actions.taxonomy import ensure_default_taxonomy

    if using == "default":
        ensure_default_taxonomy()
