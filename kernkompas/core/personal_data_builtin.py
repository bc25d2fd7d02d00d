"""The personal-data register's entries for the core's own models and for Django's and Wagtail's, which have no
``personal_data.py`` of their own. See kernkompas/core/personal_data.py.

Wagtail's revisions, log entries and form states are not registered as a person's rows: they are copies of other
rows, and the erasure deals with them for every registered model (kernkompas.core.privacy.erase).
"""

from django.contrib.auth.models import Group, Permission
from taggit.models import Tag
from wagtail.admin.models import EditingSession, FormState
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents.models import Document
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.models import (
    APIToken,
    Collection,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from kernkompas.core import personal_data
from kernkompas.core.models import AuditEvent, SiteImage

# The audit log keeps saying that a change happened; it stops saying by whom.
personal_data.register(
    AuditEvent,
    user="actor",
    fields=("created_at", "action", "target_label"),
    erase={"actor": None, "actor_label": personal_data.ERASED_ACTOR},
)

# What a person keeps in the back office: preferences and avatar, comments, subscriptions, open editors, API keys.
personal_data.register(UserProfile, user="user", fields=("preferred_language", "current_time_zone", "avatar"))
personal_data.register(Comment, user="user", fields=("page_id", "text", "created_at"))
personal_data.register(CommentReply, user="user", fields=("comment_id", "text", "created_at"))
personal_data.register(PageSubscription, user="user", fields=("page_id", "comment_notifications"))
personal_data.register(EditingSession, user="user", fields=("content_type_id", "object_id", "last_seen_at"))
personal_data.register(FormState, user="user", fields=("content_type_id", "object_id", "data", "last_updated_at"))
personal_data.register(APIToken, user="user", fields=("name", "prefix", "created", "revoked_at", "last_used_at"))
# A form page's submissions hold whatever a visitor typed: found where they mention the name or address.
personal_data.register(FormSubmission, text=("form_data",), fields=("page_id", "form_data", "submit_time"))

STAFF_LINK = "who did it: a link to an account, cleared when that account goes"
for model, name in [
    (SiteImage, "uploaded_by_user"),
    (Image, "uploaded_by_user"),
    (Document, "uploaded_by_user"),
    (UploadedFile, "uploaded_by_user"),
    (Page, "owner"),
    (Page, "locked_by"),
    (WorkflowState, "requested_by"),
    (TaskState, "finished_by"),
    (Comment, "resolved_by"),
]:
    personal_data.not_personal(model, name, reason=STAFF_LINK)
COPY = "who did it, as an account id; the text of these copies is scrubbed by every erasure"
for model in (Revision, ModelLogEntry, PageLogEntry):
    personal_data.not_personal(model, "user", reason=COPY)

personal_data.not_personal(Site, "hostname", "site_name", reason="the address and name of the web site")
personal_data.not_personal(
    Embed, "author_name", "provider_name", reason="the publisher and site of an embedded video, as published there"
)
THING = "the name of a thing in the back office (a collection, workflow, task, tag, group or permission)"
for model, names in [
    (Collection, ("name",)),
    (Workflow, ("name",)),
    (Task, ("name",)),
    (Tag, ("name",)),
    (Group, ("name",)),
    (Permission, ("name", "codename")),
]:
    personal_data.not_personal(model, *names, reason=THING)
