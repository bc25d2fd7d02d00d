"""No template, script or Python module of any of our apps writes HTML in a way that lets text from data run.

The files are found, not listed: every template and static script of every app inside the ``kernkompas`` package
(vendor libraries excepted) and every Python module outside tests and migrations. A new app is checked the day it
is added. What each rule stops, and why the Content-Security-Policy depends on it:

- inline ``<script>`` (other than JSON data blocks), ``<style>``, ``style=`` and ``on…=`` attributes,
  ``javascript:`` addresses: the policy blocks them, so the page would break for visitors (and an exception in
  the policy for them would let injected script and style through too);
- ``|safe``, ``{% autoescape off %}``: template text that is not escaped;
- ``innerHTML`` and friends, and Leaflet's ``bindTooltip``/``bindPopup``/``setContent`` with anything but a node
  from ``kernkompas/js/map-text.js``: a string there is parsed as HTML (issue 9, finding 1);
- ``format_html`` with a pre-formatted first argument (an f-string escapes nothing), ``SafeString(...)``, and
  ``mark_safe`` without ``# noqa: S308 — why it is safe`` on its line.

The second half of the module shows each rule catching the construct it is for, so the guard cannot rot into a
check that passes on anything.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

import kernkompas
from kernkompas.testing import parse_python

PACKAGE = Path(kernkompas.__file__).resolve().parent

# --- Rules ---------------------------------------------------------------------------------------------------

TAG = r"<[a-zA-Z][^<>]*?"
TEMPLATE_RULES = [
    (
        re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>", re.I),
        "an inline <script>: put the code in a static .js file (a JSON data block needs "
        'type="application/json", best written by json_script)',
    ),
    (re.compile(r"<style\b", re.I), "a <style> element: put the rules in the app's static .css file"),
    (
        re.compile(TAG + r"\sstyle\s*=", re.I),
        "a style= attribute: the Content-Security-Policy blocks it; use a class (or an SVG presentation attribute "
        "such as fill= for a colour from data)",
    ),
    (
        re.compile(TAG + r"\son[a-z]+\s*=", re.I),
        "an inline event handler (on…=): the Content-Security-Policy blocks it; add a listener in a static .js file",
    ),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
    (re.compile(r"\|\s*safe(?:seq)?\b"), "the |safe filter: escape text, or build the markup with format_html"),
    (re.compile(r"\{%\s*autoescape\s+off\s*%\}"), "{% autoescape off %}"),
]
# E-mail is read in mail programs, not under our Content-Security-Policy, and many of them drop <style>.
EMAIL_EXEMPT = {1, 2}  # indexes of TEMPLATE_RULES that do not apply to templates under an emails/ folder

LEAFLET_CONTENT = re.compile(r"\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*")
MAP_TEXT_NODE = re.compile(r"(?:[A-Za-z_$][\w$]*\.)?(?:textNode|popupBox)\(")
SCRIPT_RULES = [
    (
        re.compile(r"\.(?:innerHTML|outerHTML)\b|\binsertAdjacentHTML\b|\bdocument\.write|createContextualFragment"),
        "HTML from a string (innerHTML and friends): build nodes and set textContent; replaceChildren() empties",
    ),
    (re.compile(r"\bDOMParser\b|\.html\("), "HTML parsed from a string"),
    (re.compile(r"\beval\(|\bnew Function\("), "code from a string (eval, new Function)"),
    (
        re.compile(r"setAttribute\(\s*[\"'](?:on[a-z]+|style)[\"']", re.I),
        "an event handler or style attribute set as text: the Content-Security-Policy blocks it",
    ),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
]

HTML_IN_STRING = [
    (re.compile(TAG + r"\sstyle\s*=", re.I), "a style= attribute in HTML written by Python"),
    (re.compile(TAG + r"\son[a-z]+\s*=", re.I), "an inline event handler in HTML written by Python"),
    (
        re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")", re.I),
        "an inline <script> written by Python",
    ),
    (re.compile(r"<style\b", re.I), "a <style> element written by Python"),
]
MARK_SAFE_REASON = re.compile(r"#\s*noqa:\s*S308\s*[-—–]\s*\S")


def scan_template(text: str, *, email: bool = False) -> list[tuple[int, str]]:
    found = []
    for index, (pattern, why) in enumerate(TEMPLATE_RULES):
        if email and index in EMAIL_EXEMPT:
            continue
        found += [(_line(text, m.start()), why) for m in pattern.finditer(text)]
    return found


def scan_script(text: str) -> list[tuple[int, str]]:
    text = _without_comments(text)
    found = []
    for pattern, why in SCRIPT_RULES:
        found += [(_line(text, m.start()), why) for m in pattern.finditer(text)]
    for m in LEAFLET_CONTENT.finditer(text):
        if not MAP_TEXT_NODE.match(text, m.end()):
            found.append(
                (
                    _line(text, m.start()),
                    f"{m.group(1)} with something other than MapText.textNode(…)/popupBox(…): Leaflet inserts a "
                    "string as HTML (see kernkompas/js/map-text.js)",
                )
            )
    return found


def scan_python(text: str) -> list[tuple[int, str]]:
    found = []
    lines = text.splitlines()
    tree = parse_python(text)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and _is_literal(n.value)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found += [(node.lineno, why) for pattern, why in HTML_IN_STRING if pattern.search(node.value)]
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        if name == "format_html" and node.args and not _is_literal(node.args[0]):
            found.append((node.lineno, "format_html with a pre-formatted first argument: it escapes nothing"))
        elif name == "SafeString":
            found.append((node.lineno, "SafeString(...): use mark_safe with the reason it is safe"))
        elif name == "mark_safe" and not (node.args and _is_literal(node.args[0])):
            span = lines[node.lineno - 1 : node.end_lineno]
            if not any(MARK_SAFE_REASON.search(line) for line in span):
                found.append((node.lineno, "mark_safe without '# noqa: S308 — why every piece of it is escaped'"))
    return found


JS_STRING_OR_COMMENT = re.compile(
    r"(\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|/\*[\s\S]*?\*/|//[^\n]*"
)


def _without_comments(text: str) -> str:
    """The script with its comments blanked (line numbers kept), so that a comment may name what it avoids."""
    return JS_STRING_OR_COMMENT.sub(lambda m: m.group(1) or re.sub(r"[^\n]", " ", m.group(0)), text)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _called(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


# --- Our files -----------------------------------------------------------------------------------------------


def our_app_folders(kind: str) -> list[Path]:
    folders = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(PACKAGE) and (path / kind).is_dir():
            folders.append(path / kind)
    return folders


def our_templates() -> list[Path]:
    return sorted(
        p for folder in our_app_folders("templates") for p in folder.rglob("*") if p.suffix in {".html", ".xml", ".svg"}
    )


def our_scripts() -> list[Path]:
    return sorted(p for folder in our_app_folders("static") for p in folder.rglob("*.js") if "vendor" not in p.parts)


def our_python() -> list[Path]:
    skip = {"tests", "migrations"}
    return sorted(
        p for p in PACKAGE.rglob("*.py") if not skip & set(p.relative_to(PACKAGE).parts) and ".venv" not in p.parts
    )


def report(findings: dict[Path, list[tuple[int, str]]]) -> str:
    lines = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {why}"
        for path, items in sorted(findings.items())
        for line, why in items
    ]
    return "Constructs that let text from data become markup or script, or that the policy blocks:\n" + "\n".join(lines)


def test_the_scan_finds_our_templates_scripts_and_modules():
    assert any(p.name == "base.html" for p in our_templates())
    assert any(p.name == "map.js" for p in our_scripts()) and any(p.name == "dashboard.js" for p in our_scripts())
    assert not any("vendor" in p.parts for p in our_scripts())
    assert any(p.name == "charts.py" for p in our_python())


def test_no_template_has_inline_script_style_handlers_or_unescaped_output():
    findings = {p: f for p in our_templates() if (f := scan_template(p.read_text(), email="emails" in p.parts))}
    assert not findings, report(findings)


def test_no_script_writes_html_from_strings_or_gives_leaflet_a_string():
    findings = {p: f for p in our_scripts() if (f := scan_script(p.read_text()))}
    assert not findings, report(findings)


def test_no_python_module_writes_inline_style_or_script_or_marks_text_safe_without_a_reason():
    findings = {p: f for p in our_python() if (f := scan_python(p.read_text()))}
    assert not findings, report(findings)


# --- Each rule catches what it is for ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">x()</script>',
        '<script type="module">x()</script>',
        "<style>p { color: red }</style>",
        '<span class="swatch" style="background: {{ g.colour }}"></span>',
        '<div\n  class="x"\n  style="color: red">',
        '<button onclick="go()">',
        '<img src="x" onerror="{{ js }}">',
        '<a href="javascript:void(0)">',
        "{{ unit.name|safe }}",
        "{{ names|safeseq|join:', ' }}",
        "{% autoescape off %}{{ x }}{% endautoescape %}",
    ],
)
def test_the_template_rules_catch(bad):
    assert scan_template(bad)


@pytest.mark.parametrize(
    "good",
    [
        "<script src=\"{% static 'x.js' %}\" defer></script>",
        '<script id="unit-map-data" type="application/json">{{ map_json }}</script>',
        '{{ data|json_script:"map-data" }}',
        '<span class="style-guide" data-onload="x">',  # words that merely contain the letters
        '<svg class="swatch"><circle fill="{{ g.colour }}"/></svg>',
    ],
)
def test_the_template_rules_let_through(good):
    assert not scan_template(good)


def test_an_email_may_style_inline_but_not_script():
    assert not scan_template('<td style="font-size: 12px">', email=True)
    assert scan_template("<script>x()</script>", email=True)


@pytest.mark.parametrize(
    "bad",
    [
        "layer.bindTooltip(props.name, { sticky: true });",
        "marker.bindPopup('<b>' + p.name + '</b>');",
        "popup.setContent(text);",
        "layer.bindTooltip(\n  name,\n  {})",
        'element.innerHTML = "";',
        "box.insertAdjacentHTML('beforeend', html);",
        "document.write(x);",
        "node.outerHTML = x;",
        "new DOMParser().parseFromString(x, 'text/html');",
        "$(el).html(x);",
        "eval(code);",
        "el.setAttribute('onclick', code);",
        'el.setAttribute("style", css);',
        "link.href = 'javascript:void(0)';",
    ],
)
def test_the_script_rules_catch(bad):
    assert scan_script(bad)


@pytest.mark.parametrize(
    "good",
    [
        'layer.bindTooltip(MapText.textNode("span", props.name), { sticky: true });',
        "marker.bindPopup(MapText.popupBox(p.name, lines));",
        "layer.bindTooltip(\n  MapText.textNode('span', name),\n  {})",
        "element.replaceChildren();",
        "title.textContent = props.name;",
        "// never javascript: addresses, never element.innerHTML = x",
        "/* Leaflet's bindTooltip(string) parses HTML */",
        'var url = "https://example.org/a//b";',
    ],
)
def test_the_script_rules_let_through(good):
    assert not scan_script(good)


@pytest.mark.parametrize(
    "bad",
    [
        "row = f'<td><span style=\"background: {escape(c)}\"></span></td>'",
        "html = '<a onclick=\"go()\">' + name",
        "html = '<script>var x = 1;</script>'",
        "html = format_html(f'<b>{name}</b>')",
        "html = format_html('<b>{}</b>'.format(name))",
        "html = format_html('<b>%s</b>' % name)",
        "html = SafeString(name)",
        "html = mark_safe(name)",
        "html = mark_safe(name)  # noqa: S308",
    ],
)
def test_the_python_rules_catch(bad):
    assert scan_python(bad)


@pytest.mark.parametrize(
    "good",
    [
        "html = format_html('<b>{}</b>', name)",
        "html = mark_safe(''.join(parts))  # noqa: S308 — every part came from format_html",
        "html = mark_safe(\n    ''.join(parts)  # noqa: S308 - built by format_html above\n)",
        "checked = mark_safe(' checked')",
        "payload = '<script type=\"application/ld+json\">'",
        "text = 'a style guide; click onward'",
    ],
)
def test_the_python_rules_let_through(good):
    assert not scan_python(good)
