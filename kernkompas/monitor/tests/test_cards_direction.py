"""The dashboard cards judge a change by the indicator's own definition (INDICATORS), nothing else."""

from __future__ import annotations

import dataclasses
import datetime
from types import SimpleNamespace

from django.utils import translation

from kernkompas.monitor.indicator_catalogue import INDICATORS
from kernkompas.monitor.presentation import panels

BEFORE = SimpleNamespace(
    date=datetime.date(2023, 10, 1),
    values={
        "units": 10,
        "vacancy_rate": 0.1,
        "vacancy_rate_area": 0.1,
        "diversity": 0.5,
        "independent_share": 0.4,
        "vacancy_duration": {"short": 1, "long": 1, "structural": 1},
    },
)
NOW = SimpleNamespace(
    date=datetime.date(2024, 10, 1),
    values={
        "units": 12,
        "vacancy_rate": 0.2,
        "vacancy_rate_area": 0.2,
        "diversity": 0.6,
        "independent_share": 0.5,
        "vacancy_duration": {"short": 2, "long": 2, "structural": 2},
    },
)


def _judgements():
    with translation.override("nl"):
        return {card["code"]: card["trend"]["judgement"] for card in panels.build_cards(NOW, BEFORE, {})}


def test_every_rise_is_judged_as_its_indicator_says():
    found = _judgements()
    # All five went up: better for diversity, worse for vacancy, no judgement for units and independents (the
    # independents' share has no better direction in its definition).
    assert found == {
        "units": "",
        "vacancy_rate": "worse",
        "vacancy_rate_area": "worse",
        "diversity": "better",
        "independent_share": "",
    }
    for code, judgement in found.items():
        better = INDICATORS[code].higher_is_better
        assert judgement == ("" if better is None else ("better" if better else "worse"))


def test_the_independent_card_follows_a_changed_definition(monkeypatch):
    changed = dataclasses.replace(INDICATORS["independent_share"], higher_is_better=True)
    monkeypatch.setitem(INDICATORS, "independent_share", changed)
    assert _judgements()["independent_share"] == "better"


def test_independent_card_shows_the_change_without_improvement_or_deterioration():
    with translation.override("en"):
        card = next(c for c in panels.build_cards(NOW, BEFORE, {}) if c["code"] == "independent_share")
    assert card["trend"]["arrow"] == "↑"
    assert card["trend"]["text"] == "+10.0 percentage points since 01-10-2023"
    assert card["trend"]["judgement_label"] == ""


def test_the_vacancy_duration_rows_follow_their_indicators():
    rows = {row["code"]: row["trend"]["judgement"] for row in panels.duration_card(NOW, BEFORE)["rows"]}
    # short_vacancy (frictional) has no better direction; long and structural vacancy are better lower.
    assert rows == {"short": "", "long": "worse", "structural": "worse"}
