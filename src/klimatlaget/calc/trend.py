"""The emissions trend: a median line through recent years, shifted through the last value."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from klimatlaget.calc.jackknife import SlopeRange, fit_leaving_each_out, slope_range
from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.pathways import cumulative
from klimatlaget.calc.regression import LinearFit, lad_slope_ranges


@dataclass(frozen=True, slots=True)
class Trend:
    """The trend of one series of total emissions (tonnes CO2e per year).

    The line has the slope of the median regression over ``trend_start_year`` … last data year
    and passes through the last observed value (``anchor_year``, ``anchor_value``).
    ``approximated`` covers the years after the last data year up to the current year;
    ``pathway`` the current year to the end year. Both are floored at zero.
    ``cumulative_t`` is the sum of ``pathway``. ``zero_date`` is where the line reaches zero
    (None when the slope is not negative or the date would be after year 9999).
    ``fit`` is the regression line before the shift. ``slope_range`` holds the slopes that fit
    all years equally well (the median line is often not unique); ``slope_low`` … ``slope_high``
    the leave-one-out range, and ``uncertain`` says that range includes zero (see
    :mod:`klimatlaget.calc.jackknife`).
    """

    slope_t_per_yr: float
    slope_range: tuple[float, float]
    slope_low: float
    slope_high: float
    uncertain: bool
    approximated: dict[int, float]
    pathway: dict[int, float]
    cumulative_t: float
    zero_date: datetime.date | None
    anchor_year: int
    anchor_value: float
    fit: LinearFit

    def value_at(self, year: float) -> float:
        """The shifted line at ``year`` (not floored)."""
        return self.anchor_value + self.slope_t_per_yr * (year - self.anchor_year)


def trend_years(series: Mapping[int, float], params: MetricParameters) -> list[int]:
    """The years the trend is fitted on: trend_start_year … current_year, as present."""
    return sorted(y for y in series if params.trend_start_year <= y <= params.current_year)


def compute_trend(series: Mapping[int, float], params: MetricParameters) -> Trend | None:
    """The trend of ``series``; None when fewer than two years from trend_start_year exist."""
    return compute_trends({None: series}, params)[None]


def compute_trends[K](
    series_by_key: Mapping[K, Mapping[int, float]], params: MetricParameters
) -> dict[K, Trend | None]:
    """:func:`compute_trend` of many series; those with the same years are fitted together."""
    trends: dict[K, Trend | None] = dict.fromkeys(series_by_key)
    groups: dict[tuple[int, ...], list[K]] = {}
    for key, series in series_by_key.items():
        present = trend_years(series, params)
        if len(present) >= 2:
            groups.setdefault(tuple(present), []).append(key)
    for years, keys in groups.items():
        xs = [float(year) for year in years]
        rows = [[float(series_by_key[key][year]) for year in years] for key in keys]
        fits, ranges = fit_leaving_each_out(xs, rows), lad_slope_ranges(xs, rows)
        for key, ys, (fit, left_out), equal_fit in zip(keys, rows, fits, ranges, strict=True):
            spread = slope_range(fit.slope, left_out)
            trends[key] = _trend(years, ys, fit, equal_fit, spread, params)
    return trends


def _trend(
    years: Sequence[int],
    ys: list[float],
    fit: LinearFit,
    equal_fit: tuple[float, float],
    spread: SlopeRange,
    params: MetricParameters,
) -> Trend:
    anchor_year, anchor_value, slope = years[-1], ys[-1], fit.slope

    def floored(year: int) -> float:
        return max(0.0, anchor_value + slope * (year - anchor_year))

    pathway = {year: floored(year) for year in range(params.current_year, params.end_year + 1)}
    return Trend(
        slope_t_per_yr=slope,
        slope_range=equal_fit,
        slope_low=spread.low,
        slope_high=spread.high,
        uncertain=spread.uncertain,
        approximated={y: floored(y) for y in range(anchor_year + 1, params.current_year + 1)},
        pathway=pathway,
        cumulative_t=cumulative(pathway),
        zero_date=zero_date(anchor_year, anchor_value, slope),
        anchor_year=anchor_year,
        anchor_value=anchor_value,
        fit=fit,
    )


def zero_date(anchor_year: int, anchor_value: float, slope: float) -> datetime.date | None:
    """The date the line through (anchor_year, anchor_value) reaches zero, if it falls.

    A year's value is placed at the start of that year (x = 2023.0 is 1 January 2023), as in
    the regression, so the crossing x = anchor_year − anchor_value/slope is converted with
    :func:`fractional_year_to_date`.
    """
    if slope >= 0:
        return None
    return fractional_year_to_date(anchor_year - anchor_value / slope)


def fractional_year_to_date(when: float) -> datetime.date | None:
    """2030.5 → the day half-way through 2030 (2 July); None outside years 1…9999."""
    if not math.isfinite(when):
        return None
    year = math.floor(when)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    start = datetime.date(year, 1, 1)
    days_in_year = 366 if _is_leap(year) else 365
    offset = min(math.floor((when - year) * days_in_year), days_in_year - 1)
    return start + datetime.timedelta(days=offset)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
