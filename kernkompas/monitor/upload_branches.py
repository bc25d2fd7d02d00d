"""The import wizard's "Branches" step: names of the file the taxonomy does not know, and the officer's choices.

Shown instead of the check's result when a file of units has such names (see :mod:`kernkompas.monitor.vocabulary`):
per name how many rows use it, the nearest known branch (preselected), and the choice to map it to a known branch
or group or to make a branch (or group) of the municipality's own. The choices are saved by
:func:`kernkompas.monitor.actions.vocabulary.resolve_names`; then the check runs again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.utils.translation import gettext as _

from kernkompas.accounts.forms import AccessibleFormMixin
from kernkompas.core.problems import ImportRejected, Problem
from kernkompas.monitor.actions.vocabulary import NEW, Choice
from kernkompas.monitor.importers.detect import read_table_of
from kernkompas.monitor.models import BranchAlias, ImportKind, PendingUpload, Sector
from kernkompas.monitor.taxonomy import groups_and_branches
from kernkompas.monitor.upload_forms import is_tabular
from kernkompas.monitor.vocabulary import UnknownName, VocabularyReport, scan, without_name_problems


@dataclass
class BranchStep:
    """What the step shows: the report of the file's names and the form for the choices."""

    report: VocabularyReport
    form: BranchChoicesForm | None
    table: object  # the file's table, read once for the report and the other problems
    mapping: dict | None

    def other_problems(self, problems: list[Problem]) -> list[Problem]:
        """The check's problems without those about the names the step resolves (group and branch columns)."""
        return without_name_problems(problems, self.table, self.mapping)


def step_for(pending: PendingUpload, data=None, *, problems: list[Problem] | None = None) -> BranchStep | None:
    """The names of a pending file of units that need a choice, with the form (None for files without columns,
    unreadable ones, whose problems are the check's, and, given the check's ``problems``, a file without any when
    the municipality has no earlier choices to report either: the file is then not read a second time)."""
    if pending.kind != ImportKind.UNITS or not is_tabular(pending.kind, pending.file_name):
        return None
    gemeente = pending.gebied.kern.gemeente
    if problems == [] and not BranchAlias.objects.filter(gemeente=gemeente).exists():
        return None
    try:
        table = read_table_of(Path(pending.file.path), file_name=pending.file_name)
    except ImportRejected:
        return None
    mapping = pending.mapping or None
    report = scan(table, mapping, gemeente)
    form = BranchChoicesForm(data, names=report.unknown, gemeente=gemeente) if report.unknown else None
    return BranchStep(report, form, table, mapping)


class BranchChoicesForm(AccessibleFormMixin, forms.Form):
    """One select per unknown name (what it means), with the name and group (or sector) of a branch (or group)
    of the municipality's own, used when the officer chooses to make one."""

    def __init__(self, *args, names: list[UnknownName], gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names
        groups, branches = groups_and_branches(gemeente)
        self.group_names = {code: group.name for code, group in groups.items()}
        codes = {group.pk: code for code, group in groups.items()}
        self.group_of = {f"b:{code}": codes.get(branch.group_id, "") for code, branch in branches.items()}
        self.group_of.update({f"g:{code}": code for code in groups})
        by_group: dict[int, list] = {}
        for code, branch in sorted(branches.items(), key=lambda item: item[1].name):
            by_group.setdefault(branch.group_id, []).append((f"b:{code}", branch.name))
        self.known = [
            (
                group.name,
                [(f"g:{code}", _("%(group)s (no branch)") % {"group": group.name}), *by_group.get(group.pk, [])],
            )
            for code, group in groups.items()
        ]
        self.group_choices = [("", _("— choose a function group —"))] + list(self.group_names.items())
        for index, name in enumerate(names):
            self._add_fields(index, name)

    def _add_fields(self, index: int, name: UnknownName) -> None:
        self.fields[f"choice_{index}"] = forms.ChoiceField(
            label=_("What does “%(name)s” mean?") % {"name": name.text},
            choices=self._choices(name),
            initial=name.proposal or NEW,
        )
        self.fields[f"name_{index}"] = forms.CharField(
            label=_("Name of the new branch") if name.kind != "group" else _("Name of the new function group"),
            initial=name.text[:100],
            max_length=100,
            required=False,
        )
        if name.kind == "group":
            self.fields[f"sector_{index}"] = forms.ChoiceField(
                label=_("Sector of the new function group"),
                choices=[("", _("— choose a sector —")), *Sector.choices],
                required=False,
            )
        else:
            self.fields[f"group_{index}"] = forms.ChoiceField(
                label=_("Function group of the new branch"),
                choices=self.group_choices,
                initial=name.file_group,  # the group the file puts it in
                required=False,
            )

    def _choices(self, name: UnknownName) -> list:
        if name.kind == "conflict":
            code = name.taxonomy_target
            file_group = self.group_names.get(name.file_group, name.group_text)
            own_group = self.group_names.get(self.group_of.get(code, ""), "")
            first = [
                (code, _("Follow the default list: %(name)s in %(group)s") % {"name": name.text, "group": own_group}),
                (NEW, _("Follow the file: a branch of your own in %(group)s") % {"group": file_group}),
            ]
        elif name.kind == "group":
            first = [(NEW, _("Create a function group of your own"))]
        else:
            first = [(NEW, _("Create a branch of your own"))]
        return [(_("Your choice"), first), *self.known]

    def rows(self):
        """Per name: the name, its fields and the name of the proposal, for the template."""
        names_by_target = {value: label for _group, options in self.known for value, label in options}
        for index, name in enumerate(self.names):
            yield {
                "name": name,
                "index": index,
                "choice": self[f"choice_{index}"],
                "new_name": self[f"name_{index}"],
                "group": self[f"group_{index}"] if f"group_{index}" in self.fields else None,
                "sector": self[f"sector_{index}"] if f"sector_{index}" in self.fields else None,
                "proposal": names_by_target.get(name.proposal, ""),
                # For a branch in another group than the list's: that group.
                "list_group": self.group_names.get(self.group_of.get(name.taxonomy_target, ""), ""),
            }

    def clean(self):
        cleaned = super().clean()
        for index, name in enumerate(self.names):
            if cleaned.get(f"choice_{index}") != NEW:
                continue
            if not (cleaned.get(f"name_{index}") or "").strip():
                self.add_error(f"name_{index}", _("Give the new one a name, or choose a known branch above."))
            if name.kind == "group" and not cleaned.get(f"sector_{index}"):
                self.add_error(f"sector_{index}", _("Choose the sector of the new function group."))
            if name.kind != "group" and not cleaned.get(f"group_{index}"):
                self.add_error(f"group_{index}", _("Choose the function group the new branch belongs to."))
        return cleaned

    def choices(self) -> list[Choice]:
        found = []
        for index, name in enumerate(self.names):
            target = self.cleaned_data[f"choice_{index}"]
            group = self.cleaned_data.get(f"group_{index}", "")
            if name.kind == "conflict" and target == NEW:
                group = group or name.file_group
            found.append(
                Choice(
                    name,
                    target,
                    new_name=self.cleaned_data.get(f"name_{index}", ""),
                    new_group=group if target == NEW and name.kind != "group" else "",
                    new_sector=self.cleaned_data.get(f"sector_{index}", ""),
                )
            )
        return found
