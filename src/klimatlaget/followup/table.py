"""A follow-up period as a table: one row per measure report, for the CSV download and the API
(the one table writer makes every cell formula-safe)."""

from typing import Any

from klimatlaget.exports.columns import Column, Kind
from klimatlaget.followup.models import FollowUpPeriod, IndicatorReport, MeasureReport

COLUMNS = [
    Column("organisation"),
    Column("year", kind=Kind.YEAR),
    Column("quarter", kind=Kind.INTEGER),
    Column("period_state"),
    Column("report_id", kind=Kind.INTEGER),
    Column("measure_id", kind=Kind.INTEGER),
    Column("code"),
    Column("title"),
    Column("sector"),
    Column("status"),
    Column("completion_pct", kind=Kind.INTEGER),
    Column("spent_sek", kind=Kind.INTEGER),
    Column("budget_sek", kind=Kind.INTEGER),
    Column("achieved_reduction_t", kind=Kind.DECIMAL, decimals=1),
    Column("expected_reduction_t", kind=Kind.DECIMAL, decimals=1),
    Column("comment"),
    Column("filled_by"),
    Column("filled_at"),
    Column("version", kind=Kind.INTEGER),
]


def measure_row(report: MeasureReport) -> dict[str, Any]:
    """A measure's report with the measure's budget and expected reduction beside it."""
    measure = report.measure
    return {
        "report_id": report.pk,
        "measure_id": report.measure_id,
        "code": report.measure_code,
        "title": report.measure_title,
        "sector": report.sector,
        "status": report.status,
        "completion_pct": report.completion_pct,
        "spent_sek": None if report.spent_sek is None else int(report.spent_sek),
        "budget_sek": None
        if measure is None or measure.budget_sek is None
        else int(measure.budget_sek),
        "achieved_reduction_t": report.achieved_reduction_t,
        "expected_reduction_t": None if measure is None else measure.expected_reduction_t,
        "comment": report.comment,
        "filled_by": report.filled_by_label,
        "filled_at": report.filled_at.isoformat() if report.filled_at else None,
        "version": report.version,
    }


def indicator_row(report: IndicatorReport) -> dict[str, Any]:
    return {
        "report_id": report.pk,
        "indicator_id": report.indicator_id,
        "name": report.indicator_name,
        "unit": report.unit,
        "value": report.value,
        "comment": report.comment,
        "filled_by": report.filled_by_label,
        "filled_at": report.filled_at.isoformat() if report.filled_at else None,
        "version": report.version,
    }


def rows(period: FollowUpPeriod) -> list[dict[str, Any]]:
    head = {
        "organisation": period.organisation.code,
        "year": period.year,
        "quarter": period.quarter,
        "period_state": period.state,
    }
    return [head | measure_row(r) for r in period.measure_reports.select_related("measure")]
