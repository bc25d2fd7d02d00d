"""The statistics of kernkompas.lib.dna.stats against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kernkompas.lib.dna import stats


def test_median_of_an_odd_and_an_even_count():
    assert stats.median([3, 1, 100, 2, 4]) == 3
    assert stats.median([4, 1, 3, 2]) == 2.5
    assert math.isnan(stats.median([]))


def test_mad_and_spread_by_hand():
    # median 3; deviations 2, 1, 0, 1, 97 → MAD 1; spread 1.4826 · 1
    assert stats.mad([1, 2, 3, 4, 100]) == 1
    assert stats.spread([1, 2, 3, 4, 100]) == pytest.approx(1.4826)
    # median 2.5; deviations 1.5, 0.5, 0.5, 1.5 → MAD 1
    assert stats.mad([1, 2, 3, 4]) == 1


def test_robust_z_by_hand():
    assert stats.robust_z(6, [1, 2, 3, 4, 100]) == pytest.approx(3 / 1.4826)
    assert stats.robust_z(3, [1, 2, 3, 4, 100]) == 0
    assert stats.robust_z(0, [1, 2, 3, 4, 100]) == pytest.approx(-3 / 1.4826)


def test_mad_zero_falls_back_to_the_scaled_mean_absolute_deviation():
    """Most peers with zero (a common count) give MAD = 0: the mean absolute deviation (1) · 1.2533 is used."""
    peers = [0, 0, 0, 0, 5]
    assert stats.mad(peers) == 0
    assert stats.spread(peers) == pytest.approx(1.2533)
    assert stats.robust_z(5, peers) == pytest.approx(5 / 1.2533)


def test_no_spread_at_all_gives_zero_at_the_median_and_undefined_elsewhere():
    assert stats.spread([2, 2, 2]) == 0
    assert stats.robust_z(2, [2, 2, 2]) == 0
    assert math.isnan(stats.robust_z(3, [2, 2, 2]))


def test_percentile_rank_counts_ties_half():
    peers = [1, 2, 3, 4, 100]
    assert stats.percentile_rank(3, peers) == 50  # 2 below + ½ · 1 equal, of 5
    assert stats.percentile_rank(101, peers) == 100
    assert stats.percentile_rank(0, peers) == 0
    assert stats.percentile_rank(2, [2, 2, 2, 2]) == 50
    assert stats.percentile_rank(2.5, [1, 2, 3, 4]) == 50
    assert math.isnan(stats.percentile_rank(1, []))


def test_cosine_by_hand():
    assert stats.cosine([1, 0], [0, 1]) == pytest.approx(0)
    assert stats.cosine([1, 2], [2, 4]) == pytest.approx(1)
    assert stats.cosine([1, 0], [-1, 0]) == pytest.approx(-1)
    assert stats.cosine([1, 2, 2], [2, 0, 1]) == pytest.approx(4 / (3 * math.sqrt(5)))


def test_a_zero_vector_is_similar_to_nothing_but_itself():
    matrix = stats.cosine_matrix(np.array([[0.0, 0.0], [1.0, 2.0], [np.nan, 0.0]]))
    assert matrix[0, 1] == matrix[1, 0] == 0
    assert matrix[0, 2] == 0  # NaN counts as 0, so this row is a zero vector too
    assert list(np.diag(matrix)) == [1, 1, 1]


def test_the_column_forms_equal_the_scalar_forms():
    rng = np.random.default_rng(7)
    matrix = rng.poisson(2.0, size=(12, 5)).astype(float)
    matrix[3, 1] = np.nan
    matrix[:, 4] = 4.0  # no spread at all
    z = stats.robust_z_columns(matrix)
    percentile = stats.percentile_columns(matrix)
    for column in range(matrix.shape[1]):
        group = [v for v in matrix[:, column] if not np.isnan(v)]
        assert stats.median_columns(matrix)[column] == pytest.approx(stats.median(group))
        assert stats.spread_columns(matrix)[column] == pytest.approx(stats.spread(group))
        for row in range(matrix.shape[0]):
            value = matrix[row, column]
            if np.isnan(value):
                assert np.isnan(z[row, column]) and np.isnan(percentile[row, column])
                continue
            assert z[row, column] == pytest.approx(stats.robust_z(value, group))
            assert percentile[row, column] == pytest.approx(stats.percentile_rank(value, group))
    assert (z[:, 4] == 0).all()
