from django.utils.translation import gettext_lazy as _

from kernkompas.core import parts


class AccountsConfig(parts.PartConfig):
    name = "kernkompas.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    url_prefix = "account/"
    workspace_panels = "kernkompas.accounts.workspace.panels"

    def ready(self):
        # import here: ready() is where Django lets an app import modules that need the models loaded.
        from kernkompas.accounts import personal_data  # noqa: F401  (registers the account models)
        from kernkompas.accounts.actions import labels  # noqa: F401  (names its audit actions)
