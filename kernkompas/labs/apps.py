from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class LabsConfig(parts.PartConfig):
    name = "kernkompas.labs"
    label = "labs"
    verbose_name = _("Binnenstadslab")
    url_prefix = "binnenstadslab/"
