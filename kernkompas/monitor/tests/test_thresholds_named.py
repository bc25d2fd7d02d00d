"""A threshold is named in words wherever it shows (back office, audit log, e-mails), never by its codes."""

from __future__ import annotations

import pytest
from django.utils import translation

from kernkompas.monitor.models import Threshold

pytestmark = pytest.mark.django_db


def test_a_threshold_reads_as_words_in_dutch_and_english(cast):
    threshold = Threshold(gebied=cast.markt, indicator="vacancy_rate", direction="above", value=0.12)
    with translation.override("nl"):
        assert str(threshold) == "leegstand boven 12,0 %"
    with translation.override("en"):
        assert str(threshold) == "vacancy above 12.0%"


def test_an_unknown_indicator_still_names_itself(cast):
    threshold = Threshold(gebied=cast.markt, indicator="gone_indicator", direction="below", value=3)
    with translation.override("nl"):
        assert str(threshold).startswith("gone_indicator onder")
