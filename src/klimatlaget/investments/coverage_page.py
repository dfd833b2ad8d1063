"""The plan page's sections "Gap coverage" and "Cumulative effect" (charts, tables, words) and
their CSVs; the numbers are :func:`klimatlaget.investments.coverage.plan_coverage`'s."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.accounts.resolvers import in_organisation, organisation_or_404
from klimatlaget.budgets.models import PathwayChoice
from klimatlaget.budgets.outcome import INVALID, NO_PATHWAY, NOT_ON_PATHWAY
from klimatlaget.calc import MetricParameters
from klimatlaget.calc.gap import TOTAL
from klimatlaget.charts import (
    CoverageBar,
    CoverageLabels,
    Line,
    coverage_chart,
    line_chart,
    number_formatter,
    responsive,
)
from klimatlaget.emissions.parameters import from_request
from klimatlaget.exports.columns import Column
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.investments.coverage import (
    MAIN_SECTORS,
    NO_EMISSIONS,
    NO_TREND,
    PlanCoverage,
    plan_coverage,
)
from klimatlaget.investments.figures import PlanFigures
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.choices import SECTORS

#: The columns of ``…/coverage.csv`` (the sectors, then the total).
COVERAGE_COLUMNS = [
    Column("code"),
    Column("plan"),
    Column.integer("plan_id"),
    Column.year("horizon_year"),
    Column("sector"),
    Column.decimal("trend_t", 1),
    Column.decimal("budget_t", 1),
    Column.decimal("gap_t", 1),
    Column.decimal("decided_t", 1),
    Column.decimal("proposed_t", 1),
    Column.decimal("uncovered_t", 1),
    Column.decimal("beyond_gap_t", 1),
    Column.percent("covered_pct", 1, per_cent=True),
]

#: The columns of ``…/cumulative.csv`` (the years, then the total).
CUMULATIVE_COLUMNS = [
    Column("code"),
    Column("plan"),
    Column.integer("plan_id"),
    Column("year"),
    Column.decimal("without_plan_t", 1),
    Column.decimal("with_decided_t", 1),
    Column.decimal("with_plan_t", 1),
    Column.decimal("budget_t", 1),
]


def sector_name(sector: str) -> str:
    if not sector:
        return _("No sector")
    return str(dict(SECTORS).get(sector, sector))


def _problem(coverage: PlanCoverage) -> str | None:
    """Why there is no gap to cover, in words (None when there is one)."""
    own = coverage.pathway == PathwayChoice.OWN_TARGET
    words = {
        NO_EMISSIONS: _(
            "The organisation has no emissions figures by sector, so there is no gap to set "
            "the lines against."
        ),
        NO_TREND: _(
            "The organisation has too few emissions figures for a trend, so there is no gap "
            "to set the lines against."
        ),
        NO_PATHWAY: _("No target of the organisation has a pathway the platform can compute.")
        if own
        else _("The organisation has too few emissions figures for a Carbon Law pathway."),
        NOT_ON_PATHWAY: _("The pathway has no value for %(year)s, the plan's last horizon year.")
        % {"year": coverage.horizon_year},
        INVALID: coverage.problem_detail,
    }
    return None if coverage.problem is None else words.get(coverage.problem, coverage.problem)


def _pathway_words(coverage: PlanCoverage) -> str:
    if coverage.pathway == PathwayChoice.OWN_TARGET:
        return _("the pathway of the organisation's own target")
    return _("the Carbon Law pathway")


def year_ranges(years: list[int]) -> str:
    """Years as runs: [2024, 2025, 2051] → "2024–2025, 2051"."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def _safe(svg: str) -> SafeString:
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def _coverage_chart(coverage: PlanCoverage, code: str) -> SafeString:
    bars = [
        CoverageBar(
            key=row.sector or "none",
            label=sector_name(row.sector),
            decided=row.coverage.decided_t,
            proposed=row.coverage.proposed_t,
            uncovered=row.coverage.uncovered_t or 0.0,
            gap=row.coverage.gap_t,
        )
        for row in coverage.rows
    ]
    return _safe(
        responsive(
            coverage_chart,
            bars,
            title=_("Gap coverage in %(year)s") % {"year": coverage.horizon_year},
            description=_(
                "Per sector, the reductions of the decided and the proposed lines and what "
                "they leave uncovered of the gap between the trend and the budget."
            ),
            unit=_("t CO₂e a year"),
            labels=CoverageLabels(
                decided=_("Decided"),
                proposed=_("Proposed"),
                uncovered=_("Uncovered"),
                gap=_("Gap"),
            ),
            empty_message=_("No gap and no line with a reduction."),
            number_format=number_formatter(get_language() or "sv"),
            id_prefix=f"coverage-{code}",
        )
    )


def _cumulative_chart(coverage: PlanCoverage, code: str) -> SafeString:
    effect = coverage.cumulative
    lines = []
    if effect is not None:
        lines = [
            Line("without", _("Without the plan"), effect.without, style="dashed"),
            Line("decided", _("With the decided lines"), effect.with_decided),
            Line("plan", _("With the whole plan"), effect.with_plan),
        ]
        budget = {y: v for y, v in coverage.pathway_t.items() if y in effect.without}
        if budget:
            lines.append(Line("budget", _("Carbon budget (pathway)"), budget, style="dotted"))
    return _safe(
        responsive(
            line_chart,
            lines,
            title=_("Emissions over the horizon"),
            description=_(
                "Emissions a year on the trend without the plan, with its decided lines and "
                "with all its lines, and the budget's pathway."
            ),
            unit=_("t CO₂e"),
            number_format=number_formatter(get_language() or "sv"),
            id_prefix=f"cumulative-{code}",
            no_data_text=_("No trend to start from."),
        )
    )


def _params(request: HttpRequest) -> MetricParameters:
    """The analysis year as the other pages take it (``?current_year=``; this year by default)."""
    return from_request(request).params


def coverage_section(request: HttpRequest, plan_figures: PlanFigures) -> dict[str, Any]:
    """What ``investments/_coverage.html`` shows (from the lines the page has loaded)."""
    plan, organisation = plan_figures.plan, plan_figures.plan.organisation
    coverage = plan_coverage(plan, _params(request), plan_figures.lines)
    effect = coverage.cumulative
    years = []
    if effect is not None:
        years = [
            {
                "year": year,
                "without": effect.without[year],
                "decided": effect.with_decided[year],
                "plan": effect.with_plan[year],
                "budget": coverage.pathway_t.get(year),
            }
            for year in effect.years
        ]
    total = coverage.total
    return {
        "data": coverage,
        "problem": _problem(coverage),
        "pathway_words": _pathway_words(coverage),
        "rows": [{"row": row, "name": sector_name(row.sector)} for row in coverage.rows],
        "total_covered_pct": None if total.covered_share is None else total.covered_share * 100,
        "without_sector": any(not row.sector for row in coverage.rows),
        "outside": any(row.sector and row.sector not in MAIN_SECTORS for row in coverage.rows),
        "chart": _coverage_chart(coverage, organisation.code),
        "cumulative_chart": _cumulative_chart(coverage, organisation.code),
        "years": years,
        "left_out": year_ranges(coverage.left_out_years),
    }


def _pct(share: float | None) -> float | None:
    return None if share is None else share * 100


def coverage_rows(plan: InvestmentPlan, coverage: PlanCoverage) -> list[dict[str, Any]]:
    """The rows of ``coverage.csv``: the sectors, then the total."""
    head = {
        "code": plan.organisation.code,
        "plan": str(plan),
        "plan_id": plan.pk,
        "horizon_year": coverage.horizon_year,
    }
    rows = [
        head
        | {
            "sector": row.sector,
            "trend_t": row.trend_t,
            "budget_t": row.target_t,
            "gap_t": row.coverage.gap_t,
            "decided_t": row.coverage.decided_t,
            "proposed_t": row.coverage.proposed_t,
            "uncovered_t": row.coverage.uncovered_t,
            "beyond_gap_t": row.coverage.surplus_t,
            "covered_pct": _pct(row.coverage.covered_share),
        }
        for row in coverage.rows
    ]
    total = coverage.total
    rows.append(
        head
        | {
            "sector": TOTAL,
            "gap_t": total.gap_t,
            "decided_t": total.decided_t,
            "proposed_t": total.proposed_t,
            "uncovered_t": total.uncovered_t,
            "covered_pct": _pct(total.covered_share),
        }
    )
    return rows


def cumulative_rows(plan: InvestmentPlan, coverage: PlanCoverage) -> list[dict[str, Any]]:
    """The rows of ``cumulative.csv``: each year counted, then the total (empty without a
    trend)."""
    effect = coverage.cumulative
    if effect is None:
        return []
    head = {"code": plan.organisation.code, "plan": str(plan), "plan_id": plan.pk}
    rows = [
        head
        | {
            "year": str(year),
            "without_plan_t": effect.without[year],
            "with_decided_t": effect.with_decided[year],
            "with_plan_t": effect.with_plan[year],
            "budget_t": coverage.pathway_t.get(year),
        }
        for year in effect.years
    ]
    rows.append(
        head
        | {
            "year": TOTAL,
            "without_plan_t": effect.total_without,
            "with_decided_t": effect.total_with_decided,
            "with_plan_t": effect.total_with_plan,
            "budget_t": effect.budget_t,
        }
    )
    return rows


def _plan(code: str, plan_id: int) -> InvestmentPlan:
    organisation = organisation_or_404(code)
    return in_organisation(InvestmentPlan.objects.all(), organisation, plan_id)


def _dialect(request: HttpRequest) -> CsvDialect:
    return CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN


def _name(plan: InvestmentPlan, what: str) -> str:
    return f"{plan.organisation.code}-investment-plan-{plan.year}-v{plan.version_number}-{what}"


def coverage_csv(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = _plan(code, plan_id)
    rows = coverage_rows(plan, plan_coverage(plan, _params(request)))
    return csv_response(_name(plan, "coverage"), rows, COVERAGE_COLUMNS, _dialect(request))


def cumulative_csv(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = _plan(code, plan_id)
    rows = cumulative_rows(plan, plan_coverage(plan, _params(request)))
    return csv_response(_name(plan, "cumulative"), rows, CUMULATIVE_COLUMNS, _dialect(request))
