"""Pure calculations for Klimatläget: trends, Carbon Law pathways, metrics and aggregation.

No Django, so it is easy to test. numpy fits the trends of many organisations at once; it is
imported on first use, so importing this package stays fast. The method is described for
non-programmers in docs/METHOD.md.
"""

from klimatlaget.calc.aggregation import (
    common_years,
    sum_population,
    sum_sector_series,
    sum_series,
)
from klimatlaget.calc.history import average_yearly_change_pct, change_pct, per_capita
from klimatlaget.calc.jackknife import SlopeRange, fit_leaving_each_out, slope_range
from klimatlaget.calc.metrics import Metrics, compute_metrics, compute_metrics_many
from klimatlaget.calc.parameters import (
    CARBON_LAW_PRESETS,
    DEFAULT_CARBON_LAW_RATE,
    MetricParameters,
)
from klimatlaget.calc.pathways import (
    RemainingBudgetRate,
    RequiredRate,
    carbon_law_pathway,
    cumulative,
    remaining_budget_rate,
    required_reduction_rate,
)
from klimatlaget.calc.regression import (
    LinearFit,
    lad_fit_irls,
    lad_fit_irls_many,
    lad_objective,
    lad_slope_range,
    lad_slope_ranges,
    ols_fit,
    pairwise_slopes,
)
from klimatlaget.calc.trend import (
    Trend,
    compute_trend,
    compute_trends,
    fractional_year_to_date,
    zero_date,
)

__all__ = [
    "CARBON_LAW_PRESETS",
    "DEFAULT_CARBON_LAW_RATE",
    "LinearFit",
    "MetricParameters",
    "Metrics",
    "RemainingBudgetRate",
    "RequiredRate",
    "SlopeRange",
    "Trend",
    "average_yearly_change_pct",
    "carbon_law_pathway",
    "change_pct",
    "common_years",
    "compute_metrics",
    "compute_metrics_many",
    "compute_trend",
    "compute_trends",
    "cumulative",
    "fit_leaving_each_out",
    "fractional_year_to_date",
    "lad_fit_irls",
    "lad_fit_irls_many",
    "lad_objective",
    "lad_slope_range",
    "lad_slope_ranges",
    "ols_fit",
    "pairwise_slopes",
    "per_capita",
    "remaining_budget_rate",
    "required_reduction_rate",
    "slope_range",
    "sum_population",
    "sum_sector_series",
    "sum_series",
    "zero_date",
]
