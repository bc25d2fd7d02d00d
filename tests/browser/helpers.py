"""What many browser tests do the same way: log in as a demo user through the page, and check that a page fits the
width of the screen."""

from __future__ import annotations

from playwright.sync_api import expect

from kernkompas.site.demo import DEMO_PASSWORD


def log_in(page, dutch, username: str, *, accessible=None) -> None:
    """Log in from the home page as a visitor would (the demo password); ``accessible`` checks the login page."""
    page.goto("/")
    page.get_by_role("link", name=dutch("Log in"), exact=True).click()
    page.get_by_label(dutch("E-mail address or user name")).fill(username)
    page.get_by_label(dutch("Password"), exact=True).fill(DEMO_PASSWORD)
    if accessible:
        accessible(page, "the login page")
    page.get_by_role("main").get_by_role("button", name=dutch("Log in"), exact=True).click()
    expect(page.get_by_role("button", name=dutch("Log out"))).to_be_visible()


def fits(tab) -> bool:
    """Whether the page is no wider than the screen (nothing scrolls sideways but the boxes meant to)."""
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
