"""An editor writes a case in the back office, a second editor approves it, and it goes live on its date."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from kernkompas.site.demo import DEMO_PASSWORD
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/kk-vitrine-editor-published.png"  # outside the repository, to look at
TITLE = "Een huiskamer in de dorpskern"
ALT = "Bewoners drinken koffie aan lange tafels in een oud winkelpand"


def rich_text(page, field: str, text: str) -> None:
    page.locator(f"[data-contentpath={field}] .public-DraftEditor-content").click()
    page.keyboard.type(text)


def test_an_editor_writes_a_case_a_second_editor_approves_it_and_it_goes_live_on_its_date(
    page, browser, live_server, demo_region, dutch, assert_accessible, tmp_path
):
    import time_machine
    from django.core.management import call_command
    from django.utils import timezone
    from PIL import Image

    from kernkompas.accounts.actions.memberships import grant_membership
    from kernkompas.accounts.models import Role, User
    from kernkompas.vitrine.models import CasePage, VitrineIndexPage

    index = VitrineIndexPage.objects.get()
    # A second editor, made one the way an administrator does it (which puts her in the "Redactie" group).
    joris = User.objects.create_user("joris", "joris@example.org", DEMO_PASSWORD, first_name="Joris")
    grant_membership(joris, Role.REDACTIE, by=User.objects.get(username="anton"))
    go_live = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    photo = tmp_path / "huiskamer.png"
    Image.new("RGB", (1200, 800), (200, 120, 60)).save(photo)

    # Eva writes the case under the Vitrine, with the required fields, a photo with its description and a video.
    log_in(page, dutch, "eva")
    page.goto(f"/beheer/pages/{index.pk}/add_subpage/")  # the Vitrine takes only cases: straight to the form
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Een leeg pand aan de markt werd een ontmoetingsplek voor jong en oud.")
    page.locator("[data-contentpath=hero_image] .chooser__choose-button").click()
    page.locator("#tab-label-upload").click()
    page.locator("#id_image-chooser-upload-title").fill("Huiskamer aan de markt")
    page.locator("#id_image-chooser-upload-alt_text").fill(ALT)
    page.locator("#id_image-chooser-upload-file").set_input_files(photo)
    page.locator("#tab-upload button[type=submit]").click()
    expect(page.locator("[data-contentpath=hero_image] .chooser__title")).to_have_text("Huiskamer aan de markt")
    page.locator("#id_place_name").fill("Veldrode, Dorpsplein")
    page.locator("#id_country").select_option("BE")
    page.locator("#id_size_class").select_option("10k-25k")
    page.locator("#id_core_type").select_option("dorpskern")
    page.locator("#id_themes").select_option(label="Samenwerking")
    page.locator("#id_audiences").select_option(label="Lokale besturen")
    rich_text(page, "concept", "Een huiskamer voor het dorp in een leegstaand winkelpand.")
    rich_text(page, "approach", "Vrijwilligers openden het pand drie dagen per week.")
    page.locator("#id_video_url").fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    # She schedules it for the day after tomorrow: "Schema opslaan" saves a draft with that date.
    page.locator("[data-side-panel-toggle=status]").click()
    page.locator("[data-a11y-dialog-show=schedule-publishing-dialog]").click()
    page.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # A click beside the field closes the date picker, which covers the dialog's button. On a busy machine the
    # picker may open only after that click (it opens on focus, with a delay), so click again until it is gone.
    picker = page.locator(".xdsoft_datetimepicker:visible")
    for _attempt in range(5):
        page.locator("#schedule-publishing-dialog").get_by_role("heading").first.click()
        page.wait_for_timeout(400)
        if picker.count() == 0:
            break
    expect(picker).to_have_count(0)
    # Wait for the save's own page load: an address ending in /edit/ alone does not say the save is done.
    with page.expect_navigation():
        page.locator("#schedule-publishing-dialog button.action-save").click()
    expect(page).to_have_url(re.compile(r"/beheer/pages/\d+/edit/"))
    case = CasePage.objects.get(title=TITLE)
    assert not case.live and case.get_latest_revision().content["go_live_at"] is not None

    # … and sends it to the "Redactie-review" workflow.
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    case.refresh_from_db()
    assert case.current_workflow_state.workflow.name == "Redactie-review"
    assert case.current_workflow_state.status == "in_progress"
    assert not case.live

    # Joris, in his own browser, finds it waiting for his review and approves it.
    reviewer = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    review = reviewer.new_page()
    log_in(review, dutch, "joris")
    review.goto("/beheer/")
    review.locator("#awaiting-review-section").get_by_role("link", name=TITLE).click()
    review.locator("footer .w-dropdown__toggle").click()
    with review.expect_navigation():
        review.locator("footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    expect(review.locator(".messages")).to_contain_text(TITLE)
    reviewer.close()

    # Approved, it waits for its date: not on the site yet, not even through its address.
    case.refresh_from_db()
    assert case.current_workflow_state is None  # the workflow is done
    assert not case.live and case.go_live_at is not None
    visitor = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    public = visitor.new_page()
    assert public.goto(f"/vitrine/{case.slug}/").status == 404
    public.goto("/vitrine/")
    expect(public.get_by_role("link", name=TITLE)).to_have_count(0)

    # The day after tomorrow the scheduler (cron or a systemd timer in production) publishes it.
    with time_machine.travel(go_live + timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", verbosity=0)
    case.refresh_from_db()
    assert case.live

    assert public.goto(f"/vitrine/{case.slug}/").status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(public.get_by_role("img", name=ALT).first).to_be_visible()
    # The video shows as a button: nothing is loaded from YouTube before the visitor presses it.
    expect(public.locator("[data-video-facade] button")).to_be_visible()
    assert public.locator("iframe").count() == 0
    public.screenshot(path=SCREENSHOT, full_page=True)
    assert_accessible(public, "a case written, approved and published by the editors")
    public.goto("/vitrine/")
    expect(public.get_by_role("link", name=TITLE)).to_be_visible()
    visitor.close()
