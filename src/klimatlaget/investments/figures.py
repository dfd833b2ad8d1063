"""A plan's figures for its page, CSV and API: its lines as :mod:`klimatlaget.calc.investments`
sees them, the totals, each line's abatement cost, the plan's, and the cost curve."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext_lazy as _

from klimatlaget.calc import investments as calc
from klimatlaget.exports.columns import Column
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan


def _by_year(amounts: Mapping[str, Any]) -> dict[int, float]:
    return {int(year): float(amount) for year, amount in amounts.items()}


def calc_line(line: InvestmentLine) -> calc.Line:
    """``line`` as the calculations see it (keyed by its id)."""
    return calc.Line(
        key=str(line.pk),
        title=line.title,
        actor=line.actor,
        sector=line.effective_sector,
        funding_source=line.funding_source,
        funding_status=line.funding_status,
        group=line.status_group,
        capex=_by_year(line.capex_by_year),
        opex=_by_year(line.opex_by_year),
        savings=_by_year(line.savings_by_year),
        lifetime_years=line.lifetime_years,
        reduction_t=line.expected_reduction_t,
        effect_year=line.effective_effect_year,
        co_benefits_sek=line.co_benefits_total,
    )


@dataclass(frozen=True)
class PlanFigures:
    plan: InvestmentPlan
    lines: list[InvestmentLine]
    totals: calc.Totals
    costs: dict[int, calc.LineCost]
    plan_cost: calc.PlanCost
    curve: list[calc.CurveBar]
    #: The lines as the calculations see them, in the same order as ``lines``.
    calc_lines: list[calc.Line] = field(default_factory=list)

    @property
    def reduction_t(self) -> float:
        """The lines' expected reductions, t CO2e a year."""
        return sum(line.expected_reduction_t or 0.0 for line in self.lines)

    @cached_property
    def by_id(self) -> dict[int, InvestmentLine]:
        return {line.pk: line for line in self.lines}


#: The fields of a line's measure the plan's figures and pages do not read (loaded on demand).
_MEASURE_UNREAD = tuple(
    f"measure__{name}"
    for name in (
        "description",
        "method_note",
        "partners",
        "budget_by_year",
        "co_benefits",
        "responsible_person",
        "created_at",
        "updated_at",
    )
)


def plan_lines(plan: InvestmentPlan) -> list[InvestmentLine]:
    """The plan's lines with their measures (the related manager gives each line ``plan``
    itself, so the plan and its organisation are not joined again)."""
    return list(plan.lines.select_related("measure").defer(*_MEASURE_UNREAD))


def plan_figures(plan: InvestmentPlan) -> PlanFigures:
    lines = plan_lines(plan)
    calc_lines = [calc_line(line) for line in lines]
    costs = [calc.line_cost(line, plan.discount_rate) for line in calc_lines]
    return PlanFigures(
        plan=plan,
        lines=lines,
        totals=calc.totals(calc_lines),
        costs={int(cost.key): cost for cost in costs},
        plan_cost=calc.plan_cost(costs),
        curve=calc.cost_curve(costs),
        calc_lines=calc_lines,
    )


COLUMNS = [
    Column("plan"),
    Column.year("year"),
    Column.integer("version_number"),
    Column.integer("line_id"),
    Column("title"),
    Column("measure"),
    Column("system_shift"),
    Column("actor"),
    Column("sector"),
    Column("funding_source"),
    Column("funding_status"),
    Column.integer("capex_sek", _("capital expenditure (SEK)")),
    Column("capex_by_year"),
    Column("opex_by_year"),
    Column("savings_by_year"),
    Column.integer("lifetime_years"),
    Column.decimal("reduction_t", 1),
    Column.year("effect_year"),
    Column.integer("annual_cost_sek"),
    Column.integer("sek_per_t"),
    Column.integer("sek_per_t_with_co_benefits"),
    Column("not_applicable"),
    Column.integer("co_benefits_sek"),
    Column("co_benefits_named"),
    Column("beneficiary"),
    Column("payer"),
    Column("reduction_reason"),
]


def _years(amounts: Mapping[str, Any]) -> str:
    return " | ".join(f"{year}: {amount}" for year, amount in amounts.items())


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def table_rows(figures: PlanFigures, lines: list[InvestmentLine]) -> list[dict[str, Any]]:
    plan = figures.plan
    rows = []
    for line in lines:
        cost = figures.costs[line.pk]
        rows.append(
            {
                "plan": str(plan),
                "year": plan.year,
                "version_number": plan.version_number,
                "line_id": line.pk,
                "title": line.title,
                "measure": line.measure.code if line.measure else "",
                "system_shift": line.group_name,
                "actor": line.actor,
                "sector": line.effective_sector,
                "funding_source": line.funding_source,
                "funding_status": line.funding_status,
                "capex_sek": round(line.capex_total),
                "capex_by_year": _years(line.capex_by_year),
                "opex_by_year": _years(line.opex_by_year),
                "savings_by_year": _years(line.savings_by_year),
                "lifetime_years": line.lifetime_years,
                "reduction_t": line.expected_reduction_t,
                "effect_year": line.effective_effect_year,
                "annual_cost_sek": _rounded(cost.annual_cost),
                "sek_per_t": _rounded(cost.per_tonne),
                "sek_per_t_with_co_benefits": _rounded(cost.per_tonne_with_co_benefits),
                "not_applicable": str(cost.not_applicable or ""),
                "co_benefits_sek": round(line.co_benefits_total),
                "co_benefits_named": " | ".join(line.co_benefits_named),
                "beneficiary": line.beneficiary,
                "payer": line.payer,
                "reduction_reason": line.reduction_reason,
            }
        )
    return rows
