"""The survey statistics against figures worked out by hand (and Student's t against the printed table)."""

from __future__ import annotations

import math

import pytest

from kernkompas.lib.dna import survey_stats as stats


@pytest.mark.parametrize(
    "df, table",
    # The two-sided 95 % column of any t table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    [
        (1, 12.706),
        (2, 4.303),
        (3, 3.182),
        (4, 2.776),
        (5, 2.571),
        (9, 2.262),
        (10, 2.228),
        (19, 2.093),
        (29, 2.045),
        (30, 2.042),
        (60, 2.000),
        (120, 1.980),
    ],
)
def test_the_t_quantile_matches_the_table(df, table):
    assert stats.t_quantile(0.975, df) == pytest.approx(table, abs=0.0006)


def test_the_t_quantile_approaches_the_normal_one_for_many_degrees_of_freedom():
    assert stats.t_quantile(0.975, 100_000) == pytest.approx(1.95996, abs=0.0001)


def test_the_t_cdf_is_a_half_at_zero_and_symmetric():
    assert stats.t_cdf(0.0, 7) == pytest.approx(0.5)
    assert stats.t_cdf(-1.3, 7) == pytest.approx(1 - stats.t_cdf(1.3, 7))
    # df = 1 is the Cauchy distribution: P(T ≤ 1) = 1/2 + atan(1)/π = 0.75.
    assert stats.t_cdf(1.0, 1) == pytest.approx(0.75)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        stats.t_quantile(0.975, 0)
    with pytest.raises(ValueError):
        stats.t_quantile(0.2, 5)


def test_five_answers_one_of_each_score_by_hand():
    # mean 15/5 = 3; Σ(x − 3)² = 4 + 1 + 0 + 1 + 4 = 10, s = √(10/4) = 1.58114; s/√5 = 0.70711;
    # t(0.975, 4) = 2.77645: half width 1.96324, so 1.03676 … 4.96324.
    s = stats.summarise([1, 2, 3, 4, 5], 1, 5)
    assert s.n == 5
    assert s.mean == 3
    assert s.sd == pytest.approx(1.58114, abs=1e-5)
    assert s.t == pytest.approx(2.77645, abs=1e-5)
    assert s.ci_low == pytest.approx(1.03676, abs=1e-5)
    assert s.ci_high == pytest.approx(4.96324, abs=1e-5)
    assert s.distribution == (1, 1, 1, 1, 1)
    assert s.has_interval and s.reason == ""


def test_four_answers_by_hand():
    # 4, 4, 5, 3: mean 4; Σ(x − 4)² = 0 + 0 + 1 + 1 = 2, s = √(2/3) = 0.81650; s/√4 = 0.40825;
    # t(0.975, 3) = 3.18245: half width 1.29923, so 2.70077 … 5.29923, clipped to the scale's 5.
    s = stats.summarise([4, 4, 5, 3], 1, 5)
    assert s.mean == 4
    assert s.sd == pytest.approx(0.81650, abs=1e-5)
    assert s.ci_low == pytest.approx(2.70077, abs=1e-5)
    assert s.ci_high == 5
    assert s.distribution == (0, 0, 1, 2, 1)


def test_unclipped_interval_by_hand():
    low, high, t = stats.interval([4, 4, 5, 3])
    assert high == pytest.approx(5.29923, abs=1e-5)
    assert low == pytest.approx(2.70077, abs=1e-5)
    assert t == pytest.approx(3.18245, abs=1e-5)


def test_a_seven_point_item_by_hand():
    # 7, 6, 6, 5, 2, 4: mean 30/6 = 5; Σ(x − 5)² = 4 + 1 + 1 + 0 + 9 + 1 = 16; s = √(16/5) = 1.78885;
    # s/√6 = 0.730297; t(0.975, 5) = 2.570582: half width 1.877288, so 3.122712 … 6.877288.
    s = stats.summarise([7, 6, 6, 5, 2, 4], 1, 7)
    assert s.mean == 5
    assert s.sd == pytest.approx(1.78885, abs=1e-5)
    assert s.ci_low == pytest.approx(3.122712, abs=1e-5)
    assert s.ci_high == pytest.approx(6.877288, abs=1e-5)
    assert s.distribution == (0, 1, 0, 1, 1, 2, 1)
    assert s.scores == (1, 2, 3, 4, 5, 6, 7)
    assert s.max_count == 2


def test_all_answers_equal_give_an_interval_of_width_zero():
    s = stats.summarise([3, 3, 3], 1, 5)
    assert s.sd == 0 and s.ci_low == s.ci_high == 3


@pytest.mark.parametrize("values", [[], [4]])
def test_fewer_than_two_answers_give_no_interval_and_say_why(values):
    s = stats.summarise(values, 1, 5)
    assert s.n == len(values)
    assert not s.has_interval
    assert s.ci_low is None and s.ci_high is None and s.sd is None
    assert s.reason == stats.NO_INTERVAL_FEW
    assert s.mean == (4 if values else None)


def test_a_score_outside_the_scale_is_an_error_not_a_silent_drop():
    with pytest.raises(ValueError):
        stats.distribution([1, 6], 1, 5)
    with pytest.raises(ValueError):
        stats.summarise([0, 3], 1, 5)


def test_the_mean_is_exact_for_many_answers():
    values = [1, 2] * 50_000
    assert stats.mean(values) == 1.5
    assert math.isclose(stats.sample_sd(values), math.sqrt(0.25 * 100_000 / 99_999))
