"""One line of a plan in full: its amounts year by year, its abatement cost worked out step by
step, its place on the plan's cost curve and the same line in the plan's other versions; for
the line's page and the API."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.calc import investments as calc
from klimatlaget.investments.figures import PlanFigures
from klimatlaget.investments.models import InvestmentLine


@dataclass(frozen=True)
class Steps:
    """The abatement cost as worked out: every figure that goes into it."""

    capex: float
    rate: float
    lifetime_years: int | None
    factor: float | None
    cost: calc.LineCost
    opex_years: int
    savings_years: int

    @property
    def rate_pct(self) -> float:
        return self.rate * 100

    @property
    def net_cost(self) -> float | None:
        """The annual cost less the valued co-benefits."""
        cost = self.cost.annual_cost
        return None if cost is None else cost - self.cost.co_benefits


def steps(line: InvestmentLine, figures: PlanFigures) -> Steps:
    rate = figures.plan.discount_rate
    lifetime = line.lifetime_years
    return Steps(
        capex=line.capex_total,
        rate=rate,
        lifetime_years=lifetime,
        factor=calc.annuity_factor(rate, lifetime) if lifetime else None,
        cost=figures.costs[line.pk],
        opex_years=len(line.opex_by_year),
        savings_years=len(line.savings_by_year),
    )


def not_applicable_reason(reason: calc.NotApplicable | None) -> str:
    """Why a line has no abatement cost, in words ("" when it has one)."""
    if reason == calc.NotApplicable.NO_REDUCTION:
        return _(
            "The line has no expected reduction above zero (an adaptation measure, say), so "
            "there is nothing to divide its cost by."
        )
    if reason == calc.NotApplicable.NO_LIFETIME:
        return _(
            "The line has capital expenditure but no economic lifetime, so its capital cost "
            "cannot be spread over the years."
        )
    return ""


@dataclass(frozen=True)
class CurvePlace:
    rank: int
    count: int
    bar: calc.CurveBar


def curve_place(line: InvestmentLine, figures: PlanFigures) -> CurvePlace | None:
    """The line's place on the cost curve, cheapest first (None when it is not on it)."""
    for index, bar in enumerate(figures.curve):
        if bar.key == str(line.pk):
            return CurvePlace(index + 1, len(figures.curve), bar)
    return None


def year_rows(line: InvestmentLine) -> list[dict[str, Any]]:
    """A row a year with capex, opex and savings (None where the year has none)."""
    amounts = (line.capex_by_year, line.opex_by_year, line.savings_by_year)
    years = sorted({int(year) for by_year in amounts for year in by_year})
    return [
        {
            "year": year,
            "capex": line.capex_by_year.get(str(year)),
            "opex": line.opex_by_year.get(str(year)),
            "savings": line.savings_by_year.get(str(year)),
        }
        for year in years
    ]


def other_versions(line: InvestmentLine) -> list[InvestmentLine]:
    """The same line (by key) in the plan's other versions, newest first."""
    return list(
        InvestmentLine.objects.filter(key=line.key, plan__organisation_id=line.plan.organisation_id)
        .exclude(pk=line.pk)
        .select_related("plan")
        .order_by("-plan__year", "-plan__version_number")
    )


def api_figures(line: InvestmentLine, figures: PlanFigures) -> dict[str, Any]:
    """The figures of the line's page for the API."""
    worked = steps(line, figures)
    place = curve_place(line, figures)
    return {
        "capex_sek": worked.capex,
        "discount_rate": worked.rate,
        "annuity_factor": worked.factor,
        "annual_capex_sek": worked.cost.annual_capex,
        "annual_opex_sek": worked.cost.annual_opex,
        "annual_savings_sek": worked.cost.annual_savings,
        "co_benefits_sek_a_year": worked.cost.co_benefits,
        "curve_rank": place.rank if place else None,
        "curve_count": len(figures.curve),
        "other_versions": [
            {
                "line_id": other.pk,
                "plan_id": other.plan_id,
                "version_number": other.plan.version_number,
            }
            for other in other_versions(line)
        ],
    }
