"""Issue 11 in a real browser: an administrator invites a centre manager by e-mail, she accepts from the link in
the mail and lands on her municipality's workspace. axe-core checks every screen on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NEW_PASSWORD = "lange-wandeling-langs-de-maas"


def log_in(page, dutch, username, password):
    page.goto("/account/inloggen/")
    page.get_by_label(dutch("E-mail address or user name")).fill(username)
    page.get_by_label(dutch("Password"), exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name=dutch("Log in"), exact=True).click()


def test_an_administrator_invites_and_the_invitee_accepts_and_lands_on_the_workspace(
    browser, browser_db, live_server, page, dutch, assert_accessible, mailoutbox
):
    from kernkompas.testing import PASSWORD, make_cast

    make_cast()
    log_in(page, dutch, "anton", PASSWORD)
    expect(page).to_have_url(re.compile(r"/beheer/$"))  # administrators land in the back office
    page.goto("/beheer/medewerkers/maasdijk/")
    page.get_by_label(dutch("E-mail address")).fill("noor@example.org")
    page.get_by_role("radio", name=re.compile(re.escape(str(dutch("municipal staff"))), re.I)).check()
    page.get_by_role("button", name=dutch("Send invitation")).click()
    expect(page.get_by_role("cell", name="noor@example.org", exact=True)).to_be_visible()
    assert_accessible(page, "the staff screen with a pending invitation")

    [message] = mailoutbox
    link = re.search(r"https?://\S+/account/uitnodiging/\S+/", message.body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)

    invitee = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 390, "height": 844})
    tab = invitee.new_page()
    tab.goto(path)
    expect(tab.get_by_role("heading", level=1)).to_have_text(dutch("Invitation to Kernkompas"))
    expect(tab.get_by_text("Anton nodigt noor@example.org uit als: Medewerker van gemeente Maasdijk.")).to_be_visible()
    assert_accessible(tab, "the invitation page")
    tab.get_by_label(dutch("First name")).fill("Noor")
    tab.get_by_label(dutch("Password"), exact=True).fill(NEW_PASSWORD)
    tab.get_by_label(dutch("Password again")).fill(NEW_PASSWORD)
    tab.get_by_role("button", name=dutch("Create my account and accept")).click()
    expect(tab).to_have_url(re.compile(r"/werkplek/maasdijk/$"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Maasdijk")
    expect(tab.get_by_role("link", name=dutch("My workspace"))).to_be_visible()
    assert_accessible(tab, "the workspace of Maasdijk at 390 px")
    tab.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(tab, "the workspace of Maasdijk at 1280 px")

    tab.goto(path)  # the link works once
    expect(tab.get_by_role("heading", level=1)).to_have_text(dutch("This invitation cannot be used"))
    assert_accessible(tab, "a used invitation")
    invitee.close()
