"""Target pathways side by side: for each chosen organisation its target pathway (its adopted
territorial targets combined, or the one there is), its trend and its Carbon Law pathway."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.calc.targets import Geography, Pathway, TargetParameters, combine
from klimatlaget.charts import Line, Marker, line_chart, number_formatter, responsive
from klimatlaget.charts.palette import CATEGORICAL
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.metrics import all_metrics
from klimatlaget.targets.evaluation import evaluate_all

#: At most this many organisations in one chart (three lines each).
MAX_ORGANISATIONS = 6
CSV_COLUMNS = [
    "organisation_code",
    "organisation",
    "year",
    "observed_t",
    "target_t",
    "trend_t",
    "carbon_law_t",
]


@dataclass
class OrganisationPathways:
    code: str
    name: str
    targets_used: int
    observed: dict[int, float] = field(default_factory=dict)
    target: dict[int, float] = field(default_factory=dict)
    trend: dict[int, float] = field(default_factory=dict)
    carbon_law: dict[int, float] = field(default_factory=dict)


def organisation_choices() -> list[tuple[str, str]]:
    """(code, name) of every organisation with emissions data, by name."""
    dataset = load_dataset()
    return sorted(
        ((code, org.name) for code, org in dataset.items() if org.total),
        key=lambda item: item[1].casefold(),
    )


def target_pathway(code: str, params: TargetParameters) -> tuple[Pathway | None, int]:
    """The organisation's adopted territorial targets combined (or its only one), and how many."""
    org = evaluate_all(params).get(code)
    if org is None or org.series is None:
        return None, 0
    territorial = [
        e.normalised
        for e in org.targets
        if e.target.status == "adopted"
        and e.normalised.spec.geography == Geography.TERRITORY
        and e.normalised.pathway is not None
    ]
    if not territorial:
        return None, 0
    if len(territorial) == 1:
        return territorial[0].pathway, 1
    trend = org.metrics.trend if org.metrics else None
    return combine(territorial, org.series.total, trend, params), len(territorial)


def pathways(codes: Sequence[str], params: TargetParameters) -> list[OrganisationPathways]:
    """The chosen organisations that have data, in the order chosen, without repeats."""
    dataset = load_dataset()
    metrics = all_metrics(params.metrics)
    result: list[OrganisationPathways] = []
    for code in dict.fromkeys(codes):
        series = dataset.get(code)
        if series is None or not series.total or len(result) >= MAX_ORGANISATIONS:
            continue
        pathway, used = target_pathway(code, params)
        org_metrics = metrics.get(code)
        trend = org_metrics.trend if org_metrics else None
        start = params.metrics.trend_start_year
        result.append(
            OrganisationPathways(
                code=code,
                name=series.name,
                targets_used=used,
                observed={y: v for y, v in series.total.items() if y >= start},
                target=dict(pathway.pathway) if pathway else {},
                trend={**(trend.approximated if trend else {}), **(trend.pathway if trend else {})},
                carbon_law=dict(org_metrics.carbon_law) if org_metrics else {},
            )
        )
    return result


def rows(chosen: Sequence[OrganisationPathways]) -> list[dict[str, Any]]:
    """One row per organisation and year, for the table and the CSV file."""
    result = []
    for org in chosen:
        years = sorted({*org.observed, *org.target, *org.trend, *org.carbon_law})
        for year in years:
            result.append(
                {
                    "organisation_code": org.code,
                    "organisation": org.name,
                    "year": year,
                    "observed_t": _round(org.observed.get(year)),
                    "target_t": _round(org.target.get(year)),
                    "trend_t": _round(org.trend.get(year)),
                    "carbon_law_t": _round(org.carbon_law.get(year)),
                }
            )
    return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _indexed(points: dict[int, float], base: float | None) -> dict[int, float]:
    if not base:
        return {}
    return {year: value / base * 100.0 for year, value in points.items()}


def chart(
    chosen: Sequence[OrganisationPathways], params: TargetParameters, *, index: bool
) -> SafeString:
    """One line chart: per organisation one colour; the target solid, the trend dashed and the
    Carbon Law pathway dotted. With ``index`` every line is relative to the organisation's last
    observed emissions (= 100), so that organisations of different size can be compared."""
    lines = []
    for position, org in enumerate(chosen):
        color = CATEGORICAL[position % len(CATEGORICAL)]
        base = org.observed[max(org.observed)] if org.observed else None

        def scaled(points: dict[int, float], base: float | None = base) -> dict[int, float]:
            return _indexed(points, base) if index else points

        names = {"name": org.name}
        lines += [
            Line(
                f"{org.code}-target",
                _("%(name)s: target") % names,
                scaled(org.target),
                "solid",
                color,
            ),
            Line(
                f"{org.code}-trend",
                _("%(name)s: trend") % names,
                scaled(org.trend),
                "dashed",
                color,
            ),
            Line(
                f"{org.code}-carbon-law",
                _("%(name)s: Carbon Law") % names,
                scaled(org.carbon_law),
                "dotted",
                color,
            ),
        ]
    lines = [line for line in lines if line.points]
    svg = responsive(
        line_chart,
        lines,
        title=_("Target pathways, trends and Carbon Law pathways"),
        description=_(
            "For each organisation: its target pathway (solid), its trend (dashed) and its Carbon "
            "Law pathway at %(rate)s %% a year (dotted)."
        )
        % {"rate": f"{params.metrics.carbon_law_rate * 100:.2f}"},
        unit=_("index, latest year = 100") if index else "t CO₂e",
        markers=[Marker(params.current_year, _("Now"))],
        number_format=number_formatter(get_language() or "sv"),
        no_data_text=_("no data"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes
