"""Metrics for every organisation, computed by the calc package, cached per data version."""

from typing import Any

from klimatlaget.calc import CARBON_LAW_PRESETS, MetricParameters, Metrics, compute_metrics_many
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.dataset import Dataset, OrganisationSeries, load_dataset
from klimatlaget.exports.columns import Column

_cache: DerivedCache[MetricParameters, dict[str, Metrics]] = DerivedCache(size=16)

#: The columns of the metrics exports (CSV, JSON, the CLI's workbook), in this order.
EXPORT_COLUMNS = [
    Column("code"),
    Column("name"),
    Column("kind"),
    Column("county"),
    Column.integer("population"),
    Column.year("last_year"),
    Column.integer("last_emissions_t"),
    Column.decimal("last_emissions_per_capita_t", 2),
    Column.percent("change_since_1990_pct", per_cent=True),
    Column.percent("change_since_2005_pct", per_cent=True),
    Column.percent("avg_yearly_change_since_2015_pct", per_cent=True),
    Column.integer("trend_slope_t_per_yr"),
    Column.integer("trend_slope_min"),
    Column.integer("trend_slope_max"),
    Column.integer("trend_slope_low"),
    Column.integer("trend_slope_high"),
    Column("trend_uncertain"),
    Column.integer("trend_cumulative_t"),
    Column.integer("carbon_law_cumulative_t"),
    Column.integer("gap_t"),
    Column.percent("gap_share_pct", per_cent=True),
    Column.year("trend_leaves_pathway_year"),
    Column.percent("required_rate_pct", per_cent=True),
    Column.integer("remaining_budget_t"),
    Column.percent("remaining_budget_rate_pct", per_cent=True),
    Column("trend_zero_date"),
]


def parameters(
    current_year: int | None = None, rate: float | None = None, preset: str | None = None
) -> MetricParameters:
    """Metric parameters from user input; raises ValueError with a readable message."""
    if preset is not None:
        if preset not in CARBON_LAW_PRESETS:
            known = ", ".join(sorted(CARBON_LAW_PRESETS))
            raise ValueError(f"Unknown Carbon Law preset {preset!r}; choose one of {known}.")
        rate = CARBON_LAW_PRESETS[preset]
    options: dict[str, Any] = {}
    if current_year is not None:
        options["current_year"] = current_year
    if rate is not None:
        options["carbon_law_rate"] = rate
    return MetricParameters(**options)


def all_metrics(params: MetricParameters) -> dict[str, Metrics]:
    return _cache.get(params, lambda: _compute_all(params))


def _compute_all(params: MetricParameters) -> dict[str, Metrics]:
    dataset = load_dataset()
    return compute_metrics_many(
        {code: (org.total, org.population) for code, org in dataset.items()}, params
    )


def metrics_row(org: OrganisationSeries, metrics: Metrics) -> dict[str, Any]:
    """One flat row for exports, the comparison page and the API."""
    row: dict[str, Any] = {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "county": org.county_name or "",
        "population": org.last_population,
    }
    row.update(metrics.as_row())
    row["last_emissions_per_capita_t"] = row["last_per_capita_t"]
    return row


def metrics_rows(params: MetricParameters, kinds: set[str] | None = None) -> list[dict[str, Any]]:
    dataset: Dataset = load_dataset()
    computed = all_metrics(params)
    return [
        metrics_row(org, computed[code])
        for code, org in sorted(dataset.items(), key=lambda item: item[0])
        if kinds is None or org.kind in kinds
    ]
