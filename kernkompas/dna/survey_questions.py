"""What a survey asks: the items (building blocks, ideas, Place Standard themes) and open questions, frozen in the
survey's ``snapshot`` when it opens.

Snapshot (JSON, written once by :func:`take_snapshot`)::

    {"kind": "validatie", "kern": "Veldrode-Dorp",
     "version": {"id": 3, "number": 2, "tagline": "…"},
     "items": [{"key": "blok-1", "type": "block", "label": "…", "text": "…", "low": 1, "high": 5},
               {"key": "idee-17", "type": "idea", "label": "…", "text": "…", "block": "blok-1", "low": 1, "high": 5},
               {"key": "thema-bewegen", "type": "theme", "label": "Moving around", "text": "…", "low": 1, "high": 7}],
     "questions": [{"key": "vraag-1", "text": "…"}, {"key": "opmerking-bewegen", "text": "…", "theme": "…"}]}

The order of ``items`` and ``questions`` is the order of the form, the results and the CSV columns. A block's and
an idea's texts are copied (the DNA may change after the survey opened); a theme's label and question are the
English msgids of :data:`PLACE_STANDARD`, translated when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from kernkompas.dna.models import BLOCKS_PER_VERSION, DnaVersion, Survey, SurveyKind

VALIDATION_SCALE = (1, 5)
PLACE_STANDARD_SCALE = (1, 7)


@dataclass(frozen=True)
class Theme:
    key: str
    label: str  # the Place Standard tool's theme name: an English msgid, translated when shown
    question: str


# The 14 themes of the Place Standard tool (NHS Health Scotland, Architecture & Design Scotland, Scottish
# Government; placestandard.scot), in the tool's order, with its English names as msgids. The questions are
# short forms of the tool's own. The tool's scale: 1 = a lot of room for improvement, 7 = very little.
PLACE_STANDARD = (
    Theme("bewegen", _("Moving around"), _("Can I easily walk and cycle around using good-quality routes?")),
    Theme("ov", _("Public transport"), _("Does public transport meet my needs?")),
    Theme(
        "verkeer",
        _("Traffic and parking"),
        _("Do traffic and parking arrangements allow people to move around safely?"),
    ),
    Theme("straten", _("Streets and spaces"), _("Do buildings, streets and public spaces create an attractive place?")),
    Theme("groen", _("Natural space"), _("Can I regularly experience good-quality natural space?")),
    Theme(
        "spelen",
        _("Play and recreation"),
        _("Can I access a range of space with opportunities for play and recreation?"),
    ),
    Theme("voorzieningen", _("Facilities and services"), _("Do facilities and services meet my needs?")),
    Theme(
        "werk",
        _("Work and local economy"),
        _("Is there an active local economy and the opportunity to access good-quality work?"),
    ),
    Theme("wonen", _("Housing and community"), _("Do the homes in my area support the needs of the community?")),
    Theme("sociaal", _("Social interaction"), _("Is there a range of spaces and opportunities to meet people?")),
    Theme(
        "identiteit", _("Identity and belonging"), _("Does this place have a positive identity and do I feel I belong?")
    ),
    Theme("veiligheid", _("Feeling safe"), _("Do I feel safe here?")),
    Theme("onderhoud", _("Care and maintenance"), _("Are buildings and spaces well cared for?")),
    Theme(
        "invloed",
        _("Influence and sense of control"),
        _("Do I feel able to take part in decisions and help change things for the better?"),
    ),
)
THEMES = {theme.key: theme for theme in PLACE_STANDARD}


def default_questions(kind: str, kern_name: str) -> list[str]:
    """The open questions a new survey starts with, in the language of the page that creates it."""
    if kind == SurveyKind.VALIDATIE:
        return [
            gettext("What gets you excited about {kern}?").format(kern=kern_name),
            gettext("What do you still miss?"),
        ]
    return [gettext("What would you improve first in {kern}?").format(kern=kern_name)]


def versions_with_all_blocks(trajectory):
    """The trajectory's DNA versions that have all five building blocks (a validation survey can test them)."""
    return (
        DnaVersion.objects.filter(trajectory=trajectory)
        .annotate(block_total=Count("blocks", distinct=True))
        .filter(block_total=BLOCKS_PER_VERSION)
        .order_by("-number")
    )


def take_snapshot(survey: Survey) -> dict:
    """The survey's questions as they are now: what its form asks until it closes."""
    kern = survey.trajectory.kern
    snapshot = {"kind": survey.kind, "kern": kern.name, "items": [], "questions": []}
    if survey.kind == SurveyKind.VALIDATIE:
        version = survey.version
        low, high = VALIDATION_SCALE
        snapshot["version"] = {"id": version.pk, "number": version.number, "tagline": version.tagline}
        blocks = list(version.blocks.order_by("position"))
        ideas = list(version.ideas.select_related("block").order_by("block__position", "position", "pk"))
        for block in blocks:
            key = f"blok-{block.position}"
            snapshot["items"].append(
                {"key": key, "type": "block", "label": block.name, "text": block.explanation, "low": low, "high": high}
            )
        for idea in ideas:
            snapshot["items"].append(
                {
                    "key": f"idee-{idea.pk}",
                    "type": "idea",
                    "label": idea.title,
                    "text": idea.description,
                    "block": f"blok-{idea.block.position}",
                    "low": low,
                    "high": high,
                }
            )
    else:
        low, high = PLACE_STANDARD_SCALE
        for theme in PLACE_STANDARD:
            snapshot["items"].append(
                {
                    "key": f"thema-{theme.key}",
                    "type": "theme",
                    "theme": theme.key,
                    "label": theme.label,
                    "text": "",
                    "low": low,
                    "high": high,
                }
            )
        for theme in PLACE_STANDARD:
            snapshot["questions"].append({"key": f"opmerking-{theme.key}", "theme": theme.key, "text": ""})
    for number, text in enumerate(survey.open_questions, start=1):
        snapshot["questions"].append({"key": f"vraag-{number}", "text": text})
    return snapshot


@dataclass(frozen=True)
class Item:
    """One scored item of a snapshot, with its texts in the current language."""

    key: str
    type: str
    label: str
    text: str
    low: int
    high: int
    block: str = ""
    theme: str = ""

    @property
    def scores(self) -> range:
        return range(self.low, self.high + 1)


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    theme: str = ""


def items(snapshot: dict) -> list[Item]:
    found = []
    for raw in snapshot.get("items", []):
        label, text = raw.get("label", ""), raw.get("text", "")
        theme = THEMES.get(raw.get("theme", ""))
        if theme is not None:
            label, text = gettext(theme.label), gettext(theme.question)
        found.append(
            Item(
                raw["key"],
                raw["type"],
                label,
                text,
                int(raw["low"]),
                int(raw["high"]),
                raw.get("block", ""),
                raw.get("theme", ""),
            )
        )
    return found


def questions(snapshot: dict) -> list[Question]:
    found = []
    for raw in snapshot.get("questions", []):
        theme = THEMES.get(raw.get("theme", ""))
        text = (
            gettext("Comment on “%(theme)s” (optional)") % {"theme": gettext(theme.label)}
            if theme
            else raw.get("text", "")
        )
        found.append(Question(raw["key"], text, raw.get("theme", "")))
    return found


def item_heading(item: Item) -> str:
    """How the results and the CSV name an item: "Bouwsteen 2: …", "Idee: …", or the theme."""
    if item.type == "block":
        return gettext("Building block %(number)s: %(name)s") % {"number": item.key.split("-")[-1], "name": item.label}
    if item.type == "idea":
        return gettext("Idea: %(title)s") % {"title": item.label}
    return item.label
