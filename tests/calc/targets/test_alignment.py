"""Paris alignment: budget thresholds, coverage caps, the organisation's verdict, on track."""

from __future__ import annotations

import pytest

from klimatlaget.calc import compute_trend
from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.targets import (
    Form,
    Geography,
    NormalisedTarget,
    OrganisationData,
    Pathway,
    Scope,
    TargetParameters,
    TargetSpec,
    Verdict,
    coverage_limits,
    judge_organisation,
    judge_pathway,
    judge_target,
    normalise_target,
    on_track,
)

PARAMS = TargetParameters(metrics=MetricParameters(current_year=2026))
# 1990: 1000 t; 2015…2023: 700, 675, …, 500 (−25 t a year).
SERIES = {1990: 1000.0, **{2015 + i: 700.0 - 25.0 * i for i in range(9)}}
DATA = OrganisationData(SERIES)
SCOPES_1_2 = frozenset({Scope.SCOPE_1, Scope.SCOPE_2})
FULL = {"scopes": SCOPES_1_2, "includes_non_energy": True}
# 2026…2050 are 25 years; from 500 t: the fair budget at 11.72 %/yr and the partly budget at
# 7 %/yr, each 500·(1 − f²⁵)/(1 − f) (about 4 077 t and 5 979 t).
BUDGET = 500 * (1 - 0.8828**25) / 0.1172
PARTLY = 500 * (1 - 0.93**25) / 0.07


def codes(notes: object) -> list[str]:
    return [note.code for note in notes]  # type: ignore[attr-defined]


def normalised(spec: TargetSpec) -> NormalisedTarget:
    return normalise_target(spec, DATA, PARAMS)


def pathway_with(cumulative: float) -> Pathway:
    """Only the anchor and the cumulative matter for the verdict."""
    return Pathway({}, {}, 2023, 500.0, 500.0, cumulative, {}, None, False)


# ---- judge_pathway -------------------------------------------------------------------------


def test_budgets_by_hand() -> None:
    judged = judge_pathway(pathway_with(0.0), PARAMS)
    assert judged.budget_t == pytest.approx(BUDGET)
    assert judged.partly_budget_t == pytest.approx(PARTLY)
    assert 4077 < BUDGET < 4078
    assert 5978 < PARTLY < 5979


@pytest.mark.parametrize(
    ("cumulative", "verdict", "code"),
    [
        (BUDGET * 0.5, Verdict.IN_LINE, "within_budget"),
        (BUDGET, Verdict.IN_LINE, "within_budget"),
        (BUDGET * 1.001, Verdict.PARTLY, "within_partly_budget"),
        (PARTLY * (1 - 1e-9), Verdict.PARTLY, "within_partly_budget"),
        (PARTLY * 1.001, Verdict.NOT_IN_LINE, "over_budget"),
    ],
)
def test_thresholds(cumulative: float, verdict: Verdict, code: str) -> None:
    judged = judge_pathway(pathway_with(cumulative), PARAMS)
    assert judged.verdict == verdict
    assert codes(judged.reasons) == [code]
    assert judged.cumulative_t == cumulative


def test_reason_figures() -> None:
    within = judge_pathway(pathway_with(3000.0), PARAMS).reasons[0]
    assert within.values == {
        "cumulative_t": 3000,
        "budget_t": round(BUDGET),
        "rate_pct": 11.72,
        "end_year": 2050,
    }
    # 5000 t is 5000 / 4077.15 − 1 = 22.6 % over the fair budget, within the 7 % budget.
    partly = judge_pathway(pathway_with(5000.0), PARAMS).reasons[0]
    assert partly.values == {
        "excess_pct": round((5000 / BUDGET - 1) * 100, 1),
        "rate_pct": 7.0,
        "end_year": 2050,
    }
    assert partly.values["excess_pct"] == 22.6


def test_another_fair_share_rate_moves_the_budget() -> None:
    params = TargetParameters(metrics=MetricParameters(current_year=2026, carbon_law_rate=0.16))
    # 16 %/yr: 500·(1 − 0.84²⁵)/0.16 ≈ 3 085 t, so 3 500 t is now only partly in line.
    assert 3085 < 500 * (1 - 0.84**25) / 0.16 < 3086
    assert judge_pathway(pathway_with(3500.0), params).verdict == Verdict.PARTLY
    assert judge_pathway(pathway_with(3500.0), PARAMS).verdict == Verdict.IN_LINE


# ---- coverage ------------------------------------------------------------------------------


def test_coverage_limits() -> None:
    assert coverage_limits(TargetSpec(Form.NET_ZERO, 2045, **FULL)) == []
    assert codes(coverage_limits(TargetSpec(Form.NET_ZERO, 2045, scopes=SCOPES_1_2))) == [
        "coverage_non_energy_unknown"
    ]
    # 100 % renewable energy covers energy only, whatever is said about non-energy sources.
    assert codes(coverage_limits(TargetSpec(Form.RENEWABLE_100, 2030, **FULL))) == [
        "coverage_energy_only"
    ]
    only_2 = TargetSpec(
        Form.NET_ZERO,
        2045,
        scopes=frozenset({Scope.SCOPE_2}),
        includes_non_energy=False,
        geography=Geography.CITY,
    )
    limits = coverage_limits(only_2)
    assert codes(limits) == [
        "coverage_part_of_territory",
        "coverage_scope_1_missing",
        "coverage_energy_only",
    ]
    assert limits[0].values == {"geography": "city"}


def test_coverage_caps_an_in_line_target_at_partly() -> None:
    # Near zero by 2035 (100 t): 500 → 100 over 12 years; cumulative 2026…2035 is
    # 10·(400 + 100)/2 = 2500, plus 15·100 = 1500 for 2036…2050: 4000 ≤ 4077, in line.
    full = judge_target(normalised(TargetSpec(Form.NEAR_ZERO, 2035, **FULL)), PARAMS)
    assert full.verdict == Verdict.IN_LINE
    assert full.cumulative_t == pytest.approx(4000.0)
    unknown = TargetSpec(Form.NEAR_ZERO, 2035, scopes=SCOPES_1_2)
    capped = judge_target(normalised(unknown), PARAMS)
    assert capped.verdict == Verdict.PARTLY
    assert codes(capped.reasons) == ["within_budget", "coverage_non_energy_unknown"]
    scope_2 = TargetSpec(
        Form.NEAR_ZERO, 2035, scopes=frozenset({Scope.SCOPE_2}), includes_non_energy=True
    )
    assert codes(judge_target(normalised(scope_2), PARAMS).reasons) == [
        "within_budget",
        "coverage_scope_1_missing",
    ]


def test_coverage_never_lifts_a_verdict() -> None:
    # −60 % by 2030 is over budget; energy only keeps it not in line, with both reasons.
    spec = TargetSpec(
        Form.PERCENT_REDUCTION,
        2030,
        60.0,
        base_year=1990,
        scopes=SCOPES_1_2,
        includes_non_energy=False,
    )
    judged = judge_target(normalised(spec), PARAMS)
    assert judged.verdict == Verdict.NOT_IN_LINE
    assert codes(judged.reasons) == ["over_budget", "coverage_energy_only"]


def test_qualitative_passed_and_unassessed_targets() -> None:
    qualitative = judge_target(normalised(TargetSpec(Form.QUALITATIVE)), PARAMS)
    assert (qualitative.verdict, codes(qualitative.reasons)) == (Verdict.NOT_IN_LINE, ["no_limit"])
    # −40 % by 2020: 600 t allowed, 575 t emitted: met, but passed, so not in line.
    passed = judge_target(
        normalised(TargetSpec(Form.PERCENT_REDUCTION, 2020, 40.0, base_year=1990, **FULL)), PARAMS
    )
    assert (passed.verdict, codes(passed.reasons)) == (Verdict.NOT_IN_LINE, ["target_passed_met"])
    # A district target has no data: not assessed; the ranking note is not a reason.
    district = TargetSpec(
        Form.NET_ZERO, 2030, geography=Geography.DISTRICT, district="Kvarnby", **FULL
    )
    unassessed = judge_target(normalised(district), PARAMS)
    assert unassessed.verdict == Verdict.NOT_ASSESSED
    assert codes(unassessed.reasons) == ["no_geography_data"]


# ---- judge_organisation --------------------------------------------------------------------

SEVENTY_2030 = TargetSpec(Form.PERCENT_REDUCTION, 2030, 70.0, base_year=1990, **FULL)
NET_ZERO_2045 = TargetSpec(Form.NET_ZERO, 2045, **FULL)
# Alone, −70 % by 2030 holds 300 t from 2030: Σ_{k=3..7}(500 − 200k/7) + 20·300
# = 2500 − 200·25/7 + 6000 = 7785.7 t > 5979: not in line.
SEVENTY_ALONE = 2500 - 200 * 25 / 7 + 20 * 300
# Alone, net zero by 2045 falls from 500 to 0 over 22 years: Σ_{k=3..22} 500(1 − k/22)
# = 500·(20 − 250/22) = 4318.2 t: over 4077 but within 5979, partly.
NET_ZERO_ALONE = 500 * (20 - 250 / 22)
# Together: 300 t in 2030, then −20 t a year to 0 in 2045:
# 2500 − 200·25/7 + Σ_{j=1..15}(300 − 20j) = 1785.7 + 2100 = 3885.7 t ≤ 4077: in line.
TOGETHER = 2500 - 200 * 25 / 7 + 2100


def test_complementary_targets_are_combined() -> None:
    seventy, net_zero = normalised(SEVENTY_2030), normalised(NET_ZERO_2045)
    assert judge_target(seventy, PARAMS).verdict == Verdict.NOT_IN_LINE
    assert seventy.cumulative_t == pytest.approx(SEVENTY_ALONE)
    assert judge_target(net_zero, PARAMS).verdict == Verdict.PARTLY
    assert net_zero.cumulative_t == pytest.approx(NET_ZERO_ALONE)
    judged = judge_organisation([seventy, net_zero], SERIES, None, PARAMS)
    assert judged.verdict == Verdict.IN_LINE
    assert judged.cumulative_t == pytest.approx(TOGETHER)
    assert codes(judged.reasons) == ["combined_targets", "within_budget", "relies_on_removals"]
    assert judged.reasons[0].values == {"count": 2}


def test_a_limited_member_caps_the_combination() -> None:
    # With a partly rate of 11.5 %/yr the partly budget is 500·(1 − 0.885²⁵)/0.115 = 4142.8 t,
    # so net zero by 2045 alone (4318.2 t) is not in line either, and only the pair can lift
    # the verdict. With the −70 % target covering energy only, the pair (3885.7 t) is within
    # the fair budget but can at best be partly in line, and the reason names that limit.
    params = PARAMS.with_changes(partly_rate=0.115)
    assert 4142 < 500 * (1 - 0.885**25) / 0.115 < 4143
    energy_only = TargetSpec(
        Form.PERCENT_REDUCTION,
        2030,
        70.0,
        base_year=1990,
        scopes=SCOPES_1_2,
        includes_non_energy=False,
    )
    net_zero = normalise_target(NET_ZERO_2045, DATA, params)
    assert judge_target(net_zero, params).verdict == Verdict.NOT_IN_LINE
    targets = [normalise_target(energy_only, DATA, params), net_zero]
    judged = judge_organisation(targets, SERIES, None, params)
    assert judged.verdict == Verdict.PARTLY
    assert judged.cumulative_t == pytest.approx(TOGETHER)
    assert codes(judged.reasons) == [
        "combined_targets",
        "within_budget",
        "coverage_energy_only",
        "relies_on_removals",
    ]
    # Unknown non-energy coverage is named as such (a fix: it used to say "energy only").
    unknown = TargetSpec(Form.PERCENT_REDUCTION, 2030, 70.0, base_year=1990, scopes=SCOPES_1_2)
    targets = [normalise_target(unknown, DATA, params), net_zero]
    judged = judge_organisation(targets, SERIES, None, params)
    assert judged.verdict == Verdict.PARTLY
    assert codes(judged.reasons) == [
        "combined_targets",
        "within_budget",
        "coverage_non_energy_unknown",
        "relies_on_removals",
    ]


def test_organisation_without_a_territorial_target() -> None:
    city = TargetSpec(Form.NET_ZERO, 2030, geography=Geography.CITY, **FULL)
    for targets in ([], [normalised(city)]):
        judged = judge_organisation(targets, SERIES, None, PARAMS)
        assert (judged.verdict, codes(judged.reasons)) == (
            Verdict.NOT_IN_LINE,
            ["no_territorial_target"],
        )


def test_organisation_verdict_is_the_best_single_verdict_otherwise() -> None:
    # Only one normalised target plus a qualitative one: nothing to combine.
    judged = judge_organisation(
        [normalised(NET_ZERO_2045), normalised(TargetSpec(Form.QUALITATIVE))], SERIES, None, PARAMS
    )
    assert judged.verdict == Verdict.PARTLY
    assert codes(judged.reasons) == ["within_partly_budget", "relies_on_removals"]


# ---- on_track ------------------------------------------------------------------------------


def test_on_track() -> None:
    # The series falls exactly 25 t a year, so the trend is T(y) = 500 − 25·(y − 2023):
    # 325 t in 2030. (Levels are chosen off the multiples of 25 so that "first year at or
    # below the level" does not hinge on rounding.)
    trend = compute_trend(SERIES, PARAMS.metrics)
    assert trend is not None
    assert trend.slope_t_per_yr == pytest.approx(-25.0, abs=1e-6)
    # −62 % by 2030 allows 380 t: the trend is 55 t below, 11 % of 2023's 500 t; it is first
    # at or below 380 t in 2028 (375 t; 2027 has 400 t).
    target = normalised(TargetSpec(Form.PERCENT_REDUCTION, 2030, 62.0, base_year=1990, **FULL))
    result = on_track(target, trend)
    assert result is not None
    assert result.on_track
    assert (result.target_year, result.target_t) == (2030, pytest.approx(380.0))
    assert result.trend_t == pytest.approx(325.0)
    assert result.gap_t == pytest.approx(-55.0)
    assert result.gap_pct == pytest.approx(-11.0)
    assert result.reaches_level_year == 2028
    assert not result.trend_uncertain


def test_off_track() -> None:
    # −94 % by 2030 allows 60 t: the trend is 265 t above (53 % of 500 t) and first at or
    # below 60 t in 2041 (50 t; 2040 has 75 t), after the target year.
    trend = compute_trend(SERIES, PARAMS.metrics)
    target = normalised(TargetSpec(Form.PERCENT_REDUCTION, 2030, 94.0, base_year=1990, **FULL))
    result = on_track(target, trend)
    assert result is not None
    assert not result.on_track
    assert result.gap_t == pytest.approx(265.0)
    assert result.gap_pct == pytest.approx(53.0)
    assert result.reaches_level_year == 2041


def test_on_track_not_computable() -> None:
    trend = compute_trend(SERIES, PARAMS.metrics)
    sixty = normalised(TargetSpec(Form.PERCENT_REDUCTION, 2030, 60.0, base_year=1990, **FULL))
    assert on_track(sixty, None) is None
    assert on_track(normalised(TargetSpec(Form.QUALITATIVE)), trend) is None
    city = TargetSpec(Form.NET_ZERO, 2030, geography=Geography.CITY, **FULL)
    assert on_track(normalised(city), trend) is None
