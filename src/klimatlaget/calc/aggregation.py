"""Sums of several organisations' series, for counties and the nation.

A year counts in a sum only when every member has a value for it: a county total for a year
in which one municipality is missing would silently be too low. Sums use ``math.fsum``, so
they do not depend on the order of the members.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


def common_years(series: Iterable[Mapping[int, float]]) -> list[int]:
    """The years present in every series, sorted (none for no series)."""
    years: set[int] | None = None
    for member in series:
        years = set(member) if years is None else years & member.keys()
    return sorted(years or ())


def sum_series(series: Iterable[Mapping[int, float]]) -> dict[int, float]:
    """Year → sum over the members, for the years every member has."""
    members = list(series)
    return {year: math.fsum(member[year] for member in members) for year in common_years(members)}


def sum_population(series: Iterable[Mapping[int, int]]) -> dict[int, int]:
    """Year → total inhabitants, for the years every member has."""
    members = list(series)
    return {year: sum(member[year] for member in members) for year in common_years(members)}


def sum_sector_series(
    series: Iterable[Mapping[str, Mapping[int, float]]],
) -> dict[str, dict[int, float]]:
    """Sector → year → sum over the members, sector by sector.

    The rule of :func:`sum_series` applies to each sector: a year counts only when every
    member has that sector in that year. A sector that some member lacks altogether is left
    out rather than counted as zero, because a missing value (for instance one withheld for
    confidentiality) is not a zero. Sector sums may therefore not add up to the total sum.
    """
    members = list(series)
    sectors = sorted({sector for member in members for sector in member})
    sums: dict[str, dict[int, float]] = {}
    for sector in sectors:
        if all(sector in member for member in members):
            summed = sum_series(member[sector] for member in members)
            if summed:
                sums[sector] = summed
    return sums
