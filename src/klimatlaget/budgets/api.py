"""The budgets API: an organisation's budget and outcome of a year, and its budget settings
(read by anyone, changed by the organisation's editors through the same service as the page).
National emissions are imported at the command line only."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import Field

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import organisation_for, organisation_or_404
from klimatlaget.api.schemas import CONFLICTS, CarbonLawQuery, ErrorOut, Id, Year, one_of
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.emissions.metrics import parameters
from klimatlaget.exports.responses import csv_response

from . import describe
from .dashboard import GAP_COLUMNS, dashboard
from .lines import EXPORT_COLUMNS, BudgetLine
from .models import BudgetSettings, PathwayChoice, ProfileChoice
from .outcome import settings_for
from .report import budget_report
from .services import update_settings

router = Router(tags=["budgets"])


class BudgetLineOut(Schema):
    """A sector (``total`` for all) in the whole year (``quarter`` null) or one quarter."""

    sector: str
    quarter: int | None
    budget_t: int | None
    outcome_t: float | None
    outcome_kind: str | None = Field(description="actual (SMHI) or nowcast (an estimate)")
    nowcast_t: float | None
    nowcast_low_t: float | None
    nowcast_high_t: float | None
    nowcast_error_pct: float | None = Field(description="the nowcast against SMHI's figure")
    expected_reduction_decided_t: float
    expected_reduction_proposed_t: float
    gap_t: float | None
    light: str | None = Field(description="green, amber or red")


class BudgetOut(Schema):
    code: str
    year: int
    pathway: str
    problem: str | None = Field(description="why there is no budget, if there is none")
    national_source: str = Field(description="imported or sum_of_municipalities")
    lines: list[BudgetLineOut]


class GapRowOut(Schema):
    """A sector (``total`` for all) of the gap table, in t CO₂e for the year."""

    sector: str
    base_t: float | None = Field(description="emissions of the base year")
    target_t: float | None = Field(
        description="the year's value on the pathway (by sector: budget)"
    )
    trend_t: float | None = Field(description="the trend's value in the year")
    expected_reduction_decided_t: float = Field(
        description="what decided measures add to the trend after the last data year"
    )
    expected_reduction_proposed_t: float = Field(
        description="what proposed measures add to the trend after the last data year"
    )
    forecast_t: float | None = Field(description="trend − decided")
    gap_t: float | None = Field(
        description="trend − decided − proposed − target; zero or below: covered"
    )
    light: str | None = Field(description="the forecast against the target: green, amber or red")
    counted_in_total: bool = Field(
        description="false for sectors outside the territorial emissions (own operations, "
        "consumption)"
    )


class GapOut(Schema):
    code: str
    year: int
    pathway: str
    base_year: int | None = Field(description="the pathway's base year")
    last_data_year: int | None = Field(description="the last year with emissions figures")
    rows: list[GapRowOut]


class SettingsIn(Schema):
    pathway: str = one_of(PathwayChoice.values, default=PathwayChoice.CARBON_LAW.value)
    target: Id | None = Field(None, description="the target's id (default: first adopted)")
    sector_budgets: dict[str, float] = Field(
        default_factory=dict, description="main sector (Swedish name or code) → t CO₂e"
    )
    quarter_profile: str = one_of(ProfileChoice.values, default=ProfileChoice.EQUAL.value)
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


class SettingsOut(Schema):
    pathway: str
    target: int | None
    sector_budgets: dict[str, float]
    quarter_profile: str
    version: int


def _line(line: BudgetLine) -> dict[str, Any]:
    return {
        "sector": line.sector,
        "quarter": line.quarter,
        "budget_t": line.budget_t,
        "outcome_t": line.outcome_t,
        "outcome_kind": line.outcome_kind,
        "nowcast_t": line.nowcast_t,
        "nowcast_low_t": line.nowcast_low_t,
        "nowcast_high_t": line.nowcast_high_t,
        "nowcast_error_pct": line.nowcast_error_pct,
        "expected_reduction_decided_t": line.decided_t,
        "expected_reduction_proposed_t": line.proposed_t,
        "gap_t": line.gap_t,
        "light": line.light,
    }


def _settings(settings: BudgetSettings) -> dict[str, Any]:
    return {
        "pathway": settings.pathway,
        "target": settings.target_id,
        "sector_budgets": settings.sector_budgets,
        "quarter_profile": settings.quarter_profile,
        "version": settings.version,
    }


@router.get(
    "/organisations/{code}/budget/{year}",
    response={200: BudgetOut, 404: ErrorOut},
)
def organisation_budget(
    request: HttpRequest,
    code: str,
    year: Year,
    q: Query[CarbonLawQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    """The budget of the year by sector and quarter against the outcome: SMHI's figure where
    it exists, else the nowcast with its 80 % range. CSV: one row per sector and quarter."""
    organisation = organisation_or_404(code)
    report = budget_report(organisation, year, parameters(q.current_year, q.rate, q.preset))
    if format == "csv":
        name = f"{organisation.code}-budget-{year}"
        return csv_response(name, report.export_rows(), EXPORT_COLUMNS)
    outcome = report.outcome
    if outcome is None:
        raise ValueError(f"{organisation.code} has no emissions by sector, so no budget.")
    with translation.override("en"):
        problem = describe.problem(outcome)
    return {
        "code": organisation.code,
        "year": year,
        "pathway": outcome.pathway,
        "problem": problem,
        "national_source": outcome.national_source,
        "lines": [_line(line) for line in [*report.years, *report.quarters]],
    }


@router.get(
    "/organisations/{code}/budget/{year}/gap",
    response={200: GapOut, 404: ErrorOut},
)
def organisation_budget_gap(
    request: HttpRequest,
    code: str,
    year: Year,
    q: Query[CarbonLawQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    """The gap table of the year: per sector and in total, the base-year emissions, the
    target, the trend, the reductions decided and proposed measures add to it, the forecast
    (trend − decided) with its light and the gap left (trend − decided − proposed − target).
    Empty rows without a trend. CSV: the same rows."""
    organisation = organisation_or_404(code)
    params = parameters(q.current_year, q.rate, q.preset)
    board = dashboard(budget_report(organisation, year, params), params)
    rows = board.gap_rows()
    if format == "csv":
        return csv_response(f"{organisation.code}-budget-{year}-gap", rows, GAP_COLUMNS)
    outcome = board.report.outcome
    if outcome is None:
        raise ValueError(f"{organisation.code} has no emissions by sector, so no budget.")
    return {
        "code": organisation.code,
        "year": year,
        "pathway": outcome.pathway,
        "base_year": board.gap.base_year if board.gap else None,
        "last_data_year": board.last_data_year,
        "rows": rows,
    }


@router.get(
    "/organisations/{code}/budget/{year}/settings",
    response={200: SettingsOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def budget_settings(request: HttpRequest, code: str, year: Year, response: HttpResponse) -> Any:
    """The settings of the year's budget (the defaults until an editor saves them)."""
    organisation = organisation_or_404(code)
    settings = settings_for(organisation.pk, year)
    response["ETag"] = etag(settings.version)
    return _settings(settings)


@router.put(
    "/organisations/{code}/budget/{year}/settings",
    auth=django_auth,
    response={
        200: SettingsOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
        **CONFLICTS,
    },
    openapi_extra=sends_etag(IF_MATCH),
)
def put_budget_settings(
    request: HttpRequest, code: str, year: Year, body: SettingsIn, response: HttpResponse
) -> Any:
    """Replace the settings. With ``If-Match`` (the ETag) or ``version``, a change made since
    that version refuses the write (412 or 409, naming what changed)."""
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    try:
        settings = update_settings(request.user, organisation, year, values)
    except ValidationError as error:
        return Status(422, {"detail": " ".join(error.messages)})
    response["ETag"] = etag(settings.version)
    return _settings(settings)
