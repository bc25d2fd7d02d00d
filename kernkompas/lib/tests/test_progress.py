"""Progress of an action towards its target on a linked indicator: the way from the baseline to the target, clamped,
whichever way is forward."""

import math

import pytest

from kernkompas.lib.progress import percent, progress


def test_it_is_the_share_of_the_way_from_baseline_to_target_when_the_figure_should_rise():
    assert progress(100, 200, 150) == 0.5
    assert percent(progress(100, 200, 150)) == 50


def test_it_works_the_same_when_the_figure_should_fall_like_vacancy():
    assert progress(0.12, 0.08, 0.10) == pytest.approx(0.5)
    assert percent(progress(0.12, 0.08, 0.10)) == 50
    assert percent(progress(12, 8, 11)) == 25


def test_it_is_clamped_between_nothing_and_done():
    assert progress(100, 200, 50) == 0.0
    assert progress(100, 200, 260) == 1.0
    assert progress(12, 8, 14) == 0.0


def test_there_is_no_figure_without_a_current_value_a_baseline_or_a_target():
    assert progress(None, 200, 150) is None
    assert progress(100, None, 150) is None
    assert progress(100, 200, None) is None
    assert progress(100, 200, math.nan) is None
    assert progress(100, 200, "veel") is None
    assert percent(None) is None


def test_a_target_equal_to_the_baseline_is_reached_only_at_it():
    assert progress(10, 10, 10) == 1.0
    assert progress(10, 10, 12) is None


def test_almost_done_is_not_shown_as_done():
    assert percent(progress(0, 1000, 996)) == 99
