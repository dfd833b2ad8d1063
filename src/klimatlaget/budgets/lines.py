"""The budget set against its outcome, line by line: each sector and the total, for the whole
year and each quarter, with the expected reductions of measures, the gap and a traffic light.
The rows of the page, the API and the exports."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from klimatlaget.calc.budget_status import traffic_light
from klimatlaget.calc.nowcast_backtest import percentage_error
from klimatlaget.calc.nowcast_ranges import TOTAL
from klimatlaget.calc.quarters import QUARTERS
from klimatlaget.exports.columns import Column

from .outcome import ACTUAL, NOWCAST, BudgetOutcome, SectorOutcome

#: The columns of ``klimatlaget export budget`` and the budget's CSV.
EXPORT_COLUMNS = [
    Column("code"),
    Column.year("year"),
    Column.integer("quarter"),
    Column("sector"),
    Column.integer("budget_t"),
    Column.decimal("outcome_t", 1),
    Column("outcome_kind"),
    Column.decimal("nowcast_low_t", 1),
    Column.decimal("nowcast_high_t", 1),
    Column.decimal("expected_reduction_decided_t", 1),
    Column.decimal("expected_reduction_proposed_t", 1),
    Column.decimal("gap_t", 1),
]


@dataclass(frozen=True)
class BudgetLine:
    """One sector (or :data:`TOTAL`) in the year (``quarter`` None) or one quarter.

    ``nowcast_t`` is the estimate also where the actual figure exists (then
    ``nowcast_error_pct`` says how far off it was). ``gap_t`` is the outcome less the
    reductions expected from decided measures less the budget: above zero, the budget is not
    met even with the decided measures."""

    sector: str
    quarter: int | None
    budget_t: int | None
    outcome_t: float | None
    outcome_kind: str | None
    nowcast_t: float | None
    nowcast_low_t: float | None
    nowcast_high_t: float | None
    decided_t: float
    proposed_t: float

    @property
    def gap_t(self) -> float | None:
        if self.budget_t is None or self.outcome_t is None:
            return None
        return self.outcome_t - self.decided_t - self.budget_t

    @property
    def light(self) -> str | None:
        if self.budget_t is None or self.outcome_t is None:
            return None
        low = self.nowcast_low_t if self.outcome_kind == NOWCAST else None
        return traffic_light(self.budget_t, self.outcome_t, low)

    @property
    def nowcast_error_pct(self) -> float | None:
        if self.outcome_kind != ACTUAL or self.nowcast_t is None or self.outcome_t is None:
            return None
        return percentage_error(self.nowcast_t, self.outcome_t)

    def export_row(self, code: str, year: int) -> dict[str, Any]:
        estimate = self.outcome_kind == NOWCAST
        return {
            "code": code,
            "year": year,
            "quarter": self.quarter,
            "sector": self.sector,
            "budget_t": self.budget_t,
            "outcome_t": self.outcome_t,
            "outcome_kind": self.outcome_kind,
            "nowcast_low_t": self.nowcast_low_t if estimate else None,
            "nowcast_high_t": self.nowcast_high_t if estimate else None,
            "expected_reduction_decided_t": self.decided_t,
            "expected_reduction_proposed_t": self.proposed_t,
            "gap_t": self.gap_t,
        }


Reductions = Mapping[str, tuple[float, float]]


def year_lines(outcome: BudgetOutcome, reductions: Reductions) -> list[BudgetLine]:
    """Each sector's whole year, then the total."""
    lines = [_sector_year(s, reductions.get(s.sector, (0.0, 0.0))) for s in outcome.sectors]
    return [*lines, _total(outcome, lines, None)]


def quarter_lines(outcome: BudgetOutcome, reductions: Reductions) -> list[BudgetLine]:
    """Each sector's quarters 1–4, then the total's."""
    lines = [
        line
        for sector in outcome.sectors
        for line in _sector_quarters(sector, reductions.get(sector.sector, (0.0, 0.0)))
    ]
    totals = [
        _total(outcome, [line for line in lines if line.quarter == quarter], quarter)
        for quarter in QUARTERS
    ]
    return [*lines, *totals]


def _sector_year(sector: SectorOutcome, reduction: tuple[float, float]) -> BudgetLine:
    estimate = sector.nowcast
    return BudgetLine(
        sector=sector.sector,
        quarter=None,
        budget_t=sector.budget_t,
        outcome_t=sector.outcome_t,
        outcome_kind=sector.outcome_kind,
        nowcast_t=estimate.nowcast_t if estimate else None,
        nowcast_low_t=estimate.low_t if estimate else None,
        nowcast_high_t=estimate.high_t if estimate else None,
        decided_t=reduction[0],
        proposed_t=reduction[1],
    )


def _sector_quarters(sector: SectorOutcome, reduction: tuple[float, float]) -> list[BudgetLine]:
    """The year split by the sector's profile; the range in proportion to the estimate."""
    shares = sector.profile.shares
    outcomes = sector.outcome_quarters_t()
    estimate = sector.nowcast
    estimates = estimate.quarters_t if estimate else None
    low = high = 1.0
    if estimate and estimate.nowcast_t:
        low, high = estimate.low_t / estimate.nowcast_t, estimate.high_t / estimate.nowcast_t
    lines = []
    for index, quarter in enumerate(QUARTERS):
        budget = sector.budget_quarters_t[index] if sector.budget_quarters_t else None
        nowcast_t = estimates[index] if estimates else None
        lines.append(
            BudgetLine(
                sector=sector.sector,
                quarter=quarter,
                budget_t=budget,
                outcome_t=outcomes[index] if outcomes else None,
                outcome_kind=sector.outcome_kind,
                nowcast_t=nowcast_t,
                nowcast_low_t=None if nowcast_t is None else nowcast_t * low,
                nowcast_high_t=None if nowcast_t is None else nowcast_t * high,
                decided_t=reduction[0] * shares[index],
                proposed_t=reduction[1] * shares[index],
            )
        )
    return lines


def _sum(values: list[float | None]) -> float | None:
    """The sum of the known values (a sector without data adds nothing); None if none is."""
    known = [value for value in values if value is not None]
    return math.fsum(known) if known else None


def _total(outcome: BudgetOutcome, lines: list[BudgetLine], quarter: int | None) -> BudgetLine:
    kinds = {line.outcome_kind for line in lines if line.outcome_kind is not None}
    kind = kinds.pop() if len(kinds) == 1 else None  # actual and nowcast mixed: no total
    estimate = outcome.nowcast
    nowcast_t = _sum([line.nowcast_t for line in lines])
    low = high = None
    if estimate is not None and nowcast_t is not None and estimate.total_t:
        # The total's own range, narrower than the sum of the sectors' (errors partly cancel).
        low = nowcast_t * estimate.low_t / estimate.total_t
        high = nowcast_t * estimate.high_t / estimate.total_t
    budget = outcome.budget
    if budget is not None:
        budget_t: int | None = budget.total_t if quarter is None else budget.quarters_t[quarter - 1]
    else:
        budget_t = None
    return BudgetLine(
        sector=TOTAL,
        quarter=quarter,
        budget_t=budget_t,
        outcome_t=_sum([line.outcome_t for line in lines]) if kind else None,
        outcome_kind=kind,
        nowcast_t=nowcast_t,
        nowcast_low_t=low,
        nowcast_high_t=high,
        decided_t=math.fsum(line.decided_t for line in lines),
        proposed_t=math.fsum(line.proposed_t for line in lines),
    )
