"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium or Playwright these tests are skipped with the reason, so that a developer without a browser
can still run the suite. CI sets ``KERNKOMPAS_REQUIRE_BROWSER=1``: then a missing browser is a failure,
because a green run that silently tested no page in a browser would be a lie.

Every page any test opens, in any browser context, is watched: a Content-Security-Policy violation or an uncaught
JavaScript error fails the test (``BrowserProblems``). A blocked inline style or script is a page that looks or
works different for visitors than its template says, and the policy is what stops injected script.
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

# Runs in every page before its own scripts: each CSP violation is reported to Python (``BrowserProblems``).
WATCH_SCRIPT = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__kkCspViolation({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI || "inline",
    where: (event.sourceFile || document.URL) + ":" + event.lineNumber,
    sample: event.sample || "",
  });
}, true);
"""


class BrowserProblems:
    """CSP violations and uncaught JavaScript errors in every page of every browser context a test opens.

    ``watch(context)`` is applied to each new context (the ``browser`` fixture wraps ``new_context``, so contexts
    that tests make themselves are watched too); ``_no_browser_problems`` fails the test if any were seen.
    """

    def __init__(self):
        self.items: list[str] = []

    def watch(self, context):
        context.expose_binding("__kkCspViolation", self._violation)
        context.add_init_script(WATCH_SCRIPT)
        context.on("weberror", self._error)
        close = context.close

        def flush_then_close(*args, **kwargs):
            # A violation is reported as an event after the fact: let every open page deliver its last ones.
            for tab in context.pages:
                try:
                    tab.evaluate("0")
                except Exception:  # noqa: BLE001, S110 - a page that is already gone has nothing left to report
                    pass
            return close(*args, **kwargs)

        context.close = flush_then_close
        return context

    def _violation(self, source, v: dict) -> None:
        sample = f" — {v['sample']!r}" if v.get("sample") else ""
        self.items.append(
            f"Content-Security-Policy blocked {v['blocked']} ({v['directive']}) on {source['frame'].url}, "
            f"at {v['where']}{sample}"
        )

    def _error(self, error) -> None:
        where = error.page.url if error.page else "a page"
        self.items.append(f"Uncaught JavaScript error on {where}: {error.error}")

    def take(self) -> list[str]:
        items, self.items = self.items, []
        return items


PROBLEMS = BrowserProblems()


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
def browser(migrated_data):
    reason = unavailable_reason()
    if reason:
        skip_or_fail(reason)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Error as exc:
            skip_or_fail(f"Chromium at {CHROMIUM} did not start: {exc}")
        new_context = chromium.new_context
        chromium.new_context = lambda **options: PROBLEMS.watch(new_context(**options))
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _no_browser_problems():
    """Fail the test when any page it opened broke the Content-Security-Policy or threw a JavaScript error."""
    PROBLEMS.take()
    yield
    problems = PROBLEMS.take()
    if problems:
        pytest.fail(
            f"{len(problems)} problem(s) in the browser (fix the page, not this check):\n- " + "\n- ".join(problems),
            pytrace=False,
        )


@pytest.fixture
def browser_db(committed_db):
    """Real transactions with the migrations' data back (``committed_db`` in the root conftest.py)."""
    return committed_db


@pytest.fixture
def demo_region(browser_db):
    from kernkompas.site.demo import load_demo_data

    return load_demo_data(with_parts=False)


@pytest.fixture
def page(browser, live_server, browser_db):
    """A fresh browser tab (own cookies) on the live server; relative URLs such as page.goto("/") work."""
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def dutch():
    """The Dutch the site shows for an English msgid, from the same catalogue the server reads."""
    from django.utils import translation

    def translate(text: str) -> str:
        with translation.override("nl"):
            return translation.gettext(text)

    return translate


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page and fail on any serious or critical violation, listing each one readably.

    Colour contrast that axe cannot decide ("needs review": an element it cannot find a plain background for)
    fails too: white buttons on a white page were reported only that way and passed unnoticed. Each visible
    text's own colour is also measured against the background it is actually drawn on (``CONTRAST_SCRIPT``),
    so a contrast axe leaves undecided is decided here.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, what: str = "") -> None:
        # Colours are measured as drawn: a message still fading in (Wagtail's, 0.5 s) would blend with the page.
        page.evaluate("Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null)))")
        response = axe.run(page).response
        violations = [v for v in response["violations"] if v.get("impact") in SERIOUS]
        undecided = undecided_contrast(response.get("incomplete", []), page)
        low = page.evaluate(CONTRAST_SCRIPT)
        if violations or undecided or low:
            where = what or page.url
            parts = [describe_violations(violations, where)] if violations else []
            if undecided:
                parts.append(describe_undecided(undecided, where))
            if low:
                parts.append(describe_low_contrast(low, where))
            pytest.fail("\n".join(parts), pytrace=False)

    return check


# axe's "needs review" results that fail a test: it could not tell the contrast, so a person never checked it.
UNDECIDED_FAILS = {"color-contrast"}
# ... except a lone symbol ("↑", the map's "−"): axe does not judge those as text; CONTRAST_SCRIPT measures them.
DECIDED_HERE = {"nonBmp", "shortTextContent"}
# "Overlapped by another element" is decided by asking the browser what is drawn on top at the text's centre: if
# it is the element itself, nothing covers it and CONTRAST_SCRIPT's measurement against its background holds.
# (axe's own geometry also counts clipped parts of fixed panels, such as Wagtail's sidebar footer.)
OVERLAP = "bgOverlap"
# Wagtail draws a select's arrow with two linear gradients in its right padding: axe gives up on any gradient. The
# chosen text sits left of the padding on the select's own background colour, so that pair is measured here.
GRADIENT = "bgGradient"
SELECT_ARROW_SCRIPT = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el || el.tagName !== "SELECT") return false;
  const style = getComputedStyle(el);
  if (parseFloat(style.paddingRight) < 24) return false;  // no room kept for the arrow: the text may run under it
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const [fr, fg, fb] = rgb(style.color);
  const [br, bg, bb, ba = 1] = rgb(style.backgroundColor);
  if (ba < 1) return false;  // a see-through background: not decidable here either
  const lum = (r, g, b) => [r, g, b]
    .map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [light, dark] = [lum(fr, fg, fb), lum(br, bg, bb)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05) >= 4.5;
}
"""
ON_TOP_SCRIPT = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return false;
  el.scrollIntoView({ block: "center" });
  const r = el.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!top && (top === el || el.contains(top));
}
"""


def undecided_contrast(incomplete: list[dict], page) -> list[dict]:
    results = []
    for result in incomplete:
        if result["id"] not in UNDECIDED_FAILS:
            continue
        nodes = [node for node in result["nodes"] if not decided_here(node, page)]
        if nodes:
            results.append({**result, "nodes": nodes})
    return results


def decided_here(node: dict, page) -> bool:
    keys = {(check.get("data") or {}).get("messageKey") for check in node["any"]}
    if keys <= DECIDED_HERE:
        return True
    target = node["target"]
    if keys == {OVERLAP} and len(target) == 1 and isinstance(target[0], str):
        return page.evaluate(ON_TOP_SCRIPT, target[0])
    if keys == {GRADIENT} and len(target) == 1 and isinstance(target[0], str):
        return page.evaluate(SELECT_ARROW_SCRIPT, target[0])
    return False


# Measures every visible text against its real background (see the file for what it skips).
CONTRAST_SCRIPT = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")


def describe_undecided(results: list[dict], where: str) -> str:
    count = sum(len(r["nodes"]) for r in results)
    lines = [f"axe-core could not decide the colour contrast of {count} element(s) on {where} (check and fix them):"]
    for result in results:
        for node in result["nodes"][:8]:
            lines.append(f"- {result['id']} at {', '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def describe_low_contrast(found: list[dict], where: str) -> str:
    lines = [f"{len(found)} text(s) on {where} have too little contrast with their background:"]
    for item in found[:12]:
        lines.append(
            f"- {item['element']} “{item['text']}”: {item['ratio']}:1 ({item['colour']}), needs {item['needed']}:1"
        )
    return "\n".join(lines)


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


class AsgiServer:
    """``kernkompas.asgi.application`` on uvicorn in a thread of this process, on a free port (see ``asgi_server``)."""

    def __init__(self):
        # import here: uvicorn is only needed by the tests that use the real live stream.
        import socket
        import threading

        import uvicorn
        from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

        from kernkompas.asgi import application

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        # Static files from the apps' folders, as pytest-django's live_server serves them (nothing is collected here).
        served = ASGIStaticFilesHandler(application)
        config = uvicorn.Config(served, host="127.0.0.1", port=self.port, lifespan="off", log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="asgi-server", daemon=True)

    def start(self):
        # import here: only this fixture waits for a server.
        import time

        self.thread.start()
        deadline = time.monotonic() + 30  # a bound on start-up, not an assertion about speed
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the ASGI test server did not start")
            time.sleep(0.05)
        return self

    def stop(self):
        # import here: the labs' live module is only needed by the tests that use the real live stream.
        from kernkompas.labs import live

        live.close_hubs()  # the feeds of the streams still open stop reading the (soon emptied) database
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def asgi_server(browser_db, settings):
    """The real ASGI application (live streams stay open, as under ``kernkompas serve``) against the test database.

    Like pytest-django's ``live_server``, but uvicorn in a thread of this process: with SQLite the test database is
    a shared in-memory database, which every thread of the process sees. Real transactions with the migrations'
    data back (``browser_db``), as the server reads only committed data.
    Yields an object with ``.url``."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    server = AsgiServer().start()
    try:
        yield server
    finally:
        server.stop()
