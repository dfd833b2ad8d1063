"""Carbon Law pathways, cumulative sums and the required reduction rate, worked by hand."""

from __future__ import annotations

import pytest

from klimatlaget.calc import (
    carbon_law_pathway,
    cumulative,
    remaining_budget_rate,
    required_reduction_rate,
)


def test_carbon_law_values() -> None:
    # 1000 t in 2025 falling 11.72 %/yr: ×0.8828 per year.
    # 2026: 882.8; 2027: 882.8·0.8828 = 779.33584.
    pathway = carbon_law_pathway(2025, 1000.0, 0.1172, 2050)
    assert list(pathway) == list(range(2025, 2051))
    assert pathway[2025] == 1000.0
    assert pathway[2026] == pytest.approx(882.8)
    assert pathway[2027] == pytest.approx(779.33584)


def test_carbon_law_cumulative_is_a_geometric_sum() -> None:
    # 2025…2050 are 26 values: 1000·(1 − 0.8828^26) / 0.1172.
    expected = 1000.0 * (1 - 0.8828**26) / 0.1172
    assert cumulative(carbon_law_pathway(2025, 1000.0, 0.1172, 2050)) == pytest.approx(expected)
    # Halving from 8: 8 + 4 + 2 + 1 = 15.
    assert cumulative(carbon_law_pathway(2047, 8.0, 0.5, 2050)) == 15.0


def test_carbon_law_rate_must_be_a_share() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        carbon_law_pathway(2025, 1.0, 1.5, 2050)


# The trend of test_trend: 45, 35, 25, 15, 5, then 0 for 2021…2050 (cumulative 125).
TREND = {year: max(0.0, 45.0 - 10.0 * (year - 2021)) for year in range(2021, 2051)}
# Carbon Law at 50 %/yr from 45: 45·(1 + 1/2 + … + 1/2^29) = 90·(1 − 2^−30).
BUDGET = cumulative(carbon_law_pathway(2021, 45.0, 0.5, 2050))


def test_budget_by_hand() -> None:
    assert pytest.approx(90.0 * (1 - 2.0**-30)) == BUDGET


def test_reductions_from_next_year_need_the_carbon_law_rate() -> None:
    # Starting from the same current-year value, the only constant rate that spends the
    # Carbon Law budget is the Carbon Law rate itself.
    required = required_reduction_rate(TREND, BUDGET, 2022)
    assert required.rate == pytest.approx(0.5, abs=1e-9)
    assert not required.budget_exhausted
    assert required.reduction_start_year == 2022


def test_a_later_start_needs_a_higher_rate() -> None:
    # Follow the trend in 2021 and 2022 (45 + 35 = 80), then 35·s^k for 2023…2050 (k = 1…28)
    # with s = 1 − r: 80 + 35·s·(1 − s^28)/(1 − s) = 90·(1 − 2^−30). Ignoring s^28 and 2^−30
    # (both below 1e-8): s/(1 − s) = 10/35 → s = 2/9 → r = 7/9 ≈ 0.7778.
    required = required_reduction_rate(TREND, BUDGET, 2023)
    assert required.rate == pytest.approx(7 / 9, abs=1e-7)
    assert required.rate > required_reduction_rate(TREND, BUDGET, 2022).rate
    assert not required.budget_exhausted


def test_budget_exhausted_before_reductions_start() -> None:
    # 2021…2023 on the trend: 45 + 35 + 25 = 105 > 90 even if emissions then stop.
    required = required_reduction_rate(TREND, BUDGET, 2024)
    assert required.rate == 1.0
    assert required.budget_exhausted


def test_no_reduction_needed_when_a_flat_line_fits_the_budget() -> None:
    flat = dict.fromkeys(range(2021, 2051), 1.0)  # 30 t in total
    assert required_reduction_rate(flat, 30.0, 2022).rate == 0.0
    assert required_reduction_rate(flat, 29.0, 2022).rate > 0.0


@pytest.mark.parametrize("start", [2021, 2051])
def test_reduction_start_must_be_inside_the_period(start: int) -> None:
    with pytest.raises(ValueError, match="reduction_start_year"):
        required_reduction_rate(TREND, BUDGET, start)


def test_remaining_budget_rate_worked_by_hand() -> None:
    # Budget from the last data year 2024 at 10 %/yr: 100 + 90 + 81 + 72.9 = 343.9 t.
    # Falling 10 t a year, 2024 and 2025 spend 190 t: 153.9 t remain in 2026. This year's
    # 80 t are counted, so 2027 may emit 73.9 t = 80·(1 − r): r = 1 − 73.9/80 = 0.07625.
    falling = remaining_budget_rate({2024: 100.0, 2025: 90.0, 2026: 80.0, 2027: 70.0}, 0.1, 2026)
    assert falling.budget_t == pytest.approx(343.9)
    assert falling.remaining_t == pytest.approx(153.9)
    assert falling.rate == pytest.approx(0.07625)
    assert not falling.budget_exhausted
    # Flat at 100 t: 143.9 t remain, 100 t this year, so 43.9 t next: r = 0.561.
    flat = remaining_budget_rate(dict.fromkeys(range(2024, 2028), 100.0), 0.1, 2026)
    assert flat.rate == pytest.approx(0.561)


def test_remaining_budget_rate_equals_the_carbon_law_rate_without_years_spent() -> None:
    # Data reach the current year: nothing is spent off the pathway yet.
    result = remaining_budget_rate({2026: 100.0, 2027: 95.0, 2028: 90.0}, 0.1172, 2026)
    assert result.remaining_t == pytest.approx(result.budget_t)
    assert result.rate == pytest.approx(0.1172)


def test_remaining_budget_rate_spent_budget() -> None:
    # Budget 100 + 50 + 25 = 175 t at 50 %/yr; rising emissions spend 200 t by 2025.
    result = remaining_budget_rate({2024: 100.0, 2025: 100.0, 2026: 110.0}, 0.5, 2025)
    assert result.remaining_t == pytest.approx(75.0)
    assert result.budget_exhausted and result.rate == 1.0


def test_remaining_budget_rate_rejects_a_current_year_outside_the_series() -> None:
    with pytest.raises(ValueError, match="current_year must be from 2024 and before 2026"):
        remaining_budget_rate({2024: 1.0, 2025: 1.0, 2026: 1.0}, 0.1, 2026)
