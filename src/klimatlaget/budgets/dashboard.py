"""The dashboard "Klimatbudget YEAR" beyond the budget itself: the forecast and the gap table,
measures by status, the wedges of expected reductions, and the indicators with their targets.

The calculations are :mod:`klimatlaget.calc.gap`, :mod:`klimatlaget.calc.wedges` and
:mod:`klimatlaget.calc.indicators`; this module gathers their inputs in a fixed number of
queries (the measures in one, the indicators and their values in two), whatever the number
of measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klimatlaget.calc import MetricParameters, Trend, compute_trends
from klimatlaget.calc.gap import TOTAL, GapRow, GapTable, StatusCount, by_status, gap_table
from klimatlaget.calc.indicators import IndicatorStatus, indicator_status
from klimatlaget.calc.measures import MeasureEffect
from klimatlaget.calc.wedges import WedgeYear, added_reductions, trend_values, wedges
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.metrics import all_metrics
from klimatlaget.exports.columns import Column
from klimatlaget.measures.choices import MeasureStatus
from klimatlaget.measures.effects import measure_effects
from klimatlaget.measures.indicators import computed_values
from klimatlaget.measures.models import Indicator, IndicatorValue
from klimatlaget.organisations.models import Organisation

from .report import BudgetReport

#: The columns of the gap table's CSV and of ``GET …/budget/{year}/gap``.
GAP_COLUMNS = [
    Column("code"),
    Column.year("year"),
    Column("sector"),
    Column.year("base_year"),
    Column.decimal("base_t", 1),
    Column.decimal("target_t", 1),
    Column.decimal("trend_t", 1),
    Column.decimal("expected_reduction_decided_t", 1),
    Column.decimal("expected_reduction_proposed_t", 1),
    Column.decimal("forecast_t", 1),
    Column.decimal("gap_t", 1),
    Column("light"),
    Column("counted_in_total"),
]

#: The columns of the wedge chart's CSV.
WEDGE_COLUMNS = [
    Column("code"),
    Column.year("year"),
    Column.decimal("trend_t", 1),
    Column.decimal("target_t", 1),
    Column.decimal("expected_reduction_decided_t", 1),
    Column.decimal("expected_reduction_proposed_t", 1),
    Column.decimal("after_decided_t", 1),
    Column.decimal("after_all_t", 1),
    Column.decimal("gap_t", 1),
]


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Indicator
    status: IndicatorStatus


@dataclass(frozen=True)
class Dashboard:
    """``gap`` and ``wedges`` are None/empty without a trend (too few emissions figures)."""

    report: BudgetReport
    last_data_year: int | None
    gap: GapTable | None
    wedges: list[WedgeYear]
    statuses: list[StatusCount]
    indicators: list[IndicatorLine]

    def gap_row(self, sector: str) -> GapRow | None:
        if self.gap is None:
            return None
        return next((row for row in self.gap.rows if row.sector == sector), None)

    def gap_rows(self) -> list[dict[str, Any]]:
        """The gap table as its CSV and the API write it: the sectors, the total, then the
        sectors outside the territorial emissions (``counted_in_total`` false)."""
        if self.gap is None:
            return []
        code, gap = self.report.organisation.code, self.gap
        return [_gap_row(code, gap, row, True) for row in gap.rows] + [
            _gap_row(code, gap, row, False) for row in gap.outside
        ]

    def wedge_rows(self) -> list[dict[str, Any]]:
        code = self.report.organisation.code
        return [
            {
                "code": code,
                "year": w.year,
                "trend_t": w.trend_t,
                "target_t": w.target_t,
                "expected_reduction_decided_t": w.decided_t,
                "expected_reduction_proposed_t": w.proposed_t,
                "after_decided_t": w.after_decided_t,
                "after_all_t": w.after_all_t,
                "gap_t": w.gap_t,
            }
            for w in self.wedges
        ]


def _gap_row(code: str, gap: GapTable, row: GapRow, counted: bool) -> dict[str, Any]:
    return {
        "code": code,
        "year": gap.year,
        "sector": row.sector,
        "base_year": gap.base_year,
        "base_t": row.base_t,
        "target_t": row.target_t,
        "trend_t": row.trend_t,
        "expected_reduction_decided_t": row.decided_t,
        "expected_reduction_proposed_t": row.proposed_t,
        "forecast_t": row.forecast_t,
        "gap_t": row.gap_t,
        "light": row.light,
        "counted_in_total": counted,
    }


_sector_trends: DerivedCache[tuple[str, MetricParameters], dict[str, Trend | None]] = DerivedCache(
    64
)


def sector_trends(code: str, params: MetricParameters) -> dict[str, Trend | None]:
    """Each sector's trend by the method of the total's (cached per data version)."""

    def compute() -> dict[str, Trend | None]:
        series = load_dataset().get(code)
        return compute_trends(dict(series.sectors), params) if series else {}

    return _sector_trends.get((code, params), compute)


def _value(trend: Trend | None, year: int) -> float | None:
    return None if trend is None else max(0.0, trend.value_at(year))


def indicator_lines(organisation: Organisation) -> list[IndicatorLine]:
    """Each indicator of the organisation with its latest value and whether it is on track
    (two queries: the indicators, and the values of them all as plain rows)."""
    indicators = list(Indicator.objects.filter(organisation=organisation))
    values: dict[int, list[tuple[int, int, float]]] = {}
    entered = IndicatorValue.objects.filter(indicator__organisation=organisation).values_list(
        "indicator_id", "year", "quarter", "value"
    )
    for indicator_id, year, quarter, value in entered:
        values.setdefault(indicator_id, []).append((year, quarter, value))
    lines = []
    for indicator in indicators:
        indicator.organisation = organisation  # computed values read its series by code
        if indicator.computed:
            own = [(year, 0, value) for year, value in computed_values(indicator).items()]
        else:
            own = values.get(indicator.pk, [])
        targets = {int(year): float(value) for year, value in indicator.target_values.items()}
        lines.append(IndicatorLine(indicator, indicator_status(own, targets, indicator.direction)))
    return lines


def dashboard(report: BudgetReport, params: MetricParameters) -> Dashboard:
    organisation = report.organisation
    effects = tuple(measure_effects(organisation))
    statuses = by_status([(e.status, e.reduction_t) for e in effects], MeasureStatus.values)
    indicators = indicator_lines(organisation)
    # The numbers follow the data version (the report's budget and outcome, the trends) and
    # the measures, which are the key: nothing is kept from before a measure changed.
    key = (organisation.code, report.year, params, effects)
    last, gap, chart = _numbers.get(key, lambda: _compute(report, params, effects))
    return Dashboard(report, last, gap, chart, statuses, indicators)


_Numbers = tuple[int | None, GapTable | None, list[WedgeYear]]
_numbers: DerivedCache[tuple[str, int, MetricParameters, tuple[MeasureEffect, ...]], _Numbers] = (
    DerivedCache(128)
)


def _compute(
    report: BudgetReport, params: MetricParameters, effects: tuple[MeasureEffect, ...]
) -> _Numbers:
    organisation, year = report.organisation, report.year
    metrics = all_metrics(params).get(organisation.code)
    trend = metrics.trend if metrics else None
    outcome = report.outcome
    if outcome is None or trend is None:
        return None, None, []
    last = trend.anchor_year
    sectors = [line.sector for line in report.years if line.sector != TOTAL]
    trends = sector_trends(organisation.code, params)
    series = load_dataset()[organisation.code]
    budgets = {line.sector: line.budget_t for line in report.years}
    total_budget = budgets.get(TOTAL)
    gap = gap_table(
        year,
        outcome.base_year,
        sectors,
        series.sectors,
        series.total,
        {s: v for s in sectors if (v := _value(trends.get(s), year)) is not None},
        _value(trend, year),
        {s: float(b) for s in sectors if (b := budgets.get(s)) is not None},
        None if total_budget is None else float(total_budget),
        added_reductions(effects, year, last),
    )
    horizon = max(outcome.pathway_t) if outcome.pathway_t else params.end_year
    years = range(last, max(horizon, year) + 1)
    line = trend_values(trend.anchor_year, trend.anchor_value, trend.slope_t_per_yr, years)
    chart = wedges(last, years[-1], line, outcome.pathway_t, effects, set(sectors))
    return last, gap, chart
