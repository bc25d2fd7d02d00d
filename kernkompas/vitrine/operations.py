"""Named operations of the Vitrine: each owns its transaction and writes the audit log."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone
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

from kernkompas.core import audit
from kernkompas.vitrine import submissions
from kernkompas.vitrine.models import (
    CaseCollection,
    CasePage,
    CollectionItem,
    SavedSearch,
    ThemeFollow,
    VitrineIndexPage,
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


# --- Members: followed themes, collections, saved searches (helper "personal") ---------------------------------
# Owners are checked twice: the views look objects up with user=request.user (another user gets a 404), and the
# operations refuse to act for anyone but the owner, so a future caller cannot forget it.


def _check_owner(obj, by) -> None:
    if by is None or not by.is_authenticated or obj.user_id != by.pk:
        raise PermissionDenied(_("This belongs to another member."))


def follow_theme(user, theme):
    """Follow a theme; following it twice changes nothing."""
    with transaction.atomic():
        follow, created = ThemeFollow.objects.get_or_create(user=user, theme=theme)
        if created:
            audit.record(user, "vitrine.theme_followed", theme, label=theme.name)
    return follow


def unfollow_theme(user, theme) -> bool:
    with transaction.atomic():
        deleted, _rows = ThemeFollow.objects.filter(user=user, theme=theme).delete()
        if deleted:
            audit.record(user, "vitrine.theme_unfollowed", theme, label=theme.name)
    return bool(deleted)


def _clean_collection_name(user, name: str, exclude_pk=None) -> str:
    name = " ".join((name or "").split())[:120]
    if not name:
        raise ValidationError({"name": _("Give the collection a name.")})
    taken = CaseCollection.objects.filter(user=user, name__iexact=name).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": _("You already have a collection called “%(name)s”.") % {"name": name}})
    return name


def create_collection(user, name: str):
    name = _clean_collection_name(user, name)
    with transaction.atomic():
        collection = CaseCollection.objects.create(user=user, name=name)
        # The name may say something about the member; the log names the collection by number only.
        audit.record(user, "vitrine.collection_created", collection, label=f"collection #{collection.pk}")
    return collection


def rename_collection(collection, name: str, *, by):
    _check_owner(collection, by)
    collection.name = _clean_collection_name(collection.user, name, exclude_pk=collection.pk)
    with transaction.atomic():
        collection.save(update_fields=["name"])
        audit.record(by, "vitrine.collection_renamed", collection, label=f"collection #{collection.pk}")
    return collection


def delete_collection(collection, *, by) -> None:
    _check_owner(collection, by)
    with transaction.atomic():
        audit.record(by, "vitrine.collection_deleted", collection, label=f"collection #{collection.pk}")
        collection.delete()


def add_to_collection(collection, case, *, by):
    """Save a live case into a collection; saving it twice changes nothing."""
    _check_owner(collection, by)
    if not CasePage.objects.live().public().filter(pk=case.pk).exists():
        raise ValidationError(_("This example is not published, so it cannot be saved."))
    with transaction.atomic():
        item, created = CollectionItem.objects.get_or_create(collection=collection, page=case)
        if created:
            audit.record(
                by,
                "vitrine.collection_item_added",
                collection,
                label=f"collection #{collection.pk}",
                changes={"page_id": case.pk},
            )
    return item


def remove_from_collection(collection, case, *, by) -> bool:
    _check_owner(collection, by)
    with transaction.atomic():
        deleted, _rows = CollectionItem.objects.filter(collection=collection, page_id=case.pk).delete()
        if deleted:
            audit.record(
                by,
                "vitrine.collection_item_removed",
                collection,
                label=f"collection #{collection.pk}",
                changes={"page_id": case.pk},
            )
    return bool(deleted)


def share_collection(collection, *, by) -> str:
    """Give the collection a secret link (kept if it already has one); return the token."""
    _check_owner(collection, by)
    if collection.share_token:
        return collection.share_token
    with transaction.atomic():
        # 24 random bytes: unguessable, and 32 characters fit the column exactly.
        collection.share_token = secrets.token_urlsafe(24)[:32]
        collection.save(update_fields=["share_token"])
        audit.record(by, "vitrine.collection_shared", collection, label=f"collection #{collection.pk}")
    return collection.share_token


def stop_sharing_collection(collection, *, by) -> None:
    """Revoke the secret link: the old address answers 404 from now on."""
    _check_owner(collection, by)
    if not collection.share_token:
        return
    with transaction.atomic():
        collection.share_token = ""
        collection.save(update_fields=["share_token"])
        audit.record(by, "vitrine.collection_unshared", collection, label=f"collection #{collection.pk}")


def clean_query_string(query_string: str) -> str:
    """A list query string as it is worth saving: without the leading '?' and without the page number."""
    params = QueryDict((query_string or "").lstrip("?"), mutable=True)
    params.pop("page", None)
    return params.urlencode()[:1000]


def save_search(user, name: str, query_string: str, *, alerts: bool = True):
    name = " ".join((name or "").split())[:120]
    if not name:
        raise ValidationError({"name": _("Give the search a name.")})
    with transaction.atomic():
        search = SavedSearch.objects.create(
            user=user, name=name, query_string=clean_query_string(query_string), alerts=alerts
        )
        audit.record(user, "vitrine.search_saved", search, label=f"saved search #{search.pk}")
    return search


def delete_saved_search(search, *, by) -> None:
    _check_owner(search, by)
    with transaction.atomic():
        audit.record(by, "vitrine.search_deleted", search, label=f"saved search #{search.pk}")
        search.delete()


def set_search_alerts(search, alerts: bool, *, by):
    """Switch e-mail alerts on or off. Switching on starts from now: no flood of old cases."""
    _check_owner(search, by)
    if search.alerts == alerts:
        return search
    search.alerts = alerts
    fields = ["alerts"]
    if alerts:
        search.last_sent_at = timezone.now()
        fields.append("last_sent_at")
    with transaction.atomic():
        search.save(update_fields=fields)
        audit.record(
            by, "vitrine.search_alerts_changed", search, label=f"saved search #{search.pk}", changes={"alerts": alerts}
        )
    return search


# --- Editorial workflow and public submissions (helper "personal") ----------------------------------------------

EDITORIAL_GROUP = "Redactie"
EDITORIAL_WORKFLOW = "Redactie-review"
EDITORIAL_TASK = "Goedkeuring door de redactie"
# What editors may do with pages under the Vitrine index, and with images and documents in every collection.
EDITORIAL_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
EDITORIAL_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
)


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


def submit_case(submission, *, user=None):
    """Turn a public "Deel je voorbeeld" submission into a DRAFT case under the Vitrine index and put it in the
    editors' review queue. It never goes live by itself: only an editor's approval publishes it.

    ``submission`` is a kernkompas.vitrine.submissions.Submission (plain text already checked by the form).
    """
    index = ensure_vitrine_index()
    if index is None:
        raise RuntimeError("The Vitrine has no index page; run 'kernkompas migrate' first.")
    ensure_editorial_workflow()
    submitter = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        case = CasePage(**submissions.page_fields(submission), live=False, submitter_user=submitter)
        case.slug = submissions.unique_slug(index, submission.title)
        if submission.photo is not None:
            case.hero_image = submissions.store_photo(submission)
        case.themes = list(submission.themes)
        index.add_child(instance=case)
        case.save_revision(user=submitter, log_action=True)
        workflow = case.get_workflow()
        if workflow is not None:
            workflow.start(case, submitter)
        # The submitter's name and address are personal data: the log names the case, not the person.
        audit.record(submitter, "vitrine.case_submitted", case, label=case.title)
    return case


# --- Counting views ------------------------------------------------------------------------------------------


def record_view(page: CasePage) -> None:
    """Count one view of a published case: no cookie, no personal data, no race (F() in the database)."""
    CasePage.objects.filter(pk=page.pk).update(view_count=F("view_count") + 1)
