from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top layer: the home page, the root URLs and API, the demo, serving, and the personal-data commands. It
    collects what the parts bring from :mod:`kernkompas.core.parts`; nothing below imports it."""

    name = "kernkompas.site"
    label = "site"
    verbose_name = _("Site")

    def ready(self):
        # import here: the audit module reads the models, which exist only once the apps are ready.
        from kernkompas.core import audit

        audit.describe_actions({"demo.loaded": _("loaded the demo region")})
