"""The platform's facts in the vocabulary of a NetZeroCities Climate City Contract (pure, no
Django): a measure's type and field of action, its cost and cost per tonne from its investment
lines, and an indicator's baseline, target, latest value and reporting frequency. What the
platform does not know stays None (an empty cell), never guessed. See docs/NETZEROCITIES.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from klimatlaget.calc.investments import LineCost

# The Action Plan's fields of action.
ENERGY = "energy_systems"
MOBILITY = "mobility_and_transport"
WASTE = "waste_and_circular_economy"
GREEN = "green_infrastructure_and_nature_based_solutions"
BUILT = "built_environment"
INDUSTRY = "industry"
AFOLU = "agriculture_forestry_and_land_use"
FIELDS = (ENERGY, MOBILITY, WASTE, GREEN, BUILT, INDUSTRY, AFOLU)

#: SMHI's main sectors (and the platform's own two) → the field of action. Working machinery
#: (construction, farming and forestry machines alike), the organisation's own operations and
#: consumption span several fields: they have none.
FIELD_OF_SECTOR: dict[str, str] = {
    "El och fjärrvärme": ENERGY,
    "Transporter": MOBILITY,
    "Utrikes transporter": MOBILITY,
    "Avfall (inkl.avlopp)": WASTE,
    "Egen uppvärmning av bostäder och lokaler": BUILT,
    "Industri (energi + processer)": INDUSTRY,
    "Produktanvändning (inkl. lösningsmedel)": INDUSTRY,  # GPC's industrial processes and
    # product use
    "Jordbruk": AFOLU,
}

# The kinds of action (the Action Plan's levers of change that the platform's types name).
TECHNOLOGY = "technology_and_infrastructure"
POLICY = "governance_and_policy"
SOCIAL = "social_innovation"
FINANCE = "finance_and_funding"
ACTION_TYPES = (TECHNOLOGY, POLICY, SOCIAL, FINANCE)

#: The platform's measure types → the kind of action.
ACTION_TYPE_OF_MEASURE_TYPE: dict[str, str] = {
    "technical": TECHNOLOGY,
    "spatial_planning": POLICY,
    "procurement": POLICY,
    "regulation": POLICY,
    "behaviour": SOCIAL,
    "financing": FINANCE,
    "business_model": FINANCE,
}


def field_of_action(sector: str) -> str | None:
    """The field of action of a platform sector; None where no single field fits."""
    return FIELD_OF_SECTOR.get(sector)


def action_type(measure_type: str) -> str | None:
    return ACTION_TYPE_OF_MEASURE_TYPE.get(measure_type)


@dataclass(frozen=True, slots=True)
class ActionCost:
    """An action's total cost over its investment lines (SEK; capital expenditure plus operating
    cost, as the cost summary) and its abatement cost (SEK per t CO2e a year)."""

    total_sek: float | None
    per_tonne_sek: float | None


def action_cost(total_costs: Sequence[float], costs: Sequence[LineCost]) -> ActionCost:
    """The cost of an action carried by the lines with ``total_costs`` and ``costs`` (the same
    lines in the same order). No lines: nothing known. The cost per tonne is the lines' annual
    cost over their reduction, only when every line has an annual cost and they reduce."""
    if not costs:
        return ActionCost(None, None)
    annual = [cost.annual_cost for cost in costs]
    reduction = sum(cost.reduction_t or 0.0 for cost in costs)
    per_tonne = None
    if all(a is not None for a in annual) and reduction > 0:
        per_tonne = sum(a for a in annual if a is not None) / reduction
    return ActionCost(sum(total_costs), per_tonne)


@dataclass(frozen=True, slots=True)
class Value:
    year: int
    quarter: int  # 0: the whole year
    value: float


@dataclass(frozen=True, slots=True)
class IndicatorFigures:
    """An indicator's first value (its baseline), the target it reports against and its latest
    value up to the report year; each None when the platform has none."""

    baseline: Value | None
    target_year: int | None
    target_value: float | None
    latest: Value | None


def indicator_figures(
    values: Sequence[Value], targets: Mapping[int, float], report_year: int
) -> IndicatorFigures:
    """The baseline is the earliest value the platform holds; the latest is the newest up to
    ``report_year``; the target is that of the first target year from ``report_year`` on, or the
    last target when every target year has passed."""
    known = sorted((v for v in values if v.year <= report_year), key=lambda v: (v.year, v.quarter))
    ahead = [year for year in targets if year >= report_year]
    target_year = min(ahead) if ahead else (max(targets) if targets else None)
    return IndicatorFigures(
        baseline=known[0] if known else None,
        target_year=target_year,
        target_value=targets[target_year] if target_year is not None else None,
        latest=known[-1] if known else None,
    )


YEARLY = "yearly"
QUARTERLY = "quarterly"


def frequency(values: Sequence[Value], computed: bool) -> str | None:
    """How often the indicator is reported: yearly when computed from the yearly inventory;
    entered by hand, quarterly when any value is of a quarter, yearly when all are of whole
    years, and unknown (None) before the first value."""
    if computed:
        return YEARLY
    if not values:
        return None
    return QUARTERLY if any(v.quarter for v in values) else YEARLY
