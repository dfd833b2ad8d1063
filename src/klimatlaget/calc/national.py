"""National emissions by sector, from whole years and SCB's quarterly emissions accounts.

The national inventory and SCB's quarterly accounts are published long before SMHI's
municipal breakdown, so they tell how each sector developed in the years a municipality's
figures are still missing. Figures come as (year, quarter or None for the whole year, sector,
t CO2e), sectors named like SMHI's main sectors (mapping SCB's industries to them is the
importer's job).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from klimatlaget.calc.quarters import QUARTERS, QuarterProfile


@dataclass(frozen=True, slots=True)
class NationalFigure:
    """One published figure; ``quarter`` is 1–4, or None for the whole year."""

    year: int
    quarter: int | None
    sector: str
    tco2e: float


@dataclass(frozen=True, slots=True)
class NationalEmissions:
    """Sector → year → t CO2e, with how each year was obtained.

    ``from_part_of_year`` holds the (sector, year) pairs estimated from only some quarters;
    ``quarter_profiles`` the (sector, year) pairs with all four quarters published, as the
    shares of the year in each quarter.
    """

    years: dict[str, dict[int, float]]
    from_part_of_year: frozenset[tuple[str, int]] = frozenset()
    quarter_profiles: dict[tuple[str, int], QuarterProfile] = field(default_factory=dict)

    def latest_year_up_to(self, sector: str, year: int) -> int | None:
        """The latest year up to ``year`` with a figure for ``sector`` (None if none)."""
        series = self.years.get(sector, {})
        if year in series:
            return year
        return max((y for y in series if y <= year), default=None)


def national_emissions(figures: Iterable[NationalFigure]) -> NationalEmissions:
    """Whole years as published; a year with only quarters is their sum when all four are
    there, else the year before scaled by the change of the quarters published so far (the
    same quarters of the year before must be known). ValueError for a quarter outside 1–4."""
    whole: dict[str, dict[int, float]] = defaultdict(dict)
    quarters: dict[tuple[str, int], dict[int, float]] = defaultdict(dict)
    for figure in figures:
        if figure.quarter is None:
            whole[figure.sector][figure.year] = float(figure.tco2e)
        elif figure.quarter in QUARTERS:
            quarters[figure.sector, figure.year][figure.quarter] = float(figure.tco2e)
        else:
            raise ValueError(f"quarter must be 1–4 or empty, got {figure.quarter!r}")
    partial: set[tuple[str, int]] = set()
    for sector, year in sorted(quarters, key=lambda key: key[1]):
        if year not in whole[sector]:
            estimate = _year_from_quarters(whole[sector], quarters, sector, year)
            if estimate is not None:
                whole[sector][year] = estimate
                if len(quarters[sector, year]) < 4:
                    partial.add((sector, year))
    profiles = {key: _profile(by_quarter) for key, by_quarter in quarters.items()}
    return NationalEmissions(
        dict(whole),
        frozenset(partial),
        {key: profile for key, profile in profiles.items() if profile is not None},
    )


def from_yearly(years: Mapping[str, Mapping[int, float]]) -> NationalEmissions:
    """National emissions given as sector → year → t (e.g. the sum over all municipalities)."""
    return NationalEmissions({sector: dict(series) for sector, series in years.items()})


def _year_from_quarters(
    whole: dict[int, float],
    quarters: Mapping[tuple[str, int], dict[int, float]],
    sector: str,
    year: int,
) -> float | None:
    known = quarters[sector, year]
    if len(known) == 4:
        return math.fsum(known.values())
    before = quarters.get((sector, year - 1), {})
    if year - 1 not in whole or not all(q in before for q in known):
        return None
    so_far_before = math.fsum(before[q] for q in known)
    if so_far_before <= 0:
        return None
    return whole[year - 1] * math.fsum(known.values()) / so_far_before


def _profile(by_quarter: Mapping[int, float]) -> QuarterProfile | None:
    total = math.fsum(by_quarter.values())
    if len(by_quarter) < 4 or total <= 0 or min(by_quarter.values()) < 0:
        return None
    q1, q2, q3, q4 = (by_quarter[q] / total for q in QUARTERS)
    return QuarterProfile("national_quarters", (q1, q2, q3, q4))
