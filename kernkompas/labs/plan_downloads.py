"""The downloads of an action plan: one row per action with all its fields, the columns named in Dutch (the page's
language), as ``;``-separated CSV with decimal commas (as a Dutch or Flemish Excel opens it) or as an Excel file.
Both are written by :mod:`kernkompas.lib.spreadsheet`, which keeps a title such as "=HYPERLINK(…)" text instead of
a formula. No personal data: updates are named by party, never by person."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kernkompas.labs import plan_display, public_plans
from kernkompas.lib import spreadsheet

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

COLUMNS = (
    _("number"),
    _("action"),
    _("description"),
    _("goal"),
    _("addresses bottlenecks"),
    _("owner"),
    _("partners"),
    _("role of the municipality"),
    _("status"),
    _("start"),
    _("deadline"),
    _("budget (€)"),
    _("who pays"),
    _("indicator"),
    _("measured in area"),
    _("starting value"),
    _("target value"),
    _("value now"),
    _("target date"),
    _("progress towards the target (%)"),
    _("latest progress"),
    _("date of the latest progress"),
    _("inspired by Vitrine cases"),
)


def table(plan) -> tuple[list[str], list[list]]:
    rows = []
    for number, row in enumerate(public_plans.action_rows(plan, updates_per_action=1), start=1):
        action, indicator = row.action, row.indicator
        latest = row.updates[0] if row.updates else None
        rows.append(
            [
                number,
                action.title,
                action.description,
                row.goal,
                "; ".join(row.bottlenecks),
                row.owner,
                ", ".join(row.partners),
                row.role,
                row.status_label,
                action.start_date,
                action.deadline,
                row.budget,
                "; ".join(f"{payer}: {plan_display.euro(amount)}" for payer, amount in row.funding),
                indicator.label if indicator else "",
                indicator.area if indicator else "",
                action.indicator_baseline,
                action.indicator_target,
                indicator.current if indicator else None,
                action.target_date,
                indicator.percent if indicator else None,
                f"{public_plans.update_author(latest)}: {latest.text}" if latest else "",
                latest.date if latest else None,
                ", ".join(title for title, _url in row.cases),
            ]
        )
    return [str(c) for c in COLUMNS], rows


def as_csv(plan) -> bytes:
    headers, rows = table(plan)
    return spreadsheet.csv_bytes(headers, rows, dutch=translation.get_language() == "nl")


def as_xlsx(plan) -> bytes:
    headers, rows = table(plan)
    return spreadsheet.xlsx_bytes(headers, rows, sheet=str(_("actions")))
