"""``GET /investment-plans/{plan_id}/coverage``: how far a plan closes the gap in its last
horizon year, and its cumulative effect over the horizon (public, like the plan)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from klimatlaget.api.schemas import CarbonLawQuery, ErrorOut
from klimatlaget.emissions.metrics import parameters
from klimatlaget.investments.coverage import PlanCoverage, plan_coverage
from klimatlaget.investments.models import InvestmentPlan

router = Router(tags=["investments"])


class SectorCoverageOut(Schema):
    sector: str = Field(description="SMHI main sector, own_operations, consumption or empty")
    trend_t: float | None = Field(description="The sector's trend in the horizon year")
    budget_t: float | None = Field(description="The sector's budget in the horizon year")
    gap_t: float | None = Field(description="trend − budget (None outside the budget)")
    decided_t: float
    proposed_t: float
    uncovered_t: float | None
    beyond_gap_t: float
    covered_share: float | None = Field(description="0–1; None without a positive gap")


class CoverageTotalOut(Schema):
    gap_t: float | None
    decided_t: float
    proposed_t: float
    uncovered_t: float | None
    covered_t: float
    covered_share: float | None = Field(description="Of the sectors' positive gaps, 0–1")


class CumulativeYearOut(Schema):
    year: int
    without_plan_t: float
    with_decided_t: float
    with_plan_t: float
    budget_t: float | None = Field(description="The pathway's value of the year")


class CumulativeOut(Schema):
    years: list[CumulativeYearOut]
    left_out_years: list[int] = Field(description="Horizon years the pathway does not cover")
    total_without_plan_t: float
    total_with_decided_t: float
    total_with_plan_t: float
    saved_t: float
    budget_t: float | None = Field(description="The pathway summed over the years counted")
    overshoot_t: float | None = Field(description="With the plan less the budget")
    overshoot_without_plan_t: float | None


class CoverageOut(Schema):
    plan_id: int
    horizon_year: int
    territorial_scope: bool = Field(
        description="False: the plan is the municipal organisation's, the gap the territory's"
    )
    pathway: str | None = Field(description="carbon_law or own_target (None without data)")
    problem: str | None = Field(
        description="Why there is no gap: no_emissions, no_trend, no_pathway, not_on_pathway "
        "or invalid"
    )
    rows: list[SectorCoverageOut]
    total: CoverageTotalOut
    cumulative: CumulativeOut | None = Field(description="None without a trend")


def _cumulative(coverage: PlanCoverage) -> dict[str, Any] | None:
    effect = coverage.cumulative
    if effect is None:
        return None
    return {
        "years": [
            {
                "year": year,
                "without_plan_t": effect.without[year],
                "with_decided_t": effect.with_decided[year],
                "with_plan_t": effect.with_plan[year],
                "budget_t": coverage.pathway_t.get(year),
            }
            for year in effect.years
        ],
        "left_out_years": coverage.left_out_years,
        "total_without_plan_t": effect.total_without,
        "total_with_decided_t": effect.total_with_decided,
        "total_with_plan_t": effect.total_with_plan,
        "saved_t": effect.saved_t,
        "budget_t": effect.budget_t,
        "overshoot_t": effect.overshoot_t,
        "overshoot_without_plan_t": effect.overshoot_without_t,
    }


def coverage_out(coverage: PlanCoverage) -> dict[str, Any]:
    total = coverage.total
    return {
        "plan_id": coverage.plan_id,
        "horizon_year": coverage.horizon_year,
        "territorial_scope": coverage.territorial_scope,
        "pathway": coverage.pathway,
        "problem": coverage.problem,
        "rows": [
            {
                "sector": row.sector,
                "trend_t": row.trend_t,
                "budget_t": row.target_t,
                "gap_t": row.coverage.gap_t,
                "decided_t": row.coverage.decided_t,
                "proposed_t": row.coverage.proposed_t,
                "uncovered_t": row.coverage.uncovered_t,
                "beyond_gap_t": row.coverage.surplus_t,
                "covered_share": row.coverage.covered_share,
            }
            for row in coverage.rows
        ],
        "total": {
            "gap_t": total.gap_t,
            "decided_t": total.decided_t,
            "proposed_t": total.proposed_t,
            "uncovered_t": total.uncovered_t,
            "covered_t": total.covered_t,
            "covered_share": total.covered_share,
        },
        "cumulative": _cumulative(coverage),
    }


@router.get(
    "/investment-plans/{plan_id}/coverage",
    response={200: CoverageOut, 404: ErrorOut, 422: ErrorOut},
)
def coverage(request: HttpRequest, plan_id: int, q: Query[CarbonLawQuery]) -> Any:
    """Per SMHI main sector, the gap between the trend and the budget in the plan's last
    horizon year against the reductions of the decided and proposed lines; the total with the
    share covered; the emissions of each horizon year without the plan, with its decided lines
    and with all its lines against the carbon budget (the pathway summed over those years)."""
    plan = get_object_or_404(InvestmentPlan.objects.select_related("organisation"), pk=plan_id)
    params = parameters(q.current_year, q.rate, q.preset)
    return coverage_out(plan_coverage(plan, params))
