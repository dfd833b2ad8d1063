"""Climate investment plans: every calculation against the hand-worked example of docs/METHOD.md
("Climate investment plans"), plus the edge cases (0 % rate, no reduction, no lifetime)."""

import pytest

from klimatlaget.calc.investments import (
    DEFAULT_DISCOUNT_RATE,
    Line,
    NotApplicable,
    annuity_factor,
    capex_by_year_and,
    compare_versions,
    cost_curve,
    coverage_total,
    cumulative_effect,
    gap_coverage,
    line_cost,
    plan_cost,
    totals,
)

TRANSPORT, HOUSING, OTHER = "Transporter", "Bostäder", "Övrigt"

#: The four lines of the worked example in docs/METHOD.md.
BUSES = Line(
    key="A",
    title="Biogas buses",
    actor="municipal_company",
    sector=TRANSPORT,
    funding_source="own_budget",
    funding_status="decided",
    group="decided",
    capex={2025: 6_000_000, 2026: 4_000_000},
    opex={2026: 200_000, 2027: 200_000},
    savings={2026: 500_000, 2027: 700_000},
    lifetime_years=10,
    reduction_t=500,
    effect_year=2026,
    co_benefits_sek=100_000,
)
RENOVATION = Line(
    key="B",
    title="Energy renovation",
    actor="households",
    sector=HOUSING,
    funding_source="private_capital",
    funding_status="not_decided",
    group="proposed",
    capex={2026: 2_000_000},
    savings={2027: 150_000},
    lifetime_years=20,
    reduction_t=100,
    effect_year=2028,
)
BARRIER = Line(
    key="C",
    title="Flood barrier",
    actor="municipality",
    sector=OTHER,
    funding_source="state_grant",
    funding_status="applied_for",
    group="decided",
    capex={2025: 3_000_000},
    lifetime_years=50,
)
CHARGING = Line(
    key="D",
    title="Charging points",
    actor="private_company",
    sector=TRANSPORT,
    funding_source="state_grant",
    funding_status="applied_for",
    group="proposed",
    capex={2025: 1_000_000},
    lifetime_years=10,
    reduction_t=50,
    effect_year=2025,
)
PLAN = [BUSES, RENOVATION, BARRIER, CHARGING]

# By hand: 1.035^10 = 1.410599, 0.035 × 1.410599 / 0.410599 = 0.120241;
# 1.035^20 = 1.989789, 0.035 × 1.989789 / 0.989789 = 0.070361.
FACTOR_10, FACTOR_20 = 0.120241, 0.070361


def test_the_annuity_factor_at_the_default_rate_and_at_10_percent():
    assert DEFAULT_DISCOUNT_RATE == 0.035
    assert annuity_factor(0.035, 10) == pytest.approx(FACTOR_10, abs=1e-6)
    assert annuity_factor(0.035, 20) == pytest.approx(FACTOR_20, abs=1e-6)
    # 1.1² = 1.21; 0.1 × 1.21 / 0.21 = 0.576190
    assert annuity_factor(0.10, 2) == pytest.approx(0.576190, abs=1e-6)


def test_at_a_rate_of_zero_the_capex_is_spread_evenly():
    assert annuity_factor(0.0, 8) == 1 / 8
    cost = line_cost(BUSES, rate=0.0)
    assert cost.annual_capex == 1_000_000  # 10 Mkr over 10 years
    assert cost.per_tonne == (1_000_000 + 200_000 - 600_000) / 500  # 1 200 SEK/t


def test_a_lifetime_below_one_year_is_refused():
    with pytest.raises(ValueError):
        annuity_factor(0.035, 0)


def test_totals_by_year_actor_sector_funding_and_the_own_share():
    result = totals(PLAN)
    assert result.capex == 16_000_000
    capex = {y: t.capex for y, t in result.by_year.items()}
    assert capex == {2025: 10_000_000, 2026: 6_000_000, 2027: 0}
    assert result.by_year[2026].opex == 200_000
    assert result.by_year[2027].savings == 850_000  # 700 000 + 150 000
    assert result.by_actor == {
        "households": 2_000_000,
        "municipal_company": 10_000_000,
        "municipality": 3_000_000,
        "private_company": 1_000_000,
    }
    assert result.by_sector == {HOUSING: 2_000_000, TRANSPORT: 11_000_000, OTHER: 3_000_000}
    assert result.by_funding_source == {
        "own_budget": 10_000_000,
        "private_capital": 2_000_000,
        "state_grant": 4_000_000,
    }
    assert result.by_funding_status == {
        "applied_for": 4_000_000,
        "decided": 10_000_000,
        "not_decided": 2_000_000,
    }
    assert result.own == 13_000_000
    assert result.own_share == pytest.approx(0.8125)


def test_the_funding_gap_is_the_capex_not_yet_decided_by_year():
    result = totals(PLAN)
    assert result.funding_gap_by_year == {2025: 4_000_000, 2026: 2_000_000}
    assert result.funding_gap == 6_000_000


def test_an_empty_plan_has_no_own_share():
    result = totals([])
    assert result.capex == 0 and result.own_share is None and result.funding_gap == 0


def test_the_abatement_cost_of_a_line_with_and_without_co_benefits():
    cost = line_cost(BUSES)
    assert cost.annual_capex == pytest.approx(10_000_000 * FACTOR_10, abs=10)  # 1 202 414
    assert cost.annual_opex == 200_000
    assert cost.annual_savings == 600_000  # the mean of 500 000 and 700 000
    assert cost.annual_cost == pytest.approx(802_414, abs=10)
    assert cost.per_tonne == pytest.approx(1_604.8, abs=0.1)
    assert cost.per_tonne_with_co_benefits == pytest.approx(1_404.8, abs=0.1)
    assert cost.not_applicable is None


def test_a_line_that_saves_more_than_it_costs_has_a_negative_cost():
    cost = line_cost(RENOVATION)
    assert cost.annual_cost == pytest.approx(2_000_000 * FACTOR_20 - 150_000, abs=10)  # −9 278
    assert cost.per_tonne == pytest.approx(-92.8, abs=0.1)


def test_a_line_without_reduction_is_not_applicable_never_divided_by_zero():
    for line in (BARRIER, Line(key="Z", capex={2025: 1}, lifetime_years=5, reduction_t=0)):
        cost = line_cost(line)
        assert cost.not_applicable == NotApplicable.NO_REDUCTION
        assert cost.per_tonne is None and cost.per_tonne_with_co_benefits is None
    assert line_cost(BARRIER).annual_capex == pytest.approx(3_000_000 * annuity_factor(0.035, 50))


def test_capex_without_a_lifetime_is_not_applicable_but_a_line_without_capex_is():
    no_lifetime = line_cost(Line(key="X", capex={2025: 100}, reduction_t=10))
    assert no_lifetime.not_applicable == NotApplicable.NO_LIFETIME
    assert no_lifetime.annual_cost is None and no_lifetime.per_tonne is None
    opex_only = line_cost(Line(key="Y", opex={2025: 1000}, reduction_t=10))
    assert opex_only.per_tonne == 100


def test_the_plan_abatement_cost_sums_the_lines_that_have_one():
    result = plan_cost(line_cost(line) for line in PLAN)
    # 802 414 − 9 278 + 120 241 = 913 377 SEK a year for 650 t
    assert result.annual_cost == pytest.approx(913_377, abs=20)
    assert result.reduction_t == 650
    assert result.counted == 3
    assert result.not_applicable == {NotApplicable.NO_REDUCTION: 1}
    assert result.per_tonne == pytest.approx(1_405.2, abs=0.1)
    assert result.per_tonne_with_co_benefits == pytest.approx(1_251.3, abs=0.1)


def test_a_plan_with_no_reductions_has_no_abatement_cost():
    result = plan_cost([line_cost(BARRIER)])
    assert result.per_tonne is None and result.per_tonne_with_co_benefits is None


def test_the_cost_curve_is_sorted_by_cost_with_widths_the_reductions():
    bars = cost_curve(line_cost(line) for line in PLAN)
    assert [bar.key for bar in bars] == ["B", "A", "D"]
    assert [(bar.x0, bar.x1) for bar in bars] == [(0, 100), (100, 600), (600, 650)]
    assert [bar.width for bar in bars] == [100, 500, 50]
    assert [round(bar.height, 1) for bar in bars] == [-92.8, 1604.8, 2404.8]


def test_the_cost_curve_with_co_benefits_lowers_the_bars_and_may_reorder_them():
    cheap = Line(key="E", opex={2025: 1_500}, reduction_t=1, co_benefits_sek=1_000)
    costs = [line_cost(line) for line in (*PLAN, cheap)]
    assert [bar.key for bar in cost_curve(costs)] == ["B", "E", "A", "D"]
    with_benefits = cost_curve(costs, with_co_benefits=True)
    assert [bar.key for bar in with_benefits] == ["B", "E", "A", "D"]
    assert with_benefits[1].height == 500
    assert with_benefits[2].height == pytest.approx(1_404.8, abs=0.1)


def test_equal_costs_are_ordered_by_key():
    lines = [Line(key=k, opex={2025: 100}, reduction_t=1) for k in ("b", "a")]
    assert [bar.key for bar in cost_curve(line_cost(line) for line in lines)] == ["a", "b"]


def test_gap_coverage_per_sector_with_what_is_left():
    rows = gap_coverage(PLAN, {TRANSPORT: 800, HOUSING: 50}, horizon_year=2030)
    transport, housing = rows
    assert (transport.sector, transport.decided_t, transport.proposed_t) == (TRANSPORT, 500, 50)
    assert transport.uncovered_t == 250 and transport.covered_share == pytest.approx(550 / 800)
    assert (housing.proposed_t, housing.uncovered_t, housing.surplus_t) == (100, 0, 50)
    assert housing.covered_share == 1
    total = coverage_total(rows)
    assert (total.gap_t, total.decided_t, total.proposed_t, total.uncovered_t) == (
        850,
        500,
        150,
        250,
    )
    # Covered: 550 of transport's 800 t and all 50 of housing's: 600 of 850 t.
    assert (transport.covered_t, housing.covered_t, total.covered_t) == (550, 50, 600)
    assert total.covered_share == pytest.approx(600 / 850)


def test_gap_coverage_counts_only_lines_in_effect_by_the_horizon_year():
    rows = gap_coverage(PLAN, {TRANSPORT: 800, HOUSING: 50}, horizon_year=2027)
    assert rows[1].proposed_t == 0  # the renovation reaches its effect in 2028
    assert rows[1].uncovered_t == 50


def test_a_sector_with_lines_but_no_gap_is_listed_without_one():
    rows = gap_coverage(PLAN, {HOUSING: 50}, horizon_year=2030)
    assert [row.sector for row in rows] == [HOUSING, TRANSPORT]
    assert rows[1].gap_t is None and rows[1].uncovered_t is None and rows[1].decided_t == 500
    assert coverage_total(rows).uncovered_t == 0
    assert coverage_total(rows).covered_share == 1


def test_a_negative_gap_counts_as_none_in_the_covered_share():
    rows = gap_coverage(PLAN, {TRANSPORT: -100, HOUSING: 200}, horizon_year=2030)
    assert rows[0].covered_share is None and rows[0].covered_t == 0
    total = coverage_total(rows)
    assert (total.gap_t, total.covered_t, total.uncovered_t) == (100, 100, 100)
    assert total.covered_share == 0.5
    assert coverage_total(gap_coverage(PLAN, {TRANSPORT: -1}, 2030)).covered_share is None


def test_cumulative_effect_against_the_carbon_budget():
    baseline = {2025: 10_000, 2026: 9_800, 2027: 9_600, 2028: 9_400}
    result = cumulative_effect(PLAN, baseline, budget_t=36_000)
    assert result.years == [2025, 2026, 2027, 2028]
    assert result.with_decided == {2025: 10_000, 2026: 9_300, 2027: 9_100, 2028: 8_900}
    assert result.with_plan == {2025: 9_950, 2026: 9_250, 2027: 9_050, 2028: 8_750}
    assert result.total_without == 38_800
    assert result.total_with_decided == 37_300
    assert result.total_with_plan == 37_000
    assert result.saved_t == 1_800
    assert result.overshoot_t == 1_000
    assert result.overshoot_without_t == 2_800


def test_cumulative_emissions_never_go_below_zero_and_need_no_budget():
    result = cumulative_effect([BUSES], {2026: 300}, budget_t=None)
    assert result.with_plan == {2026: 0} and result.overshoot_t is None


def test_compare_versions_line_by_line():
    old = {"A": {"title": "Buses", "capex": {"2025": 1}}, "B": {"title": "Gone"}, "C": {"x": 1}}
    new = {"A": {"title": "Biogas buses", "capex": {"2025": 1}}, "C": {"x": 1}, "N": {"x": 2}}
    result = compare_versions(old, new)
    assert result.added == ["N"]
    assert result.removed == ["B"]
    assert result.changed == {"A": {"title": ["Buses", "Biogas buses"]}}
    assert result.unchanged == ["C"]
    assert not result.same
    assert compare_versions(old, old).same


def test_a_field_on_one_side_only_is_none_on_the_other():
    result = compare_versions({"A": {"note": "x"}}, {"A": {}})
    assert result.changed == {"A": {"note": ["x", None]}}


def test_capex_by_year_split_by_funding_status_and_source():
    by_status = capex_by_year_and(PLAN, lambda line: line.funding_status)
    assert by_status == {
        2025: {"applied_for": 4_000_000, "decided": 6_000_000},  # C + D; A
        2026: {"decided": 4_000_000, "not_decided": 2_000_000},  # A; B
    }
    by_source = capex_by_year_and(PLAN, lambda line: line.funding_source)
    assert by_source == {
        2025: {"own_budget": 6_000_000, "state_grant": 4_000_000},
        2026: {"own_budget": 4_000_000, "private_capital": 2_000_000},
    }
    assert capex_by_year_and([], lambda line: line.funding_status) == {}
