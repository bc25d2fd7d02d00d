from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kernkompas.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded. These
        # register the system checks, and the personal-data register's entries for the core's own models and for
        # Django's and Wagtail's.
        from kernkompas.core import checks, pagecache, personal_data_builtin, wagtail_exports  # noqa: F401

        # Every committed write replaces the content version, so no cached page outlives the data it shows.
        connection_created.connect(pagecache.watch_writes, dispatch_uid="kernkompas.pagecache.watch_writes")

        # Wagtail's reports, listings and form submissions write their downloads through lib/spreadsheet.py.
        wagtail_exports.install()
