"""Normalisation building blocks: pathways, the equivalent rate, combined targets, parameters."""

from __future__ import annotations

import pytest

from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.targets import (
    Form,
    OrganisationData,
    Scope,
    TargetParameters,
    TargetSpec,
    carbon_law_budget,
    combine,
    equivalent_rate,
    normalise_target,
    pathway_through,
)
from klimatlaget.calc.targets.normalise import intrinsic_reduction_pct

PARAMS = TargetParameters(metrics=MetricParameters(current_year=2026))
# 1990: 1000 t; 2015…2023: 700, 675, …, 500 (−25 t a year).
SERIES = {1990: 1000.0, **{2015 + i: 700.0 - 25.0 * i for i in range(9)}}
FULL = {"scopes": frozenset({Scope.SCOPE_1, Scope.SCOPE_2}), "includes_non_energy": True}


# ---- pathway_through -----------------------------------------------------------------------


def test_pathway_is_straight_between_milestones_and_held_after() -> None:
    # From 500 in 2023 to 300 in 2027 (−50 a year), to 100 in 2031 (−50 a year), then 100.
    pathway = pathway_through(2023, 500.0, {2027: 300.0, 2031: 100.0}, 2035)
    assert list(pathway) == list(range(2023, 2036))
    assert [pathway[y] for y in range(2023, 2032)] == pytest.approx(
        [500, 450, 400, 350, 300, 250, 200, 150, 100]
    )
    assert [pathway[y] for y in range(2032, 2036)] == [100.0] * 4


def test_pathway_ignores_milestones_not_after_the_start() -> None:
    # 2020 and 2023 are not after the start year; only 2025 (0) counts: 90, 45, 0, 0.
    pathway = pathway_through(2023, 90.0, {2020: 5.0, 2023: 7.0, 2025: 0.0}, 2026)
    assert pathway == pytest.approx({2023: 90.0, 2024: 45.0, 2025: 0.0, 2026: 0.0})


def test_pathway_without_milestones_ahead_is_flat() -> None:
    assert pathway_through(2023, 80.0, {}, 2025) == {2023: 80.0, 2024: 80.0, 2025: 80.0}


def test_pathway_can_go_below_zero() -> None:
    # A climate-positive level: from 20 to −20 over two years.
    assert pathway_through(2023, 20.0, {2025: -20.0}, 2026) == pytest.approx(
        {2023: 20.0, 2024: 0.0, 2025: -20.0, 2026: -20.0}
    )


# ---- carbon_law_budget and equivalent_rate -------------------------------------------------


def test_carbon_law_budget_by_hand() -> None:
    # Halving from 8 for four years: 8 + 4 + 2 + 1 = 15.
    assert carbon_law_budget(8.0, 0.5, 4) == 15.0
    # No reduction: 25 years of 500.
    assert carbon_law_budget(500.0, 0.0, 25) == 12500.0
    # Growth of 100 %/yr (rate −1): 1 + 2 + 4 = 7.
    assert carbon_law_budget(1.0, -1.0, 3) == 7.0


@pytest.mark.parametrize("rate", [0.5, 0.1172, 0.07, 0.01, -0.03])
def test_equivalent_rate_round_trip(rate: float) -> None:
    cumulative = carbon_law_budget(500.0, rate, 25)
    found, capped = equivalent_rate(500.0, cumulative, 25)
    assert not capped
    assert found == pytest.approx(rate, abs=1e-9)
    assert carbon_law_budget(500.0, found, 25) == pytest.approx(cumulative)


def test_equivalent_rate_of_a_flat_pathway_is_zero() -> None:
    found, capped = equivalent_rate(500.0, 25 * 500.0, 25)
    assert found == pytest.approx(0.0, abs=1e-9)
    assert not capped


def test_equivalent_rate_capped_when_less_than_one_year() -> None:
    # Stopping all emissions after the first year gives 500 (the anchor); 400 needs more.
    assert equivalent_rate(500.0, 400.0, 25) == (1.0, True)
    assert equivalent_rate(500.0, 500.0, 25) == (1.0, True)
    assert equivalent_rate(500.0, -100.0, 25) == (1.0, True)


def test_equivalent_rate_not_defined() -> None:
    assert equivalent_rate(0.0, 100.0, 25) == (None, False)
    # Doubling every year for 3 years from 1 gives 1 + 2 + 4 = 7; 8 needs faster growth.
    assert equivalent_rate(1.0, 8.0, 3) == (None, False)


# ---- combine -------------------------------------------------------------------------------


def test_combine_takes_the_lowest_level_in_every_milestone_year() -> None:
    # −70 % by 2030 → 300 t in 2030, held after; net zero by 2045 → 0 t in 2045.
    # Combined milestones: 2030 → 300 (the net-zero target says nothing before 2045);
    # 2045 → min(300 held, 0) = 0.
    seventy = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 70.0, base_year=1990, **FULL),
        OrganisationData(SERIES),
        PARAMS,
    )
    net_zero = normalise_target(
        TargetSpec(Form.NET_ZERO, 2045, **FULL), OrganisationData(SERIES), PARAMS
    )
    pathway = combine([seventy, net_zero], SERIES, None, PARAMS)
    assert pathway is not None
    assert pathway.milestones == pytest.approx({2030: 300.0, 2045: 0.0})
    # 2023 → 2030: 500 − (200/7)·k; 2030 → 2045: 300 − 20·j; then 0.
    assert pathway.pathway[2026] == pytest.approx(500 - 200 / 7 * 3)
    assert pathway.pathway[2035] == pytest.approx(300 - 20 * 5)
    assert pathway.pathway[2050] == 0.0
    # Cumulative 2026…2050: Σ_{k=3..7} (500 − 200k/7) = 2500 − 200·25/7, plus
    # Σ_{j=1..15} (300 − 20j) = 4500 − 20·120 = 2100.
    assert pathway.cumulative_t == pytest.approx(2500 - 200 * 25 / 7 + 2100)
    assert combine([], SERIES, None, PARAMS) is None


def test_combine_when_the_later_target_is_weaker() -> None:
    # −80 % by 2030 (200 t) and −50 % by 2045 (500 t): the 2030 level holds and is the lower,
    # so the combined pathway is that of the −80 % target alone.
    eighty = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 80.0, base_year=1990, **FULL),
        OrganisationData(SERIES),
        PARAMS,
    )
    fifty = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2045, 50.0, base_year=1990, **FULL),
        OrganisationData(SERIES),
        PARAMS,
    )
    pathway = combine([eighty, fifty], SERIES, None, PARAMS)
    assert pathway is not None and eighty.pathway is not None
    assert pathway.milestones == pytest.approx({2030: 200.0, 2045: 200.0})
    assert pathway.cumulative_t == pytest.approx(eighty.pathway.cumulative_t)


# ---- normalisation details -----------------------------------------------------------------


def test_percent_reduction_from_another_base_year() -> None:
    # −50 % versus 2015 (700 t) by 2030: 350 t, i.e. 65 % below 1990 (1000 t).
    target = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 50.0, base_year=2015, **FULL),
        OrganisationData(SERIES),
        PARAMS,
    )
    assert target.reduction_at_target_year_pct == pytest.approx(65.0)
    assert target.implied_reduction_1990_pct == pytest.approx({2030: 65.0, 2045: 65.0})


def test_word_with_a_number_uses_the_number() -> None:
    # "Fossil free: −95 % by 2030": 50 t in 2030, no default note.
    target = normalise_target(
        TargetSpec(Form.FOSSIL_FREE, 2030, 95.0, **FULL), OrganisationData(SERIES), PARAMS
    )
    assert target.pathway is not None
    assert target.pathway.milestones == pytest.approx({2030: 50.0})
    assert target.notes == ()


def test_net_target_with_a_stated_gross_reduction() -> None:
    # Net zero with −85 % gross: the net level is 0; the remaining 15 % of 1990 (150 t) must be
    # removed. With −90 % gross, 100 t.
    for gross, removals in ((85.0, 150.0), (90.0, 100.0)):
        spec = TargetSpec(Form.NET_ZERO, 2045, gross, **FULL)
        target = normalise_target(spec, OrganisationData(SERIES), PARAMS)
        assert target.pathway is not None
        assert target.pathway.milestones == {2045: 0.0}
        assert target.removals_t == pytest.approx(removals)
        assert target.relies_on_removals


def test_rate_target_starting_after_the_data() -> None:
    # −20 %/yr from 2025 to 2027: the data end in 2023, so 2023's 500 t is the starting level:
    # 2025: 500, 2026: 400, 2027: 320.
    target = normalise_target(
        TargetSpec(Form.ANNUAL_RATE, 2027, 20.0, start_year=2025, **FULL),
        OrganisationData(SERIES),
        PARAMS,
    )
    assert target.pathway is not None
    assert target.pathway.milestones == pytest.approx({2025: 500.0, 2026: 400.0, 2027: 320.0})
    assert [n.code for n in target.notes] == ["start_after_data"]
    assert target.notes[0].values == {"start_year": 2025, "last_year": 2023}


def test_rate_target_whose_year_has_passed() -> None:
    # −10 %/yr from 2015 (700 t) to 2022: 700·0.9⁷ = 334.8 t allowed; 525 t emitted, i.e.
    # 525 / 334.8 − 1 = 56.8 % above. (Before a fix, the target ran on to 2024 as if current.)
    target = normalise_target(
        TargetSpec(Form.ANNUAL_RATE, 2022, 10.0, start_year=2015, **FULL),
        OrganisationData(SERIES),
        PARAMS,
    )
    assert target.target_passed
    assert target.pathway is None
    allowed = 700 * 0.9**7
    assert [n.code for n in target.problems] == ["target_passed_missed"]
    assert target.problems[0].values == {
        "target_year": 2022,
        "excess_pct": round((525 / allowed - 1) * 100, 1),
    }
    assert target.reduction_at_target_year_pct == pytest.approx((1 - allowed / 1000) * 100)


def test_problems_when_the_data_fall_short() -> None:
    without_1990 = {y: v for y, v in SERIES.items() if y != 1990}
    target = normalise_target(
        TargetSpec(Form.NET_ZERO, 2045, **FULL), OrganisationData(without_1990), PARAMS
    )
    assert not target.normalised
    assert [(n.code, n.values) for n in target.problems] == [
        ("year_not_in_data", {"year": 1990, "first": 2015, "last": 2023})
    ]
    per_head = TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 1.0, **FULL)
    target = normalise_target(per_head, OrganisationData(SERIES), PARAMS)
    assert [n.code for n in target.problems] == ["no_population_data"]
    # Data after the current year are ignored: only 2027 is given, so there are none.
    later = normalise_target(TargetSpec(Form.NET_ZERO, 2045), OrganisationData({2027: 5.0}), PARAMS)
    assert [n.code for n in later.problems] == ["no_emissions_data"]


def test_without_any_series_a_flat_one_is_assumed_for_ranking() -> None:
    # Scope 3 and no data at all: ranked as if emissions had been 1 t every year since 1990.
    # Net zero by 2030 from 1 t in 2025 (the last assumed year): 1 − k/5 for 2026…2030
    # (k = 1…5): 0.8 + 0.6 + 0.4 + 0.2 + 0 = 2.0 years of today's emissions.
    spec = TargetSpec(Form.NET_ZERO, 2030, scopes=frozenset({Scope.SCOPE_1, Scope.CONSUMPTION}))
    target = normalise_target(spec, OrganisationData({}), PARAMS)
    assert [n.code for n in target.problems] == ["no_scope_3_data", "assumed_flat"]
    assert target.sharpness == pytest.approx(2.0)
    assert target.sharpness_assumed_flat
    assert target.pathway is None
    # A level per inhabitant means nothing on such an index: no sharpness, no ranking note.
    level = TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 1.0, scopes=spec.scopes)
    unranked = normalise_target(level, OrganisationData({}), PARAMS)
    assert unranked.sharpness is None
    assert [n.code for n in unranked.problems] == ["no_scope_3_data"]


# ---- parameters ----------------------------------------------------------------------------


def test_parameter_defaults() -> None:
    params = TargetParameters(metrics=MetricParameters(current_year=2026))
    assert params.partly_rate == 0.07
    assert params.metrics.carbon_law_rate == 0.1172
    assert (params.current_year, params.end_year) == (2026, 2050)
    assert params.milestone_years == (2030, 2045)
    assert params.net_residual_share == 0.15
    defaults = {
        Form.RENEWABLE_100: 1.00,
        Form.FOSSIL_FREE: 1.00,
        Form.NEAR_ZERO: 0.90,
        Form.NET_ZERO: 1.00,
        Form.NO_NEGATIVE_IMPACT: 1.00,
        Form.CLIMATE_POSITIVE: 1.10,
    }
    assert {form: params.word_reduction(form) for form in defaults} == defaults


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"partly_rate": 0.12}, "partly_rate"),
        ({"partly_rate": 0.0}, "partly_rate"),
        ({"near_zero_reduction": 1.2}, "near_zero"),
        ({"fossil_free_reduction": 0.0}, "fossil_free"),
        ({"net_residual_share": 1.0}, "net_residual_share"),
        ({"net_residual_share": -0.1}, "net_residual_share"),
    ],
)
def test_invalid_parameters_are_refused(changes: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PARAMS.with_changes(**changes)


def test_parameters_can_be_changed() -> None:
    params = PARAMS.with_changes(partly_rate=0.05, near_zero_reduction=0.95)
    assert params.partly_rate == 0.05
    assert params.word_reduction(Form.NEAR_ZERO) == 0.95
    # The partly rate must stay below the Carbon Law rate, whichever that is.
    slower = MetricParameters(current_year=2026, carbon_law_rate=0.06)
    with pytest.raises(ValueError, match="not above the Carbon Law rate"):
        TargetParameters(metrics=slower)
    assert TargetParameters(metrics=slower, partly_rate=0.03).partly_rate == 0.03


def test_a_level_per_inhabitant_needs_only_the_projection_when_no_figures_exist() -> None:
    # 1 t per inhabitant by 2030 with 400 inhabitants expected then: a level of 400 t in 2030.
    spec = TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 1.0, projected_population=400, **FULL)
    target = normalise_target(spec, OrganisationData(SERIES, {}), PARAMS)
    assert target.pathway is not None
    assert target.pathway.milestones == {2030: pytest.approx(400.0)}
    assert [note.code for note in target.notes] == ["population_projected"]
    # A percent reduction per inhabitant needs the base year's population, which is missing.
    percent = TargetSpec(
        Form.PERCENT_REDUCTION,
        2030,
        50.0,
        base_year=1990,
        per_capita=True,
        projected_population=400,
        **FULL,
    )
    refused = normalise_target(percent, OrganisationData(SERIES, {}), PARAMS)
    assert refused.pathway is None
    assert [(p.code, p.values["year"]) for p in refused.problems] == [("no_population_data", 1990)]


@pytest.mark.parametrize(
    ("form", "value"), [(Form.PERCENT_REDUCTION, 100.0), (Form.PER_CAPITA_LEVEL, 0.0)]
)
def test_zero_per_inhabitant_is_assessed_without_population(form: Form, value: float) -> None:
    """−100 % per inhabitant (or 0 t per inhabitant) is zero in total: no population needed."""
    per_capita = form == Form.PERCENT_REDUCTION
    spec = TargetSpec(form, 2045, value, base_year=1990, per_capita=per_capita, **FULL)
    target = normalise_target(spec, OrganisationData(SERIES, {}), PARAMS)
    assert target.problems == ()
    assert target.pathway is not None and target.pathway.milestones == {2045: 0.0}
    assert target.reduction_at_target_year_pct == 100.0
    assert intrinsic_reduction_pct(spec, PARAMS) == 100.0
    # It needs the population no more than the same target for the whole organisation.
    absolute = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2045, 100.0, base_year=1990, **FULL),
        OrganisationData(SERIES, {}),
        PARAMS,
    )
    assert target.pathway.sharpness == absolute.pathway.sharpness  # type: ignore[union-attr]
