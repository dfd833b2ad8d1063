"""Climate investment plans: totals, funding gap, abatement cost, the cost curve, gap coverage,
cumulative effect and the comparison of two versions (pure, no Django).

An investment line has capital expenditure (capex), operating cost (opex) and savings by year
in SEK, an economic lifetime in years, an expected reduction in t CO2e a year reached in an
effect year, and co-benefits valued in SEK a year. See docs/METHOD.md,
"Climate investment plans", for the definitions and worked examples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: The real discount rate annualising capital costs when none is given.
DEFAULT_DISCOUNT_RATE = 0.035

#: The investing actors counted as the municipality's own (the municipality and its companies).
OWN_ACTORS = frozenset({"municipality", "municipal_company"})

DECIDED = "decided"
PROPOSED = "proposed"


class NotApplicable(StrEnum):
    """Why a line has no abatement cost."""

    NO_REDUCTION = "no_reduction"  # no expected reduction (e.g. adaptation), or none above zero
    NO_LIFETIME = "no_lifetime"  # capital expenditure without an economic lifetime


@dataclass(frozen=True, slots=True)
class Line:
    """One investment line as the calculations see it.

    ``capex``, ``opex`` and ``savings`` map years to SEK; ``co_benefits_sek`` is the valued
    co-benefits in SEK a year; ``group`` is "decided", "proposed" or None (counts in neither)."""

    key: str
    title: str = ""
    actor: str = ""
    sector: str = ""
    funding_source: str = ""
    funding_status: str = "decided"
    group: str | None = DECIDED
    capex: Mapping[int, float] = field(default_factory=dict)
    opex: Mapping[int, float] = field(default_factory=dict)
    savings: Mapping[int, float] = field(default_factory=dict)
    lifetime_years: int | None = None
    reduction_t: float | None = None
    effect_year: int | None = None
    co_benefits_sek: float = 0.0

    @property
    def capex_total(self) -> float:
        return sum(self.capex.values())

    @property
    def reduces(self) -> bool:
        return self.reduction_t is not None and self.reduction_t > 0

    def counts_in(self, year: int) -> bool:
        """Whether the line's reduction counts in ``year`` (from its effect year on)."""
        return self.reduces and (self.effect_year is None or self.effect_year <= year)


def _yearly_mean(by_year: Mapping[int, float]) -> float:
    """A typical year: the mean of the years given (0 when none)."""
    return sum(by_year.values()) / len(by_year) if by_year else 0.0


# Totals ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearTotals:
    capex: float = 0.0
    opex: float = 0.0
    savings: float = 0.0


@dataclass(frozen=True, slots=True)
class Totals:
    """The plan's capital expenditure summed every way the plan is read."""

    capex: float
    by_year: dict[int, YearTotals]
    by_actor: dict[str, float]
    by_sector: dict[str, float]
    by_funding_source: dict[str, float]
    by_funding_status: dict[str, float]
    own: float
    #: Capex whose funding is not decided (applied for or not decided), by year.
    funding_gap_by_year: dict[int, float]

    @property
    def own_share(self) -> float | None:
        """The municipality's own share of the investment (None when there is none)."""
        return self.own / self.capex if self.capex else None

    @property
    def funding_gap(self) -> float:
        return sum(self.funding_gap_by_year.values())


def _by(lines: Sequence[Line], key: Callable[[Line], str]) -> dict[str, float]:
    sums: dict[str, float] = defaultdict(float)
    for line in lines:
        sums[key(line)] += line.capex_total
    return dict(sorted(sums.items()))


def totals(lines: Iterable[Line], own_actors: frozenset[str] = OWN_ACTORS) -> Totals:
    """Capex in total, by year (with opex and savings), actor, sector, funding source and
    status; the municipality's own part; the funding gap by year."""
    lines = list(lines)
    years: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    gap: dict[int, float] = defaultdict(float)
    for line in lines:
        for index, by_year in enumerate((line.capex, line.opex, line.savings)):
            for year, amount in by_year.items():
                years[year][index] += amount
        if line.funding_status != DECIDED:
            for year, amount in line.capex.items():
                gap[year] += amount
    return Totals(
        capex=sum(line.capex_total for line in lines),
        by_year={year: YearTotals(*years[year]) for year in sorted(years)},
        by_actor=_by(lines, lambda line: line.actor),
        by_sector=_by(lines, lambda line: line.sector),
        by_funding_source=_by(lines, lambda line: line.funding_source),
        by_funding_status=_by(lines, lambda line: line.funding_status),
        own=sum(line.capex_total for line in lines if line.actor in own_actors),
        funding_gap_by_year={year: gap[year] for year in sorted(gap)},
    )


def capex_by_year_and(
    lines: Iterable[Line], key: Callable[[Line], str]
) -> dict[int, dict[str, float]]:
    """Capex by year, each year split by ``key`` (funding status or source, say): year → the
    key's values (sorted) → SEK. Years without capex are left out."""
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for line in lines:
        for year, amount in line.capex.items():
            sums[year][key(line)] += amount
    return {year: dict(sorted(sums[year].items())) for year in sorted(sums)}


# Abatement cost -------------------------------------------------------------------------------


def annuity_factor(rate: float, years: int) -> float:
    """The capital recovery factor: r(1+r)^n / ((1+r)^n − 1), or 1/n at a rate of 0."""
    if years <= 0:
        raise ValueError("the lifetime must be at least one year")
    if rate == 0:
        return 1.0 / years
    growth = (1.0 + rate) ** years
    return rate * growth / (growth - 1.0)


@dataclass(frozen=True, slots=True)
class LineCost:
    """A line's annual cost (SEK a year) and its abatement cost (SEK per t CO2e)."""

    key: str
    annual_capex: float | None
    annual_opex: float
    annual_savings: float
    co_benefits: float
    reduction_t: float | None
    not_applicable: NotApplicable | None

    @property
    def annual_cost(self) -> float | None:
        """Annualised capex + opex − savings (None without a lifetime for the capex)."""
        if self.annual_capex is None:
            return None
        return self.annual_capex + self.annual_opex - self.annual_savings

    @property
    def per_tonne(self) -> float | None:
        """The abatement cost, SEK per t CO2e (None when not applicable)."""
        cost = self.annual_cost
        if self.not_applicable or cost is None or not self.reduction_t:
            return None
        return cost / self.reduction_t

    @property
    def per_tonne_with_co_benefits(self) -> float | None:
        """The abatement cost less the valued co-benefits, SEK per t CO2e."""
        cost = self.annual_cost
        if self.not_applicable or cost is None or not self.reduction_t:
            return None
        return (cost - self.co_benefits) / self.reduction_t


def line_cost(line: Line, rate: float = DEFAULT_DISCOUNT_RATE) -> LineCost:
    """The annual cost of ``line`` and, when it reduces emissions, its cost per tonne."""
    capex = line.capex_total
    if capex == 0:
        annual_capex: float | None = 0.0
    elif line.lifetime_years:
        annual_capex = capex * annuity_factor(rate, line.lifetime_years)
    else:
        annual_capex = None
    reason = None
    if not line.reduces:
        reason = NotApplicable.NO_REDUCTION
    elif annual_capex is None:
        reason = NotApplicable.NO_LIFETIME
    return LineCost(
        key=line.key,
        annual_capex=annual_capex,
        annual_opex=_yearly_mean(line.opex),
        annual_savings=_yearly_mean(line.savings),
        co_benefits=line.co_benefits_sek,
        reduction_t=line.reduction_t,
        not_applicable=reason,
    )


@dataclass(frozen=True, slots=True)
class PlanCost:
    """The plan's abatement cost over the lines that have one."""

    annual_cost: float
    co_benefits: float
    reduction_t: float
    counted: int
    #: Lines left out, by reason.
    not_applicable: dict[NotApplicable, int]

    @property
    def per_tonne(self) -> float | None:
        return self.annual_cost / self.reduction_t if self.reduction_t else None

    @property
    def per_tonne_with_co_benefits(self) -> float | None:
        if not self.reduction_t:
            return None
        return (self.annual_cost - self.co_benefits) / self.reduction_t


def plan_cost(costs: Iterable[LineCost]) -> PlanCost:
    """Sum of the annual costs ÷ sum of the reductions of the lines with an abatement cost."""
    annual, benefits, reduction, counted = 0.0, 0.0, 0.0, 0
    left_out: dict[NotApplicable, int] = defaultdict(int)
    for cost in costs:
        if cost.not_applicable is not None:
            left_out[cost.not_applicable] += 1
            continue
        assert cost.annual_cost is not None and cost.reduction_t is not None
        annual += cost.annual_cost
        benefits += cost.co_benefits
        reduction += cost.reduction_t
        counted += 1
    return PlanCost(annual, benefits, reduction, counted, dict(left_out))


# The marginal abatement cost curve ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CurveBar:
    """One bar of the cost curve: from ``x0`` to ``x1`` t CO2e a year, ``height`` SEK/t."""

    key: str
    x0: float
    x1: float
    height: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def cost_curve(costs: Iterable[LineCost], with_co_benefits: bool = False) -> list[CurveBar]:
    """The lines with an abatement cost, cheapest first (ties by key), each as wide as its
    reduction and placed after the ones before it."""
    per_tonne = (
        (lambda c: c.per_tonne_with_co_benefits) if with_co_benefits else (lambda c: c.per_tonne)
    )
    rows = [
        (height, cost.key, cost.reduction_t)
        for cost in costs
        if (height := per_tonne(cost)) is not None
    ]
    rows.sort(key=lambda row: (row[0], row[1]))
    bars, x = [], 0.0
    for height, key, reduction in rows:
        assert reduction is not None
        bars.append(CurveBar(key, x, x + reduction, height))
        x += reduction
    return bars


# Gap coverage ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coverage:
    """A sector's gap in the horizon year (t CO2e a year) set against the lines' reductions."""

    sector: str
    gap_t: float | None
    decided_t: float
    proposed_t: float

    @property
    def uncovered_t(self) -> float | None:
        """What the decided and proposed lines leave of the gap (0 when they cover it)."""
        if self.gap_t is None:
            return None
        return max(self.gap_t - self.decided_t - self.proposed_t, 0.0)

    @property
    def surplus_t(self) -> float:
        """How far the lines go beyond the gap."""
        if self.gap_t is None:
            return 0.0
        return max(self.decided_t + self.proposed_t - self.gap_t, 0.0)

    @property
    def covered_t(self) -> float:
        """How much of a positive gap the lines cover (at most the gap)."""
        if self.gap_t is None or self.gap_t <= 0:
            return 0.0
        return min(self.decided_t + self.proposed_t, self.gap_t)

    @property
    def covered_share(self) -> float | None:
        """The share of the gap covered (at most 1; None without a positive gap)."""
        if not self.gap_t or self.gap_t <= 0:
            return None
        return min((self.decided_t + self.proposed_t) / self.gap_t, 1.0)


def gap_coverage(
    lines: Iterable[Line], gaps: Mapping[str, float], horizon_year: int
) -> list[Coverage]:
    """Per sector (the sectors of ``gaps``, then any other sector with a line), the gap against
    the reductions of the decided and the proposed lines that count in ``horizon_year``."""
    decided: dict[str, float] = defaultdict(float)
    proposed: dict[str, float] = defaultdict(float)
    for line in lines:
        if not line.counts_in(horizon_year) or line.group is None:
            continue
        assert line.reduction_t is not None
        (decided if line.group == DECIDED else proposed)[line.sector] += line.reduction_t
    sectors = list(gaps) + sorted((set(decided) | set(proposed)) - set(gaps))
    return [Coverage(s, gaps.get(s), decided.get(s, 0.0), proposed.get(s, 0.0)) for s in sectors]


@dataclass(frozen=True, slots=True)
class CoverageTotal:
    """All sectors together: the gaps given, every line's reduction, and the sum of what each
    sector leaves uncovered (a surplus in one sector does not cover another's gap)."""

    gap_t: float | None
    decided_t: float
    proposed_t: float
    uncovered_t: float | None
    #: The sum of what the lines cover of each sector's positive gap (each at most its gap).
    covered_t: float = 0.0

    @property
    def covered_share(self) -> float | None:
        """The share of the sectors' positive gaps covered: covered ÷ (covered + uncovered);
        None when no sector has a positive gap."""
        if self.uncovered_t is None:
            return None
        open_gap = self.covered_t + self.uncovered_t
        return self.covered_t / open_gap if open_gap > 0 else None


def coverage_total(rows: Iterable[Coverage]) -> CoverageTotal:
    rows = list(rows)
    gaps = [row.gap_t for row in rows if row.gap_t is not None]
    uncovered = [row.uncovered_t for row in rows if row.uncovered_t is not None]
    return CoverageTotal(
        sum(gaps) if gaps else None,
        sum(row.decided_t for row in rows),
        sum(row.proposed_t for row in rows),
        sum(uncovered) if gaps else None,
        sum(row.covered_t for row in rows),
    )


# Cumulative effect ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CumulativeEffect:
    """Emissions over the horizon years without the plan, with its decided lines and with all
    its lines, against the carbon budget for the same years (t CO2e)."""

    years: list[int]
    without: dict[int, float]
    with_decided: dict[int, float]
    with_plan: dict[int, float]
    budget_t: float | None

    @property
    def total_without(self) -> float:
        return sum(self.without.values())

    @property
    def total_with_decided(self) -> float:
        return sum(self.with_decided.values())

    @property
    def total_with_plan(self) -> float:
        return sum(self.with_plan.values())

    @property
    def saved_t(self) -> float:
        return self.total_without - self.total_with_plan

    @property
    def overshoot_t(self) -> float | None:
        """How far the emissions with the plan exceed the budget (negative: within it)."""
        return None if self.budget_t is None else self.total_with_plan - self.budget_t

    @property
    def overshoot_without_t(self) -> float | None:
        return None if self.budget_t is None else self.total_without - self.budget_t


def cumulative_effect(
    lines: Iterable[Line], baseline: Mapping[int, float], budget_t: float | None
) -> CumulativeEffect:
    """Each year of ``baseline`` (emissions without the plan) less the reductions of the lines
    that count in that year (never below zero), summed over the years."""
    lines = list(lines)
    years = sorted(baseline)
    with_decided: dict[int, float] = {}
    with_plan: dict[int, float] = {}
    for year in years:
        counting = [line for line in lines if line.group is not None and line.counts_in(year)]
        decided = sum(line.reduction_t or 0.0 for line in counting if line.group == DECIDED)
        every = sum(line.reduction_t or 0.0 for line in counting)
        with_decided[year] = max(baseline[year] - decided, 0.0)
        with_plan[year] = max(baseline[year] - every, 0.0)
    return CumulativeEffect(
        years, {y: baseline[y] for y in years}, with_decided, with_plan, budget_t
    )


# Comparing two versions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """Line by line: keys only in the new version, only in the old, and the changed fields
    (field → [old, new]) of the lines in both."""

    added: list[str]
    removed: list[str]
    changed: dict[str, dict[str, list[Any]]]
    unchanged: list[str]

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_versions(
    old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]
) -> Comparison:
    """Compare two versions' lines, each a key → field → value; a field missing on one side
    counts as None there."""
    changed: dict[str, dict[str, list[Any]]] = {}
    unchanged = []
    for key in (k for k in old if k in new):
        before, after = old[key], new[key]
        fields = {
            name: [before.get(name), after.get(name)]
            for name in sorted(set(before) | set(after))
            if before.get(name) != after.get(name)
        }
        if fields:
            changed[key] = fields
        else:
            unchanged.append(key)
    return Comparison(
        added=[key for key in new if key not in old],
        removed=[key for key in old if key not in new],
        changed=changed,
        unchanged=unchanged,
    )
