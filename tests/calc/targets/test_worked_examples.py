"""Worked examples: every target form normalised and judged on one small hand-made series.

The series (t CO2e): 1990: 1000; 2015…2023: 700, 675, 650, 625, 600, 575, 550, 525, 500
(−25 t a year). Population: 950 in 2020, 1000 in 2023. The current year is 2026, the end year
2050, and no trend is given, so the budget comparison starts from the last observed value,
500 t (the *anchor*).

Shared arithmetic (25 years, 2026…2050):

* fair budget at 11.72 %/yr: 500·(1 − 0.8828²⁵)/0.1172 = 4077.2 t;
* partly budget at 7 %/yr:   500·(1 − 0.93²⁵)/0.07     = 5978.9 t;
* a straight line from 500 t in 2023 to level L in year Y has the value
  500 − (500 − L)·k/(Y − 2023) in year 2023 + k, so its 2026…Y part sums to
  Σ_{k=3..n} (500 − (500 − L)·k/n) with n = Y − 2023; after Y the level L is held.

The same examples are listed in docs/METHOD.md#worked-target-examples.
"""

from __future__ import annotations

import pytest

from klimatlaget.calc import compute_trend
from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.targets import (
    GROUP_SCOPE_1_2_3,
    Form,
    Geography,
    NormalisedTarget,
    Order,
    OrganisationData,
    Scope,
    TargetParameters,
    TargetSpec,
    Verdict,
    carbon_law_budget,
    judge_organisation,
    judge_target,
    normalise_target,
    on_track,
    parse_scopes,
    rank_in_groups,
)

PARAMS = TargetParameters(metrics=MetricParameters(current_year=2026))
SERIES = {1990: 1000.0, **{2015 + i: 700.0 - 25.0 * i for i in range(9)}}
POPULATION = {2020: 950, 2023: 1000}
DATA = OrganisationData(SERIES, POPULATION)
SCOPES_1_2 = frozenset({Scope.SCOPE_1, Scope.SCOPE_2})
# Scope 1 and 2, non-energy sources included: nothing caps the verdict.
FULL = {"scopes": SCOPES_1_2, "includes_non_energy": True}
ANCHOR = 500.0
YEARS = 25  # 2026…2050
BUDGET = ANCHOR * (1 - 0.8828**YEARS) / 0.1172
PARTLY = ANCHOR * (1 - 0.93**YEARS) / 0.07


def line_sum(level: float, year: int) -> float:
    """Σ_{k=3..n} (500 − (500 − level)·k/n), n = year − 2023: the straight line's 2026…year."""
    n = year - 2023
    return sum(ANCHOR - (ANCHOR - level) * k / n for k in range(3, n + 1))


def codes(notes: object) -> list[str]:
    return [note.code for note in notes]  # type: ignore[attr-defined]


def excess(cumulative: float) -> float:
    """The reported excess over the fair budget, in per cent to one decimal."""
    return round((cumulative / BUDGET - 1) * 100, 1)


def check(
    target: NormalisedTarget,
    *,
    implied: tuple[float, float],
    pathway: dict[int, float],
    cumulative: float,
    verdict: Verdict,
    reasons: list[str],
) -> None:
    """The figures every normalised example is checked for."""
    assert target.normalised and target.pathway is not None
    assert target.problems == ()
    assert target.implied_reduction_1990_pct == pytest.approx({2030: implied[0], 2045: implied[1]})
    for year, value in pathway.items():
        assert target.pathway.pathway[year] == pytest.approx(value), year
    assert target.cumulative_t == pytest.approx(cumulative)
    assert target.sharpness == pytest.approx(cumulative / ANCHOR)
    # The equivalent yearly rate spends the same amount from the same anchor.
    rate = target.pathway.implied_annual_rate
    assert rate is not None and not target.pathway.rate_capped
    assert carbon_law_budget(ANCHOR, rate, YEARS) == pytest.approx(cumulative)
    judged = judge_target(target, PARAMS)
    assert judged.verdict == verdict
    assert codes(judged.reasons) == reasons


def test_shared_budgets() -> None:
    assert pytest.approx(4077.15, abs=0.01) == BUDGET
    assert pytest.approx(5978.88, abs=0.01) == PARTLY
    # The straight-line sum, checked once by hand: 500 → 400 by 2030 (n = 7) gives
    # 5·500 − (100/7)·(3 + 4 + 5 + 6 + 7) = 2500 − 2500/7 = 2142.86.
    assert line_sum(400.0, 2030) == pytest.approx(2500 - 2500 / 7)


def test_1_percent_reduction_by_2030() -> None:
    """−60 % versus 1990 by 2030: 1000·0.4 = 400 t in 2030, held to 2050.

    2026: 500 − 100·3/7 = 457.14; cumulative 2500 − 2500/7 + 20·400 = 10 142.9 t, 2.49 times
    the fair budget (148.8 % over) and over the partly budget: not in line. Implied −60 % in
    2030 and 2045.
    """
    target = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 60.0, base_year=1990, **FULL), DATA, PARAMS
    )
    cumulative = 2500 - 2500 / 7 + 20 * 400
    check(
        target,
        implied=(60.0, 60.0),
        pathway={2026: 500 - 300 / 7, 2030: 400.0, 2040: 400.0, 2050: 400.0},
        cumulative=cumulative,
        verdict=Verdict.NOT_IN_LINE,
        reasons=["over_budget"],
    )
    assert target.reduction_at_target_year_pct == pytest.approx(60.0)
    assert judge_target(target, PARAMS).reasons[0].values["excess_pct"] == excess(cumulative)
    assert excess(cumulative) == 148.8


def test_2_city_versus_municipality() -> None:
    """Territory −60 % by 2030 (example 1) and the *city* climate neutral by 2030.

    There are no data for the city alone: the city target gets no pathway, no cumulative and
    no verdict ("not assessed"); only what it states itself (−100 % net from 2030) is given.
    For ranking it is applied to the territorial series: 500 → 0 by 2030 sums to
    Σ_{k=3..7} 500·(1 − k/7) = 5000/7 = 714.3 t, 1.43 years of today's emissions, against
    10 142.9 / 500 = 20.29 years for the territory target: the city target ranks first.
    The organisation's verdict counts territorial targets only: not in line.
    """
    territory = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 60.0, base_year=1990, **FULL), DATA, PARAMS
    )
    city = normalise_target(
        TargetSpec(Form.NET_ZERO, 2030, geography=Geography.CITY, **FULL), DATA, PARAMS
    )
    assert territory.normalised
    assert not city.normalised
    assert codes(city.problems) == ["no_geography_data", "ranked_on_territory"]
    assert city.problems[0].values == {"geography": "city"}
    assert city.cumulative_t is None and city.implied_annual_rate_pct is None
    assert city.implied_reduction_1990_pct == {2030: 100.0, 2045: 100.0}
    assert city.sharpness == pytest.approx(line_sum(0.0, 2030) / ANCHOR)
    assert line_sum(0.0, 2030) == pytest.approx(5000 / 7)
    assert territory.sharpness == pytest.approx((2500 - 2500 / 7 + 8000) / ANCHOR)
    judged = judge_target(city, PARAMS)
    assert (judged.verdict, codes(judged.reasons)) == (
        Verdict.NOT_ASSESSED,
        ["no_geography_data"],
    )
    assert rank_in_groups([("territory", territory), ("city", city)]) == {
        "city": 1,
        "territory": 2,
    }
    organisation = judge_organisation([territory, city], SERIES, None, PARAMS)
    assert organisation.verdict == Verdict.NOT_IN_LINE


def test_3_annual_rate_from_2020() -> None:
    """−10 % a year from 2020 (575 t), no target year: followed to 2050.

    Allowed in year y: 575·0.9^(y − 2020); the data end in 2023, so the pathway runs from
    2024 on: 2026: 575·0.9⁶ = 305.6; 2030: 575·0.9¹⁰ = 200.5 (−79.95 % vs 1990);
    2045: 575·0.9²⁵ = 41.3 (−95.87 %). Cumulative 575·0.9⁶·(1 − 0.9²⁵)/0.1 = 2836.4 t: in line.
    """
    target = normalise_target(
        TargetSpec(Form.ANNUAL_RATE, None, 10.0, start_year=2020, **FULL), DATA, PARAMS
    )
    check(
        target,
        implied=((1 - 575 * 0.9**10 / 1000) * 100, (1 - 575 * 0.9**25 / 1000) * 100),
        pathway={2024: 575 * 0.9**4, 2026: 575 * 0.9**6, 2030: 575 * 0.9**10, 2050: 575 * 0.9**30},
        cumulative=575 * 0.9**6 * (1 - 0.9**25) / 0.1,
        verdict=Verdict.IN_LINE,
        reasons=["within_budget"],
    )
    assert target.target_year == 2050
    assert codes(target.notes) == ["rate_until_end_year"]


def test_4_per_inhabitant_population_held() -> None:
    """0.3 t per inhabitant by 2033; population held at 1000 (2023): 300 t in 2033.

    500 → 300 over 10 years (−20 t a year): 2026: 440, 2030: 360 (−64 %), 2033: 300, then
    held (2045: −70 %). Cumulative 8·(440 + 300)/2 + 17·300 = 2960 + 5100 = 8060 t: not in line.
    """
    target = normalise_target(TargetSpec(Form.PER_CAPITA_LEVEL, 2033, 0.3, **FULL), DATA, PARAMS)
    cumulative = 8 * (440 + 300) / 2 + 17 * 300
    check(
        target,
        implied=(64.0, 70.0),
        pathway={2026: 440.0, 2030: 360.0, 2033: 300.0, 2050: 300.0},
        cumulative=cumulative,
        verdict=Verdict.NOT_IN_LINE,
        reasons=["over_budget"],
    )
    assert cumulative == 8060
    assert [(n.code, n.values) for n in target.notes] == [
        ("population_held", {"inhabitants": 1000, "year": 2023})
    ]


def test_4b_per_inhabitant_with_a_projection() -> None:
    """The same target with 1200 inhabitants projected for 2033: 0.3·1200 = 360 t.

    500 → 360 over 10 years (−14 t a year): 2026: 458, 2030: 402 (−59.8 %), 2033: 360
    (2045: −64 %). Cumulative 8·(458 + 360)/2 + 17·360 = 3272 + 6120 = 9392 t: not in line.
    """
    spec = TargetSpec(Form.PER_CAPITA_LEVEL, 2033, 0.3, projected_population=1200, **FULL)
    target = normalise_target(spec, DATA, PARAMS)
    check(
        target,
        implied=(59.8, 64.0),
        pathway={2026: 458.0, 2030: 402.0, 2033: 360.0, 2050: 360.0},
        cumulative=8 * (458 + 360) / 2 + 17 * 360,
        verdict=Verdict.NOT_IN_LINE,
        reasons=["over_budget"],
    )
    assert [(n.code, n.values) for n in target.notes] == [
        ("population_projected", {"inhabitants": 1200, "year": 2033})
    ]
    # On track: the trend falls 25 t a year, T(y) = 500 − 25·(y − 2023), so 250 t in 2033,
    # 110 t below the level (22 % of 2023's 500 t); it is first at or below 360 t in 2029
    # (350 t; 2028 has 375 t).
    result = on_track(target, compute_trend(SERIES, PARAMS.metrics))
    assert result is not None and result.on_track
    assert result.trend_t == pytest.approx(500 - 25 * 10)
    assert result.gap_t == pytest.approx(250 - 360)
    assert result.gap_pct == pytest.approx(-22.0)
    assert result.reaches_level_year == 2029


def test_5_climate_positive_by_2040() -> None:
    """Climate positive by 2040 (default −110 % net): 1000·(1 − 1.1) = −100 t, net removals.

    500 → −100 over 17 years: 2030: 500 − 600·7/17 = 252.9 (−74.7 %); 2040…2050: −100
    (2045: −110 %). Cumulative 15·500 − 600·(3 + … + 17)/17 − 10·100 = 7500 − 90000/17 − 1000
    = 1205.9 t: in line, relying on removals. Removals needed: the residual 15 % of 1990
    (150 t) plus the 100 t net removals = 250 t a year.
    """
    target = normalise_target(TargetSpec(Form.CLIMATE_POSITIVE, 2040, **FULL), DATA, PARAMS)
    check(
        target,
        implied=((1 - (500 - 600 * 7 / 17) / 1000) * 100, 110.0),
        pathway={2026: 500 - 600 * 3 / 17, 2030: 500 - 600 * 7 / 17, 2040: -100.0, 2050: -100.0},
        cumulative=7500 - 90000 / 17 - 1000,
        verdict=Verdict.IN_LINE,
        reasons=["within_budget", "relies_on_removals"],
    )
    assert target.removals_t == pytest.approx((0.15 - (1 - 1.1)) * 1000)
    assert [(n.code, n.values) for n in target.notes] == [
        ("word_default", {"reduction_pct": 110}),
        ("removals_needed", {"removals_t": 250}),
    ]
    # Not on track: the trend, T(y) = 500 − 25·(y − 2023) floored at 0, is 75 t in 2040,
    # 175 t above −100 t (35 % of 500 t), and never reaches a negative level.
    result = on_track(target, compute_trend(SERIES, PARAMS.metrics))
    assert result is not None and not result.on_track
    assert result.trend_t == pytest.approx(500 - 25 * 17)
    assert result.gap_t == pytest.approx(75 - (-100))
    assert result.gap_pct == pytest.approx(35.0)
    assert result.reaches_level_year is None


def test_6_fossil_free_by_2030() -> None:
    """Fossil free by 2030 (default −100 %, as it ranks above −100 % on the ladder): 0 t.
    500 → 0 over 7 years: 2026: 500·4/7 = 285.7, 2030: 0. Cumulative
    Σ_{k=3..7} 500·(1 − k/7) = 5000/7 = 714.3 t: in line. On the ladder it ranks above climate
    neutral by 2045 (example 9): both promise zero, and the earlier year decides.
    """
    target = normalise_target(TargetSpec(Form.FOSSIL_FREE, 2030, **FULL), DATA, PARAMS)
    check(
        target,
        implied=(100.0, 100.0),
        pathway={2026: 500 * 4 / 7, 2028: 500 * 2 / 7, 2030: 0.0, 2050: 0.0},
        cumulative=5000 / 7,
        verdict=Verdict.IN_LINE,
        reasons=["within_budget"],
    )
    assert [(n.code, n.values) for n in target.notes] == [("word_default", {"reduction_pct": 100})]
    neutral = normalise_target(TargetSpec(Form.NET_ZERO, 2045, **FULL), DATA, PARAMS)
    assert rank_in_groups([("neutral", neutral), ("fossil free", target)]) == {
        "fossil free": 1,
        "neutral": 2,
    }


def test_7_renewable_energy_by_2030() -> None:
    """100 % renewable energy by 2030 (default −100 %, like fossil free, which it outranks): 0 t;
    it covers energy only. The pathway of example 6, 714.3 t: within the fair budget, but capped
    at partly. With a stated −95 % (50 t) the cumulative is 2500 − 450·25/7 + 20·50 = 1892.9 t,
    also within the fair budget and capped at partly. Of the same year, it ranks above fossil
    free by its wording.
    """
    default = normalise_target(TargetSpec(Form.RENEWABLE_100, 2030, **FULL), DATA, PARAMS)
    check(
        default,
        implied=(100.0, 100.0),
        pathway={2026: 500 * 4 / 7, 2030: 0.0},
        cumulative=5000 / 7,
        verdict=Verdict.PARTLY,
        reasons=["within_budget", "coverage_energy_only"],
    )
    fossil_free = normalise_target(TargetSpec(Form.FOSSIL_FREE, 2030, **FULL), DATA, PARAMS)
    assert rank_in_groups([("fossil free", fossil_free), ("renewable", default)]) == {
        "renewable": 1,
        "fossil free": 2,
    }
    stated = normalise_target(TargetSpec(Form.RENEWABLE_100, 2030, 95.0, **FULL), DATA, PARAMS)
    check(
        stated,
        implied=(95.0, 95.0),
        pathway={2026: 500 - 450 * 3 / 7, 2030: 50.0},
        cumulative=2500 - 450 * 25 / 7 + 1000,
        verdict=Verdict.PARTLY,
        reasons=["within_budget", "coverage_energy_only"],
    )


def test_8_near_zero_by_2035() -> None:
    """Near zero by 2035 (−90 %): 100 t. 500 → 100 over 12 years (−33⅓ t a year).

    2026: 400, 2030: 266.7 (−73.3 %), 2035: 100 (2045: −90 %). Cumulative
    10·(400 + 100)/2 + 15·100 = 2500 + 1500 = 4000 t ≤ 4077.2: in line.
    """
    target = normalise_target(TargetSpec(Form.NEAR_ZERO, 2035, **FULL), DATA, PARAMS)
    check(
        target,
        implied=((1 - (500 - 400 * 7 / 12) / 1000) * 100, 90.0),
        pathway={2026: 400.0, 2030: 500 - 400 * 7 / 12, 2035: 100.0, 2050: 100.0},
        cumulative=2500 + 1500,
        verdict=Verdict.IN_LINE,
        reasons=["within_budget"],
    )


def test_9_climate_neutral_by_2045() -> None:
    """Climate neutral (net zero) by 2045: 0 t net. 500 → 0 over 22 years.

    2026: 500·19/22 = 431.8; 2030: 500·15/22 = 340.9 (−65.9 %); 2045: 0 (−100 %).
    Cumulative Σ_{k=3..22} 500·(1 − k/22) = 500·(20 − 250/22) = 4318.2 t: partly in line,
    relying on removals of the residual 15 % of 1990 emissions, 150 t a year.
    """
    target = normalise_target(TargetSpec(Form.NET_ZERO, 2045, **FULL), DATA, PARAMS)
    check(
        target,
        implied=((1 - 500 * 15 / 22 / 1000) * 100, 100.0),
        pathway={2026: 500 * 19 / 22, 2030: 500 * 15 / 22, 2045: 0.0, 2050: 0.0},
        cumulative=500 * (20 - 250 / 22),
        verdict=Verdict.PARTLY,
        reasons=["within_partly_budget", "relies_on_removals"],
    )
    assert target.removals_t == pytest.approx(0.15 * 1000)
    assert codes(target.notes) == ["word_default", "removals_needed"]


def test_10_no_negative_climate_impact_by_2040() -> None:
    """No negative climate impact by 2040: no emissions at all (gross), 0 t; no removals.

    500 → 0 over 17 years: 2030: 500·10/17 = 294.1 (−70.6 %); 2045: 0 (−100 %).
    Cumulative 500·(15 − 150/17) = 3088.2 t: in line, without relying on removals.
    """
    spec = TargetSpec(Form.NO_NEGATIVE_IMPACT, 2040, **FULL)
    target = normalise_target(spec, DATA, PARAMS)
    check(
        target,
        implied=((1 - 500 * 10 / 17 / 1000) * 100, 100.0),
        pathway={2026: 500 * 14 / 17, 2030: 500 * 10 / 17, 2040: 0.0},
        cumulative=500 * (15 - 150 / 17),
        verdict=Verdict.IN_LINE,
        reasons=["within_budget"],
    )
    assert target.removals_t is None and not target.relies_on_removals
    # Stronger than climate neutral by the same year: 0 t gross, where net zero allows
    # residual emissions balanced by removals; same pathway, so a tie broken by the word.
    neutral = normalise_target(TargetSpec(Form.NET_ZERO, 2040, **FULL), DATA, PARAMS)
    assert neutral.cumulative_t == pytest.approx(target.cumulative_t)
    assert rank_in_groups([("neutral", neutral), ("no impact", target)]) == {
        "no impact": 1,
        "neutral": 2,
    }


def test_11_scope_1_2_3_without_scope_3_data() -> None:
    """−50 % by 2030 in scope 1, 2 and 3; there are no scope 3 data.

    Not normalised (no pathway, no verdict); the stated −50 % is shown for 2030 and 2045. For
    ranking, in the 1-2-3 group, the target is applied to the territorial series: 500 t in
    2030 is where the series already is, so 25·500 t = 25 years of today's emissions.
    """
    spec = TargetSpec(
        Form.PERCENT_REDUCTION, 2030, 50.0, base_year=1990, scopes=parse_scopes("1,2,3")
    )
    target = normalise_target(spec, DATA, PARAMS)
    assert not target.normalised
    assert spec.scope_group == GROUP_SCOPE_1_2_3
    assert codes(target.problems) == ["no_scope_3_data", "ranked_on_territory"]
    assert target.implied_reduction_1990_pct == {2030: 50.0, 2045: 50.0}
    assert target.sharpness == pytest.approx(25 * 500 / ANCHOR)
    judged = judge_target(target, PARAMS)
    assert (judged.verdict, codes(judged.reasons)) == (Verdict.NOT_ASSESSED, ["no_scope_3_data"])


def test_12_qualitative() -> None:
    """ "We shall reduce our climate impact": no level, so no figures, not in line, not ranked."""
    target = normalise_target(TargetSpec(Form.QUALITATIVE), DATA, PARAMS)
    assert codes(target.problems) == ["qualitative"]
    assert target.implied_reduction_1990_pct == {}
    assert target.sharpness is None
    judged = judge_target(target, PARAMS)
    assert (judged.verdict, codes(judged.reasons)) == (Verdict.NOT_IN_LINE, ["no_limit"])
    assert rank_in_groups([("q", target)]) == {"q": None}


def test_13_target_year_has_passed() -> None:
    """−40 % by 2020 allowed 600 t; 2020 had 575 t: met. −50 % by 2020 allowed 500 t: missed,
    575/500 − 1 = 15 % above. Either way the target says nothing about the years ahead: no
    pathway, not in line."""
    met = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2020, 40.0, base_year=1990, **FULL), DATA, PARAMS
    )
    missed = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2020, 50.0, base_year=1990, **FULL), DATA, PARAMS
    )
    assert met.target_passed and missed.target_passed
    assert met.pathway is None and met.sharpness is None
    assert [(n.code, n.values) for n in met.problems] == [
        ("target_passed_met", {"target_year": 2020})
    ]
    assert [(n.code, n.values) for n in missed.problems] == [
        (
            "target_passed_missed",
            {"target_year": 2020, "excess_pct": round((575 / 500 - 1) * 100, 1)},
        )
    ]
    assert missed.reduction_at_target_year_pct == pytest.approx(50.0)
    for target in (met, missed):
        assert judge_target(target, PARAMS).verdict == Verdict.NOT_IN_LINE


def test_14_ladder_versus_implied_reduction() -> None:
    """Near zero by 2030 (100 t: 2500 − 400·25/7 + 20·100 = 3071.4 t), −100 % by 2050
    (500·(25 − 375/27) = 5555.6 t) and −95 % by 2030 (50 t: 1892.9 t).

    The ladder (default): near zero by 2030 first (both promise zero or near it; the earlier year
    decides), then −100 % by 2050, then −95 % (a percentage stops short of zero). By implied
    reduction: −95 % (1892.9 t), near zero (3071.4 t), −100 % by 2050 (5555.6 t).
    """
    near_zero = normalise_target(TargetSpec(Form.NEAR_ZERO, 2030, **FULL), DATA, PARAMS)
    hundred = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2050, 100.0, base_year=1990, **FULL), DATA, PARAMS
    )
    ninety_five = normalise_target(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 95.0, base_year=1990, **FULL), DATA, PARAMS
    )
    assert near_zero.cumulative_t == pytest.approx(2500 - 400 * 25 / 7 + 2000)
    assert hundred.cumulative_t == pytest.approx(500 * (25 - 375 / 27))
    assert ninety_five.cumulative_t == pytest.approx(2500 - 450 * 25 / 7 + 1000)
    items = [("-95 %", ninety_five), ("-100 % 2050", hundred), ("near zero", near_zero)]
    assert rank_in_groups(items) == {"near zero": 1, "-100 % 2050": 2, "-95 %": 3}
    assert rank_in_groups(items, Order.REDUCTION) == {
        "-95 %": 1,
        "near zero": 2,
        "-100 % 2050": 3,
    }
