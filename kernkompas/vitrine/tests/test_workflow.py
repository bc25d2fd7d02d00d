"""The editorial workflow: editors (group "Redactie") create, submit, approve and publish cases in the back
office; municipal staff cannot publish in the Vitrine. Through the Wagtail admin, with client requests."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from kernkompas.accounts import operations as account_operations
from kernkompas.accounts.models import Membership, Role, User
from kernkompas.site.demo.loader import load_demo_data
from kernkompas.testing import make_user
from kernkompas.vitrine import operations
from kernkompas.vitrine.models import Audience, CasePage, Theme
from kernkompas.vitrine.tests.personal_cases import case, vitrine_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(cast):
    """The cast's editor Eva in the "Redactie" group, as granting her the role does."""
    operations.ensure_editorial_workflow()
    operations.join_editorial_group(cast.eva)
    return cast


def add_url():
    return reverse("wagtailadmin_pages:add", args=("vitrine", "casepage", vitrine_index().pk))


def filled_add_form(client, title="Een huiskamer in de dorpskern", **extra):
    """The back office's own add form, as the browser would send it, with the required fields filled in."""
    response = client.get(add_url())
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": title,
            "slug": slugify(title),
            "summary": "Een leeg pand werd een ontmoetingsplek.",
            "place_name": "Maasdijk",
            "country": "BE",
            "size_class": "25k-50k",
            "core_type": "dorpskern",
            "concept": rich_text("<p>Het concept.</p>"),
            "approach": rich_text("<p>De aanpak.</p>"),
            # Stream fields are drawn by JavaScript; an empty one sends only its count.
            "key_figures-count": "0",
            "sources-count": "0",
        }
    )
    data.setlist("themes", [str(Theme.objects.get(slug="samenwerking").pk)])
    data.setlist("audiences", [str(Audience.objects.get(slug="lokale-besturen").pk)])
    for key, value in extra.items():
        data[key] = value
    return data


def test_the_editorial_setup_is_created_once_and_again_without_duplicates(db):
    operations.ensure_editorial_workflow()
    operations.ensure_editorial_workflow()
    group = Group.objects.get(name=operations.EDITORIAL_GROUP)
    index = vitrine_index()
    rows = GroupPagePermission.objects.filter(group=group, page=index)
    codenames = set(rows.values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page", "publish_page"}
    assert group.collection_permissions.filter(permission__codename="add_image").count() == 1
    assert group.collection_permissions.filter(permission__codename="choose_document").count() == 1
    assert Workflow.objects.filter(name=operations.EDITORIAL_WORKFLOW).count() == 1
    assert WorkflowPage.objects.get(page=index).workflow.name == operations.EDITORIAL_WORKFLOW
    assert index.get_workflow().name == operations.EDITORIAL_WORKFLOW


def test_an_editor_creates_submits_approves_and_publishes_a_case(client, editors):
    client.force_login(editors.eva)
    data = filled_add_form(client, **{"action-submit": "Submit for moderation"})
    response = client.post(add_url(), data)
    assert response.status_code == 302, response.context["form"].errors
    case = CasePage.objects.get(title="Een huiskamer in de dorpskern")
    assert case.live is False
    state = WorkflowState.objects.get(object_id=str(case.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == operations.EDITORIAL_WORKFLOW
    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=(case.pk, "approve", task_state.pk))
    response = client.post(approve, {"comment": "Mooi voorbeeld"})
    assert response.status_code in (200, 302)
    case.refresh_from_db()
    assert case.live is True
    assert client.get(case.url).status_code == 200
    assert "Een huiskamer in de dorpskern" in client.get(reverse("vitrine:index")).content.decode()


def approve_as(client, user, case):
    """``user`` approves the case's current review task, as the back office's "Approve" button does."""
    client.force_login(user)
    task_state = case.current_workflow_state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=(case.pk, "approve", task_state.pk))
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)


def test_a_case_submitted_with_a_date_goes_live_on_that_date_after_approval_and_shows_in_the_list(client, editors):
    joris = make_user("joris", "Joris")
    operations.join_editorial_group(joris)
    go_live = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    client.force_login(editors.eva)
    data = filled_add_form(
        client, **{"go_live_at": go_live.strftime("%Y-%m-%d %H:%M"), "action-submit": "Submit for moderation"}
    )
    assert client.post(add_url(), data).status_code == 302
    case = CasePage.objects.get(title="Een huiskamer in de dorpskern")
    assert case.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    approve_as(client, joris, case)

    # Approved, it waits for its date: not on the site yet, not even through its address.
    case.refresh_from_db()
    assert case.current_workflow_state is None and not case.live and case.go_live_at == go_live
    client.logout()
    assert client.get(f"/vitrine/{case.slug}/").status_code == 404
    assert "Een huiskamer in de dorpskern" not in client.get(reverse("vitrine:index")).content.decode()

    with time_machine.travel(go_live + timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", verbosity=0)

    case.refresh_from_db()
    assert case.live
    assert "Een huiskamer in de dorpskern" in client.get(f"/vitrine/{case.slug}/").content.decode()
    listed = client.get(reverse("vitrine:index"), {"q": "huiskamer"}).content.decode()
    assert f'href="/vitrine/{case.slug}/"' in listed


def test_the_editors_form_saves_only_when_the_editor_says_so(client, editors):
    # Wagtail's autosave sent a background save that was still pending when the editor pressed a button, and
    # reached the server together with the real one: two revisions out of order, after which the editor's own
    # session counted as "a newer version" and the submit to the review stopped at a conflict dialog.
    draft = case("Concept van de redactie", live=False)
    client.force_login(editors.eva)
    for url in (add_url(), reverse("wagtailadmin_pages:edit", args=(draft.pk,))):
        form = re.search(r'<form[^>]*id="page-edit-form"[^>]*>', client.get(url).content.decode()).group(0)
        assert "w-autosave" not in form, url


def test_an_editor_can_publish_directly(client, editors):
    client.force_login(editors.eva)
    response = client.post(add_url(), filled_add_form(client, **{"action-publish": "Publish"}))
    assert response.status_code == 302
    assert CasePage.objects.get(title="Een huiskamer in de dorpskern").live is True


def test_a_gemeente_officer_cannot_add_or_publish_in_the_vitrine(client, editors):
    draft = case("Concept van de redactie", live=False)
    client.force_login(editors.ellen)
    response = client.get(add_url())
    assert response.status_code in (302, 403)
    edit = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    client.post(edit, {"title": "Gekaapt", "action-publish": "Publish"})
    draft.refresh_from_db()
    assert draft.live is False and draft.title == "Concept van de redactie"


@pytest.mark.parametrize("role", ["lid", "gemeente", "gemeente_andere", "begeleider"])
def test_nobody_but_editors_and_administrators_may_publish_in_the_vitrine(editors, role):
    user = editors.by_role()[role]
    permissions = vitrine_index().permissions_for_user(user)
    assert not permissions.can_publish_subpage()
    assert not permissions.can_add_subpage()


@pytest.mark.parametrize("role", ["redactie", "beheerder"])
def test_editors_and_administrators_may_publish_in_the_vitrine(editors, role):
    editors.anton.is_superuser = True  # administrators are superusers (accounts.operations.grant_membership)
    editors.anton.save(update_fields=["is_superuser"])
    permissions = vitrine_index().permissions_for_user(editors.by_role()[role])
    assert permissions.can_publish_subpage() and permissions.can_add_subpage()


def test_granting_and_revoking_the_editor_role_changes_the_group(cast):
    operations.ensure_editorial_workflow()
    cast.anton.is_superuser = True
    cast.anton.save(update_fields=["is_superuser"])
    nina = make_user("nina", "Nina")
    membership = account_operations.grant_membership(nina, Role.REDACTIE, by=cast.anton)
    assert nina.groups.filter(name=operations.EDITORIAL_GROUP).exists()
    account_operations.revoke_membership(Membership.objects.get(pk=membership.pk), by=cast.anton)
    assert not nina.groups.filter(name=operations.EDITORIAL_GROUP).exists()


def test_the_demo_editor_is_in_the_group(db):
    load_demo_data()
    assert User.objects.get(username="eva").groups.filter(name=operations.EDITORIAL_GROUP).exists()


def test_the_editors_preview_shows_the_unsaved_case_in_a_frame_of_the_back_office(client, editors):
    live = case("Een huiskamer in de dorpskern")
    other = case("Een pop-upwinkel aan de markt")
    client.force_login(editors.eva)
    edit = reverse("wagtailadmin_pages:edit", args=(live.pk,))
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data.update({"title": "Een huiskamer, nog niet bewaard", "key_figures-count": "0", "sources-count": "0"})
    data.setlist("related_cases", [str(other.pk)])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(live.pk,))
    assert client.post(preview_url, data).json()["is_valid"]

    preview = client.get(preview_url + "?in_preview_panel=true")

    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"  # the site itself may frame it; every other page: DENY
    html = preview.content.decode()
    assert "Een huiskamer, nog niet bewaard" in html
    assert "gekozen door de redactie" in html  # the related case chosen in the unsaved form
    # The live page keeps its saved choice (none): the preview's ranking is not cached for it.
    assert "gekozen door de redactie" not in client.get(live.url).content.decode()


def test_the_editors_preview_of_the_vitrine_shows_the_list_with_the_unsaved_introduction(client, editors):
    # The index page is drawn by the list's view, not by a template of its own: its preview was a server error.
    case("Een huiskamer in de dorpskern")
    index = vitrine_index()
    client.force_login(editors.eva)
    edit = reverse("wagtailadmin_pages:edit", args=(index.pk,))
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data["intro"] = "Voorbeelden om van te leren, nog niet bewaard."
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(index.pk,))
    assert client.post(preview_url, data).json()["is_valid"]

    preview = client.get(preview_url + "?in_preview_panel=true")

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Voorbeelden om van te leren, nog niet bewaard." in html
    assert "Een huiskamer in de dorpskern" in html  # the list itself, with its cases
    index.refresh_from_db()
    assert index.intro == ""  # a preview saves nothing
