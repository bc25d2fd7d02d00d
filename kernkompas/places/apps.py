from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "kernkompas.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self):
        from kernkompas.places import personal_data  # noqa: F401  (declares the place names)
