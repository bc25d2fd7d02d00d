"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium or Playwright these tests are skipped with the reason, so that a developer without a browser
can still run the suite. CI sets ``KERNKOMPAS_REQUIRE_BROWSER=1``: then a missing browser is a failure,
because a green run that silently tested no page in a browser would be a lie.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would then refuse database access from the
# test (fixtures, load_demo_data). The test thread does not share the loop with any async code, so this is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("KERNKOMPAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SERIOUS = {"serious", "critical"}


def browser_required() -> bool:
    return os.environ.get("KERNKOMPAS_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on", "ja"}


def skip_or_fail(reason: str):
    if browser_required():
        pytest.fail(f"{reason} — and KERNKOMPAS_REQUIRE_BROWSER=1 says the browser tests must run.", pytrace=False)
    pytest.skip(reason)


def unavailable_reason() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"Playwright or axe-playwright-python is not installed ({exc}); install with: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM}; install it with: apt-get install chromium"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = unavailable_reason()
    if reason:
        skip_or_fail(reason)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Error as exc:
            skip_or_fail(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A fresh browser tab (own cookies) on the live server; relative URLs such as page.goto("/") work."""
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page and fail on any serious or critical violation, listing each one readably."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, what: str = "") -> None:
        violations = [v for v in axe.run(page).response["violations"] if v.get("impact") in SERIOUS]
        if violations:
            pytest.fail(describe_violations(violations, what or page.url), pytrace=False)

    return check


def describe_violations(violations: list[dict], where: str) -> str:
    lines = [f"axe-core found {len(violations)} serious or critical accessibility problem(s) on {where}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more element(s)")
    return "\n".join(lines)
