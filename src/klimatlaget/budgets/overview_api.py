"""The members' budget overview in the API: an association's members, or a county's
municipalities (the nation's counties), each with the year's budget against its outcome in
total (public, as each member's own budget is)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from klimatlaget.accounts.resolvers import association_or_404, region_or_404
from klimatlaget.api.schemas import CarbonLawQuery, ErrorOut, Year
from klimatlaget.emissions.metrics import parameters
from klimatlaget.exports.responses import csv_response
from klimatlaget.organisations.models import Organisation

from .overview import EXPORT_COLUMNS, budget_overview

router = Router(tags=["budgets"])


class MemberBudgetOut(Schema):
    """One member's year in total (all null when it has no emissions by sector)."""

    code: str
    name: str
    budget_t: int | None
    outcome_t: float | None
    outcome_kind: str | None = Field(description="actual (SMHI) or nowcast (an estimate)")
    light: str | None = Field(description="green, amber or red")
    deviation_pct: float | None = Field(
        description="the outcome less the budget, in per cent of the budget"
    )
    expected_reduction_decided_t: float | None
    expected_reduction_proposed_t: float | None
    gap_t: float | None = Field(
        description="the outcome less the decided measures' expected reduction less the budget"
    )
    problem: str | None = Field(
        description="why there is no budget: no_sector_data, no_pathway, not_on_pathway or "
        "invalid (null: there is one)"
    )


class LightCountsOut(Schema):
    green: int
    amber: int
    red: int
    none: int = Field(description="no budget or no outcome")


class BudgetOverviewOut(Schema):
    code: str = Field(description="the association, county or nation")
    year: int
    counts: LightCountsOut
    members: list[MemberBudgetOut]


def _answer(group: Organisation, year: int, q: CarbonLawQuery, format: str) -> Any:
    overview = budget_overview(group, year, parameters(q.current_year, q.rate, q.preset))
    rows = overview.export_rows()
    if format == "csv":
        return csv_response(f"{group.code}-member-budgets-{year}", rows, EXPORT_COLUMNS)
    return {
        "code": group.code,
        "year": year,
        "counts": overview.counts(),
        "members": [{k: v for k, v in row.items() if k != "year"} for row in rows],
    }


@router.get(
    "/associations/{code}/budget/{year}",
    response={200: BudgetOverviewOut, 404: ErrorOut},
)
def association_budgets(
    request: HttpRequest,
    code: str,
    year: Year,
    q: Query[CarbonLawQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    """The budget of every member of the association in the year (members at some time during
    it) against its outcome, in total, with the count of members per traffic light. CSV: one
    row per member."""
    return _answer(association_or_404(code), year, q, format)


@router.get(
    "/organisations/{code}/budget/{year}/members",
    response={200: BudgetOverviewOut, 404: ErrorOut},
)
def region_budgets(
    request: HttpRequest,
    code: str,
    year: Year,
    q: Query[CarbonLawQuery],
    format: Literal["json", "csv"] = "json",
) -> Any:
    """The budget of every municipality of a county (every county of the nation, ``00``) in the
    year against its outcome, in total, with the count per traffic light. Other kinds of
    organisation: 404. CSV: one row per member."""
    return _answer(region_or_404(code), year, q, format)
