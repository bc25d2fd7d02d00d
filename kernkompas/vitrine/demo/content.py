"""The demo cases as data: one YAML file per case in ``cases/``, read by :func:`read_demo_cases` into ``DemoCase``s.

``cases.yaml`` lists the cases in the order they load (it fixes their invented publication dates); how to write a
case is in ``cases/README.md``. The rich-text fields are written Markdown-like and become the simple HTML the
case page stores: paragraphs separated by a blank line, a list as lines that begin with "- ".
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEMO_FOLDER = Path(__file__).resolve().parent
DEMO_MARK = "Fictief demovoorbeeld"
# Put in front of every context, so that a case read on its own still says it is invented.
DEMO_CONTEXT = (
    f"<p><strong>{DEMO_MARK}.</strong> Deze case is geschreven voor de demo van Kernkompas: de plaats, de cijfers "
    "en de betrokkenen zijn verzonnen, de aanpak is geïnspireerd op wat in Vlaanderen en Nederland gangbaar is.</p>"
)


@dataclass(frozen=True)
class DemoCase:
    """One invented case, written to teach like a real one. Themes and audiences: slugs of the seeded vocabularies."""

    slug: str
    title: str
    summary: str  # one line; the loader appends "(fictief demovoorbeeld)"
    place_name: str
    country: str  # "BE" or "NL"
    size_class: str  # places.models.SizeClass
    core_type: str  # vitrine.models.CoreType
    year_started: int
    themes: tuple[str, ...]
    audiences: tuple[str, ...]
    concept: str
    context: str
    approach: str
    results: str
    key_figures: tuple[tuple[str, str], ...]
    learnings: str
    tips: str
    dos: tuple[str, ...]
    donts: tuple[str, ...]
    cost_class: str  # vitrine.models.CostClass
    cost_note: str
    duration: str
    partners: tuple[str, ...]
    contact: str
    sources: tuple[str, ...]
    video_url: str = ""
    gemeenten: tuple[str, ...] = ()  # codes of the demo municipalities (DEMO1 …) the case happened in
    extras: tuple[str, ...] = ()  # what the illustration should show besides the street: see images.py
    gallery: int = 0  # how many extra illustrations, 0–2
    view_count: int = 0

    @property
    def full_summary(self) -> str:
        return f"{self.summary} ({DEMO_MARK.lower()})"

    @property
    def full_context(self) -> str:
        return DEMO_CONTEXT + self.context


class DemoContentError(ValueError):
    """A demo file that cannot be read; the message names the file and what is wrong in it."""


RICH_TEXT_FIELDS = ("concept", "context", "approach", "results", "learnings", "tips")


@functools.cache
def demo_cases() -> tuple[DemoCase, ...]:
    """The shipped demo cases, read once per process."""
    return read_demo_cases(DEMO_FOLDER)


def read_demo_cases(folder: Path) -> tuple[DemoCase, ...]:
    """The cases in ``folder/cases/``, in the order ``folder/cases.yaml`` lists them.

    Raises :class:`DemoContentError` naming the file for a file that is not valid YAML, misses a field, has a
    field it should not or a value of the wrong kind, or is missing from (or absent but named in) the list.
    """
    order_file, case_folder = folder / "cases.yaml", folder / "cases"
    order = _order(order_file)
    files = {path.stem: path for path in case_folder.glob("*.yaml")}
    unlisted = sorted(set(files) - set(order))
    if unlisted:
        raise DemoContentError(f"{files[unlisted[0]]}: not listed in {order_file}; add its name where it should load")
    missing = [slug for slug in order if slug not in files]
    if missing:
        expected = case_folder / f"{missing[0]}.yaml"
        raise DemoContentError(f"{order_file}: lists “{missing[0]}” but there is no file {expected}")
    return tuple(_case(files[slug]) for slug in order)


def _order(path: Path) -> list[str]:
    data = _yaml(path)
    order = data.get("order") if isinstance(data, dict) else None
    if not isinstance(order, list) or not all(isinstance(slug, str) for slug in order):
        raise DemoContentError(f"{path}: needs “order:”, a list of the names of the case files")
    doubled = sorted({slug for slug in order if order.count(slug) > 1})
    if doubled:
        raise DemoContentError(f"{path}: “{doubled[0]}” is listed more than once")
    return order


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" (line {where.line + 1}, column {where.column + 1})" if where else ""
        raise DemoContentError(f"{path}: not valid YAML{at}: {getattr(error, 'problem', None) or error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DemoContentError(f"{path}: cannot be read: {error}") from error


def _case(path: Path) -> DemoCase:
    data = _yaml(path)
    if not isinstance(data, dict):
        raise DemoContentError(f"{path}: should hold the fields of one case (“slug: …”, “title: …”, …)")
    fields = {f.name: f for f in dataclasses.fields(DemoCase)}
    problems = [f"unknown field “{name}”" for name in data if name not in fields]
    problems += [
        f"the field “{name}” is missing"
        for name, f in fields.items()
        if name not in data and f.default is dataclasses.MISSING
    ]
    values = {}
    for name, value in data.items():
        if name in fields:
            try:
                values[name] = _value(name, fields[name].type, value)
            except ValueError as error:
                problems.append(f"“{name}” {error}")
    if not problems and values["slug"] != path.stem:
        problems.append(f"the slug “{values['slug']}” differs from the file name: call the file {values['slug']}.yaml")
    if problems:
        raise DemoContentError(f"{path}: " + "; ".join(problems))
    return DemoCase(**values)


def _value(name: str, kind: str, value: Any) -> Any:
    """The field's value as DemoCase holds it; ValueError says what kind of value was expected."""
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("should be a whole number")
        return value
    if kind == "str":
        if not isinstance(value, str):
            raise ValueError("should be text (put it in quotes if it looks like a number or yes/no)")
        return rich_text(value) if name in RICH_TEXT_FIELDS else value
    if kind == "tuple[str, ...]":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError("should be a list of texts, one per line beginning with “- ”")
        return tuple(value)
    if kind == "tuple[tuple[str, str], ...]":
        if not isinstance(value, list):
            raise ValueError("should be a list of figures, each with “value:” and “label:”")
        return tuple(_figure(item) for item in value)
    raise ValueError(f"has a kind this reader does not know: {kind}")  # a new DemoCase field: teach it here


def _figure(item: Any) -> tuple[str, str]:
    if not isinstance(item, dict) or set(item) != {"value", "label"}:
        raise ValueError("should be a list of figures, each with “value:” and “label:”")
    if not isinstance(item["value"], str) or not isinstance(item["label"], str):
        raise ValueError('should have a value and a label in text (put a number in quotes: value: "6")')
    return item["value"], item["label"]


_LIST_ITEM = re.compile(r"^- ")


def rich_text(source: str) -> str:
    """Markdown-like text as simple HTML: blocks split by blank lines; a block of lines beginning with "- " is a
    list (an indented line continues the item above it), any other block a paragraph. Lines are joined with a
    space, so a long paragraph may be wrapped. Inline HTML (``<strong>``) passes as it is."""
    html = []
    for block in re.split(r"\n\s*\n", source.strip()):
        lines = [line.rstrip() for line in block.splitlines()]
        if _LIST_ITEM.match(lines[0]):
            items = []
            for line in lines:
                if _LIST_ITEM.match(line):
                    items.append(line[2:].strip())
                else:
                    items[-1] += " " + line.strip()
            html.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        else:
            html.append("<p>" + " ".join(line.strip() for line in lines) + "</p>")
    return "".join(html)
