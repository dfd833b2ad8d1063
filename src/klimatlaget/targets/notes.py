"""Translated texts of the calculation package's notes (see calc.targets.spec.MESSAGES)."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc.targets import MESSAGES, Note

_TEXTS = {
    "year_out_of_range": _("{name} must be a year between {low} and {high}, got {value}."),
    "target_year_required": _("Give the target year."),
    "base_year_required": _("A percent reduction needs a base year (usually 1990)."),
    "base_year_after_target": _(
        "The base year ({base_year}) must be before the target year ({target_year})."
    ),
    "start_year_required": _("An annual reduction rate needs a start year (usually 2020)."),
    "start_year_after_target": _(
        "The start year ({start_year}) must be before the target year ({target_year})."
    ),
    "value_required": _("Give the target's value."),
    "value_not_allowed": _("A qualitative target has no value."),
    "percent_out_of_range": _(
        "A percent reduction must be more than 0 and at most 100, got {value}."
    ),
    "rate_out_of_range": _(
        "An annual reduction rate must be more than 0 and less than 100 % per year, got {value}."
    ),
    "level_out_of_range": _("A level per inhabitant must be 0 or more tonnes, got {value}."),
    "scopes_required": _("Say which scopes the target covers (for example 1,2 or 1,2,3)."),
    "district_required": _("Name the city district the target is for."),
    "district_not_allowed": _("A district is named only for a city-district target."),
    "population_required": _(
        "A per-inhabitant target needs population figures, and this organisation has none."
    ),
    "projected_population_invalid": _("The projected population must be a positive number."),
    "qualitative": _("A qualitative target names no level, so it cannot be normalised."),
    "no_scope_3_data": _(
        "The target covers scope 3 or consumption-based emissions, and there are no such data for this organisation."
    ),
    "no_geography_data": _(
        "There are no emissions data for {geography}; only the whole municipal territory is in the national emissions database."
    ),
    "no_emissions_data": _("There are no emissions data for this organisation."),
    "year_not_in_data": _(
        "The emissions of {year} are not in the data (it covers {first}–{last})."
    ),
    "no_population_data": _("There are no population figures for {year}."),
    "target_passed": _(
        "The target year {target_year} is not after the last data year ({last_year}), so the target says nothing about the years ahead."
    ),
    "target_passed_met": _(
        "The target year {target_year} has passed: emissions that year were at or below the target level."
    ),
    "target_passed_missed": _(
        "The target year {target_year} has passed: emissions that year were above the target level ({excess_pct} % above)."
    ),
    "start_after_data": _(
        "The start year {start_year} is after the last data year; the last year's emissions ({last_year}) are used as the starting level."
    ),
    "population_held": _(
        "Population is held at its last known level ({inhabitants} in {year}) for later years."
    ),
    "population_projected": _("Population follows the given projection ({inhabitants} in {year})."),
    "word_default": _(
        "The target word has no number; its documented default, {reduction_pct} % below 1990, is used."
    ),
    "removals_needed": _(
        "A net target: about {removals_t} t CO2e a year must be removed or stored to balance the remaining emissions."
    ),
    "rate_capped": _(
        "The target pathway adds up to less than one year of today's emissions; its equivalent yearly reduction is shown as 100 %."
    ),
    "rate_until_end_year": _(
        "The rate target names no target year; it is followed until {end_year}."
    ),
    "assumed_flat": _(
        "Without data, the target is ranked as if emissions had stayed at one level since the base year; only the figures the target states itself are given."
    ),
    "ranked_on_territory": _(
        "For ranking only, the target is applied to the territorial emissions, whose development stands in for the missing series; only the figures the target states itself are given."
    ),
    "within_budget": _(
        "Its emissions until {end_year} ({cumulative_t} t) stay within the fair 1.5 °C budget ({budget_t} t, {rate_pct} % a year)."
    ),
    "within_partly_budget": _(
        "Its emissions until {end_year} exceed the fair 1.5 °C budget by {excess_pct} %, but stay within the budget of a {rate_pct} % yearly reduction."
    ),
    "over_budget": _(
        "Its emissions until {end_year} exceed the fair 1.5 °C budget by {excess_pct} %."
    ),
    "coverage_energy_only": _(
        "It covers only energy emissions, so it can at best be partly in line."
    ),
    "coverage_non_energy_unknown": _(
        "It is not known whether it covers non-energy emissions (agriculture, refrigerants, product use), so it can at best be partly in line."
    ),
    "coverage_scope_1_missing": _(
        "It does not cover scope 1 (the emissions inside the territory), so it can at best be partly in line."
    ),
    "coverage_part_of_territory": _(
        "It covers only {geography}, not the whole territory, so it can at best be partly in line."
    ),
    "relies_on_removals": _("It relies on removals or storage to balance remaining emissions."),
    "no_limit": _("A qualitative target does not limit emissions."),
    "no_territorial_target": _("The organisation has no target for its whole territory."),
    "combined_targets": _("Its territorial targets taken together: {count} targets."),
}


#: Geographies as they read inside a sentence ("no emissions data for the city or urban area").
_GEOGRAPHIES = {
    "territory": _("the whole municipal territory"),
    "organisation": _("the municipal organisation's own operations"),
    "city": _("the city or urban area"),
    "district": _("a city district"),
}


def note_text(note: Note) -> str:
    """The note in the active language, with its numbers filled in."""
    template = str(_TEXTS.get(note.code, MESSAGES.get(note.code, note.code)))
    values = {key: _display(value) for key, value in note.params}
    if "geography" in values:
        values["geography"] = str(_GEOGRAPHIES.get(str(values["geography"]), values["geography"]))
    if "name" in values:  # a field of the target, by the name forms give it
        values["name"] = capfirst(_field_name(str(values["name"])))
    return template.format(**values)


def _field_name(name: str) -> str:
    from klimatlaget.targets.models import Target

    try:
        field = Target._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def _display(value: object) -> object:
    from django.utils.formats import number_format

    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, int) and 1000 <= value <= 2100:
        return value  # a year
    return number_format(value, force_grouping=True)
