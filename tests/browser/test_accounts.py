"""Account pages in a real browser: signing up, the error summary, and axe-core on every account form."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "lange-wandeling-langs-de-maas"


def test_a_visitor_signs_up_and_lands_on_their_profile(browser_db, page, dutch, assert_accessible):
    page.goto("/")
    page.get_by_role("link", name=dutch("Sign up"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/account/registreren/$"))
    assert_accessible(page, "the sign-up form")
    page.get_by_label(dutch("E-mail address")).fill("Noor@Example.org")
    page.get_by_label(dutch("First name")).fill("Noor")
    page.get_by_label(dutch("Password"), exact=True).fill(PASSWORD)
    page.get_by_label(dutch("Password again")).fill(PASSWORD)
    page.get_by_label(dutch("I am a(n)")).select_option("ondernemer")
    page.get_by_role("checkbox", name=str(dutch("vacancy"))).check()
    page.get_by_role("button", name=dutch("Create my account")).click()
    expect(page).to_have_url(re.compile(r"/account/profiel/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch("My profile"))
    expect(page.get_by_label(dutch("First name"))).to_have_value("Noor")
    assert_accessible(page, "the profile page")


def test_a_failed_sign_up_moves_focus_to_a_summary_that_links_to_each_field(browser_db, page, dutch, assert_accessible):
    page.goto("/account/registreren/")
    page.get_by_label(dutch("E-mail address")).fill("noor@example.org")
    page.get_by_label(dutch("Password"), exact=True).fill(PASSWORD)
    page.get_by_label(dutch("Password again")).fill(PASSWORD + "x")
    page.get_by_role("button", name=dutch("Create my account")).click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(dutch("There is a problem"))
    assert_accessible(page, "the sign-up form with errors")
    summary.get_by_role("link", name=re.compile(str(dutch("Password again")))).click()
    expect(page.get_by_label(dutch("Password again"))).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"#id_password2$"))


@pytest.mark.parametrize(
    "path",
    ["/account/inloggen/", "/account/wachtwoord/vergeten/", "/account/uitloggen/"],
    ids=lambda p: p.split("/")[-2],
)
def test_the_account_forms_pass_axe(browser_db, page, assert_accessible, path):
    page.goto(path)
    assert_accessible(page, path)


def test_an_officer_invites_a_member_for_a_role_in_the_back_office(browser_db, page, dutch, assert_accessible):
    """The role is no longer given silently: the member gets an invitation (tests/browser/test_invitations.py)."""
    from kernkompas.testing import PASSWORD as CAST_PASSWORD
    from kernkompas.testing import make_cast

    make_cast()
    page.goto("/account/inloggen/")
    page.get_by_label(dutch("E-mail address or user name")).fill("ellen")
    page.get_by_label(dutch("Password"), exact=True).fill(CAST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=dutch("Log in"), exact=True).click()
    page.goto("/beheer/medewerkers/")
    expect(page).to_have_url(re.compile(r"/beheer/medewerkers/maasdijk/$"))
    assert_accessible(page, "the staff screen of Maasdijk")
    page.get_by_label(dutch("E-mail address")).fill("bram@example.org")
    page.get_by_role("radio", name=re.compile(re.escape(str(dutch("facilitator"))), re.I)).check()
    page.get_by_role("button", name=dutch("Send invitation")).click()
    expect(page.get_by_role("cell", name="bram@example.org", exact=True)).to_be_visible()
    page.goto("/beheer/auditlog/")
    expect(page.get_by_role("cell", name=dutch("sent an invitation"))).to_be_visible()
    assert_accessible(page, "the audit log")
