"""Straight-line fits on small examples worked out by hand."""

from __future__ import annotations

import pytest

from klimatlaget.calc import (
    lad_fit_irls,
    lad_fit_irls_many,
    lad_objective,
    lad_slope_range,
    lad_slope_ranges,
    ols_fit,
    pairwise_slopes,
)

YEARS_4 = [2015.0, 2016.0, 2017.0, 2018.0]


def test_ols_on_three_points() -> None:
    # x = 0, 1, 2; y = 1, 3, 2. x̄ = 1, ȳ = 2; Σ(x−x̄)(y−ȳ) = (−1)(−1) + 0 + (1)(0) = 1;
    # Σ(x−x̄)² = 2 → slope 0.5, intercept 2 − 0.5·1 = 1.5.
    fit = ols_fit([0.0, 1.0, 2.0], [1.0, 3.0, 2.0])
    assert fit.slope == pytest.approx(0.5)
    assert fit.intercept == pytest.approx(1.5)
    assert fit.iterations == 1


def test_ols_intercept_is_at_year_zero() -> None:
    # y = 10·(year − 2015) + 100 → intercept 100 − 10·2015 = −20050.
    fit = ols_fit(YEARS_4, [100.0, 110.0, 120.0, 130.0])
    assert fit.slope == pytest.approx(10.0)
    assert fit.intercept == pytest.approx(-20050.0)
    assert fit.at(2020.0) == pytest.approx(150.0)


def test_lad_on_collinear_points_stops_after_two_iterations() -> None:
    # Iteration 1 (OLS) already is the line; iteration 2 reproduces it, so |Δβ| < 1e-6.
    fit = lad_fit_irls(YEARS_4, [100.0, 90.0, 80.0, 70.0])
    assert fit.slope == pytest.approx(-10.0, abs=1e-9)
    assert fit.at(2015.0) == pytest.approx(100.0, abs=1e-6)
    assert fit.iterations == 2


def test_lad_ignores_one_outlier_where_ols_does_not() -> None:
    # Four points on y = 100 − 10·(x − 2015) and one outlier 65 instead of 60 at 2019.
    # OLS: residuals pull the slope to −9 (x̄ = 2017, Σ(x−x̄)(y−ȳ) = −90, Σ(x−x̄)² = 10).
    # LAD keeps the four collinear points (sum of absolute residuals 5).
    xs = [2015.0, 2016.0, 2017.0, 2018.0, 2019.0]
    ys = [100.0, 90.0, 80.0, 70.0, 65.0]
    assert ols_fit(xs, ys).slope == pytest.approx(-9.0)
    assert lad_fit_irls(xs, ys).slope == pytest.approx(-10.0, abs=1e-6)
    assert lad_objective(xs, ys, -10.0) == pytest.approx(5.0)
    assert lad_slope_range(xs, ys) == pytest.approx((-10.0, -10.0))


def test_max_iter_one_is_ordinary_least_squares() -> None:
    xs = [2015.0, 2016.0, 2017.0, 2018.0, 2019.0]
    ys = [100.0, 90.0, 80.0, 70.0, 65.0]
    fit = lad_fit_irls(xs, ys, max_iter=1)
    assert fit.iterations == 1
    assert fit.slope == pytest.approx(ols_fit(xs, ys).slope)


def test_pairwise_slopes_are_distinct_and_sorted() -> None:
    # Pairs of (0,0), (1,2), (2,2), (3,0): 2, 1, 0, 0, −1, −2 → {−2, −1, 0, 1, 2}.
    assert pairwise_slopes([0.0, 1.0, 2.0, 3.0], [0.0, 2.0, 2.0, 0.0]) == [-2, -1, 0, 1, 2]


def test_non_unique_median_line_straddling_zero() -> None:
    # y = 100, 102, 102, 100. For slope b the residuals y − b·x (x from 0) are
    # 100, 102 − b, 102 − 2b, 100 − 3b. While the middle two are the top two (−1 ≤ b ≤ 1) the
    # sum of absolute deviations from the median is (102 − b + 102 − 2b) − (100 + 100 − 3b) = 4
    # whatever b is. At b = ±2 it is 8. So every slope in [−1, 1] is optimal; by symmetry IRLS
    # stays at 0.
    ys = [100.0, 102.0, 102.0, 100.0]
    assert lad_objective(YEARS_4, ys, -1.0) == pytest.approx(4.0)
    assert lad_objective(YEARS_4, ys, 0.5) == pytest.approx(4.0)
    assert lad_objective(YEARS_4, ys, 2.0) == pytest.approx(8.0)
    assert lad_slope_range(YEARS_4, ys) == pytest.approx((-1.0, 1.0))
    assert lad_fit_irls(YEARS_4, ys).slope == pytest.approx(0.0, abs=1e-9)


def test_non_unique_median_line_on_two_parallel_pairs() -> None:
    # The same shape tilted by +10 t/yr: y = 100, 112, 122, 130. Pairs (2015, 2018) and
    # (2016, 2017) both have slope 10 and equal x sums, so the optimal slopes are 10 ± 1 and
    # IRLS, whose residuals do not change when a line is added to y, gives 10.
    ys = [100.0, 112.0, 122.0, 130.0]
    assert lad_slope_range(YEARS_4, ys) == pytest.approx((9.0, 11.0))
    assert lad_fit_irls(YEARS_4, ys).slope == pytest.approx(10.0, abs=1e-6)


def test_two_points_give_their_own_line() -> None:
    assert lad_slope_range([2020.0, 2022.0], [10.0, 4.0]) == (-3.0, -3.0)
    assert lad_fit_irls([2020.0, 2022.0], [10.0, 4.0]).slope == pytest.approx(-3.0)


def test_other_quantiles_use_asymmetric_weights() -> None:
    # With q = 0.25 the line moves below the bulk of the points compared with the median.
    xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    ys = [1.0, 3.0, 2.0, 5.0, 4.0, 7.0, 5.0]
    median = lad_fit_irls(xs, ys)
    lower = lad_fit_irls(xs, ys, q=0.25)
    assert lower.at(3.0) < median.at(3.0)


@pytest.mark.parametrize(
    ("xs", "ys", "message"),
    [
        ([2020.0, 2021.0], [1.0], "differ in length"),
        ([2020.0, 2020.0], [1.0, 2.0], "two points with different x"),
        ([2020.0], [1.0], "two points with different x"),
    ],
)
def test_bad_points_are_refused(xs: list[float], ys: list[float], message: str) -> None:
    for function in (ols_fit, lad_fit_irls, lad_slope_range):
        with pytest.raises(ValueError, match=message):
            function(xs, ys)


def test_many_series_at_once_equal_one_by_one() -> None:
    # Series stop after different numbers of iterations (2 for the straight line, more for the
    # others) and leave the batch; each gets exactly what it gets alone.
    xs = [2015.0, 2016.0, 2017.0, 2018.0, 2019.0]
    rows = [
        [100.0, 90.0, 80.0, 70.0, 60.0],
        [100.0, 90.0, 80.0, 70.0, 65.0],
        [5.0, 7.0, 4.0, 9.0, 3.0],
        [1.0, 1.0, 1.0, 1.0, 1.0],
    ]
    fits = lad_fit_irls_many(xs, rows)
    assert fits == [lad_fit_irls(xs, ys) for ys in rows]
    assert len({fit.iterations for fit in fits}) > 1
    assert lad_slope_ranges(xs, rows) == [lad_slope_range(xs, ys) for ys in rows]


def test_iteration_limit_applies_to_every_series() -> None:
    # Alone, these take 14 and 15 iterations.
    xs = [0.0, 1.0, 2.0, 3.0]
    rows = [[1.0, 3.0, 2.0, 5.0], [5.0, 7.0, 4.0, 9.0]]
    assert [fit.iterations for fit in lad_fit_irls_many(xs, rows)] == [14, 15]
    assert [fit.iterations for fit in lad_fit_irls_many(xs, rows, max_iter=3)] == [3, 3]


def test_cycle_check_stops_a_line_that_no_longer_moves() -> None:
    # With p_tol < 0 the tolerance never stops the loop; from iteration 300 on, statsmodels'
    # cycle check does once β repeats exactly (here: the line has settled), batch or not.
    xs = [2015.0, 2016.0, 2017.0, 2018.0, 2019.0]
    rows = [[100.0, 90.0, 80.0, 70.0, 65.0], [5.0, 7.0, 4.0, 9.0, 3.0]]
    fits = lad_fit_irls_many(xs, rows, p_tol=-1.0)
    assert [fit.iterations for fit in fits] == [300, 300]
    assert fits == [lad_fit_irls(xs, ys, p_tol=-1.0) for ys in rows]
    assert fits[0].slope == pytest.approx(-10.0, abs=1e-6)
