"""A participant's phone in a Binnenstadslab: join by code without an account, add notes (shown at once from the
post's answer, kept when sending fails), switch lenses, and dot-vote with the dots left in view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = "/tmp/kk-lab-participant"  # outside the repository, to look at


@pytest.fixture(autouse=True)
def _without_live_channel(monkeypatch):
    """The live stream's channel (labs/live.py) is another module; without it, announcing is a no-op here."""
    from kernkompas.labs import events

    try:
        from kernkompas.labs import live  # noqa: F401
    except ImportError:
        monkeypatch.setattr(events, "_announce", lambda lab_id, seq: None)


@pytest.fixture
def lab(browser_db):
    from kernkompas.labs.tests.lab_factory import make_lab
    from kernkompas.testing import make_gemeente

    return make_lab(make_gemeente("99001", "Maasdijk", 28_400), code="K7PX3M")


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _join(tab, dutch, name="Aïcha"):
    tab.goto("/binnenstadslab/doe-mee/")
    tab.get_by_label(dutch("Code")).fill("k7px 3m")
    tab.get_by_role("button", name=dutch("Join")).click()
    tab.get_by_label(dutch("Your name")).fill(name)
    tab.get_by_label(dutch("entrepreneur")).check()
    tab.get_by_role("button", name=dutch("Go to the canvas")).click()
    expect(tab).to_have_url(re.compile(r"/doe-mee/K7PX3M/canvas/"))


def test_a_phone_joins_adds_notes_and_switches_lenses(phone, lab, dutch, assert_accessible):
    _join(phone, dutch)
    first, second = phone.locator(".lab-lens").nth(0), phone.locator(".lab-lens").nth(1)
    expect(first).to_be_visible()
    expect(second).to_be_hidden()
    phone.screenshot(path=f"{SHOTS}-canvas.png", full_page=True)
    assert_accessible(phone, "the participant's canvas on a phone")

    first.get_by_label(re.compile("Wonen")).fill("<b>Wonen</b> boven winkels")
    first.get_by_role("button", name=dutch("Add note")).click()
    expect(first.locator(".lab-note-text")).to_have_text("<b>Wonen</b> boven winkels")  # as text, not markup
    expect(first.locator("textarea")).to_have_value("")
    expect(phone.locator("#lab-status")).to_have_text(dutch("Your note is on the canvas."))
    expect(phone.locator(f'[data-count-for="{lab.lenses.get(key="wonen").pk}"]')).to_have_text("(1)")

    phone.locator(".lab-lens-nav a").nth(1).click()
    expect(second).to_be_visible()
    expect(first).to_be_hidden()
    expect(phone.locator(".lab-lens-nav a").nth(1)).to_have_attribute("aria-current", "true")

    # Sending fails (no connection): the text stays, and the phone says so.
    phone.route("**/notitie/", lambda route: route.abort())
    second.locator("textarea").fill("Pop-upwinkels in lege panden")
    second.get_by_role("button", name=dutch("Add note")).click()
    expect(second.locator(".lab-form-error")).to_have_text(
        dutch("Sending failed: your note is kept here. Check the connection and try again.")
    )
    expect(second.locator("textarea")).to_have_value("Pop-upwinkels in lege panden")
    phone.unroute("**/notitie/")
    second.get_by_role("button", name=dutch("Add note")).click()
    expect(second.locator(".lab-note-text")).to_have_text("Pop-upwinkels in lege panden")
    phone.screenshot(path=f"{SHOTS}-notes.png", full_page=True)

    # An empty note is refused with the server's Dutch words, next to the field.
    second.get_by_role("button", name=dutch("Add note")).click()
    expect(second.locator(".lab-form-error")).to_have_text(dutch("Write something on the note."))


def test_a_phone_dot_votes_and_sees_the_dots_left(phone, browser, live_server, lab, dutch, assert_accessible):
    from kernkompas.labs.models import Lab, Note, Phase, VotingState

    _join(phone, dutch)
    first = phone.locator(".lab-lens").nth(0)
    for text in ("Meer groen", "Minder auto's"):
        first.locator("textarea").fill(text)
        first.get_by_role("button", name=dutch("Add note")).click()
        expect(first.locator(".lab-note-text", has_text=text)).to_be_visible()
    Lab.objects.filter(pk=lab.pk).update(phase=Phase.PRIORITEREN, voting=VotingState.OPEN)
    phone.reload()
    expect(phone.locator("#lab-remaining")).to_have_text("nog 3 stippen")
    expect(first.locator("form.lab-note-form")).to_be_hidden()
    give = first.locator(".lab-note", has_text="Meer groen").locator(".lab-dot-button")
    give.click()
    expect(phone.locator("#lab-remaining")).to_have_text("nog 2 stippen")
    expect(first.locator(".lab-note", has_text="Meer groen").locator(".lab-mine")).to_have_text("Jouw stippen: 1")
    give = first.locator(".lab-note", has_text="Meer groen").locator(".lab-dot-button")
    give.click()
    give = first.locator(".lab-note", has_text="Meer groen").locator(".lab-dot-button")
    give.click()
    expect(phone.locator("#lab-remaining")).to_have_text(dutch("No dots left"))
    expect(first.locator(".lab-dot-button").first).to_be_disabled()
    first.locator(".lab-note", has_text="Meer groen").locator(".lab-undot-button").click()
    expect(phone.locator("#lab-remaining")).to_have_text(dutch("1 dot left"))
    assert Note.objects.get(text="Meer groen").votes.count() == 2
    phone.screenshot(path=f"{SHOTS}-voting.png", full_page=True)
    assert_accessible(phone, "dot-voting on a phone")

    wide = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    wide.add_cookies(phone.context.cookies())
    tab = wide.new_page()
    tab.goto("/binnenstadslab/doe-mee/K7PX3M/canvas/")
    expect(tab.locator("#lab-remaining")).to_have_text(dutch("1 dot left"))
    tab.screenshot(path=f"{SHOTS}-wide.png", full_page=True)
    assert_accessible(tab, "dot-voting on a wide screen")
    wide.close()


def test_without_javascript_the_canvas_still_takes_notes(browser, live_server, lab, dutch):
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", java_script_enabled=False)
    tab = context.new_page()
    _join(tab, dutch, name="Geen Script")
    tab.locator(f"#note-text-{lab.lenses.get(key='kansen').pk}").fill("Markt op zondag")
    tab.locator(".lab-lens").nth(2).get_by_role("button", name=dutch("Add note")).click()
    expect(tab.locator(".lab-lens").nth(2).locator(".lab-note-text")).to_have_text("Markt op zondag")
    context.close()
