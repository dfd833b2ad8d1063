"""The emissions budget of one organisation and year, by sector and quarter.

The budget is the allowed emissions of the year on a pathway (year → t CO2e): the Carbon Law
pathway of :class:`klimatlaget.calc.metrics.Metrics` (``carbon_law``) or the pathway of the
organisation's own target (``NormalisedTarget.pathway.pathway`` from
:mod:`klimatlaget.calc.targets`). It is split over the main sectors in proportion to their
latest known emissions, except for sectors given an explicit budget, and each sector's budget
over the quarters by a :class:`~klimatlaget.calc.quarters.QuarterProfile`.

Every amount is in whole tonnes, split by the largest-remainder method, so the sectors add up
exactly to the year and the quarters exactly to their sector. See docs/METHOD.md, "Emissions
budget".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from klimatlaget.calc.aggregation import common_years
from klimatlaget.calc.quarters import EQUAL, HEATING_SEASON, HEATING_SECTORS, QuarterProfile


@dataclass(frozen=True, slots=True)
class SectorBudget:
    """One sector's budget (whole tonnes); ``explicit`` when the user set it."""

    sector: str
    budget_t: int
    explicit: bool
    profile: str
    quarters_t: tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class EmissionBudget:
    """The budget of ``year`` (whole tonnes); ``shares_year`` is the year of the sector shares."""

    year: int
    total_t: int
    shares_year: int
    sectors: tuple[SectorBudget, ...]

    @property
    def quarters_t(self) -> tuple[int, int, int, int]:
        """The whole organisation's budget in quarters 1–4 (adds up to ``total_t``)."""
        q1, q2, q3, q4 = (sum(s.quarters_t[i] for s in self.sectors) for i in range(4))
        return (q1, q2, q3, q4)

    def sector(self, name: str) -> SectorBudget:
        """The budget of the sector called ``name``; KeyError when there is none."""
        for budget in self.sectors:
            if budget.sector == name:
                return budget
        raise KeyError(name)


def heating_profiles(sectors: Sequence[str]) -> dict[str, QuarterProfile]:
    """The heating-season profile for those of ``sectors`` that heat buildings."""
    return {sector: HEATING_SEASON for sector in sectors if sector in HEATING_SECTORS}


def emission_budget(
    year: int,
    pathway: Mapping[int, float],
    sector_emissions: Mapping[str, Mapping[int, float]],
    *,
    explicit_t: Mapping[str, float] | None = None,
    profiles: Mapping[str, QuarterProfile] | None = None,
) -> EmissionBudget:
    """The budget of ``year`` on ``pathway``, by sector (in the order given) and quarter.

    ``sector_emissions`` (sector → year → t) gives the shares of its latest year with every
    sector. ``explicit_t`` sets budgets of some sectors; the rest of the year's budget is shared
    by the other sectors. ``profiles`` maps a sector to its quarterly profile (equal when
    absent). ValueError when the year is not on the pathway, there is no year with every sector,
    or the explicit budgets exceed the year's budget (or, covering every sector, miss it).
    """
    if year not in pathway:
        raise ValueError(f"the pathway has no value for {year}")
    explicit = {sector: half_up(value) for sector, value in (explicit_t or {}).items()}
    shares_year, weights = _latest_weights(sector_emissions)
    total = half_up(pathway[year])
    shared = [sector for sector in weights if sector not in explicit]
    remainder = total - sum(explicit.values())
    _check_explicit(total, remainder, bool(shared))
    amounts = dict(zip(shared, split_whole(remainder, [weights[s] for s in shared]), strict=True))
    amounts.update(explicit)
    profiles = profiles or {}
    sectors = tuple(
        _sector_budget(sector, amounts[sector], sector in explicit, profiles.get(sector, EQUAL))
        for sector in [*weights, *(s for s in explicit if s not in weights)]
    )
    return EmissionBudget(year, total, shares_year, sectors)


def _latest_weights(
    sector_emissions: Mapping[str, Mapping[int, float]],
) -> tuple[int, dict[str, float]]:
    years = common_years(sector_emissions.values())
    if not years:
        raise ValueError("the sector shares need a year with emissions for every sector")
    latest = years[-1]
    weights = {sector: float(series[latest]) for sector, series in sector_emissions.items()}
    if any(not weight >= 0 for weight in weights.values()):
        raise ValueError(f"the sector shares need emissions of 0 or more in {latest}")
    return latest, weights


def _check_explicit(total: int, remainder: int, others_remain: bool) -> None:
    if remainder < 0:
        raise ValueError(
            f"the explicit sector budgets add up to {total - remainder} t, "
            f"more than the year's budget of {total} t"
        )
    if remainder and not others_remain:
        raise ValueError(
            f"explicit budgets for every sector must add up to the year's budget of {total} t, "
            f"got {total - remainder} t"
        )


def _sector_budget(
    sector: str, amount: int, explicit: bool, profile: QuarterProfile
) -> SectorBudget:
    q1, q2, q3, q4 = split_whole(amount, profile.shares)
    return SectorBudget(sector, amount, explicit, profile.name, (q1, q2, q3, q4))


def half_up(value: float) -> int:
    """``value`` rounded to whole tonnes, halves away from zero (2.5 → 3, −2.5 → −3)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def split_whole(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` into whole numbers that add up to it.

    Largest remainder (Hamilton) method: every part gets the whole part of its exact share,
    and what is left goes one by one to the largest fractional parts (the earlier on ties).
    Zero weights everywhere split equally. A negative ``total`` is split like its absolute
    value, then negated.
    """
    if not weights:
        return []
    if total < 0:
        return [-part for part in split_whole(-total, weights)]
    weight_sum = math.fsum(weights)
    if weight_sum <= 0:
        weights, weight_sum = [1.0] * len(weights), float(len(weights))
    exact = [total * weight / weight_sum for weight in weights]
    parts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts
