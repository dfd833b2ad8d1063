"""Every stored target evaluated by the calculation package, for pages, the API and exports.

The evaluation is cached per data version (:mod:`klimatlaget.dataversion`) and parameters, like
the metrics.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from klimatlaget.calc import MetricParameters, Metrics
from klimatlaget.calc.targets import (
    Alignment,
    NormalisedTarget,
    OnTrack,
    OrganisationData,
    TargetParameters,
    judge_organisation,
    judge_target,
    normalise_target,
    on_track,
)
from klimatlaget.calc.targets.parameters import DEFAULT_PARTLY_RATE
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.dataset import OrganisationSeries, load_dataset
from klimatlaget.emissions.metrics import all_metrics
from klimatlaget.targets.models import Target


@dataclass(frozen=True)
class EvaluatedTarget:
    target: Target
    normalised: NormalisedTarget
    alignment: Alignment
    on_track: OnTrack | None


@dataclass(frozen=True)
class OrganisationTargets:
    """An organisation's targets, each evaluated, and the verdict on its territorial targets."""

    code: str
    name: str
    kind: str
    county: str
    series: OrganisationSeries | None
    metrics: Metrics | None
    targets: list[EvaluatedTarget] = field(default_factory=list)
    alignment: Alignment | None = None


def target_parameters(metric_params: MetricParameters | None = None) -> TargetParameters:
    """Target parameters for a Carbon Law rate; with a rate at or below the default "partly"
    rate (the global-average preset) the partly band closes (docs/METHOD.md#paris-alignment)."""
    metrics = metric_params or MetricParameters()
    partly = min(DEFAULT_PARTLY_RATE, metrics.carbon_law_rate)
    return TargetParameters(metrics=metrics, partly_rate=partly)


def organisation_data(
    series: OrganisationSeries | None, metrics: Metrics | None
) -> OrganisationData:
    if series is None:
        return OrganisationData({})
    trend = metrics.trend if metrics else None
    return OrganisationData(series.total, series.population, trend)


def evaluate_targets(
    targets: list[Target],
    series: OrganisationSeries | None,
    metrics: Metrics | None,
    params: TargetParameters,
) -> list[EvaluatedTarget]:
    data = organisation_data(series, metrics)
    trend = data.trend
    evaluated = []
    for target in targets:
        normalised = normalise_target(target.to_spec(), data, params)
        evaluated.append(
            EvaluatedTarget(
                target, normalised, judge_target(normalised, params), on_track(normalised, trend)
            )
        )
    return evaluated


_cache: DerivedCache[TargetParameters, dict[str, OrganisationTargets]] = DerivedCache(size=8)


def evaluate_all(params: TargetParameters) -> dict[str, OrganisationTargets]:
    """Organisation code → its evaluated targets, for every organisation with targets."""
    return _cache.get(params, lambda: _evaluate_all(params))


def evaluate_organisation(code: str, params: TargetParameters) -> OrganisationTargets | None:
    """One organisation's evaluated targets (None when it has none)."""
    return evaluate_all(params).get(code)


def _evaluate_all(params: TargetParameters) -> dict[str, OrganisationTargets]:
    dataset = load_dataset()
    metrics = all_metrics(params.metrics)
    by_org: dict[int, list[Target]] = defaultdict(list)
    query = Target.objects.select_related("organisation", "organisation__county")
    for target in query:
        by_org[target.organisation_id].append(target)
    result = {}
    for targets in by_org.values():
        org = targets[0].organisation
        series = dataset.get(org.code)
        org_metrics = metrics.get(org.code)
        evaluated = evaluate_targets(targets, series, org_metrics, params)
        trend = org_metrics.trend if org_metrics else None
        alignment = judge_organisation(
            [e.normalised for e in evaluated if e.target.status == "adopted"],
            series.total if series else {},
            trend,
            params,
        )
        result[org.code] = OrganisationTargets(
            code=org.code,
            name=org.name,
            kind=org.kind,
            county=org.county.name if org.county else "",
            series=series,
            metrics=org_metrics,
            targets=evaluated,
            alignment=alignment,
        )
    return result
