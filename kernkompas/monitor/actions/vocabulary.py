"""Resolving the names of a municipality's file that the taxonomy does not know (see monitor/vocabulary.py).

One operation for the import wizard and ``import-units --map/--create-branch/--accept-proposals``: for each name
the officer's choice is either a known branch or group, or a new branch (or group) of the municipality's own;
the choice is remembered as a :class:`~kernkompas.monitor.models.BranchAlias` of that municipality and applies to
its next files. Everything in one transaction with an audit event per name (and per branch or group made).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.lib.text import slugify_name
from kernkompas.monitor.actions.back_office import action_name
from kernkompas.monitor.models import Branch, BranchAlias, FunctionGroup, Sector
from kernkompas.monitor.taxonomy import groups_and_branches
from kernkompas.monitor.vocabulary import UnknownName

NEW = "new"
NEW_GROUP_COLOUR = "#777777"  # grey until the municipality picks a colour in the back office


class ChoiceError(ValueError):
    """A choice that cannot be carried out; ``str()`` says why, in the officer's words."""


@dataclass
class Choice:
    """What to do with one unknown name: ``target`` is "b:<code>", "g:<code>" or :data:`NEW`."""

    name: UnknownName
    target: str
    new_name: str = ""
    new_group: str = ""  # group code, for a new branch
    new_sector: str = ""  # sector, for a new group


def resolve_names(gemeente, choices: list[Choice], *, by) -> list[BranchAlias]:
    """Carry out the choices for ``gemeente``'s names and remember them; returns the aliases saved.

    Raises :class:`ChoiceError` (nothing saved) when a choice names a branch or group the municipality cannot use.
    """
    with transaction.atomic():
        saved = []
        for choice in choices:
            groups, branches = groups_and_branches(gemeente)  # again per choice: the previous may have added one
            group, branch, created = _target(gemeente, choice, groups, branches, by=by)
            alias, _new = BranchAlias.objects.update_or_create(
                gemeente=gemeente,
                group_key=choice.name.group_key,
                branch_key=choice.name.branch_key,
                defaults={
                    "source_text": choice.name.source_text[:300],
                    "group": group,
                    "branch": branch,
                    "created_by": by if getattr(by, "is_authenticated", False) else None,
                },
            )
            audit.record(
                by,
                "monitor.branch_alias_saved",
                alias,
                gemeente=gemeente,
                changes={
                    "name": choice.name.source_text[:200],
                    "kind": choice.name.kind,
                    "group": group.code,
                    "branch": branch.code if branch else "",
                    "created": created,
                },
            )
            saved.append(alias)
    return saved


def _target(gemeente, choice: Choice, groups, branches, *, by):
    """(group, branch or None, made now) for a choice."""
    if choice.target == NEW:
        if choice.name.kind == "group" and not choice.new_group:
            return _new_group(gemeente, choice, by=by), None, True
        group = groups.get(choice.new_group)
        if group is None:
            raise ChoiceError(
                _("“%(name)s”: choose the function group of the new branch") % {"name": choice.name.source_text}
            )
        return group, _new_branch(gemeente, choice, group, branches, by=by), True
    kind, _colon, code = choice.target.partition(":")
    if kind == "b" and code in branches:
        branch = branches[code]
        return branch.group, branch, False
    if kind == "g" and code in groups:
        return groups[code], None, False
    raise ChoiceError(
        _("“%(name)s”: “%(target)s” is not a branch or function group of this municipality")
        % {"name": choice.name.source_text, "target": choice.target}
    )


def _new_branch(gemeente, choice: Choice, group, branches, *, by) -> Branch:
    name = (choice.new_name or choice.name.text).strip()[:100]
    if not name:
        raise ChoiceError(_("“%(name)s”: the new branch needs a name") % {"name": choice.name.source_text})
    taken = set(branches) | set(Branch.objects.filter(gemeente=gemeente).values_list("code", flat=True))
    branch = Branch.objects.create(gemeente=gemeente, group=group, name=name, code=_free_code(name, taken, 60))
    audit.record(
        by,
        action_name(Branch, "created"),
        branch,
        gemeente=gemeente,
        changes={"fields": {"name": name, "code": branch.code, "group": group.pk}, "from_file": True},
    )
    return branch


def _new_group(gemeente, choice: Choice, *, by) -> FunctionGroup:
    name = (choice.new_name or choice.name.text).strip()[:100]
    if not name:
        raise ChoiceError(_("“%(name)s”: the new function group needs a name") % {"name": choice.name.source_text})
    if choice.new_sector not in Sector.values:
        raise ChoiceError(
            _("“%(name)s”: choose the sector of the new function group") % {"name": choice.name.source_text}
        )
    groups, _branches = groups_and_branches(gemeente)
    taken = set(groups) | set(FunctionGroup.objects.filter(gemeente=gemeente).values_list("code", flat=True))
    position = (FunctionGroup.objects.aggregate(last=Max("position"))["last"] or 0) + 10
    group = FunctionGroup.objects.create(
        gemeente=gemeente,
        name=name,
        code=_free_code(name, taken, 40),
        sector=choice.new_sector,
        colour=NEW_GROUP_COLOUR,
        position=min(position, 32_000),
    )
    audit.record(
        by,
        action_name(FunctionGroup, "created"),
        group,
        gemeente=gemeente,
        changes={"fields": {"name": name, "code": group.code, "sector": group.sector}, "from_file": True},
    )
    return group


def _free_code(name: str, taken: set[str], limit: int) -> str:
    """A code from the name that no group or branch the municipality uses has yet ("frituur", "frituur-2")."""
    base = (slugify_name(name) or "eigen")[: limit - 4].strip("-") or "eigen"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code
