"""Metrics of the observed series: per inhabitant, change since a base year, yearly change."""

from __future__ import annotations

import math
from collections.abc import Mapping


def clean_series(series: Mapping[int, float], up_to_year: int) -> dict[int, float]:
    """The series sorted by year, as floats, without years after ``up_to_year``.

    Raises ValueError naming the year when a value is not a finite number.
    """
    cleaned: dict[int, float] = {}
    for year in sorted(series):
        if year > up_to_year:
            continue
        value = float(series[year])
        if not math.isfinite(value):
            raise ValueError(f"emissions for {year} are not a finite number: {series[year]!r}")
        cleaned[year] = value
    return cleaned


def per_capita(
    series: Mapping[int, float], population: Mapping[int, int] | None
) -> dict[int, float]:
    """Tonnes per inhabitant for the years with both emissions and a population above zero."""
    if not population:
        return {}
    return {
        year: value / population[year]
        for year, value in series.items()
        if population.get(year, 0) > 0
    }


def change_pct(series: Mapping[int, float], base_year: int, year: int) -> float | None:
    """(series[year] − series[base_year]) / series[base_year] · 100.

    None when either year is missing, the base value is zero, or the base year is after
    ``year``.
    """
    base = series.get(base_year)
    value = series.get(year)
    if base is None or value is None or base == 0 or base_year > year:
        return None
    return (value - base) / base * 100.0


def average_yearly_change_pct(series: Mapping[int, float], start_year: int) -> float | None:
    """The mean of the year-on-year changes (%) for consecutive years from ``start_year`` on.

    Only pairs of consecutive years that are both present count (a gap is skipped, not
    interpolated); a pair starting from zero emissions has no percentage and is skipped too.
    None when no pair remains.
    """
    changes = [
        (series[year + 1] - value) / value * 100.0
        for year, value in series.items()
        if year >= start_year and year + 1 in series and value != 0
    ]
    if not changes:
        return None
    return math.fsum(changes) / len(changes)
