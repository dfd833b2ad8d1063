"""How far a climate investment plan closes the gap, and its effect over the horizon years.

:func:`plan_coverage` takes the plan's lines as :mod:`klimatlaget.calc.investments` sees them
and sets them against the organisation's figures the budget page uses:

* the **gap** of each SMHI main sector in the plan's last horizon year is the sector's trend
  (:func:`klimatlaget.budgets.dashboard.sector_trends`) less its share of the emissions budget of
  that year (:func:`klimatlaget.budgets.outcome.budget_outcome`: the Carbon Law or the
  organisation's own target, as that year's budget settings choose, with any explicit sector
  budgets);
* the **baseline** of the cumulative effect is the trend of the total for each horizon year on
  the pathway, and the **budget** the pathway summed over the same years; only the lines in
  SMHI's main sectors count in it (the territorial emissions the trend is of).

The gap is always the territory's (SMHI's figures), also for a plan of the municipal
organisation. Cached per data version and the plan's lines. See docs/METHOD.md, "Gap coverage
and cumulative effect of a plan".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from klimatlaget.budgets.dashboard import sector_trends
from klimatlaget.budgets.outcome import budget_outcome
from klimatlaget.calc import MetricParameters, Trend
from klimatlaget.calc import investments as calc
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.dataversion.version import current
from klimatlaget.emissions.metrics import all_metrics, parameters
from klimatlaget.emissions.sectors import SECTOR_LABELS
from klimatlaget.investments.choices import Scope
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan

# Why a plan has no gap to cover (the words are chosen when the page is shown).
NO_EMISSIONS = "no_emissions"  # the organisation has no emissions by sector
NO_TREND = "no_trend"  # too few emissions figures for a trend
#: Otherwise the budget's own reasons: ``no_pathway``, ``not_on_pathway`` or ``invalid``
#: (:mod:`klimatlaget.budgets.outcome`).

#: SMHI's main sectors: the territorial emissions the trends and the budget are of.
MAIN_SECTORS = frozenset(name for name in SECTOR_LABELS if name)


@dataclass(frozen=True)
class SectorCoverage:
    """One sector's row: its trend and budget in the horizon year and the coverage of the gap
    between them (``trend_t`` and ``target_t`` None for a sector outside the budget)."""

    coverage: calc.Coverage
    trend_t: float | None = None
    target_t: float | None = None

    @property
    def sector(self) -> str:
        return self.coverage.sector


@dataclass(frozen=True)
class PlanCoverage:
    """A plan's gap coverage in ``horizon_year`` and its cumulative effect.

    ``problem`` says why there is no gap (None: there is one); ``cumulative`` is None without a
    trend. ``left_out_years`` are horizon years the cumulative effect leaves out because the
    pathway does not cover them (years before the analysis year, or after its end)."""

    plan_id: int
    horizon_year: int
    territorial_scope: bool
    #: The pathway the budget settings of the horizon year choose (None without sector data).
    pathway: str | None
    problem: str | None
    rows: list[SectorCoverage]
    total: calc.CoverageTotal
    cumulative: calc.CumulativeEffect | None
    pathway_t: dict[int, float] = field(default_factory=dict)
    left_out_years: list[int] = field(default_factory=list)
    #: The calculation's words when it refused the budget settings (``invalid``).
    problem_detail: str = ""

    @property
    def has_gap(self) -> bool:
        return self.problem is None


def _value(trend: Trend | None, year: int) -> float | None:
    return None if trend is None else max(0.0, trend.value_at(year))


#: What coverage reads of a line: key, sector, group, reduction and effect year.
_LineFigures = tuple[str, str, str | None, float | None, int | None]
_Key = tuple[str, int, str, int, int, MetricParameters, tuple[_LineFigures, ...]]
#: Large enough for a members' overview of all 290 municipalities' plans.
_cache: DerivedCache[_Key, PlanCoverage] = DerivedCache(1024)


#: The fields of a line (and its measure) coverage reads: no amounts by year.
_FIELDS = (
    "plan_id",
    "sector",
    "reduction_t",
    "effect_year",
    "funding_status",
    "measure__sector",
    "measure__expected_reduction_t",
    "measure__effect_year",
    "measure__start_year",
    "measure__status",
)


def plan_coverage(
    plan: InvestmentPlan,
    params: MetricParameters | None = None,
    lines: Iterable[InvestmentLine] | None = None,
    version: str | None = None,
) -> PlanCoverage:
    """The plan's gap coverage and cumulative effect: one light query for the lines (none when
    the caller has them), then cached per data version (``version``: read once by a caller of
    many) and the lines' figures."""
    params = params or parameters()
    if lines is None:
        lines = plan.lines.select_related("measure").only(*_FIELDS)
    figures = tuple(
        (
            str(line.pk),
            line.effective_sector,
            line.status_group,
            line.expected_reduction_t,
            line.effective_effect_year,
        )
        for line in lines
    )
    code = plan.organisation.code
    key: _Key = (code, plan.pk, plan.scope, plan.horizon_from, plan.horizon_to, params, figures)
    return _cache.get(key, lambda: _compute(code, plan, params, figures), version)


def covered_shares(plans: Sequence[InvestmentPlan]) -> dict[int, float | None]:
    """Each plan's share of its gap that its decided and proposed lines cover (the members'
    overview's "gap covered"; None without a gap), the lines of all read in one query."""
    lines: dict[int, list[InvestmentLine]] = defaultdict(list)
    for line in (
        InvestmentLine.objects.filter(plan__in=plans).select_related("measure").only(*_FIELDS)
    ):
        lines[line.plan_id].append(line)
    params, version = parameters(), current().token
    return {
        plan.pk: plan_coverage(plan, params, lines[plan.pk], version).total.covered_share
        for plan in plans
    }


def _compute(
    code: str,
    plan: InvestmentPlan,
    params: MetricParameters,
    figures_of_lines: tuple[_LineFigures, ...],
) -> PlanCoverage:
    lines = [
        calc.Line(key=key, sector=sector, group=group, reduction_t=reduction, effect_year=effect)
        for key, sector, group, reduction, effect in figures_of_lines
    ]
    year = plan.horizon_to
    horizon = range(plan.horizon_from, plan.horizon_to + 1)
    metrics = all_metrics(params).get(code)
    trend = metrics.trend if metrics else None
    outcome = budget_outcome(code, year, params)
    pathway = outcome.pathway_t if outcome else {}
    problem: str | None = None
    if outcome is None:
        problem = NO_EMISSIONS
    elif trend is None:
        problem = NO_TREND
    else:
        problem = outcome.problem
    budgets = outcome.budget.sectors if outcome and outcome.budget and not problem else ()
    trends = sector_trends(code, params) if budgets else {}
    figures = {b.sector: (_value(trends.get(b.sector), year), float(b.budget_t)) for b in budgets}
    gaps = {
        s: trend_t - budget_t for s, (trend_t, budget_t) in figures.items() if trend_t is not None
    }
    covered = calc.gap_coverage(lines, gaps, year)
    rows = [SectorCoverage(row, *figures.get(row.sector, (None, None))) for row in covered]
    cumulative, left_out = None, []
    if trend is not None:
        years = [y for y in horizon if y in pathway] or list(horizon)
        left_out = [y for y in horizon if y not in years]
        budget = sum(pathway[y] for y in years) if all(y in pathway for y in years) else None
        baseline = {y: max(0.0, trend.value_at(y)) for y in years}
        territorial_lines = [line for line in lines if line.sector in MAIN_SECTORS]
        cumulative = calc.cumulative_effect(territorial_lines, baseline, budget)
    return PlanCoverage(
        plan_id=plan.pk,
        horizon_year=year,
        territorial_scope=plan.scope == Scope.TERRITORY,
        pathway=outcome.pathway if outcome else None,
        problem=problem,
        rows=rows,
        total=calc.coverage_total(row.coverage for row in rows),
        cumulative=cumulative,
        pathway_t={y: pathway[y] for y in horizon if y in pathway},
        left_out_years=left_out,
        problem_detail=outcome.problem_detail if outcome else "",
    )
