"""An organisation's budget of one year and the outcome to compare it with, by sector.

The budget comes from :mod:`klimatlaget.calc.emission_budget` on the pathway the settings
choose; the outcome is SMHI's figure where it exists, else the nowcast of
:mod:`klimatlaget.calc.nowcast`. Where SMHI's figure exists the nowcast is still made (from the
years before only), so that the page can show how far off it was. Cached per data version: the
settings and the national figures are tracked tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from klimatlaget.calc import MetricParameters
from klimatlaget.calc.emission_budget import EmissionBudget, emission_budget, heating_profiles
from klimatlaget.calc.national import NationalEmissions
from klimatlaget.calc.nowcast import Nowcast, SectorNowcast, nowcast
from klimatlaget.calc.quarters import EQUAL, QuarterProfile
from klimatlaget.calc.targets.normalise import BASE_1990
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.dataset import OrganisationSeries, load_dataset
from klimatlaget.emissions.metrics import all_metrics
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters

from .models import BudgetSettings, PathwayChoice, ProfileChoice
from .national import backtest, national_series

ACTUAL = "actual"
NOWCAST = "nowcast"

# Why there is no budget (see describe.problem): the words are chosen when the page is shown.
NO_PATHWAY = "no_pathway"  # no metrics, or no target with a pathway
NOT_ON_PATHWAY = "not_on_pathway"  # the pathway has no value for the year
INVALID = "invalid"  # the calculation refused the settings (``problem_detail`` says why)


@dataclass(frozen=True)
class SectorOutcome:
    """One sector: its budget (None without one), SMHI's figure and the nowcast."""

    sector: str
    budget_t: int | None
    budget_quarters_t: tuple[int, int, int, int] | None
    actual_t: float | None
    nowcast: SectorNowcast | None
    profile: QuarterProfile

    @property
    def outcome_kind(self) -> str | None:
        if self.actual_t is not None:
            return ACTUAL
        return NOWCAST if self.nowcast is not None else None

    @property
    def outcome_t(self) -> float | None:
        if self.actual_t is not None:
            return self.actual_t
        return self.nowcast.nowcast_t if self.nowcast is not None else None

    def outcome_quarters_t(self) -> tuple[float, ...] | None:
        if self.actual_t is not None:
            return tuple(self.actual_t * share for share in self.profile.shares)
        return self.nowcast.quarters_t if self.nowcast is not None else None


@dataclass(frozen=True)
class BudgetOutcome:
    code: str
    year: int
    pathway: str
    budget: EmissionBudget | None
    problem: str | None  # why there is no budget: NO_PATHWAY, NOT_ON_PATHWAY or INVALID
    problem_detail: str
    sectors: tuple[SectorOutcome, ...]
    nowcast: Nowcast | None
    national_source: str
    #: The chosen pathway (year → t; empty without one) and the base year its base-year
    #: emissions are shown for: the target's base year (1990 when it names none), or for the
    #: Carbon Law the last data year, whose figure the pathway starts from.
    pathway_t: dict[int, float] = field(default_factory=dict)
    base_year: int | None = None


def settings_for(organisation_id: int, year: int) -> BudgetSettings:
    """The stored settings, or the defaults (unsaved) when there are none."""
    stored = BudgetSettings.objects.filter(organisation_id=organisation_id, year=year).first()
    return stored or BudgetSettings(organisation_id=organisation_id, year=year)


_cache: DerivedCache[tuple[str, int, MetricParameters], BudgetOutcome | None] = DerivedCache(64)


def budget_outcome(code: str, year: int, params: MetricParameters) -> BudgetOutcome | None:
    """The budget and outcome of organisation ``code`` in ``year``; None without sector data."""
    return _cache.get((code, year, params), lambda: _compute(code, year, params))


def _compute(code: str, year: int, params: MetricParameters) -> BudgetOutcome | None:
    series = load_dataset().get(code)
    if series is None or not series.sectors:
        return None
    organisation_id = Organisation.objects.values_list("pk", flat=True).get(code=code)
    settings = settings_for(organisation_id, year)
    profiles = heating_profiles(list(series.sectors))
    if settings.quarter_profile != ProfileChoice.HEATING:
        profiles = {}
    chosen = _pathway(series.code, settings, params)
    budget, problem, detail = _budget(series, year, settings, chosen, profiles)
    national = national_series()
    estimate = _nowcast(series, year, national.emissions, profiles)
    estimates = {s.sector: s for s in estimate.sectors} if estimate else {}
    budgets = {s.sector: s for s in budget.sectors} if budget else {}
    sectors = tuple(
        SectorOutcome(
            sector=sector,
            budget_t=budgets[sector].budget_t if sector in budgets else None,
            budget_quarters_t=budgets[sector].quarters_t if sector in budgets else None,
            actual_t=series.sectors.get(sector, {}).get(year),
            nowcast=estimates.get(sector),
            profile=national.emissions.quarter_profiles.get(
                (sector, year), profiles.get(sector, EQUAL)
            ),
        )
        # A sector given only an explicit budget (no emissions data) has a line of its own.
        for sector in sorted({*series.sectors, *budgets})
    )
    pathway_t, base_year = chosen or ({}, None)
    return BudgetOutcome(
        code,
        year,
        settings.pathway,
        budget,
        problem,
        detail,
        sectors,
        estimate,
        national.source,
        pathway_t,
        base_year,
    )


def _budget(
    series: OrganisationSeries,
    year: int,
    settings: BudgetSettings,
    chosen: tuple[dict[int, float], int | None] | None,
    profiles: dict[str, QuarterProfile],
) -> tuple[EmissionBudget | None, str | None, str]:
    """(budget, None, "") or (None, why not, the calculation's words)."""
    if chosen is None:
        return None, NO_PATHWAY, ""
    pathway = chosen[0]
    if year not in pathway:
        return None, NOT_ON_PATHWAY, ""
    try:
        budget = emission_budget(
            year,
            pathway,
            series.sectors,
            explicit_t=settings.sector_budgets or None,
            profiles=profiles,
        )
    except ValueError as error:
        return None, INVALID, str(error)
    return budget, None, ""


def _pathway(
    code: str, settings: BudgetSettings, params: MetricParameters
) -> tuple[dict[int, float], int | None] | None:
    """The Carbon Law pathway, or that of the chosen target (else the first adopted one), with
    its base year: the target's, or for the Carbon Law the last data year it starts from."""
    if settings.pathway == PathwayChoice.CARBON_LAW:
        metrics = all_metrics(params).get(code)
        if metrics is None or not metrics.carbon_law:
            return None
        return metrics.carbon_law, metrics.last_year
    evaluated = evaluate_organisation(code, target_parameters(params))
    for candidate in evaluated.targets if evaluated else []:
        pathway = candidate.normalised.pathway
        chosen = (
            candidate.target.pk == settings.target_id
            if settings.target_id
            else candidate.target.status == "adopted"
        )
        if chosen and pathway is not None:
            return pathway.pathway, candidate.normalised.spec.base_year or BASE_1990
    return None


def _nowcast(
    series: OrganisationSeries,
    year: int,
    national: NationalEmissions,
    profiles: dict[str, QuarterProfile],
) -> Nowcast | None:
    known = [y for values in series.sectors.values() for y in values if y < year]
    if not known:
        return None
    weights = backtest().own_trend_weights(max(known))
    return nowcast(year, series.sectors, national, own_trend_weights=weights, profiles=profiles)
