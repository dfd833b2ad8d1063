"""The leave-one-out (jackknife) range of the trend slope: how much one year moves the trend.

The median line is refitted once without each year of the trend window; the range runs from
the lowest to the highest of those slopes and the slope of all years. A trend is uncertain when
its range includes zero: leaving out a single year can make it flat or turn its direction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from klimatlaget.calc.regression import LinearFit, lad_fit_irls_many

#: Fewest years that leave a line (two different years) after one is left out.
MIN_YEARS = 3


@dataclass(frozen=True, slots=True)
class SlopeRange:
    """``low`` … ``high`` t/yr; ``uncertain`` when it includes zero (or has too few years)."""

    low: float
    high: float
    uncertain: bool


def slope_range(slope: float, left_out_slopes: Sequence[float]) -> SlopeRange:
    """The range of ``slope`` and its leave-one-out slopes.

    Without leave-one-out slopes (fewer than :data:`MIN_YEARS` years) the range is the slope
    alone and the trend is uncertain: two years cannot show whether one of them is unusual.
    """
    low, high = min([slope, *left_out_slopes]), max([slope, *left_out_slopes])
    uncertain = not left_out_slopes or low <= 0.0 <= high
    return SlopeRange(low=low, high=high, uncertain=uncertain)


def fit_leaving_each_out(
    xs: Sequence[float], ys_rows: Sequence[Sequence[float]]
) -> list[tuple[LinearFit, list[float]]]:
    """Per series, its median line and the slopes without point 0, without point 1, …

    All fits run in one batch, so the iterations of the slowest series are paid once. The
    slopes are an empty list when there are fewer than :data:`MIN_YEARS` points.
    """
    n = len(xs)
    left_out = n if n >= MIN_YEARS else 0
    step = 1 + left_out
    fits = lad_fit_irls_many(
        xs,
        [ys for ys in ys_rows for _ in range(step)],
        leave_out=[None, *range(left_out)] * len(ys_rows),
    )
    return [
        (fits[row * step], [fit.slope for fit in fits[row * step + 1 : (row + 1) * step]])
        for row in range(len(ys_rows))
    ]
