"""The editors' side of the Vitrine: its index page, the "Redactie" group with its rights, the "Redactie-review"
workflow on that page, and who is in the group.

Each is idempotent; they run after every migrate (apps.py) and when the editor role is given or taken away
(signals.py).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from kernkompas.vitrine.models import VitrineIndexPage

EDITORIAL_GROUP = "Redactie"
EDITORIAL_WORKFLOW = "Redactie-review"
EDITORIAL_TASK = "Goedkeuring door de redactie"
# What editors may do with pages under the Vitrine index, and with images and documents in every collection.
EDITORIAL_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
EDITORIAL_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
)


def ensure_vitrine_index() -> VitrineIndexPage | None:
    """The one Vitrine index page, at /vitrine/ under the default site's root page. Idempotent.

    Does nothing while there is no page tree (a database just emptied by ``flush``).
    """
    existing = VitrineIndexPage.objects.first()
    if existing is not None:
        return existing
    with transaction.atomic():
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        parent = site.root_page if site else Page.get_first_root_node()
        if parent is None:
            return None
        index = VitrineIndexPage(
            title=_("Vitrine"),
            slug="vitrine",
            intro="",
        )
        parent.add_child(instance=index)
        index.save_revision().publish()
        return index


def _permission(app_label: str, model: str, codename: str):
    # get_or_create: on the very first migrate this runs before Django has created the permissions of the
    # Wagtail apps (they come later in INSTALLED_APPS); Django's own step then finds them and skips them.
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
    )
    return permission


def ensure_editorial_workflow():
    """The "Redactie" group with its rights on the Vitrine, and the "Redactie-review" workflow on the Vitrine
    index page (so every case goes draft → review by an editor → published). Idempotent; returns the group,
    or None while there is no page tree. Called after every migrate (apps.py)."""
    index = ensure_vitrine_index()
    if index is None:
        return None
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=EDITORIAL_GROUP)
        group.permissions.add(_permission("wagtailadmin", "admin", "access_admin"))
        for codename in EDITORIAL_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=_permission("wagtailcore", "page", codename)
            )
        root_collection = Collection.get_first_root_node()
        if root_collection is not None:
            for app_label, model, actions in EDITORIAL_COLLECTION_PERMISSIONS:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(app_label, model, f"{action}_{model}"),
                    )
        task = GroupApprovalTask.objects.filter(name=EDITORIAL_TASK).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=EDITORIAL_TASK)
        task.groups.add(group)
        workflow, _created = Workflow.objects.get_or_create(name=EDITORIAL_WORKFLOW, defaults={"active": True})
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return group


def editorial_group():
    return ensure_editorial_workflow() or Group.objects.get_or_create(name=EDITORIAL_GROUP)[0]


def join_editorial_group(user) -> None:
    """Page rights in Wagtail are group-based: an editor (role redactie) must be in the "Redactie" group."""
    user.groups.add(editorial_group())


def leave_editorial_group(user) -> None:
    group = Group.objects.filter(name=EDITORIAL_GROUP).first()
    if group is not None:
        user.groups.remove(group)
