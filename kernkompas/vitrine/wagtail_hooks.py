"""The Vitrine in the back office: the vocabularies (themes, audiences, synonyms) and the editors' review.

Pages, images and documents follow Wagtail's group permissions: the "Redactie" group (created with the review
workflow by ``operations.ensure_editorial_workflow`` after every migrate) may add, change and publish under the
Vitrine index page; every case goes through the "Redactie-review" workflow. The vocabularies use the role table
(``accounts.backends.ROLE_PERMISSIONS``); their policies come first, as in places/wagtail_hooks.py.

The Vitrine index page is served as the case list by a hook here rather than by its model's ``serve``: the list
reads the models, so the models would have to import the views.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from kernkompas.accounts.policies import RolePermissionPolicy
from kernkompas.vitrine import views
from kernkompas.vitrine.models import Audience, Synonym, Theme, VitrineIndexPage
from kernkompas.vitrine.viewsets import VitrineViewSetGroup

register_permission_policy(Theme, RolePermissionPolicy(Theme))
register_permission_policy(Audience, RolePermissionPolicy(Audience))
register_permission_policy(Synonym, RolePermissionPolicy(Synonym))

register_snippet(VitrineViewSetGroup)


# The innermost on_serve_page hook (the highest order), so Wagtail's own view restrictions (a hook of the same kind,
# order 0, registered after ours because "wagtail" comes later in INSTALLED_APPS) are checked first.
SERVE_LAST = 1000


@hooks.register("on_serve_page", order=SERVE_LAST)
def serve_the_index_page_as_the_case_list(serve_page):
    """Wagtail's page serving, for the Vitrine index page: the list with filters and search (views.case_list).

    Takes the place of ``page.serve`` after Wagtail's checks (privacy, password), as the model's ``serve`` did.
    """

    def serve(page, request, args, kwargs):
        if isinstance(page, VitrineIndexPage):
            return views.case_list(request, page)
        return serve_page(page, request, args, kwargs)

    return serve
