"""Every kind of Wagtail page can be previewed in the editor, or does not offer a preview at all.

Wagtail's default preview renders the page type's own template (``<app>/<page_type>.html``). A page type drawn
by a view instead (the Vitrine's index page, served by ``case_list``) has no such template, and its preview was
a server error in the editor's preview panel. This walks every page type the project registers, takes a real
page of that type from the demo data and asks the back office for its preview, as the editor's panel does.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from kernkompas.accounts.models import User
from kernkompas.site.demo import load_demo_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_site():
    """The demo data with its Vitrine cases: a real page of every type an editor meets."""
    load_demo_data()
    return User.objects.get(username="anton")


def edit_form_data(client, page: Page):
    """The back office's own edit form of ``page``, as the browser would send it unchanged."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200, f"the edit form of {page!r} answered {response.status_code}"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # Stream fields are drawn by JavaScript, so the HTML has no inputs for them: send the saved blocks.
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            blocks = [(block["type"], block["value"]) for block in getattr(page, field.name).raw_data]
            data.update(nested_form_data({field.name: streamfield(blocks)}))
    return data


def preview_problems(client, page: Page) -> list[str]:
    """What goes wrong when the editor previews ``page`` in each of its preview modes; nothing if all is well."""
    label = f"{type(page)._meta.label} “{page.title}” (#{page.pk})"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = edit_form_data(client, page)
    problems = []
    for mode, _name in page.preview_modes:
        stored = client.post(f"{preview_url}?mode={mode}", data)
        if stored.status_code != 200 or not stored.json().get("is_valid"):
            problems.append(f"{label}: the preview did not accept the unchanged edit form ({stored.content[:300]!r})")
            continue
        shown = client.get(preview_url, {"mode": mode, "in_preview_panel": "true"})
        if shown.status_code != 200 or not shown["Content-Type"].startswith("text/html"):
            problems.append(f"{label}, mode {mode!r}: the preview answered {shown.status_code}")
    return problems


def test_every_page_type_is_previewed_without_a_server_error_or_offers_no_preview(client, demo_site):
    client.raise_request_exception = False  # a server error is a finding about that page type, not a crash
    client.force_login(demo_site)
    problems = []
    for model in get_page_models():
        # Depth 1 is Wagtail's invisible root node, which nobody edits.
        page = model.objects.exact_type(model).filter(depth__gt=1).order_by("pk").first()
        if page is None:
            problems.append(
                f"{model._meta.label}: no page of this type in the demo data, so its preview is untested; "
                "add one to the demo data, or set preview_modes = [] if it cannot be previewed"
            )
            continue
        page = page.specific
        if not page.is_previewable():
            edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
            if 'data-side-panel-toggle="preview"' in edit:
                problems.append(f"{model._meta.label}: preview_modes is empty, yet the editor offers a preview")
            continue
        problems += preview_problems(client, page)

    assert not problems, "\n".join(problems)
