"""An organisation's evaluated targets as plain rows, for its page, the API and CSV, and the
yearly numbers of its targets chart."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.calc import MetricParameters, Metrics
from klimatlaget.calc.targets import TargetParameters
from klimatlaget.emissions.dataset import OrganisationSeries
from klimatlaget.emissions.series import metrics_for, organisation_series
from klimatlaget.targets.evaluation import (
    EvaluatedTarget,
    OrganisationTargets,
    evaluate_organisation,
    target_parameters,
)
from klimatlaget.targets.models import ENTERED_FIELDS
from klimatlaget.targets.notes import note_text

#: The columns of the targets table in the API and as CSV (lists are joined with " | ").
COLUMNS = [
    "id",
    "organisation_code",
    *ENTERED_FIELDS,
    "normalised",
    "reduction_1990_2030_pct",
    "reduction_1990_2045_pct",
    "implied_annual_rate_pct",
    "cumulative_to_end_year_t",
    "verdict",
    "reasons",
    "problems",
    "assumptions",
    "on_track",
    "trend_in_target_year_t",
    "target_level_t",
    "gap_t",
    "gap_pct",
]


def verdict_text(verdict: str) -> str:
    return {
        "in_line": _("In line with the Paris Agreement"),
        "partly": _("Partly in line"),
        "not_in_line": _("Not in line"),
        "not_assessed": _("Not assessed"),
    }.get(verdict, verdict)


def target_row(evaluated: EvaluatedTarget) -> dict[str, Any]:
    target, normalised = evaluated.target, evaluated.normalised
    track = evaluated.on_track
    implied = normalised.implied_reduction_1990_pct
    return {
        "id": target.pk,
        "organisation_code": target.organisation.code,
        "title": target.title,
        "form": target.form,
        "value": target.value,
        "base_year": target.base_year,
        "start_year": target.start_year,
        "target_year": target.target_year,
        "per_capita": target.per_capita,
        "projected_population": target.projected_population,
        "geography": target.geography,
        "district": target.district,
        "scopes": list(target.scopes),
        "includes_non_energy": target.includes_non_energy,
        "status": target.status,
        "adopted_on": target.adopted_on.isoformat() if target.adopted_on else None,
        "source": target.source,
        "quote": target.quote,
        "notes": target.notes,
        "version": target.version,
        "normalised": normalised.normalised,
        "reduction_1990_2030_pct": implied.get(2030),
        "reduction_1990_2045_pct": implied.get(2045),
        "implied_annual_rate_pct": normalised.implied_annual_rate_pct,
        "cumulative_to_end_year_t": normalised.cumulative_t,
        "verdict": evaluated.alignment.verdict.value,
        "reasons": [note_text(n) for n in evaluated.alignment.reasons],
        "problems": [note_text(n) for n in normalised.problems],
        "assumptions": [note_text(n) for n in normalised.notes],
        "on_track": track.on_track if track else None,
        "trend_in_target_year_t": track.trend_t if track else None,
        "target_level_t": track.target_t if track else None,
        "gap_t": track.gap_t if track else None,
        "gap_pct": track.gap_pct if track else None,
        "trend_uncertain": track.trend_uncertain if track else None,
    }


def target_rows(evaluated: OrganisationTargets | None) -> list[dict[str, Any]]:
    return [target_row(e) for e in evaluated.targets] if evaluated else []


def csv_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with lists joined, for CSV."""
    return [
        {
            key: " | ".join(str(v) for v in value) if isinstance(value, list) else value
            for key, value in row.items()
        }
        for row in rows
    ]


@dataclass
class TargetsOverview:
    """Everything the targets page, its CSV and the API need about one organisation."""

    series: OrganisationSeries
    metrics: Metrics
    params: TargetParameters
    evaluated: OrganisationTargets | None

    @property
    def targets(self) -> list[EvaluatedTarget]:
        return self.evaluated.targets if self.evaluated else []


def overview(code: str, metric_params: MetricParameters) -> TargetsOverview:
    params = target_parameters(metric_params)
    evaluated = evaluate_organisation(code, params)
    series = evaluated.series if evaluated and evaluated.series else organisation_series(code)
    metrics = (
        evaluated.metrics if evaluated and evaluated.metrics else metrics_for(code, params.metrics)
    )
    return TargetsOverview(series, metrics, params, evaluated)


def target_key(target_id: int | None) -> str:
    return f"target_{target_id}_t"


def chart_rows(view: TargetsOverview) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and yearly rows: observed, trend, Carbon Law and each target's pathway."""
    trend = view.metrics.trend.pathway if view.metrics.trend else {}
    law = view.metrics.carbon_law
    pathways = {
        target_key(e.target.pk): e.normalised.pathway.pathway
        for e in view.targets
        if e.normalised.pathway is not None
    }
    columns = ["year", "observed_t", "trend_t", "carbon_law_t", *pathways]
    years = sorted(set(view.series.total).union(trend, law, *(p.keys() for p in pathways.values())))
    rows = [
        {
            "year": year,
            "observed_t": view.series.total.get(year),
            "trend_t": trend.get(year),
            "carbon_law_t": law.get(year),
            **{key: pathway.get(year) for key, pathway in pathways.items()},
        }
        for year in years
    ]
    return columns, rows
