"""Target validation (every problem code names its field) and the scope vocabulary."""

from __future__ import annotations

import pytest

from klimatlaget.calc.targets import (
    GROUP_SCOPE_1_2,
    GROUP_SCOPE_1_2_3,
    Form,
    Geography,
    Note,
    Scope,
    TargetSpec,
    format_scopes,
    parse_scopes,
    scope_group,
    validate_target,
)
from klimatlaget.calc.targets.spec import SCOPE_3

SCOPES_1_2 = frozenset({Scope.SCOPE_1, Scope.SCOPE_2})


def problems(spec: TargetSpec, *, has_population: bool = True) -> list[tuple[str, str]]:
    """(code, field) of every problem, in the order reported."""
    return [
        (note.code, note.field) for note in validate_target(spec, has_population=has_population)
    ]


# ---- valid targets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 60.0, base_year=1990),
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 100.0, base_year=1990),
        TargetSpec(Form.ANNUAL_RATE, None, 10.0, start_year=2020),
        TargetSpec(Form.ANNUAL_RATE, 2045, 99.9, start_year=2020),
        TargetSpec(Form.PER_CAPITA_LEVEL, 2045, 0.0),
        TargetSpec(Form.NET_ZERO, 2045),
        TargetSpec(Form.FOSSIL_FREE, 2030, 85.0),
        TargetSpec(Form.QUALITATIVE),
        TargetSpec(Form.NEAR_ZERO, 2035, geography=Geography.DISTRICT, district="Kvarnby"),
        TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 1.0, projected_population=12000),
    ],
)
def test_valid_targets_have_no_problems(spec: TargetSpec) -> None:
    assert validate_target(spec) == []


# ---- years ---------------------------------------------------------------------------------


def test_base_year_after_target_year() -> None:
    spec = TargetSpec(Form.PERCENT_REDUCTION, 2030, 50.0, base_year=2035)
    notes = validate_target(spec)
    assert [(n.code, n.field) for n in notes] == [("base_year_after_target", "base_year")]
    assert notes[0].values == {"base_year": 2035, "target_year": 2030}
    assert notes[0].message == "The base year (2035) must be before the target year (2030)."
    # The same year is not allowed either: there is nothing to reduce over.
    same = TargetSpec(Form.PERCENT_REDUCTION, 2030, 50.0, base_year=2030)
    assert problems(same) == [("base_year_after_target", "base_year")]


def test_start_year_after_target_year() -> None:
    spec = TargetSpec(Form.ANNUAL_RATE, 2020, 10.0, start_year=2025)
    assert problems(spec) == [("start_year_after_target", "start_year")]


def test_missing_years() -> None:
    assert problems(TargetSpec(Form.PERCENT_REDUCTION, None, 50.0, base_year=1990)) == [
        ("target_year_required", "target_year")
    ]
    assert problems(TargetSpec(Form.PERCENT_REDUCTION, 2030, 50.0)) == [
        ("base_year_required", "base_year")
    ]
    assert problems(TargetSpec(Form.ANNUAL_RATE, 2045, 10.0)) == [
        ("start_year_required", "start_year")
    ]
    assert problems(TargetSpec(Form.CLIMATE_POSITIVE)) == [("target_year_required", "target_year")]


@pytest.mark.parametrize(
    ("field", "year"), [("target_year", 2101), ("base_year", 1899), ("start_year", 3000)]
)
def test_years_out_of_range(field: str, year: int) -> None:
    years = {"target_year": 2030, "base_year": 1990, "start_year": None} | {field: year}
    spec = TargetSpec(Form.PERCENT_REDUCTION, value=50.0, **years)
    notes = validate_target(spec)
    assert [(n.code, n.field) for n in notes] == [("year_out_of_range", field)]
    assert notes[0].values == {"name": field, "low": 1900, "high": 2100, "value": year}


def test_out_of_range_years_suppress_the_order_checks() -> None:
    # Base year 2200 is out of range and also after the target year: only the range problem
    # is reported.
    spec = TargetSpec(Form.PERCENT_REDUCTION, 2030, 50.0, base_year=2200)
    assert problems(spec) == [("year_out_of_range", "base_year")]


# ---- values --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [100.0, 150.0, 0.0, -5.0])
def test_rate_must_be_above_0_and_below_100(value: float) -> None:
    spec = TargetSpec(Form.ANNUAL_RATE, 2045, value, start_year=2020)
    notes = validate_target(spec)
    assert [(n.code, n.field) for n in notes] == [("rate_out_of_range", "value")]
    assert notes[0].values == {"value": value}


@pytest.mark.parametrize("value", [0.0, 100.5, -10.0])
def test_percent_reduction_must_be_in_0_100(value: float) -> None:
    spec = TargetSpec(Form.PERCENT_REDUCTION, 2030, value, base_year=1990)
    assert problems(spec) == [("percent_out_of_range", "value")]
    # A target word given with a number obeys the same rule.
    assert problems(TargetSpec(Form.FOSSIL_FREE, 2030, value)) == [
        ("percent_out_of_range", "value")
    ]


def test_level_per_inhabitant_must_not_be_negative() -> None:
    assert problems(TargetSpec(Form.PER_CAPITA_LEVEL, 2030, -0.1)) == [
        ("level_out_of_range", "value")
    ]


def test_value_required_for_numeric_forms_only() -> None:
    for spec in (
        TargetSpec(Form.PERCENT_REDUCTION, 2030, None, base_year=1990),
        TargetSpec(Form.ANNUAL_RATE, 2045, None, start_year=2020),
        TargetSpec(Form.PER_CAPITA_LEVEL, 2030, None),
    ):
        assert problems(spec) == [("value_required", "value")]
    # A target word needs no number (it has a documented default).
    assert problems(TargetSpec(Form.NEAR_ZERO, 2030)) == []


def test_qualitative_target_with_a_value() -> None:
    assert problems(TargetSpec(Form.QUALITATIVE, value=50.0)) == [("value_not_allowed", "value")]


# ---- scopes, geography, population ---------------------------------------------------------


def test_no_scope_given() -> None:
    spec = TargetSpec(Form.NET_ZERO, 2045, scopes=frozenset())
    assert problems(spec) == [("scopes_required", "scopes")]


def test_district_rules() -> None:
    unnamed = TargetSpec(Form.NET_ZERO, 2045, geography=Geography.DISTRICT, district="  ")
    assert problems(unnamed) == [("district_required", "district")]
    named_city = TargetSpec(Form.NET_ZERO, 2045, geography=Geography.CITY, district="Kvarnby")
    assert problems(named_city) == [("district_not_allowed", "district")]


def test_per_inhabitant_target_without_population() -> None:
    level = TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 1.0)
    assert problems(level, has_population=False) == [("population_required", "per_capita")]
    # A percent reduction per inhabitant needs population as well ...
    percent = TargetSpec(Form.PERCENT_REDUCTION, 2030, 50.0, base_year=1990, per_capita=True)
    assert problems(percent, has_population=False) == [("population_required", "per_capita")]
    # ... an absolute target does not, and a projection makes up for missing figures.
    assert problems(TargetSpec(Form.NET_ZERO, 2045), has_population=False) == []
    projected = TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 1.0, projected_population=5000)
    assert problems(projected, has_population=False) == []


@pytest.mark.parametrize("projection", [0, -100])
def test_projected_population_must_be_positive(projection: int) -> None:
    spec = TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 1.0, projected_population=projection)
    assert ("projected_population_invalid", "projected_population") in problems(spec)


def test_several_problems_are_all_reported() -> None:
    spec = TargetSpec(
        Form.PERCENT_REDUCTION,
        2030,
        120.0,
        base_year=2040,
        scopes=frozenset(),
        geography=Geography.DISTRICT,
    )
    assert problems(spec) == [
        ("base_year_after_target", "base_year"),
        ("percent_out_of_range", "value"),
        ("scopes_required", "scopes"),
        ("district_required", "district"),
    ]


def test_every_code_has_an_english_message() -> None:
    note = Note.of("rate_out_of_range", "value", value=120.0)
    assert note.message == (
        "An annual reduction rate must be more than 0 and less than 100 % per year, got 120.0."
    )
    assert Note.of("an_unknown_code").message == "an_unknown_code"


# ---- scopes --------------------------------------------------------------------------------


def test_parse_scopes() -> None:
    assert parse_scopes("1,2") == SCOPES_1_2
    assert parse_scopes(" 1 ; 2 ,") == SCOPES_1_2
    # A bare 3 means all three scope 3 categories.
    assert parse_scopes("1, 2, 3") == SCOPES_1_2 | SCOPE_3
    assert parse_scopes("2,3-transport") == {Scope.SCOPE_2, Scope.SCOPE_3_TRANSPORT}
    assert parse_scopes("CONSUMPTION") == {Scope.CONSUMPTION}
    assert parse_scopes("") == frozenset()


def test_parse_scopes_names_the_unknown_token() -> None:
    with pytest.raises(ValueError, match="unknown scope '4'"):
        parse_scopes("1,4")


def test_format_scopes_is_the_inverse_of_parse() -> None:
    assert format_scopes(parse_scopes("1,2,3")) == "1,2,3"
    assert format_scopes({Scope.SCOPE_3_UPSTREAM, Scope.SCOPE_1}) == "1,3-upstream"
    assert format_scopes({Scope.CONSUMPTION, Scope.SCOPE_2}) == "2,consumption"
    for text in ("1", "1,2", "1,2,3", "2,3-downstream,3-transport", "1,consumption"):
        assert format_scopes(parse_scopes(text)) == text


def test_scope_group() -> None:
    assert scope_group({Scope.SCOPE_1}) == GROUP_SCOPE_1_2
    assert scope_group(SCOPES_1_2) == GROUP_SCOPE_1_2
    assert scope_group({Scope.SCOPE_1, Scope.SCOPE_3_TRANSPORT}) == GROUP_SCOPE_1_2_3
    assert scope_group({Scope.CONSUMPTION}) == GROUP_SCOPE_1_2_3
    spec = TargetSpec(Form.NET_ZERO, 2045, scopes=parse_scopes("1,2,3"))
    assert spec.scope_group == GROUP_SCOPE_1_2_3
    assert spec.is_word
    assert not TargetSpec(Form.QUALITATIVE).is_word
