"""Personal data in the monitor.

Owner contacts are third parties (property owners), not users of the site: they are exported and erased by e-mail
address or name through :mod:`kernkompas.monitor.operations` (``export_owner_contacts`` / ``erase_owner_contacts``),
which the ``export_personal_data`` / ``delete_personal_data`` commands call. Uploads pending in the import wizard
belong to the user who made them.
"""

from kernkompas.core import personal_data
from kernkompas.monitor.models import PendingUpload

personal_data.register(PendingUpload, owner="created_by", fields=("file_name", "kind", "created_at"))
