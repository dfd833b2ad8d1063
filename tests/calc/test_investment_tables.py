"""The tables of an investment plan's exports against the worked example of docs/METHOD.md
("Climate investment plans", "Exports")."""

from calc.test_investments import BARRIER, BUSES, CHARGING, PLAN, RENOVATION
from klimatlaget.calc.investment_tables import (
    capex_by_status,
    capex_matrix,
    period,
    total_cost,
)


def test_capex_by_year_and_funding_status_has_every_status():
    assert capex_by_status(PLAN) == {
        2025: {"decided": 6_000_000, "applied_for": 4_000_000, "not_decided": 0},  # A; C + D
        2026: {"decided": 4_000_000, "applied_for": 0, "not_decided": 2_000_000},  # A; B
    }
    assert capex_by_status([]) == {}


def test_the_matrix_has_a_row_per_line_and_a_column_per_capex_year_with_totals():
    matrix = capex_matrix(PLAN)
    assert matrix.years == [2025, 2026]
    assert [(row.key, row.by_year, row.total) for row in matrix.rows] == [
        ("A", {2025: 6_000_000, 2026: 4_000_000}, 10_000_000),
        ("B", {2025: 0, 2026: 2_000_000}, 2_000_000),
        ("C", {2025: 3_000_000, 2026: 0}, 3_000_000),
        ("D", {2025: 1_000_000, 2026: 0}, 1_000_000),
    ]
    assert matrix.column_totals == {2025: 10_000_000, 2026: 6_000_000}
    assert matrix.total == 16_000_000
    empty = capex_matrix([])
    assert (empty.years, empty.rows, empty.total) == ([], [], 0)


def test_an_actions_period_is_the_measures_else_its_years_with_capex_or_opex():
    assert period(BUSES) == (2025, 2027)  # capex 2025–2026, opex 2026–2027
    assert period(RENOVATION) == (2026, 2026)  # savings in 2027 do not count
    assert period(BUSES, 2024, 2030) == (2024, 2030)
    assert period(BUSES, None, 2030) == (2025, 2030)
    assert period(type(BUSES)(key="E")) == (None, None)


def test_the_total_cost_is_capex_plus_opex_without_savings():
    assert total_cost(BUSES) == 10_400_000  # 10 Mkr + 2 × 200 000
    assert total_cost(RENOVATION) == 2_000_000
    assert total_cost(BARRIER) == 3_000_000
    assert total_cost(CHARGING) == 1_000_000
