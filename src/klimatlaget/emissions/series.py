"""One organisation's emissions, pathways and metrics as rows for pages, CSV and the API."""

from typing import Any

from klimatlaget.calc import MetricParameters, Metrics
from klimatlaget.emissions.dataset import OrganisationSeries, load_dataset
from klimatlaget.emissions.metrics import all_metrics


def organisation_series(code: str) -> OrganisationSeries:
    """The organisation's series; empty for organisations without emissions data."""
    found = load_dataset().get(code)
    return found if found is not None else OrganisationSeries(code, "", "", None, None)


def metrics_for(code: str, params: MetricParameters) -> Metrics:
    from klimatlaget.calc import compute_metrics

    computed = all_metrics(params).get(code)
    return computed if computed is not None else compute_metrics({}, None, params)


def total_rows(code: str) -> list[dict[str, Any]]:
    org = organisation_series(code)
    return [
        {
            "year": year,
            "total_t": value,
            "per_capita_t": value / org.population[year] if org.population.get(year) else None,
        }
        for year, value in sorted(org.total.items())
    ]


def sector_rows(code: str) -> list[dict[str, Any]]:
    org = organisation_series(code)
    return [
        {"year": year, "sector": sector, "tco2e": value}
        for sector, values in sorted(org.sectors.items())
        for year, value in sorted(values.items())
    ]


def pathway_rows(code: str, params: MetricParameters) -> list[dict[str, Any]]:
    """Observed values, then approximated values, the trend and the Carbon Law pathway."""
    org = organisation_series(code)
    metrics = metrics_for(code, params)
    trend = metrics.trend
    approximated = trend.approximated if trend else {}
    pathway = trend.pathway if trend else {}
    years = sorted(set(org.total) | set(approximated) | set(pathway) | set(metrics.carbon_law))
    return [
        {
            "year": year,
            "observed_t": org.total.get(year),
            "approximated_t": approximated.get(year),
            "trend_t": pathway.get(year),
            "carbon_law_t": metrics.carbon_law.get(year),
        }
        for year in years
    ]
