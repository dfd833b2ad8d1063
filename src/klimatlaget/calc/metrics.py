"""All metrics of one organisation (municipality, county or nation) in one object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from klimatlaget.calc.history import (
    average_yearly_change_pct,
    change_pct,
    clean_series,
    per_capita,
)
from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.pathways import (
    RemainingBudgetRate,
    RequiredRate,
    carbon_law_pathway,
    cumulative,
    remaining_budget_rate,
    required_reduction_rate,
)
from klimatlaget.calc.trend import Trend, compute_trends

#: Decimal places used by ``Metrics.as_row(rounded=True)``; other values are not rounded.
ROW_DECIMALS: dict[str, int] = {
    "last_emissions_t": 0,
    "last_per_capita_t": 2,
    "change_since_1990_pct": 1,
    "change_since_2005_pct": 1,
    "avg_yearly_change_since_2015_pct": 1,
    "trend_slope_t_per_yr": 0,
    "trend_slope_min": 0,
    "trend_slope_max": 0,
    "trend_slope_low": 0,
    "trend_slope_high": 0,
    "trend_cumulative_t": 0,
    "carbon_law_cumulative_t": 0,
    "gap_t": 0,
    "gap_share_pct": 1,
    "required_rate_pct": 1,
    "remaining_budget_t": 0,
    "remaining_budget_rate_pct": 1,
}

RowValue = int | float | str | bool | None


@dataclass(frozen=True, slots=True)
class Metrics:
    """The metrics of one series; fields are None (or empty) where they cannot be computed.

    ``change_since_base_pct`` has one entry per base year of the parameters. ``gap_share`` is
    a share (0.25 = 25 %) of the Carbon Law cumulative emissions; ``required_rate`` a share
    per year. ``remaining_budget`` is the rate that differs by organisation: the cut needed
    from next year to stay within the Carbon Law budget fixed in the last data year. See
    docs/METHOD.md for every definition.
    """

    params: MetricParameters
    emissions: dict[int, float] = field(default_factory=dict)
    last_year: int | None = None
    last_emissions_t: float | None = None
    per_capita: dict[int, float] = field(default_factory=dict)
    change_since_base_pct: dict[int, float | None] = field(default_factory=dict)
    avg_yearly_change_since_2015_pct: float | None = None
    trend: Trend | None = None
    carbon_law: dict[int, float] = field(default_factory=dict)
    carbon_law_cumulative_t: float | None = None
    gap_t: float | None = None
    gap_share: float | None = None
    trend_leaves_pathway_year: int | None = None
    required_rate: float | None = None
    budget_exhausted: bool | None = None
    remaining_budget: RemainingBudgetRate | None = None

    @property
    def change_since_1990_pct(self) -> float | None:
        return self.change_since(1990)

    @property
    def change_since_2005_pct(self) -> float | None:
        return self.change_since(2005)

    def change_since(self, base_year: int) -> float | None:
        """Change (%) from ``base_year`` to the last year; computed for any year in the data."""
        if base_year in self.change_since_base_pct:
            return self.change_since_base_pct[base_year]
        if self.last_year is None:
            return None
        return change_pct(self.emissions, base_year, self.last_year)

    def required_rate_from(self, reduction_start_year: int) -> RequiredRate | None:
        """The required rate if reductions start in another year (None without a trend)."""
        if self.trend is None or self.carbon_law_cumulative_t is None:
            return None
        return required_reduction_rate(
            self.trend.pathway, self.carbon_law_cumulative_t, reduction_start_year
        )

    def as_row(self, *, rounded: bool = False) -> dict[str, RowValue]:
        """A flat dict for exports; ``rounded`` applies :data:`ROW_DECIMALS`."""
        row = _row(self)
        if rounded:
            for key, decimals in ROW_DECIMALS.items():
                value = row.get(key)
                if isinstance(value, float):
                    row[key] = round(value, decimals)
        return row


def _row(metrics: Metrics) -> dict[str, RowValue]:
    trend = metrics.trend
    last_per_capita = None
    if metrics.last_year is not None:
        last_per_capita = metrics.per_capita.get(metrics.last_year)
    row: dict[str, RowValue] = {
        "current_year": metrics.params.current_year,
        "carbon_law_rate_pct": metrics.params.carbon_law_rate * 100.0,
        "last_year": metrics.last_year,
        "last_emissions_t": metrics.last_emissions_t,
        "last_per_capita_t": last_per_capita,
        "change_since_1990_pct": metrics.change_since_1990_pct,
        "change_since_2005_pct": metrics.change_since_2005_pct,
    }
    for base_year, value in metrics.change_since_base_pct.items():
        row[f"change_since_{base_year}_pct"] = value
    row["avg_yearly_change_since_2015_pct"] = metrics.avg_yearly_change_since_2015_pct
    row.update(_trend_columns(trend))
    row.update(
        {
            "carbon_law_cumulative_t": metrics.carbon_law_cumulative_t,
            "gap_t": metrics.gap_t,
            "gap_share_pct": _pct(metrics.gap_share),
            "trend_leaves_pathway_year": metrics.trend_leaves_pathway_year,
            "required_rate_pct": _pct(metrics.required_rate),
            "budget_exhausted": metrics.budget_exhausted,
        }
    )
    remaining = metrics.remaining_budget
    row["remaining_budget_t"] = remaining.remaining_t if remaining else None
    row["remaining_budget_rate_pct"] = _pct(remaining.rate) if remaining else None
    return row


def _trend_columns(trend: Trend | None) -> dict[str, RowValue]:
    if trend is None:
        return dict.fromkeys(
            (
                "trend_slope_t_per_yr",
                "trend_slope_min",
                "trend_slope_max",
                "trend_slope_low",
                "trend_slope_high",
                "trend_uncertain",
                "trend_cumulative_t",
                "trend_zero_date",
            )
        )
    return {
        "trend_slope_t_per_yr": trend.slope_t_per_yr,
        "trend_slope_min": trend.slope_range[0],
        "trend_slope_max": trend.slope_range[1],
        "trend_slope_low": trend.slope_low,
        "trend_slope_high": trend.slope_high,
        "trend_uncertain": trend.uncertain,
        "trend_cumulative_t": trend.cumulative_t,
        "trend_zero_date": trend.zero_date.isoformat() if trend.zero_date else None,
    }


def _pct(share: float | None) -> float | None:
    return None if share is None else share * 100.0


def compute_metrics(
    total: Mapping[int, float],
    population: Mapping[int, int] | None = None,
    params: MetricParameters | None = None,
) -> Metrics:
    """Every metric of a series year → tonnes CO2e, with optional population year → people.

    Years after ``params.current_year`` are ignored. An empty series gives a Metrics whose
    values are None; a value that is not a finite number raises ValueError.
    """
    return compute_metrics_many({None: (total, population)}, params)[None]


def compute_metrics_many[K](
    inputs: Mapping[K, tuple[Mapping[int, float], Mapping[int, int] | None]],
    params: MetricParameters | None = None,
) -> dict[K, Metrics]:
    """:func:`compute_metrics` of many (total, population) pairs; their trends are fitted
    together, which is several times faster than one by one."""
    params = params or MetricParameters()
    cleaned = {key: clean_series(total, params.current_year) for key, (total, _) in inputs.items()}
    trends = compute_trends(cleaned, params)
    return {
        key: _metrics(cleaned[key], population, trends[key], params)
        for key, (_, population) in inputs.items()
    }


def _metrics(
    series: dict[int, float],
    population: Mapping[int, int] | None,
    trend: Trend | None,
    params: MetricParameters,
) -> Metrics:
    if not series:
        return Metrics(params=params)
    last_year = max(series)
    paris = _paris(trend, params)
    return Metrics(
        params=params,
        emissions=series,
        last_year=last_year,
        last_emissions_t=series[last_year],
        per_capita=per_capita(series, population),
        change_since_base_pct={b: change_pct(series, b, last_year) for b in params.base_years},
        avg_yearly_change_since_2015_pct=average_yearly_change_pct(series, params.trend_start_year),
        trend=trend,
        carbon_law=paris.carbon_law,
        carbon_law_cumulative_t=paris.carbon_law_cumulative_t,
        gap_t=paris.gap_t,
        gap_share=paris.gap_share,
        trend_leaves_pathway_year=paris.trend_leaves_pathway_year,
        required_rate=paris.required.rate if paris.required else None,
        budget_exhausted=paris.required.budget_exhausted if paris.required else None,
        remaining_budget=_remaining_budget(trend, params),
    )


def _remaining_budget(trend: Trend | None, params: MetricParameters) -> RemainingBudgetRate | None:
    """The rate for the budget left since the last data year (None without a trend or years)."""
    if trend is None or params.current_year >= params.end_year:
        return None
    emissions = {trend.anchor_year: trend.anchor_value, **trend.approximated, **trend.pathway}
    return remaining_budget_rate(emissions, params.carbon_law_rate, params.current_year)


@dataclass(frozen=True, slots=True)
class _Paris:
    carbon_law: dict[int, float] = field(default_factory=dict)
    carbon_law_cumulative_t: float | None = None
    gap_t: float | None = None
    gap_share: float | None = None
    trend_leaves_pathway_year: int | None = None
    required: RequiredRate | None = None


def _paris(trend: Trend | None, params: MetricParameters) -> _Paris:
    """Carbon Law pathway, gap and required rate, all anchored at the trend's current year."""
    if trend is None:
        return _Paris()
    start = params.current_year
    pathway = carbon_law_pathway(
        start, trend.pathway[start], params.carbon_law_rate, params.end_year
    )
    budget = cumulative(pathway)
    gap = trend.cumulative_t - budget
    reduction_start = params.resolved_reduction_start_year
    required = None
    if reduction_start <= params.end_year:
        required = required_reduction_rate(trend.pathway, budget, reduction_start)
    return _Paris(
        carbon_law=pathway,
        carbon_law_cumulative_t=budget,
        gap_t=gap,
        gap_share=gap / budget if budget > 0 else None,
        trend_leaves_pathway_year=next(
            (year for year, value in trend.pathway.items() if value > pathway[year]), None
        ),
        required=required,
    )
