"""Translating a target into comparable numbers: its level in the target year, a yearly pathway to
2050, the cumulative emissions of that pathway, the implied reduction versus 1990 and the equivalent
yearly reduction rate. Every rule is described in docs/METHOD.md#targets."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from klimatlaget.calc.targets.parameters import TargetParameters
from klimatlaget.calc.targets.spec import (
    SCOPE_3,
    Form,
    Geography,
    Note,
    Scope,
    TargetSpec,
)
from klimatlaget.calc.trend import Trend

BASE_1990 = 1990
NET_FORMS = frozenset({Form.NET_ZERO, Form.CLIMATE_POSITIVE})
#: Bisection on the equivalent rate stops when the bracket is narrower than this.
_RATE_TOLERANCE = 1e-10

Milestones = dict[int, float]


@dataclass(frozen=True, slots=True)
class OrganisationData:
    """The data a target is normalised with: territorial emissions (year → t CO2e), population
    (year → inhabitants) and, when available, the emissions trend (for the starting level of the
    budget comparison and for "on track")."""

    emissions: Mapping[int, float]
    population: Mapping[int, int] = field(default_factory=dict)
    trend: Trend | None = None


@dataclass(frozen=True, slots=True)
class Pathway:
    """A target pathway and the numbers derived from it (see :func:`evaluate_milestones`).

    ``pathway`` runs from the last data year to the end year; ``cumulative_t`` sums it over
    the current year … end year, the window of the Carbon Law budget, which starts from
    ``anchor_t`` in the current year. ``implied_annual_rate`` is a share per year.
    """

    milestones: Milestones
    pathway: dict[int, float]
    last_year: int
    last_emissions_t: float
    anchor_t: float
    cumulative_t: float
    implied_reduction_1990_pct: dict[int, float | None]
    implied_annual_rate: float | None
    rate_capped: bool

    @property
    def sharpness(self) -> float | None:
        """Cumulative emissions in years of today's emissions: lower is sharper."""
        return self.cumulative_t / self.anchor_t if self.anchor_t > 0 else None


@dataclass(frozen=True, slots=True)
class NormalisedTarget:
    """A target in comparable form. ``problems`` say why (some) numbers could not be computed;
    ``notes`` record the assumptions made. ``pathway`` is None when the target could not be
    normalised with real data; ``sharpness`` may still be given (``sharpness_assumed_flat``)."""

    spec: TargetSpec
    target_year: int | None = None
    problems: tuple[Note, ...] = ()
    notes: tuple[Note, ...] = ()
    pathway: Pathway | None = None
    reduction_at_target_year_pct: float | None = None
    implied_reduction_1990_pct: dict[int, float | None] = field(default_factory=dict)
    sharpness: float | None = None
    sharpness_assumed_flat: bool = False
    relies_on_removals: bool = False
    removals_t: float | None = None
    target_passed: bool = False

    @property
    def normalised(self) -> bool:
        return self.pathway is not None

    @property
    def implied_annual_rate_pct(self) -> float | None:
        if self.pathway is None or self.pathway.implied_annual_rate is None:
            return None
        return self.pathway.implied_annual_rate * 100.0

    @property
    def cumulative_t(self) -> float | None:
        return self.pathway.cumulative_t if self.pathway else None


class _Unnormalisable(Exception):
    def __init__(self, *problems: Note) -> None:
        self.problems = problems


def data_problems(spec: TargetSpec) -> list[Note]:
    """Why the national (territorial, scope 1) emissions cannot stand for what ``spec`` covers."""
    problems = []
    if spec.scopes & (SCOPE_3 | {Scope.CONSUMPTION}):
        problems.append(Note.of("no_scope_3_data"))
    if spec.geography != Geography.TERRITORY:
        problems.append(Note.of("no_geography_data", geography=spec.geography.value))
    return problems


def normalise_target(
    spec: TargetSpec, data: OrganisationData, params: TargetParameters
) -> NormalisedTarget:
    """``spec`` in comparable form, normalised with the organisation's real emissions."""
    if spec.form == Form.QUALITATIVE:
        return NormalisedTarget(spec, spec.target_year, problems=(Note.of("qualitative"),))
    target_year = resolved_target_year(spec, params)
    intrinsic = intrinsic_reduction_pct(spec, params)
    problems = data_problems(spec)
    if problems:
        return _without_data(spec, target_year, problems, intrinsic, data, params)
    notes: list[Note] = []
    try:
        series = _series(data.emissions, params)
        milestones = target_milestones(spec, series, data.population, params, notes)
    except _Unnormalisable as failure:
        return NormalisedTarget(spec, target_year, problems=failure.problems, notes=tuple(notes))
    last_year = max(series)
    removals = _removals_t(spec, series, params)
    if removals is not None:
        notes.append(Note.of("removals_needed", removals_t=round(removals)))
    if max(milestones) <= last_year:
        return _passed(spec, target_year, milestones, series, notes, removals)
    pathway = evaluate_milestones(milestones, series, data.trend, params)
    level = milestones.get(target_year) if target_year is not None else None
    e1990 = series.get(BASE_1990)
    return NormalisedTarget(
        spec,
        target_year,
        notes=tuple(notes),
        pathway=pathway,
        reduction_at_target_year_pct=_reduction_pct(level, e1990) if level is not None else None,
        implied_reduction_1990_pct=pathway.implied_reduction_1990_pct,
        sharpness=pathway.sharpness,
        relies_on_removals=spec.form in NET_FORMS,
        removals_t=removals,
    )


def resolved_target_year(spec: TargetSpec, params: TargetParameters) -> int | None:
    """The target year; a rate target without one runs to the end year."""
    if spec.form == Form.ANNUAL_RATE and spec.target_year is None:
        return params.end_year
    return spec.target_year


def intrinsic_reduction_pct(spec: TargetSpec, params: TargetParameters) -> float | None:
    """The net reduction versus 1990 in the target year when the target itself says it."""
    if spec.is_word and (spec.value is None or spec.form in NET_FORMS):
        return params.word_reduction(spec.form) * 100.0
    base_year = spec.base_year or BASE_1990
    if spec.zero_per_inhabitant:
        return 100.0
    stated = spec.value is not None and base_year == BASE_1990 and not spec.per_capita
    quantified = spec.form == Form.PERCENT_REDUCTION or spec.is_word
    return spec.value if stated and quantified else None


def target_milestones(
    spec: TargetSpec,
    series: Mapping[int, float],
    population: Mapping[int, int],
    params: TargetParameters,
    notes: list[Note],
) -> Milestones:
    """Year → the highest net emissions (t CO2e) the target allows that year."""
    target_year = resolved_target_year(spec, params)
    assert target_year is not None  # every quantified form has one after validation
    if spec.zero_per_inhabitant:
        return {target_year: 0.0}  # zero per inhabitant is zero, whatever the population
    people = _population_function(spec, population, params, notes)
    base = _BaseLevels(series, people, per_capita=spec.per_capita)
    if spec.form == Form.ANNUAL_RATE:
        return _rate_milestones(spec, base, target_year, params, notes)
    if spec.form == Form.PER_CAPITA_LEVEL:
        assert spec.value is not None
        return {target_year: spec.value * base.people_in(target_year)}
    if spec.is_word and (spec.value is None or spec.form in NET_FORMS):
        reduction = params.word_reduction(spec.form)
        if spec.value is None:
            notes.append(Note.of("word_default", reduction_pct=round(reduction * 100)))
        return {target_year: base.absolute(BASE_1990) * (1.0 - reduction)}
    assert spec.value is not None
    base_year = spec.base_year or BASE_1990
    level = base.level(base_year) * (1.0 - spec.value / 100.0)
    return {target_year: base.scaled(level, target_year)}


def _rate_milestones(
    spec: TargetSpec,
    base: _BaseLevels,
    target_year: int,
    params: TargetParameters,
    notes: list[Note],
) -> Milestones:
    assert spec.value is not None and spec.start_year is not None
    if spec.target_year is None:
        notes.append(Note.of("rate_until_end_year", end_year=params.end_year))
    start, last_year = spec.start_year, max(base.series)
    if start > last_year:
        notes.append(Note.of("start_after_data", start_year=start, last_year=last_year))
        start_level = base.level(last_year)
    else:
        start_level = base.level(start)
    factor = 1.0 - spec.value / 100.0
    if target_year <= last_year:  # a passed target: only its level in the target year counts
        return {
            target_year: base.scaled(start_level * factor ** (target_year - start), target_year)
        }
    first = max(start, last_year + 1)
    return {
        year: base.scaled(start_level * factor ** (year - start), year)
        for year in range(first, max(target_year, first) + 1)
    }


@dataclass(frozen=True, slots=True)
class _BaseLevels:
    """Emission levels of base and start years, absolute or per inhabitant."""

    series: Mapping[int, float]
    people: Callable[[int], float | None]
    per_capita: bool

    def absolute(self, year: int) -> float:
        if year not in self.series:
            raise _Unnormalisable(
                Note.of(
                    "year_not_in_data", year=year, first=min(self.series), last=max(self.series)
                )
            )
        return self.series[year]

    def people_in(self, year: int) -> float:
        inhabitants = self.people(year)
        if not inhabitants:
            raise _Unnormalisable(Note.of("no_population_data", year=year))
        return inhabitants

    def level(self, year: int) -> float:
        """Emissions in ``year``, per inhabitant for a per-inhabitant target."""
        emissions = self.absolute(year)
        return emissions / self.people_in(year) if self.per_capita else emissions

    def scaled(self, level: float, year: int) -> float:
        """A level from :meth:`level` as absolute emissions in ``year``."""
        return level * self.people_in(year) if self.per_capita else level


def _population_function(
    spec: TargetSpec,
    population: Mapping[int, int],
    params: TargetParameters,
    notes: list[Note],
) -> Callable[[int], float | None]:
    """Inhabitants in a year: known figures, then the projection or the last known level held."""
    if not (spec.per_capita or spec.form == Form.PER_CAPITA_LEVEL):
        return lambda year: population.get(year)
    target_year = resolved_target_year(spec, params)
    projection = spec.projected_population
    if not population and projection and target_year:
        # Only the projection is known: enough for a level in the target year and after.
        notes.append(Note.of("population_projected", inhabitants=projection, year=target_year))
        return lambda year: float(projection) if year >= target_year else None
    if not population:
        raise _Unnormalisable(Note.of("no_population_data", year=spec.target_year))
    last_known = max(population)
    last_people = float(population[last_known])
    if projection and target_year and target_year > last_known:
        notes.append(Note.of("population_projected", inhabitants=projection, year=target_year))
        span = target_year - last_known

        def projected(year: int) -> float | None:
            if year in population:
                return float(population[year])
            if year < last_known:
                return None
            share = min(1.0, (year - last_known) / span)
            return last_people + (projection - last_people) * share

        return projected
    notes.append(Note.of("population_held", inhabitants=population[last_known], year=last_known))

    def held(year: int) -> float | None:
        if year in population:
            return float(population[year])
        return last_people if year > last_known else None

    return held


def evaluate_milestones(
    milestones: Milestones,
    series: Mapping[int, float],
    trend: Trend | None,
    params: TargetParameters,
) -> Pathway:
    """The pathway through the last observed value and ``milestones``, and its numbers.

    Between milestones (and from the last data year to the first one) the pathway is a straight
    line; after the last milestone it stays at that level until the end year.
    """
    last_year = max(series)
    last_value = series[last_year]
    pathway = pathway_through(last_year, last_value, milestones, params.end_year)
    current, end = params.current_year, params.end_year
    anchor = budget_anchor(series, trend, params)
    cumulative_t = math.fsum(pathway[year] for year in range(current, end + 1))
    rate = equivalent_rate(anchor, cumulative_t, end - current + 1)
    e1990 = series.get(BASE_1990)
    implied = {
        year: _reduction_pct(pathway.get(year, series.get(year)), e1990)
        for year in params.milestone_years
    }
    return Pathway(
        milestones=dict(milestones),
        pathway=pathway,
        last_year=last_year,
        last_emissions_t=last_value,
        anchor_t=anchor,
        cumulative_t=cumulative_t,
        implied_reduction_1990_pct=implied,
        implied_annual_rate=rate[0],
        rate_capped=rate[1],
    )


def pathway_through(
    start_year: int, start_value: float, milestones: Milestones, end_year: int
) -> dict[int, float]:
    """Yearly values from ``start_year`` to ``end_year`` through the milestones after start."""
    ahead = sorted((year, level) for year, level in milestones.items() if year > start_year)
    points = [(start_year, start_value), *ahead]
    values = {start_year: start_value}
    index = 0
    for year in range(start_year + 1, end_year + 1):
        while index + 1 < len(points) and points[index + 1][0] < year:
            index += 1
        if index + 1 >= len(points):
            values[year] = points[-1][1]
            continue
        (x0, y0), (x1, y1) = points[index], points[index + 1]
        values[year] = y0 + (y1 - y0) * (year - x0) / (x1 - x0)
    return values


def budget_anchor(
    series: Mapping[int, float], trend: Trend | None, params: TargetParameters
) -> float:
    """The starting level of the budget comparison: the trend's value in the current year (as on
    the organisation page), or the last observed value when there is no trend."""
    if trend is not None and params.current_year in trend.pathway:
        return trend.pathway[params.current_year]
    return series[max(series)]


def carbon_law_budget(anchor: float, rate: float, years: int) -> float:
    """anchor·(1 + (1 − rate) + … + (1 − rate)^(years − 1)): the Carbon Law cumulative."""
    factor = 1.0 - rate
    if factor == 1.0:
        return anchor * years
    return anchor * (1.0 - factor**years) / (1.0 - factor)


def equivalent_rate(anchor: float, cumulative_t: float, years: int) -> tuple[float | None, bool]:
    """The constant yearly reduction from ``anchor`` with the same cumulative emissions.

    Returns (rate, capped): a share per year (negative for growth), and True when even stopping
    all emissions after the first year would emit more (the rate is then 1.0). None when the
    anchor is not positive or the cumulative needs growth beyond doubling every year.
    """
    if anchor <= 0:
        return None, False
    if cumulative_t <= carbon_law_budget(anchor, 1.0, years):
        return 1.0, True
    low, high = -1.0, 1.0
    if carbon_law_budget(anchor, low, years) < cumulative_t:
        return None, False
    while high - low > _RATE_TOLERANCE:
        middle = (low + high) / 2
        if carbon_law_budget(anchor, middle, years) > cumulative_t:
            low = middle
        else:
            high = middle
    return (low + high) / 2, False


def combine(
    targets: Sequence[NormalisedTarget],
    series: Mapping[int, float],
    trend: Trend | None,
    params: TargetParameters,
) -> Pathway | None:
    """The pathway of several targets taken together: in every milestone year, the lowest level
    any target allows then (a target's level holds after its target year)."""
    sets = [t.pathway.milestones for t in targets if t.pathway is not None]
    if not sets:
        return None
    years = sorted({year for milestones in sets for year in milestones})
    combined = {}
    for year in years:
        limits = [_limit(milestones, year) for milestones in sets]
        combined[year] = min(limit for limit in limits if limit is not None)
    return evaluate_milestones(combined, _series(series, params), trend, params)


def _limit(milestones: Milestones, year: int) -> float | None:
    if year in milestones:
        return milestones[year]
    last = max(milestones)
    return milestones[last] if year > last else None


def _series(emissions: Mapping[int, float], params: TargetParameters) -> dict[int, float]:
    series = {year: value for year, value in emissions.items() if year <= params.current_year}
    if not series:
        raise _Unnormalisable(Note.of("no_emissions_data"))
    return series


def _reduction_pct(level: float | None, e1990: float | None) -> float | None:
    if level is None or not e1990:
        return None
    return (1.0 - level / e1990) * 100.0


def _removals_t(
    spec: TargetSpec, series: Mapping[int, float], params: TargetParameters
) -> float | None:
    """Removals a net target needs: the remaining gross emissions plus any net removals."""
    if spec.form not in NET_FORMS or BASE_1990 not in series:
        return None
    e1990 = series[BASE_1990]
    stated = spec.value
    gross_share = params.net_residual_share if stated is None else 1.0 - stated / 100.0
    net_share = 1.0 - params.word_reduction(spec.form)
    return max(0.0, (gross_share - net_share) * e1990)


def _passed(
    spec: TargetSpec,
    target_year: int | None,
    milestones: Milestones,
    series: Mapping[int, float],
    notes: list[Note],
    removals: float | None,
) -> NormalisedTarget:
    year = max(milestones)
    level = milestones[year]
    last_year = max(series)
    if year in series:
        actual = series[year]
        if actual <= level:
            note = Note.of("target_passed_met", target_year=year)
        else:
            excess = round((actual / level - 1.0) * 100.0, 1) if level > 0 else None
            note = Note.of("target_passed_missed", target_year=year, excess_pct=excess)
    else:
        note = Note.of("target_passed", target_year=year, last_year=last_year)
    return NormalisedTarget(
        spec,
        target_year,
        problems=(note,),
        notes=tuple(notes),
        reduction_at_target_year_pct=_reduction_pct(level, series.get(BASE_1990)),
        relies_on_removals=spec.form in NET_FORMS,
        removals_t=removals,
        target_passed=True,
    )


def _without_data(
    spec: TargetSpec,
    target_year: int | None,
    problems: list[Note],
    intrinsic: float | None,
    data: OrganisationData,
    params: TargetParameters,
) -> NormalisedTarget:
    """Figures that need no data, and a sharpness for ranking only.

    The sharpness is computed as if the target applied to the territorial emissions (their
    shape stands in for the missing series); without those, on a flat series (one level since
    the base year). Either way a note says so.
    """
    series = {y: v for y, v in data.emissions.items() if y <= params.current_year}
    population: Mapping[int, int] = data.population
    proxy = Note.of("ranked_on_territory")
    if not series:
        first = min(BASE_1990, spec.base_year or BASE_1990, spec.start_year or BASE_1990)
        series = dict.fromkeys(range(first, params.current_year), 1.0)
        population = dict.fromkeys(series, 1)
        proxy = Note.of("assumed_flat")
    sharpness = _proxy_sharpness(spec, series, population, data.trend, params)
    implied: dict[int, float | None] = {}
    for year in params.milestone_years:
        implied[year] = intrinsic if target_year is not None and year >= target_year else None
    return NormalisedTarget(
        spec,
        target_year,
        problems=(*problems, proxy) if sharpness is not None else tuple(problems),
        reduction_at_target_year_pct=intrinsic,
        implied_reduction_1990_pct=implied,
        sharpness=sharpness,
        sharpness_assumed_flat=proxy.code == "assumed_flat" and sharpness is not None,
        relies_on_removals=spec.form in NET_FORMS,
    )


def _proxy_sharpness(
    spec: TargetSpec,
    series: Mapping[int, float],
    population: Mapping[int, int],
    trend: Trend | None,
    params: TargetParameters,
) -> float | None:
    if spec.form == Form.PER_CAPITA_LEVEL and set(population.values()) == {1}:
        return None  # a level per inhabitant means nothing on an index
    try:
        milestones = target_milestones(spec, series, population, params, [])
    except _Unnormalisable:
        return None
    if max(milestones) <= max(series):
        return None
    return evaluate_milestones(milestones, series, trend, params).sharpness
