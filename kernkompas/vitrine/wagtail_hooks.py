"""The Vitrine in the back office: the vocabularies (themes, audiences, synonyms) and the editors' review.

Pages, images and documents follow Wagtail's group permissions: the "Redactie" group (created with the review
workflow by ``operations.ensure_editorial_workflow`` after every migrate) may add, change and publish under the
Vitrine index page; every case goes through the "Redactie-review" workflow. The vocabularies use the role table
(``accounts.backends.ROLE_PERMISSIONS``); their policies come first, as in places/wagtail_hooks.py.
"""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from kernkompas.accounts.policies import RolePermissionPolicy
from kernkompas.vitrine.models import Audience, Synonym, Theme
from kernkompas.vitrine.viewsets import VitrineViewSetGroup

register_permission_policy(Theme, RolePermissionPolicy(Theme))
register_permission_policy(Audience, RolePermissionPolicy(Audience))
register_permission_policy(Synonym, RolePermissionPolicy(Synonym))

register_snippet(VitrineViewSetGroup)
