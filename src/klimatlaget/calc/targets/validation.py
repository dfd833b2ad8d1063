"""The rules a registered target must obey: used by forms, the API and the CSV import alike."""

from __future__ import annotations

from klimatlaget.calc.targets.spec import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    Form,
    Geography,
    Note,
    TargetSpec,
)

_YEAR_FIELDS = ("base_year", "start_year", "target_year")


def validate_target(spec: TargetSpec, *, has_population: bool = True) -> list[Note]:
    """Every problem with ``spec``, each naming its field; an empty list means valid.

    ``has_population`` says whether the organisation has population figures (a per-inhabitant
    target needs them, unless it is zero per inhabitant).
    """
    problems = _year_problems(spec)
    problems += _value_problems(spec)
    if not spec.scopes:
        problems.append(Note.of("scopes_required", "scopes"))
    if spec.geography == Geography.DISTRICT and not spec.district.strip():
        problems.append(Note.of("district_required", "district"))
    if spec.geography != Geography.DISTRICT and spec.district.strip():
        problems.append(Note.of("district_not_allowed", "district"))
    per_capita = spec.per_capita or spec.form == Form.PER_CAPITA_LEVEL
    needs_population = per_capita and not spec.zero_per_inhabitant
    if needs_population and not has_population and not spec.projected_population:
        problems.append(Note.of("population_required", "per_capita"))
    if spec.projected_population is not None and spec.projected_population <= 0:
        problems.append(Note.of("projected_population_invalid", "projected_population"))
    return problems


def _year_problems(spec: TargetSpec) -> list[Note]:
    problems = []
    for name in _YEAR_FIELDS:
        year = getattr(spec, name)
        if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
            problems.append(
                Note.of(
                    "year_out_of_range",
                    name,
                    name=name,
                    low=EARLIEST_YEAR,
                    high=LATEST_YEAR,
                    value=year,
                )
            )
    if problems:
        return problems
    needs_target_year = spec.form not in {Form.ANNUAL_RATE, Form.QUALITATIVE}
    if needs_target_year and spec.target_year is None:
        problems.append(Note.of("target_year_required", "target_year"))
    if spec.form == Form.PERCENT_REDUCTION and spec.base_year is None:
        problems.append(Note.of("base_year_required", "base_year"))
    if spec.form == Form.ANNUAL_RATE and spec.start_year is None:
        problems.append(Note.of("start_year_required", "start_year"))
    target = spec.target_year
    if target is not None and spec.base_year is not None and spec.base_year >= target:
        problems.append(
            Note.of(
                "base_year_after_target", "base_year", base_year=spec.base_year, target_year=target
            )
        )
    if target is not None and spec.start_year is not None and spec.start_year >= target:
        problems.append(
            Note.of(
                "start_year_after_target",
                "start_year",
                start_year=spec.start_year,
                target_year=target,
            )
        )
    return problems


def _value_problems(spec: TargetSpec) -> list[Note]:
    value = spec.value
    if spec.form == Form.QUALITATIVE:
        return [Note.of("value_not_allowed", "value")] if value is not None else []
    if value is None:
        needs_value = spec.form in {
            Form.PERCENT_REDUCTION,
            Form.ANNUAL_RATE,
            Form.PER_CAPITA_LEVEL,
        }
        return [Note.of("value_required", "value")] if needs_value else []
    if spec.form == Form.ANNUAL_RATE and not 0 < value < 100:
        return [Note.of("rate_out_of_range", "value", value=value)]
    if spec.form == Form.PER_CAPITA_LEVEL and not value >= 0:
        return [Note.of("level_out_of_range", "value", value=value)]
    # percent_reduction, and a target word given with a percent reduction.
    if spec.form not in {Form.ANNUAL_RATE, Form.PER_CAPITA_LEVEL} and not 0 < value <= 100:
        return [Note.of("percent_out_of_range", "value", value=value)]
    return []
