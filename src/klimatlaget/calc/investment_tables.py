"""The tables a climate investment plan is exported as: capital expenditure by year and funding
status, the lines × years matrix, and each line's period and total cost in the NetZeroCities
cost summary (pure, no Django). See docs/METHOD.md, "Climate investment plans"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from klimatlaget.calc.investments import Line

#: The funding statuses in the order a finance department reads them.
FUNDING_STATUSES = ("decided", "applied_for", "not_decided")


def capex_by_status(lines: Iterable[Line]) -> dict[int, dict[str, float]]:
    """Year → funding status → capital expenditure, every status of
    :data:`FUNDING_STATUSES` present (0 when none), the years in order."""
    sums: dict[int, dict[str, float]] = defaultdict(lambda: dict.fromkeys(FUNDING_STATUSES, 0.0))
    for line in lines:
        for year, amount in line.capex.items():
            sums[year][line.funding_status] = sums[year].get(line.funding_status, 0.0) + amount
    return {year: sums[year] for year in sorted(sums)}


@dataclass(frozen=True, slots=True)
class MatrixRow:
    key: str
    title: str
    by_year: dict[int, float]  # every year of the matrix, 0 when the line has no capex then

    @property
    def total(self) -> float:
        return sum(self.by_year.values())


@dataclass(frozen=True, slots=True)
class Matrix:
    """Capital expenditure, one row per line and one column per year, with the totals."""

    years: list[int]
    rows: list[MatrixRow]

    @property
    def column_totals(self) -> dict[int, float]:
        return {year: sum(row.by_year[year] for row in self.rows) for year in self.years}

    @property
    def total(self) -> float:
        return sum(row.total for row in self.rows)


def capex_matrix(lines: Sequence[Line]) -> Matrix:
    """The lines (in their order) × every year in which any line has capital expenditure."""
    years = sorted({year for line in lines for year in line.capex})
    rows = [
        MatrixRow(line.key, line.title, {year: line.capex.get(year, 0.0) for year in years})
        for line in lines
    ]
    return Matrix(years, rows)


def period(
    line: Line, start_year: int | None = None, end_year: int | None = None
) -> tuple[int | None, int | None]:
    """An action's start and end year: those given (the measure's), else the first and the last
    year in which the line has capital expenditure or operating cost."""
    years = sorted(set(line.capex) | set(line.opex))
    start = start_year if start_year is not None else (years[0] if years else None)
    end = end_year if end_year is not None else (years[-1] if years else None)
    return start, end


def total_cost(line: Line) -> float:
    """An action's total cost over the plan: capital expenditure plus operating cost (savings
    not deducted: the cost summary shows what has to be financed)."""
    return line.capex_total + sum(line.opex.values())
