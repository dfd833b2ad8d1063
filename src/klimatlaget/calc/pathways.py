"""Emission pathways: the Carbon Law, cumulative sums and the reduction rate a budget requires."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

#: Bisection stops when the bracket for the rate is narrower than this.
RATE_TOLERANCE = 1e-13


def carbon_law_pathway(
    start_year: int, start_value: float, rate: float, end_year: int
) -> dict[int, float]:
    """start_value·(1 − rate)^(year − start_year) for every year from start_year to end_year."""
    if not 0 <= rate <= 1:
        raise ValueError(f"rate must be a share between 0 and 1, got {rate!r}")
    factor = 1.0 - rate
    return {
        year: start_value * factor ** (year - start_year)
        for year in range(start_year, end_year + 1)
    }


def cumulative(pathway: Mapping[int, float]) -> float:
    """The sum of a pathway's yearly values (tonnes), every year counted once."""
    return math.fsum(pathway.values())


@dataclass(frozen=True, slots=True)
class RequiredRate:
    """The constant annual reduction that keeps a pathway within a cumulative budget.

    ``rate`` is a share per year (0.1172 = 11.72 %). ``budget_exhausted`` is True when even
    stopping all emissions in ``reduction_start_year`` would exceed the budget; ``rate`` is
    then 1.0.
    """

    rate: float
    budget_exhausted: bool
    reduction_start_year: int


def required_reduction_rate(
    trend: Mapping[int, float], budget_t: float, reduction_start_year: int
) -> RequiredRate:
    """The rate r with which the emissions below add up to ``budget_t`` over the trend's years.

    ``trend`` holds one value per year from the current year to the end year. Emissions follow
    it up to and including ``reduction_start_year − 1``; from ``reduction_start_year`` on they
    fall by r per year from the trend value of the year before:
    E(y) = trend[s − 1]·(1 − r)^(y − s + 1) for y ≥ s. The total falls as r grows, so r is
    found by bisection. A total within budget even at r = 0 gives 0.0.
    """
    first, last = min(trend), max(trend)
    if not first < reduction_start_year <= last:
        raise ValueError(
            f"reduction_start_year must be after {first} and not after {last}, "
            f"got {reduction_start_year}"
        )
    before = math.fsum(value for year, value in trend.items() if year < reduction_start_year)
    start_value = trend[reduction_start_year - 1]
    years_reducing = last - reduction_start_year + 1

    def total(rate: float) -> float:
        return before + start_value * _geometric_sum(1.0 - rate, years_reducing)

    if total(1.0) > budget_t:
        return RequiredRate(1.0, True, reduction_start_year)
    if total(0.0) <= budget_t:
        return RequiredRate(0.0, False, reduction_start_year)
    low, high = 0.0, 1.0
    while high - low > RATE_TOLERANCE:
        middle = (low + high) / 2
        if total(middle) > budget_t:
            low = middle
        else:
            high = middle
    return RequiredRate((low + high) / 2, False, reduction_start_year)


def _geometric_sum(factor: float, count: int) -> float:
    """factor + factor² + … + factor^count."""
    if factor == 1.0:
        return float(count)
    return factor * (1.0 - factor**count) / (1.0 - factor)


@dataclass(frozen=True, slots=True)
class RemainingBudgetRate:
    """The yearly cut that spends exactly what is left of a budget fixed in the last data year.

    ``budget_t`` is the Carbon Law amount from the last data year to the end year, anchored at
    that year's observed emissions; ``remaining_t`` is what is left of it in the current year,
    after the years up to the current one on the trend. ``rate`` is a share per year (1.0 with
    ``budget_exhausted`` when even stopping all emissions next year overspends).
    """

    budget_t: float
    remaining_t: float
    rate: float
    budget_exhausted: bool


def remaining_budget_rate(
    emissions: Mapping[int, float], carbon_law_rate: float, current_year: int
) -> RemainingBudgetRate:
    """The reduction rate needed from the year after ``current_year`` to stay within the budget.

    ``emissions`` holds one value per year from the last data year (observed) through the
    current year (approximated on the trend) to the end year (the trend). The budget is the
    Carbon Law pathway from the last data year's value; the current year's emissions are
    counted as they are and reductions start the year after. Unlike the Carbon Law rate itself
    this differs by organisation: whoever spent more than the pathway since the last data year
    must cut faster. See docs/METHOD.md, "Rate for the remaining budget".
    """
    first, last = min(emissions), max(emissions)
    if not first <= current_year < last:
        raise ValueError(f"current_year must be from {first} and before {last}, got {current_year}")
    budget = cumulative(carbon_law_pathway(first, emissions[first], carbon_law_rate, last))
    spent = math.fsum(value for year, value in emissions.items() if year < current_year)
    required = required_reduction_rate(emissions, budget, current_year + 1)
    return RemainingBudgetRate(budget, budget - spent, required.rate, required.budget_exhausted)
