"""The median line against statsmodels' QuantReg on all 290 Swedish municipalities.

statsmodels solves ill-conditioned normal equations when given raw years (condition number
1e12 and more), so with raw years its QuantReg mostly never meets its own convergence test and
stops after 1000 iterations away from the median line. The tests therefore check three things:

1. ``lad_fit_irls`` reproduces statsmodels' *algorithm* (raw years, uncentred convergence test):
   it agrees with an 80-digit ``decimal`` evaluation of statsmodels' formulas, iteration count
   included;
2. statsmodels itself, given years counted from 2015 (a well-conditioned design for the same
   algorithm), agrees with us wherever the median line is unique, and its slope always lies in
   our exact range of optimal slopes;
3. statsmodels with raw years, exactly as it is usually called, never finds a better line than
   ours (its slope is printed for the record).
"""

from __future__ import annotations

import warnings
from decimal import Decimal, localcontext

import pytest

from klimatlaget.calc import lad_fit_irls, lad_objective, lad_slope_range
from klimatlaget.calc.regression import _objective, pairwise_slopes

Points = dict[str, tuple[list[float], list[float]]]


def slope_tolerance(slope: float) -> float:
    """1e-6 relative or 1e-3 t/yr absolute, whichever is looser."""
    return max(1e-3, 1e-6 * abs(slope))


def statsmodels_irls_in_decimal(xs: list[float], ys: list[float]) -> tuple[float, int]:
    """statsmodels' QuantReg.fit(q=0.5) loop, literally, in 80-digit decimal arithmetic.

    Raw x in the design [1, x], the 2×2 normal equations solved by Cramer's rule (exact in
    this precision), residual floor ±1e-6, weights 1/(0.5·|r|), stop when max|Δβ| < 1e-6.
    """
    with localcontext() as context:
        context.prec = 80
        big_x = [Decimal(x) for x in xs]
        big_y = [Decimal(repr(y)) for y in ys]
        floor, half, tolerance = Decimal("1e-6"), Decimal("0.5"), Decimal("1e-6")
        intercept, slope = Decimal(1), Decimal(1)
        weights = [Decimal(1)] * len(xs)
        iterations, diff = 0, Decimal(10)
        while iterations < 1000 and diff > tolerance:
            iterations += 1
            previous = (intercept, slope)
            zero = Decimal(0)
            s0 = sum(weights, zero)
            s1 = sum((w * x for w, x in zip(weights, big_x, strict=True)), zero)
            s2 = sum((w * x * x for w, x in zip(weights, big_x, strict=True)), zero)
            t0 = sum((w * y for w, y in zip(weights, big_y, strict=True)), zero)
            t1 = sum((w * x * y for w, x, y in zip(weights, big_x, big_y, strict=True)), zero)
            determinant = s0 * s2 - s1 * s1
            intercept = (s2 * t0 - s1 * t1) / determinant
            slope = (s0 * t1 - s1 * t0) / determinant
            residuals = [y - intercept - slope * x for x, y in zip(big_x, big_y, strict=True)]
            clamped = [r if abs(r) >= floor else (floor if r >= 0 else -floor) for r in residuals]
            weights = [1 / (half * abs(r)) for r in clamped]
            diff = max(abs(intercept - previous[0]), abs(slope - previous[1]))
        return float(slope), iterations


def test_irls_reproduces_statsmodels_algorithm_exactly(trend_points: Points) -> None:
    assert len(trend_points) == 290
    for name, (xs, ys) in trend_points.items():
        fit = lad_fit_irls(xs, ys)
        reference_slope, reference_iterations = statsmodels_irls_in_decimal(xs, ys)
        assert fit.slope == pytest.approx(reference_slope, rel=1e-9, abs=1e-6), name
        assert fit.iterations == reference_iterations, name


def _statsmodels_slope(xs: list[float], ys: list[float], origin: float) -> tuple[float, int]:
    np = pytest.importorskip("numpy")
    sm = pytest.importorskip("statsmodels.api")
    exog = sm.add_constant(np.array(xs) - origin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Maximum number of iterations (1000) reached."
        result = sm.QuantReg(np.array(ys), exog).fit(q=0.5)
    return float(result.params[1]), int(result.iterations)


def test_statsmodels_agrees_and_lies_in_the_slope_range(trend_points: Points) -> None:
    unique = 0
    for name, (xs, ys) in trend_points.items():
        ours = lad_fit_irls(xs, ys).slope
        theirs, _ = _statsmodels_slope(xs, ys, origin=2015.0)
        low, high = lad_slope_range(xs, ys)
        tolerance = slope_tolerance(ours)
        assert low - tolerance <= theirs <= high + tolerance, name
        assert low - tolerance <= ours <= high + tolerance, name
        if high == low:
            unique += 1
            assert theirs == pytest.approx(ours, abs=tolerance), name
        else:
            # Where many slopes are optimal both stop at nearly the same point of the range;
            # statsmodels' rounding noise moves it by well under 1 % of the range.
            assert abs(theirs - ours) <= 0.01 * (high - low), name
    print(f"\nunique median line: {unique} of {len(trend_points)} municipalities")
    assert unique > 0


def test_statsmodels_with_raw_years_is_never_better(trend_points: Points) -> None:
    agreeing = at_iteration_limit = 0
    for name, (xs, ys) in trend_points.items():
        ours = lad_fit_irls(xs, ys).slope
        theirs, iterations = _statsmodels_slope(xs, ys, origin=0.0)
        optimum = lad_objective(xs, ys, ours)
        assert optimum <= lad_objective(xs, ys, theirs) * (1 + 1e-9) + 1e-9, name
        agreeing += abs(theirs - ours) <= slope_tolerance(ours)
        at_iteration_limit += iterations == 1000
    print(
        f"\nstatsmodels with raw years: agrees on {agreeing} of {len(trend_points)}, "
        f"stopped at 1000 iterations for {at_iteration_limit}"
    )


def test_many_municipalities_have_a_range_of_optimal_slopes(trend_points: Points) -> None:
    ranges = {name: lad_slope_range(xs, ys) for name, (xs, ys) in trend_points.items()}
    non_unique = sorted(name for name, (low, high) in ranges.items() if high > low)
    share = len(non_unique) / len(ranges)
    print(f"\nnon-unique median line: {len(non_unique)} of {len(ranges)} ({share:.0%})")
    assert len(non_unique) > 0


def test_slope_range_search_equals_evaluating_every_breakpoint(trend_points: Points) -> None:
    for name, (xs, ys) in trend_points.items():
        cxs = [x - xs[0] for x in xs]
        slopes = pairwise_slopes(cxs, ys)
        values = [_objective(cxs, ys, b) for b in slopes]
        limit = min(values) * (1 + 1e-9) + 1e-9
        optimal = [b for b, value in zip(slopes, values, strict=True) if value <= limit]
        assert lad_slope_range(xs, ys) == (min(optimal), max(optimal)), name


def test_other_quantile_matches_statsmodels() -> None:
    np = pytest.importorskip("numpy")
    sm = pytest.importorskip("statsmodels.api")
    xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    ys = [1.0, 3.0, 2.0, 5.0, 4.0, 7.0, 5.0, 9.5]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = sm.QuantReg(np.array(ys), sm.add_constant(np.array(xs))).fit(q=0.25)
    fit = lad_fit_irls(xs, ys, q=0.25)
    assert fit.slope == pytest.approx(float(result.params[1]), abs=1e-6)
    assert fit.intercept == pytest.approx(float(result.params[0]), abs=1e-6)
    assert fit.iterations == int(result.iterations)
