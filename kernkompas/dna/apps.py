from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class DnaConfig(parts.PartConfig):
    name = "kernkompas.dna"
    label = "dna"
    verbose_name = _("Kern-DNA")
    url_prefix = "dna/"
    api_router = "kernkompas.dna.api.router"
    api_prefix = "/dna"
    sitemaps = "kernkompas.dna.sitemaps.SITEMAPS"
    demo_loader = "kernkompas.dna.demo.load_demo"
    demo_order = 30
    workspace_panels = "kernkompas.dna.workspace.panels"
    place_panels = "kernkompas.dna.place_panels.panels"
    place_dna = "kernkompas.dna.place_dna.place_dna"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        from kernkompas.dna import personal_data  # noqa: F401
        from kernkompas.dna.actions import labels  # noqa: F401  (names its audit actions)
