from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class PlacesConfig(parts.PartConfig):
    name = "kernkompas.places"
    label = "places"
    verbose_name = _("Places")
    url_prefix = "plaatsen/"
    sitemaps = "kernkompas.places.sitemaps.SITEMAPS"
    workspace_panels = "kernkompas.places.workspace.panels"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        from kernkompas.places import personal_data  # noqa: F401  (declares the place names)
        from kernkompas.places.actions import labels  # noqa: F401  (names its audit actions)
