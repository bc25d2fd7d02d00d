"""Names in a municipality's file that the taxonomy does not know, each with a proposal (reads only).

A Flemish export says "Frituur", "Beenhouwerij" or "Handelspand leeg" where the default taxonomy has
"Fastservice en afhaal", "Slager" and the group Leegstand. Instead of refusing the file line by line, the import
wizard and ``import-units`` list each such name once, with how many rows use it and the nearest known branch
(:mod:`kernkompas.lib.nearest`), and let the officer map it to a known branch or group or create a branch (or
group) of the municipality's own. The choices are remembered per municipality
(:func:`kernkompas.monitor.actions.vocabulary.resolve_names`) and apply to its next files.

Three kinds of names:

- ``group``: a function group text that is no known group (nor a branch, nor one of the municipality's names);
- ``branch``: a branch text that is no known branch;
- ``conflict``: a known branch in another group than the file says: follow the taxonomy, or the file.

Targets (a proposal, a choice) are written ``b:<branch code>`` or ``g:<group code>`` (a group without a branch).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kernkompas.lib.nearest import nearest
from kernkompas.monitor.importers.mapping import propose
from kernkompas.monitor.taxonomy import (
    BRANCH_SYNONYMS,
    GROUP_VARIANTS,
    Resolver,
    UnknownFunction,
    groups_and_branches,
    name_key,
)

RESOLVABLE = ("group", "branch", "conflict")


@dataclass
class UnknownName:
    """One name of the file that needs a choice."""

    kind: str  # "group", "branch" or "conflict"
    group_key: str  # the keys the choice is remembered by (see monitor.models.BranchAlias)
    branch_key: str
    text: str  # the name as the file writes it (for a conflict: the branch)
    group_text: str = ""  # for a conflict: the group the file says
    rows: int = 0
    file_groups: Counter = field(default_factory=Counter)  # group codes the file gives with this name
    proposal: str = ""  # "b:<code>" / "g:<code>", or "" when nothing is near
    taxonomy_target: str = ""  # for a conflict: "b:<code>" of the branch in its own group

    @property
    def file_group(self) -> str:
        """The group the file puts this name in most often ("" when it does not say)."""
        return self.file_groups.most_common(1)[0][0] if self.file_groups else ""

    @property
    def source_text(self) -> str:
        return f"{self.group_text} / {self.text}" if self.kind == "conflict" else self.text

    @property
    def ident(self) -> str:
        """A stable identifier for a form field."""
        return f"{self.kind}:{self.group_key}:{self.branch_key}"


@dataclass
class VocabularyReport:
    unknown: list[UnknownName]
    recognised: int  # names resolved by the municipality's earlier choices


def columns_of(table, mapping: dict[str, str] | None) -> tuple[int | None, int | None]:
    """The column indexes of the function group and the branch (None where the file has none)."""
    mapping = propose(table.headers) if mapping is None else mapping
    found = []
    for name in ("group", "branch"):
        header = mapping.get(name)
        found.append(table.headers.index(header) if header and header in table.headers else None)
    return found[0], found[1]


def scan(table, mapping: dict[str, str] | None, gemeente) -> VocabularyReport:
    """Every name of the table's group and branch columns that needs a choice, in the order of the file."""
    group_col, branch_col = columns_of(table, mapping)
    pairs: Counter = Counter()
    for row in table.rows:
        group_text = row[group_col] if group_col is not None and group_col < len(row) else ""
        branch_text = row[branch_col] if branch_col is not None and branch_col < len(row) else ""
        pairs[(group_text.strip(), branch_text.strip())] += 1
    resolver = Resolver(gemeente)
    names: dict[tuple, UnknownName] = {}
    for (group_text, branch_text), rows in pairs.items():
        try:
            resolver.resolve(group_text, branch_text)
        except UnknownFunction as exc:
            _collect(names, resolver, exc, group_text, branch_text, rows)
    unknown = list(names.values())
    targets = targets_of(gemeente)
    for name in unknown:
        name.proposal = _proposal(name, targets)
    return VocabularyReport(unknown, len(resolver.alias_hits))


def _collect(names: dict, resolver: Resolver, exc: UnknownFunction, group_text: str, branch_text: str, rows: int):
    if exc.kind == "group":
        _add(names, UnknownName("group", name_key(group_text), "", group_text), rows, "")
        if branch_text:  # the branch may be unknown as well: ask both at once
            try:
                resolver.resolve("", branch_text)
            except UnknownFunction as inner:
                if inner.kind == "branch":
                    _add(names, UnknownName("branch", "", name_key(branch_text), branch_text), rows, "")
    elif exc.kind == "branch" and branch_text:
        _add(names, UnknownName("branch", "", name_key(branch_text), branch_text), rows, exc.group_code)
    elif exc.kind == "branch":  # a branch name in the group column
        _add(names, UnknownName("group", name_key(group_text), "", group_text), rows, "")
    elif exc.kind == "conflict":
        target = f"b:{exc.branch_code}" if exc.branch_code else ""
        if not target:
            target = "g:" + resolver.resolve("", branch_text)[0]
        name = UnknownName(
            "conflict", name_key(group_text), name_key(branch_text), branch_text, group_text, taxonomy_target=target
        )
        _add(names, name, rows, exc.group_code)


def _add(names: dict, name: UnknownName, rows: int, group_code: str) -> None:
    key = (name.kind, name.group_key, name.branch_key)
    found = names.setdefault(key, name)
    found.rows += rows
    if group_code:
        found.file_groups[group_code] += rows


@dataclass
class Targets:
    """What a name can be mapped to: every branch and group the municipality may use."""

    names: dict[str, str]  # "b:<code>" / "g:<code>" → name
    group_of: dict[str, str]  # "b:<code>" → its group code


def targets_of(gemeente) -> Targets:
    groups, branches = groups_and_branches(gemeente)
    codes = {group.pk: code for code, group in groups.items()}
    names = {f"b:{code}": branch.name for code, branch in branches.items()}
    names.update({f"g:{code}": group.name for code, group in groups.items()})
    return Targets(names, {f"b:{code}": codes.get(branch.group_id, "") for code, branch in branches.items()})


def _proposal(name: UnknownName, targets: Targets) -> str:
    if name.kind == "conflict":
        return name.taxonomy_target
    group_synonyms = {word: f"g:{code}" for word, code in GROUP_VARIANTS.items()}
    synonyms = {**group_synonyms, **BRANCH_SYNONYMS} if name.kind == "branch" else {**BRANCH_SYNONYMS, **group_synonyms}
    # Between equally near names, the branches of the group the file names win.
    prefer = [key for key, group in targets.group_of.items() if name.file_group and group == name.file_group]
    found = nearest(name.text, targets.names, synonyms=synonyms, prefer=prefer)
    return found.key if found is not None else ""


def without_name_problems(problems: list, table, mapping: dict[str, str] | None) -> list:
    """A reader's problems without those about the names of the group and branch columns, which a choice
    answers (a row with neither a group nor a branch stays a problem)."""
    group_col, branch_col = columns_of(table, mapping)
    columns = {table.headers[c] for c in (group_col, branch_col) if c is not None}
    missing = _("neither a function group nor a branch is given")
    return [p for p in problems if not (p.field in columns and p.reason != missing)]
