"""Straight-line fits: ordinary least squares and the median (least absolute deviations) line.

The median line is fitted with the iteratively reweighted least squares (IRLS) algorithm of
statsmodels' ``QuantReg(endog, [1, x]).fit(q=0.5)``, step for step, so that Klimatläget's trend
is the one analysts get from that tool. The median line is often not unique, so the exact range
of equally good slopes is available too (:func:`lad_slope_range`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from math import sumprod
from operator import mul

#: Residuals closer to zero than this are replaced by ±RESIDUAL_FLOOR (as in statsmodels).
RESIDUAL_FLOOR = 1e-6
#: Relative and absolute slack when deciding that an objective value is optimal.
OPTIMUM_RTOL = 1e-9
OPTIMUM_ATOL = 1e-9


@dataclass(frozen=True, slots=True)
class LinearFit:
    """The line ``y = intercept + slope * x``; x in calendar years (not centred)."""

    slope: float
    intercept: float
    iterations: int

    def at(self, x: float) -> float:
        """The fitted value at ``x``."""
        return self.intercept + self.slope * x


def _check_points(xs: Sequence[float], ys: Sequence[float]) -> None:
    if len(xs) != len(ys):
        raise ValueError(f"xs and ys differ in length ({len(xs)} and {len(ys)})")
    if len(set(xs)) < 2:
        raise ValueError("a line needs at least two points with different x")


def _shifted(
    xs: Sequence[float], ys: Sequence[float]
) -> tuple[float, float, list[float], list[float]]:
    """Shift the data by (mean x, median y) so that all sums below stay small."""
    x0 = sum(xs) / len(xs)
    y0 = sorted(ys)[len(ys) // 2]
    return x0, y0, [x - x0 for x in xs], [y - y0 for y in ys]


def _weighted_step(
    cxs: Sequence[float], cys: Sequence[float], ws: Sequence[float]
) -> tuple[float, float, float, list[float]]:
    """One weighted least squares line on shifted data: (x̄, ȳ, slope, x − x̄ per point).

    statsmodels solves the normal equations ``[Σw Σwx; Σwx Σwx²] β = [Σwy; Σwxy]`` with
    ``pinv``. With x ≈ 2020 that matrix has a condition number of 1e12 or more (far more once
    IRLS weights reach 2e6), so the solve loses most of its digits and ``pinv`` may even drop a
    singular value. The same line follows from the weighted means and the centred sums,
    slope = Σw(x−x̄)(y−ȳ) / Σw(x−x̄)², which are well conditioned (``math.sumprod`` adds with
    extra precision, and Σw(x−x̄), zero but for rounding, is kept for exactness).
    """
    sw = sum(ws)
    x_mean = sumprod(ws, cxs) / sw
    y_mean = sumprod(ws, cys) / sw
    dxs = [x - x_mean for x in cxs]
    wdxs = list(map(mul, ws, dxs))
    slope = (sumprod(wdxs, cys) - y_mean * sum(wdxs)) / sumprod(wdxs, dxs)
    return x_mean, y_mean, slope, dxs


def _irls_iteration(
    cxs: Sequence[float], cys: Sequence[float], ws: Sequence[float], q: float
) -> tuple[float, float, float, list[float]]:
    """One IRLS step: the weighted line (x̄, ȳ, slope) and the weights for the next step."""
    x_mean, y_mean, slope, dxs = _weighted_step(cxs, cys, ws)
    if q != 0.5:
        return x_mean, y_mean, slope, _irls_weights(cys, dxs, y_mean, slope, q)
    floor = RESIDUAL_FLOOR  # the median: 1/(0.5·m) == 2/m exactly
    weights = [
        2.0 / (m if (m := abs((y - y_mean) - slope * d)) >= floor else floor)
        for y, d in zip(cys, dxs, strict=False)
    ]
    return x_mean, y_mean, slope, weights


def ols_fit(xs: Sequence[float], ys: Sequence[float]) -> LinearFit:
    """Ordinary least squares line through the points (one solve, so ``iterations == 1``)."""
    _check_points(xs, ys)
    x0, y0, cxs, cys = _shifted(xs, ys)
    x_mean, y_mean, slope, _ = _weighted_step(cxs, cys, [1.0] * len(xs))
    return LinearFit(slope=slope, intercept=(y0 + y_mean) - slope * (x0 + x_mean), iterations=1)


def _irls_weights(
    cys: Sequence[float], dxs: Sequence[float], y_mean: float, slope: float, q: float
) -> list[float]:
    """statsmodels' weights: 1/(q·|r|) for r < 0 and 1/((1−q)·|r|) otherwise, with |r| ≥ 1e-6.

    r = y − a − b·x is computed as (y − ȳ) − b·(x − x̄): the same value, fewer rounding errors.
    """
    weights = []
    for y, d in zip(cys, dxs, strict=True):
        r = (y - y_mean) - slope * d
        side = q if r < 0 else 1.0 - q
        weights.append(1.0 / (side * max(abs(r), RESIDUAL_FLOOR)))
    return weights


def lad_fit_irls(
    xs: Sequence[float],
    ys: Sequence[float],
    *,
    q: float = 0.5,
    p_tol: float = 1e-6,
    max_iter: int = 1000,
) -> LinearFit:
    """Median (q = 0.5) regression line by IRLS, as statsmodels' ``QuantReg.fit`` computes it.

    The loop mirrors ``statsmodels.regression.quantile_regression.QuantReg.fit`` (0.14, 0.15)
    called with exog ``[1, x]``:

    * β = (intercept, slope) starts at (1, 1) and all weights at 1, so iteration 1 is OLS;
    * each iteration solves the weighted least squares problem, recomputes the residuals,
      replaces those with |r| < 1e-6 by ±1e-6 (zero counts as +) and sets the weights to
      1/(q·|r|) for r < 0 and 1/((1−q)·|r|) otherwise;
    * it stops when max(|β − β_previous|) < ``p_tol``, measured on the *uncentred* intercept
      (the value at x = 0, i.e. at year 0) and the slope, exactly as statsmodels does with
      years as x; or after ``max_iter`` iterations; or when, from iteration 300 on and every
      100th iteration, β equals one of the 8 before it (statsmodels' cycle check).

    The one deliberate difference is numerical: each weighted least squares step is solved
    through weighted means of shifted data instead of the ill-conditioned raw normal equations
    (see :func:`_weighted_step`). In exact arithmetic the iterates are the same. On the 290
    Swedish municipalities ours agree with an 80-digit evaluation of statsmodels' formulas to
    1e-13 with identical iteration counts, whereas statsmodels itself, given raw years, mostly
    never meets its convergence test (see docs/METHOD.md, "Trend").
    """
    _check_points(xs, ys)
    x0, y0, cxs, cys = _shifted(xs, ys)
    intercept, slope = 1.0, 1.0
    weights = [1.0] * len(xs)
    history: deque[tuple[float, float]] = deque(maxlen=10)
    n_iter = 0
    diff = 10.0
    while n_iter < max_iter and diff > p_tol:
        n_iter += 1
        previous_intercept, previous_slope = intercept, slope
        x_mean, y_mean, slope, weights = _irls_iteration(cxs, cys, weights, q)
        intercept = (y0 + y_mean) - slope * (x0 + x_mean)
        diff = max(abs(intercept - previous_intercept), abs(slope - previous_slope))
        if n_iter > 290:  # statsmodels' cycle check looks back at most 9 iterations
            history.append((intercept, slope))
            if n_iter % 100 == 0 and _in_cycle(history):
                break
    return LinearFit(slope=slope, intercept=intercept, iterations=n_iter)


def _in_cycle(history: deque[tuple[float, float]]) -> bool:
    """statsmodels' cycle check: the latest β equals one of the 2nd…9th latest exactly."""
    latest = history[-1]
    return any(history[-back] == latest for back in range(2, min(10, len(history) + 1)))


def lad_objective(xs: Sequence[float], ys: Sequence[float], slope: float) -> float:
    """g(b) = min over a of Σ|y − a − b·x|, the least sum of absolute residuals for slope b.

    The best intercept a is a median of y − b·x. g does not depend on where x is measured
    from, so x is shifted to start at 0, which keeps the products small.
    """
    _check_points(xs, ys)
    origin = min(xs)
    return _objective([x - origin for x in xs], ys, slope)


def _objective(cxs: Sequence[float], ys: Sequence[float], slope: float) -> float:
    # Σ|r − median(r)| = (sum of the upper half) − (sum of the lower half) of the sorted r.
    residuals = sorted([y - slope * x for x, y in zip(cxs, ys, strict=True)])
    half = len(residuals) // 2
    return sum(residuals[len(residuals) - half :]) - sum(residuals[:half])


def pairwise_slopes(xs: Sequence[float], ys: Sequence[float]) -> list[float]:
    """The distinct slopes (y_j − y_i) / (x_j − x_i) of all pairs with different x, sorted."""
    n = len(xs)
    return sorted(
        {
            (ys[j] - ys[i]) / (xs[j] - xs[i])
            for i in range(n)
            for j in range(i + 1, n)
            if xs[j] != xs[i]
        }
    )


def lad_slope_range(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """The exact interval of slopes whose best line has the minimal sum of absolute residuals.

    g(b) (:func:`lad_objective`) is convex and piecewise linear in b with its breakpoints at
    the pairwise slopes, so its minimum S* is attained on an interval whose ends are
    breakpoints. The range is [smallest, largest] breakpoint with g(b) ≤ S*·(1 + 1e-9) + 1e-9
    (the slack absorbs rounding). A unique median line gives a range of width 0.

    Along the sorted breakpoints g first falls, then rises, so the minimum is found by
    bisection and the ends by walking outwards from it: ~15 evaluations of g instead of all
    n(n−1)/2; the result is the same as evaluating g at every breakpoint.
    """
    _check_points(xs, ys)
    origin = min(xs)
    cxs = [x - origin for x in xs]
    slopes = pairwise_slopes(cxs, ys)
    cache: dict[int, float] = {}

    def g(index: int) -> float:
        if index not in cache:
            cache[index] = _objective(cxs, ys, slopes[index])
        return cache[index]

    low, high = 0, len(slopes) - 1
    while low < high:
        middle = (low + high) // 2
        if g(middle) <= g(middle + 1):
            high = middle
        else:
            low = middle + 1
    limit = g(low) * (1 + OPTIMUM_RTOL) + OPTIMUM_ATOL
    first = last = low
    while first > 0 and g(first - 1) <= limit:
        first -= 1
    while last < len(slopes) - 1 and g(last + 1) <= limit:
        last += 1
    return slopes[first], slopes[last]
