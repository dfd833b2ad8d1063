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
from typing import Any

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
    _check_rows(xs, [ys])


def _check_rows(xs: Sequence[float], ys_rows: Sequence[Sequence[float]]) -> None:
    for ys in ys_rows:
        if len(xs) != len(ys):
            raise ValueError(f"xs and ys differ in length ({len(xs)} and {len(ys)})")
    if len(set(xs)) < 2:
        raise ValueError("a line needs at least two points with different x")


def ols_fit(xs: Sequence[float], ys: Sequence[float]) -> LinearFit:
    """Ordinary least squares line through the points (one solve, so ``iterations == 1``).

    The first IRLS iteration has all weights 1, which is exactly ordinary least squares.
    """
    return lad_fit_irls(xs, ys, max_iter=1)


def lad_fit_irls(
    xs: Sequence[float],
    ys: Sequence[float],
    *,
    q: float = 0.5,
    p_tol: float = 1e-6,
    max_iter: int = 1000,
) -> LinearFit:
    """Median (q = 0.5) regression line by IRLS, as statsmodels' ``QuantReg.fit`` computes it.

    One series through :func:`lad_fit_irls_many`; see there for the algorithm.
    """
    return lad_fit_irls_many(xs, [ys], q=q, p_tol=p_tol, max_iter=max_iter)[0]


def lad_fit_irls_many(
    xs: Sequence[float],
    ys_rows: Sequence[Sequence[float]],
    *,
    q: float = 0.5,
    p_tol: float = 1e-6,
    max_iter: int = 1000,
    leave_out: Sequence[int | None] | None = None,
) -> list[LinearFit]:
    """The median line of every series in ``ys_rows`` (all on the same ``xs``), in one go.

    ``leave_out`` names, per series, the index of one point to fit without, or None (used for
    the leave-one-out slope range). That point gets weight 0 in every step, which is exactly
    the fit of the remaining points, so series with different left-out points share one batch.

    Each series follows ``statsmodels.regression.quantile_regression.QuantReg.fit`` (0.14,
    0.15) called with exog ``[1, x]``, step for step:

    * β = (intercept, slope) starts at (1, 1) and all weights at 1, so iteration 1 is OLS;
    * each iteration solves the weighted least squares problem, recomputes the residuals,
      replaces those with |r| < 1e-6 by ±1e-6 (zero counts as +) and sets the weights to
      1/(q·|r|) for r < 0 and 1/((1−q)·|r|) otherwise;
    * it stops when max(|β − β_previous|) < ``p_tol``, measured on the *uncentred* intercept
      (the value at x = 0, i.e. at year 0) and the slope, exactly as statsmodels does with
      years as x; or after ``max_iter`` iterations; or when, from iteration 300 on and every
      100th iteration, β equals one of the 8 before it (statsmodels' cycle check).

    The series are iterated together as rows of numpy arrays; a series leaves the batch when
    it stops, so each gets exactly the iterations it would get alone.

    The one deliberate difference is numerical: each weighted least squares step is solved
    through weighted means of shifted data instead of the ill-conditioned raw normal equations
    (see :func:`_weighted_step`). In exact arithmetic the iterates are the same. On the 290
    Swedish municipalities ours agree with an 80-digit evaluation of statsmodels' formulas to
    1e-13 with identical iteration counts, whereas statsmodels itself, given raw years, mostly
    never meets its convergence test (see docs/METHOD.md, "Trend").
    """
    import numpy as np  # imported on first use: Django's start-up imports calc, not numpy

    _check_rows(xs, ys_rows)
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys_rows, dtype=float).reshape(len(ys_rows), len(x))
    present = np.ones_like(y)
    if leave_out is not None:
        index = np.array([-1 if i is None else i for i in leave_out], dtype=int)
        leaving = np.flatnonzero(index >= 0)
        present[leaving, index[leaving]] = 0.0
    # Shift by (mean x, median y) so that all sums stay small.
    x0 = float(x.mean())
    y0 = np.sort(y, axis=1)[:, len(x) // 2]
    cx, cy = x - x0, y - y0[:, None]
    slopes, intercepts = np.ones(len(y)), np.ones(len(y))
    iterations = np.zeros(len(y), dtype=int)
    rows = np.arange(len(y))  # the series still iterating
    weights = present.copy()
    history: deque[tuple[Any, Any]] = deque(maxlen=10)
    n_iter = 0
    while len(rows) and n_iter < max_iter:
        n_iter += 1
        x_mean, y_mean, slope, dx = _weighted_step(cx, cy, weights)
        intercept = (y0[rows] + y_mean) - slope * (x0 + x_mean)
        diff = np.maximum(abs(intercept - intercepts[rows]), abs(slope - slopes[rows]))
        slopes[rows], intercepts[rows], iterations[rows] = slope, intercept, n_iter
        going = diff > p_tol
        if n_iter > 290:  # statsmodels' cycle check looks back at most 9 iterations
            history.append((intercept, slope))
            if n_iter % 100 == 0:
                going &= ~_in_cycle(history)
        if not going.all():
            rows = rows[going]
            cy, dx, y_mean, slope = cy[going], dx[going], y_mean[going], slope[going]
            present = present[going]
            if history:
                history = deque(((a[going], b[going]) for a, b in history), maxlen=10)
        weights = _irls_weights(cy, dx, y_mean, slope, q)
        weights *= present
    return [
        LinearFit(slope=float(b), intercept=float(a), iterations=int(n))
        for a, b, n in zip(intercepts, slopes, iterations, strict=True)
    ]


def _weighted_step(cx: Any, cy: Any, w: Any) -> tuple[Any, Any, Any, Any]:
    """One weighted least squares line per row on shifted data: x̄, ȳ, slope, x − x̄.

    statsmodels solves the normal equations ``[Σw Σwx; Σwx Σwx²] β = [Σwy; Σwxy]`` with
    ``pinv``. With x ≈ 2020 that matrix has a condition number of 1e12 or more (far more once
    IRLS weights reach 2e6), so the solve loses most of its digits and ``pinv`` may even drop a
    singular value. The same line follows from the weighted means and the centred sums,
    slope = Σw(x−x̄)(y−ȳ) / Σw(x−x̄)², which are well conditioned (Σw(x−x̄), zero but for
    rounding, is kept for exactness).
    """
    sw = w.sum(axis=1)
    x_mean = (w * cx).sum(axis=1) / sw
    y_mean = (w * cy).sum(axis=1) / sw
    dx = cx - x_mean[:, None]
    wdx = w * dx
    slope = ((wdx * cy).sum(axis=1) - y_mean * wdx.sum(axis=1)) / (wdx * dx).sum(axis=1)
    return x_mean, y_mean, slope, dx


def _irls_weights(cy: Any, dx: Any, y_mean: Any, slope: Any, q: float) -> Any:
    """statsmodels' weights: 1/(q·|r|) for r < 0 and 1/((1−q)·|r|) otherwise, with |r| ≥ 1e-6.

    r = y − a − b·x is computed as (y − ȳ) − b·(x − x̄): the same value, fewer rounding errors.
    """
    import numpy as np

    r = cy - y_mean[:, None]
    r -= slope[:, None] * dx
    side = 0.5 if q == 0.5 else np.where(r < 0, q, 1.0 - q)  # the median: one side, no where
    np.abs(r, out=r)
    np.maximum(r, RESIDUAL_FLOOR, out=r)
    r *= side
    return np.divide(1.0, r, out=r)


def _in_cycle(history: deque[tuple[Any, Any]]) -> Any:
    """statsmodels' cycle check per row: the latest β equals one of the 2nd…9th latest exactly."""
    import numpy as np

    intercept, slope = history[-1]
    cycled = np.zeros(len(slope), dtype=bool)
    for back in range(2, min(10, len(history) + 1)):
        earlier_intercept, earlier_slope = history[-back]
        cycled |= (earlier_intercept == intercept) & (earlier_slope == slope)
    return cycled


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

    One series through :func:`lad_slope_ranges`; see there.
    """
    return lad_slope_ranges(xs, [ys])[0]


def lad_slope_ranges(
    xs: Sequence[float], ys_rows: Sequence[Sequence[float]]
) -> list[tuple[float, float]]:
    """:func:`lad_slope_range` of every series in ``ys_rows`` (all on the same ``xs``).

    g(b) (:func:`lad_objective`) is convex and piecewise linear in b with its breakpoints at
    the pairwise slopes, so its minimum S* is attained on an interval whose ends are
    breakpoints. The range is [smallest, largest] breakpoint with g(b) ≤ S*·(1 + 1e-9) + 1e-9
    (the slack absorbs rounding). A unique median line gives a range of width 0. g is
    evaluated at every breakpoint of every series at once (n(n−1)/2 breakpoints of n points,
    36 for the 9 years of a trend).
    """
    import numpy as np

    _check_rows(xs, ys_rows)
    x = np.asarray(xs, dtype=float)
    x = x - x.min()  # g does not depend on where x is measured from; small products
    y = np.asarray(ys_rows, dtype=float).reshape(len(ys_rows), len(x))
    first, second = np.triu_indices(len(x), k=1)
    distinct = x[first] != x[second]
    first, second = first[distinct], second[distinct]
    slopes = (y[:, second] - y[:, first]) / (x[second] - x[first])
    # Σ|r − median(r)| = (sum of the upper half) − (sum of the lower half) of the sorted r.
    residuals = np.sort(y[:, None, :] - slopes[:, :, None] * x, axis=2)
    half = len(x) // 2
    g = residuals[:, :, len(x) - half :].sum(axis=2) - residuals[:, :, :half].sum(axis=2)
    limit = g.min(axis=1) * (1 + OPTIMUM_RTOL) + OPTIMUM_ATOL
    optimal = g <= limit[:, None]
    low = np.where(optimal, slopes, np.inf).min(axis=1)
    high = np.where(optimal, slopes, -np.inf).max(axis=1)
    return [(float(a), float(b)) for a, b in zip(low, high, strict=True)]
