"""The members' investment plans side by side in the API: an association's members, or a
county's (the nation's) municipalities, each with its plan for the year and the plan's headline
figures, with the sums and medians (public, as each plan is)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from klimatlaget.accounts.resolvers import association_or_404, region_or_404
from klimatlaget.api.schemas import ErrorOut, Year
from klimatlaget.exports.responses import csv_response
from klimatlaget.organisations.models import Organisation

from .coverage import covered_shares
from .overview import InvestmentOverview, investment_overview

router = Router(tags=["investments"])


class MemberPlanOut(Schema):
    """One member and its plan (the plan's fields all null when it has none)."""

    code: str
    name: str
    plan_id: int | None
    plan_year: int | None = Field(
        description="the year of the plan: the overview's, or the latest earlier one's"
    )
    plan_version: int | None
    plan_status: str | None = Field(description="draft or adopted")
    capex_sek: int | None = Field(description="the plan's capital expenditure, all its years")
    inhabitants: int | None
    population_year: int | None = Field(
        description="the plan's year, or the latest published before it"
    )
    capex_per_inhabitant_sek: int | None
    own_share_pct: float | None = Field(
        description="capex of the municipality and its companies, per cent of the capex"
    )
    financed_share_pct: float | None = Field(
        description="capex whose funding is decided, per cent of the capex"
    )
    funding_gap_sek: int | None = Field(description="capex whose funding is not decided")
    reduction_t: float | None = Field(description="the lines' expected reductions, t CO2e a year")
    sek_per_t: int | None = Field(description="the plan's abatement cost, SEK per t CO2e")
    sek_per_t_with_co_benefits: int | None
    gap_covered_pct: float | None = Field(
        description="the share of the gap between the trend and the pathway in the plan's last "
        "horizon year that its decided and proposed lines cover, per cent (null without a gap)"
    )


class InvestmentSummaryOut(Schema):
    """Sums of the amounts, medians of the ratios, over the members with a plan."""

    members: int
    plans: int
    capex_sek: float
    own_sek: float
    funding_gap_sek: float
    reduction_t: float
    median_capex_per_inhabitant_sek: float | None
    median_own_share_pct: float | None
    median_financed_share_pct: float | None
    median_sek_per_t: float | None
    median_sek_per_t_with_co_benefits: float | None
    median_gap_covered_pct: float | None


class InvestmentOverviewOut(Schema):
    code: str = Field(description="the association, county or nation")
    year: int
    summary: InvestmentSummaryOut
    members: list[MemberPlanOut]


def _pct(share: float | None) -> float | None:
    return None if share is None else share * 100


def _summary(overview: InvestmentOverview) -> dict[str, Any]:
    summary = overview.summary
    return {
        "members": len(overview.members),
        "plans": summary.plans,
        "capex_sek": summary.capex,
        "own_sek": summary.own,
        "funding_gap_sek": summary.funding_gap,
        "reduction_t": summary.reduction_t,
        "median_capex_per_inhabitant_sek": summary.per_inhabitant,
        "median_own_share_pct": _pct(summary.own_share),
        "median_financed_share_pct": _pct(summary.financed_share),
        "median_sek_per_t": summary.per_tonne,
        "median_sek_per_t_with_co_benefits": summary.per_tonne_with_co_benefits,
        "median_gap_covered_pct": _pct(overview.median_gap_covered),
    }


def _answer(group: Organisation, year: int, format: str) -> Any:
    overview = investment_overview(group, year, gap_covered=covered_shares)
    rows = overview.export_rows()
    if format == "csv":
        name = f"{group.code}-member-investment-plans-{year}"
        return csv_response(name, rows, overview.columns())
    return {
        "code": group.code,
        "year": year,
        "summary": _summary(overview),
        "members": [{k: v for k, v in row.items() if k != "year"} for row in rows],
    }


@router.get(
    "/associations/{code}/investment-plans/{year}",
    response={200: InvestmentOverviewOut, 404: ErrorOut},
)
def association_investments(
    request: HttpRequest, code: str, year: Year, format: Literal["json", "csv"] = "json"
) -> Any:
    """Every member of the association in the year (members at some time during it) with its
    climate investment plan for the year (the latest version; else its latest earlier year's)
    and the plan's headline figures, with sums and medians. CSV: one row per member."""
    return _answer(association_or_404(code), year, format)


@router.get(
    "/organisations/{code}/investment-plans/{year}/members",
    response={200: InvestmentOverviewOut, 404: ErrorOut},
)
def region_investments(
    request: HttpRequest, code: str, year: Year, format: Literal["json", "csv"] = "json"
) -> Any:
    """Every municipality of a county (of Sweden, ``00``) with its climate investment plan for
    the year and the plan's headline figures, with sums and medians. Other kinds of
    organisation: 404. CSV: one row per member."""
    return _answer(region_or_404(code), year, format)
