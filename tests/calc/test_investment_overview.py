"""Members' investment plans side by side: the ratios of each plan and the sums and medians of
the group, against the worked example of docs/METHOD.md ("Members' plans side by side")."""

import pytest

from klimatlaget.calc.investment_overview import PlanFigures, plan_figures, summary
from klimatlaget.calc.investments import DEFAULT_DISCOUNT_RATE, line_cost, plan_cost, totals

from .test_investments import BARRIER, BUSES, CHARGING, RENOVATION

#: Three members of the worked example.
NORRA = PlanFigures(
    capex=10_000_000,
    own=6_000_000,
    decided=4_000_000,
    reduction_t=100,
    per_tonne=500,
    per_tonne_with_co_benefits=300,
    inhabitants=20_000,
)
SODRA = PlanFigures(
    capex=3_000_000,
    own=3_000_000,
    decided=3_000_000,
    reduction_t=0,
    per_tonne=None,
    per_tonne_with_co_benefits=None,
    inhabitants=10_000,
)
#: No capex and no population: no ratio, counted only in the sums.
VASTRA = PlanFigures(
    capex=0,
    own=0,
    decided=0,
    reduction_t=20,
    per_tonne=-100,
    per_tonne_with_co_benefits=-150,
    inhabitants=None,
)


def test_a_plans_ratios():
    assert NORRA.per_inhabitant == 500  # 10 000 000 ÷ 20 000
    assert NORRA.own_share == 0.6  # 6 ÷ 10
    assert NORRA.financed_share == 0.4  # 4 ÷ 10
    assert NORRA.funding_gap == 6_000_000  # 10 − 4
    assert (SODRA.per_inhabitant, SODRA.own_share, SODRA.financed_share) == (300, 1, 1)
    assert SODRA.funding_gap == 0


def test_a_plan_without_capex_or_population_has_no_ratio():
    assert VASTRA.per_inhabitant is None
    assert VASTRA.own_share is None and VASTRA.financed_share is None
    assert VASTRA.funding_gap == 0
    no_population = PlanFigures(1, 1, 1, 0, None, None, inhabitants=0)
    assert no_population.per_inhabitant is None


def test_the_summary_sums_the_amounts_and_takes_the_median_of_the_ratios():
    result = summary([NORRA, SODRA, VASTRA])
    assert result.plans == 3
    assert (result.capex, result.own, result.funding_gap) == (13_000_000, 9_000_000, 6_000_000)
    assert result.reduction_t == 120
    assert result.per_inhabitant == 400  # median of 500 and 300 (Västra has none)
    assert result.own_share == pytest.approx(0.8)  # of 0.6 and 1
    assert result.financed_share == pytest.approx(0.7)  # of 0.4 and 1
    assert result.per_tonne == 200  # of 500 and −100 (Södra has none)
    assert result.per_tonne_with_co_benefits == 75  # of 300 and −150


def test_an_odd_number_of_values_has_the_middle_one_as_median():
    third = PlanFigures(1_000_000, 0, 1_000_000, 5, 900, 800, 1_000)  # 1 000 SEK each
    result = summary([NORRA, SODRA, third])
    assert result.per_inhabitant == 500  # 300, 500, 1 000
    assert result.own_share == 0.6  # 0, 0.6, 1
    assert result.per_tonne == 700  # of 500 and 900


def test_a_summary_of_no_plans():
    result = summary([])
    assert (result.plans, result.capex, result.own, result.funding_gap, result.reduction_t) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert result.per_inhabitant is None and result.own_share is None
    assert result.per_tonne is None and result.per_tonne_with_co_benefits is None


def test_a_plans_figures_from_its_lines_are_the_worked_examples():
    """The four lines of "Climate investment plans", worked example: 16 Mkr, 13 Mkr own (A +
    C), 10 Mkr decided (A), 650 t, 1 405 SEK/t, 1 251 SEK/t with co-benefits."""
    lines = [BUSES, RENOVATION, BARRIER, CHARGING]
    figures = plan_figures(lines, DEFAULT_DISCOUNT_RATE, inhabitants=32_000)
    assert (figures.capex, figures.own, figures.decided) == (16_000_000, 13_000_000, 10_000_000)
    assert figures.funding_gap == 6_000_000 and figures.reduction_t == 650
    assert figures.per_tonne == pytest.approx(1_405.2, abs=0.1)
    assert figures.per_tonne_with_co_benefits == pytest.approx(1_251.3, abs=0.1)
    assert figures.per_inhabitant == 500  # 16 000 000 ÷ 32 000
    # The same as the plan's own totals and abatement cost.
    own = totals(lines)
    cost = plan_cost(line_cost(line) for line in lines)
    assert (figures.capex, figures.own) == (own.capex, own.own)
    assert figures.funding_gap == own.funding_gap
    assert figures.per_tonne == cost.per_tonne


def test_a_plan_without_lines():
    figures = plan_figures([], DEFAULT_DISCOUNT_RATE, None)
    assert (figures.capex, figures.reduction_t, figures.per_tonne) == (0, 0, None)
