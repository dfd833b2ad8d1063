"""What a climate target says, in the vocabulary of the issue, and the rules it must obey."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

#: Years a target may name. The national series starts in 1990; older base years are allowed
#: (some targets use them) but cannot be normalised with the data.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


class Geography(StrEnum):
    TERRITORY = "territory"  # kommungeografiskt: the whole municipal territory
    ORGANISATION = "organisation"  # kommunorganisatoriskt: the municipal organisation's own
    CITY = "city"  # the city or urban area only
    DISTRICT = "district"  # a named city district (stadsdel)


class Form(StrEnum):
    PERCENT_REDUCTION = "percent_reduction"
    ANNUAL_RATE = "annual_rate"
    PER_CAPITA_LEVEL = "per_capita_level"
    FOSSIL_FREE = "fossil_free"
    RENEWABLE_100 = "renewable_100"
    NEAR_ZERO = "near_zero"
    NET_ZERO = "net_zero"
    NO_NEGATIVE_IMPACT = "no_negative_impact"
    CLIMATE_POSITIVE = "climate_positive"
    QUALITATIVE = "qualitative"


#: Target words, weakest first, as on the experts' ladder (the order breaks ties when ranking).
WORD_FORMS: tuple[Form, ...] = (
    Form.NEAR_ZERO,
    Form.FOSSIL_FREE,
    Form.RENEWABLE_100,
    Form.NET_ZERO,
    Form.NO_NEGATIVE_IMPACT,
    Form.CLIMATE_POSITIVE,
)


class Scope(StrEnum):
    """GHG Protocol for communities; ``consumption`` is a consumption-based inventory."""

    SCOPE_1 = "1"
    SCOPE_2 = "2"
    SCOPE_3_UPSTREAM = "3-upstream"
    SCOPE_3_DOWNSTREAM = "3-downstream"
    SCOPE_3_TRANSPORT = "3-transport"
    CONSUMPTION = "consumption"


SCOPE_3 = frozenset({Scope.SCOPE_3_UPSTREAM, Scope.SCOPE_3_DOWNSTREAM, Scope.SCOPE_3_TRANSPORT})

#: The two groups targets are ranked in.
GROUP_SCOPE_1_2 = "1-2"
GROUP_SCOPE_1_2_3 = "1-2-3"


def parse_scopes(text: str) -> frozenset[Scope]:
    """``"1,2"`` or ``"1, 2, 3"`` → scopes; a bare ``3`` means all three scope 3 categories.

    Raises ValueError naming the unknown token.
    """
    scopes: set[Scope] = set()
    for token in (part.strip().lower() for part in text.replace(";", ",").split(",")):
        if not token:
            continue
        if token == "3":  # noqa: S105 - a scope, not a password
            scopes |= SCOPE_3
            continue
        try:
            scopes.add(Scope(token))
        except ValueError:
            known = ", ".join(["1", "2", "3", *(s.value for s in Scope if s not in {"1", "2"})])
            raise ValueError(f"unknown scope {token!r}; use {known}") from None
    return frozenset(scopes)


def format_scopes(scopes: Iterable[str]) -> str:
    """The inverse of :func:`parse_scopes`, with the three scope 3 categories shortened to 3."""
    chosen = set(scopes)
    parts = [s.value for s in (Scope.SCOPE_1, Scope.SCOPE_2) if s in chosen]
    if chosen >= SCOPE_3:
        parts.append("3")
    else:
        parts += [s.value for s in sorted(SCOPE_3) if s in chosen]
    if Scope.CONSUMPTION in chosen:
        parts.append(Scope.CONSUMPTION.value)
    return ",".join(parts)


def scope_group(scopes: Iterable[str]) -> str:
    """``"1-2-3"`` when any scope 3 or consumption-based emissions are covered, else ``"1-2"``."""
    chosen = set(scopes)
    if chosen & (SCOPE_3 | {Scope.CONSUMPTION}):
        return GROUP_SCOPE_1_2_3
    return GROUP_SCOPE_1_2


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """One target as registered. ``value`` means, by form: percent reduction versus the base year
    (percent_reduction and, when given, target words); percent per year versus the previous year
    (annual_rate); tonnes CO2e per inhabitant (per_capita_level); nothing (qualitative).
    ``includes_non_energy`` is None when unknown. ``projected_population`` is the population
    expected in the target year, if the target (or its plan) gives one."""

    form: Form
    target_year: int | None = None
    value: float | None = None
    base_year: int | None = None
    start_year: int | None = None
    per_capita: bool = False
    geography: Geography = Geography.TERRITORY
    district: str = ""
    scopes: frozenset[Scope] = field(default_factory=lambda: frozenset({Scope.SCOPE_1}))
    includes_non_energy: bool | None = None
    projected_population: int | None = None

    @property
    def scope_group(self) -> str:
        return scope_group(self.scopes)

    @property
    def is_word(self) -> bool:
        return self.form in WORD_FORMS

    @property
    def zero_per_inhabitant(self) -> bool:
        """−100 % per inhabitant, or a level of 0 t per inhabitant: zero in total, whatever the
        population, so it needs no population figures."""
        if self.form == Form.PER_CAPITA_LEVEL:
            return self.value == 0
        return self.per_capita and self.form == Form.PERCENT_REDUCTION and self.value == 100


@dataclass(frozen=True, slots=True)
class Note:
    """A finding about a target: ``code`` says what, ``params`` the numbers. :attr:`message`
    is English; the web layer translates by code."""

    code: str
    params: tuple[tuple[str, object], ...] = ()
    field: str = ""

    @classmethod
    def of(cls, code: str, field: str = "", **params: object) -> Note:
        return cls(code, tuple(sorted(params.items())), field)

    @property
    def values(self) -> dict[str, object]:
        return dict(self.params)

    @property
    def message(self) -> str:
        return MESSAGES.get(self.code, self.code).format(**self.values)


#: English text of every note and problem code (formatted with the note's params).
MESSAGES: dict[str, str] = {
    # validation
    "year_out_of_range": "{name} must be a year between {low} and {high}, got {value}.",
    "target_year_required": "Give the target year.",
    "base_year_required": "A percent reduction needs a base year (usually 1990).",
    "base_year_after_target": "The base year ({base_year}) must be before the target year "
    "({target_year}).",
    "start_year_required": "An annual reduction rate needs a start year (usually 2020).",
    "start_year_after_target": "The start year ({start_year}) must be before the target year "
    "({target_year}).",
    "value_required": "Give the target's value.",
    "value_not_allowed": "A qualitative target has no value.",
    "percent_out_of_range": "A percent reduction must be more than 0 and at most 100, got {value}.",
    "rate_out_of_range": "An annual reduction rate must be more than 0 and less than 100 % per "
    "year, got {value}.",
    "level_out_of_range": "A level per inhabitant must be 0 or more tonnes, got {value}.",
    "scopes_required": "Say which scopes the target covers (for example 1,2 or 1,2,3).",
    "district_required": "Name the city district the target is for.",
    "district_not_allowed": "A district is named only for a city-district target.",
    "population_required": "A per-inhabitant target needs population figures, and this "
    "organisation has none.",
    "projected_population_invalid": "The projected population must be a positive number.",
    # normalisation
    "qualitative": "A qualitative target names no level, so it cannot be normalised.",
    "no_scope_3_data": "The target covers scope 3 or consumption-based emissions, and there are "
    "no such data for this organisation.",
    "no_geography_data": "There are no emissions data for {geography}; only the whole municipal "
    "territory is in the national emissions database.",
    "no_emissions_data": "There are no emissions data for this organisation.",
    "year_not_in_data": "The emissions of {year} are not in the data (it covers {first}–{last}).",
    "no_population_data": "There are no population figures for {year}.",
    "target_passed": "The target year {target_year} is not after the last data year "
    "({last_year}), so the target says nothing about the years ahead.",
    "target_passed_met": "The target year {target_year} has passed: emissions that year were at "
    "or below the target level.",
    "target_passed_missed": "The target year {target_year} has passed: emissions that year were "
    "above the target level ({excess_pct} % above).",
    "start_after_data": "The start year {start_year} is after the last data year; the last "
    "year's emissions ({last_year}) are used as the starting level.",
    "population_held": "Population is held at its last known level ({inhabitants} in "
    "{year}) for later years.",
    "population_projected": "Population follows the given projection ({inhabitants} in {year}).",
    "word_default": "The target word has no number; its documented default, {reduction_pct} % "
    "below 1990, is used.",
    "removals_needed": "A net target: about {removals_t} t CO2e a year must be removed or stored "
    "to balance the remaining emissions.",
    "rate_capped": "The target pathway adds up to less than one year of today's emissions; its "
    "equivalent yearly reduction is shown as 100 %.",
    "rate_until_end_year": "The rate target names no target year; it is followed until {end_year}.",
    "assumed_flat": "Without data, the target is ranked as if emissions had stayed at one level "
    "since the base year; only the figures the target states itself are given.",
    "ranked_on_territory": "For ranking only, the target is applied to the territorial "
    "emissions, whose development stands in for the missing series; only the figures the "
    "target states itself are given.",
    # alignment
    "within_budget": "Its emissions until {end_year} ({cumulative_t} t) stay within the "
    "fair 1.5 °C budget ({budget_t} t, {rate_pct} % a year).",
    "within_partly_budget": "Its emissions until {end_year} exceed the fair 1.5 °C budget by "
    "{excess_pct} %, but stay within the budget of a {rate_pct} % yearly reduction.",
    "over_budget": "Its emissions until {end_year} exceed the fair 1.5 °C budget by "
    "{excess_pct} %.",
    "coverage_energy_only": "It covers only energy emissions, so it can at best be partly in line.",
    "coverage_non_energy_unknown": "It is not known whether it covers non-energy emissions "
    "(agriculture, refrigerants, product use), so it can at best be partly in line.",
    "coverage_scope_1_missing": "It does not cover scope 1 (the emissions inside the "
    "territory), so it can at best be partly in line.",
    "coverage_part_of_territory": "It covers only {geography}, not the whole territory, so it "
    "can at best be partly in line.",
    "relies_on_removals": "It relies on removals or storage to balance remaining emissions.",
    "no_limit": "A qualitative target does not limit emissions.",
    "no_territorial_target": "The organisation has no target for its whole territory.",
    "combined_targets": "Its territorial targets taken together: {count} targets.",
}
