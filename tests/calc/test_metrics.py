"""All metrics of one organisation: hand-worked values, edge cases and the export row."""

from __future__ import annotations

import datetime
import math

import pytest

from klimatlaget.calc import (
    MetricParameters,
    average_yearly_change_pct,
    change_pct,
    compute_metrics,
    compute_metrics_many,
    per_capita,
)
from klimatlaget.calc.metrics import Metrics

# 1990: 200, 2005: 130; 2015…2019 as in test_trend (slope −10, shifted line 65 − 10·(y − 2019)).
SERIES = {
    1990: 200.0,
    2005: 130.0,
    2015: 100.0,
    2016: 90.0,
    2017: 80.0,
    2018: 70.0,
    2019: 65.0,
}
POPULATION = {1990: 40, 2015: 50, 2019: 52, 2020: 53}
PARAMS = MetricParameters(current_year=2021, carbon_law_rate=0.5)

ROW_KEYS = {
    "last_year",
    "last_emissions_t",
    "change_since_1990_pct",
    "change_since_2005_pct",
    "avg_yearly_change_since_2015_pct",
    "trend_slope_t_per_yr",
    "trend_slope_min",
    "trend_slope_max",
    "trend_slope_low",
    "trend_slope_high",
    "trend_uncertain",
    "trend_cumulative_t",
    "carbon_law_cumulative_t",
    "gap_t",
    "gap_share_pct",
    "trend_leaves_pathway_year",
    "required_rate_pct",
    "remaining_budget_t",
    "remaining_budget_rate_pct",
    "trend_zero_date",
}


@pytest.fixture(scope="module")
def metrics() -> Metrics:
    return compute_metrics(SERIES, POPULATION, PARAMS)


def test_last_year_and_per_capita(metrics: Metrics) -> None:
    assert (metrics.last_year, metrics.last_emissions_t) == (2019, 65.0)
    # 200/40 = 5; 100/50 = 2; 65/52 = 1.25; 2020 has people but no emissions.
    assert metrics.per_capita == {1990: 5.0, 2015: 2.0, 2019: 1.25}


def test_change_since_base_years(metrics: Metrics) -> None:
    # (65 − 200)/200 = −67.5 %; (65 − 130)/130 = −50 %.
    assert metrics.change_since_1990_pct == pytest.approx(-67.5)
    assert metrics.change_since_2005_pct == pytest.approx(-50.0)
    assert metrics.change_since_base_pct == {1990: -67.5, 2005: -50.0}
    # Any other year of the data can be asked for: (65 − 100)/100 = −35 %.
    assert metrics.change_since(2015) == pytest.approx(-35.0)
    assert metrics.change_since(2000) is None


def test_average_yearly_change(metrics: Metrics) -> None:
    # −10/100 = −10 %, −10/90 = −11.11 %, −10/80 = −12.5 %, −5/70 = −7.14 %; mean −10.19 %.
    expected = (-10.0 - 100 / 9 - 12.5 - 50 / 7) / 4
    assert metrics.avg_yearly_change_since_2015_pct == pytest.approx(expected)


def test_carbon_law_from_the_approximated_current_year(metrics: Metrics) -> None:
    # The trend gives 45 t in 2021; halving each year: 45, 22.5, 11.25, …
    assert metrics.carbon_law[2021] == pytest.approx(45.0)
    assert metrics.carbon_law[2022] == pytest.approx(22.5)
    assert metrics.carbon_law_cumulative_t == pytest.approx(90.0 * (1 - 2.0**-30))


def test_gap_and_year_the_trend_leaves_the_pathway(metrics: Metrics) -> None:
    # Trend cumulative 125 (test_trend) − Carbon Law ≈ 90 → gap ≈ 35 t, 35/90 ≈ 38.9 %.
    assert metrics.gap_t == pytest.approx(35.0, abs=1e-4)
    assert metrics.gap_share == pytest.approx(35.0 / 90.0, abs=1e-6)
    # 2021: 45 = 45 (not above); 2022: 35 > 22.5.
    assert metrics.trend_leaves_pathway_year == 2022


def test_required_rate_default_and_delayed(metrics: Metrics) -> None:
    # Default start 2022, anchored at the same current-year value: the Carbon Law rate.
    assert metrics.required_rate == pytest.approx(0.5, abs=1e-9)
    assert metrics.budget_exhausted is False
    delayed = metrics.required_rate_from(2023)
    assert delayed is not None
    assert delayed.rate == pytest.approx(7 / 9, abs=1e-7)  # see test_pathways
    exhausted = metrics.required_rate_from(2024)
    assert exhausted is not None
    assert (exhausted.rate, exhausted.budget_exhausted) == (1.0, True)


def test_required_rate_with_a_configured_start_year() -> None:
    delayed = compute_metrics(SERIES, None, PARAMS.with_changes(reduction_start_year=2023))
    assert delayed.required_rate == pytest.approx(7 / 9, abs=1e-7)


def test_as_row(metrics: Metrics) -> None:
    row = metrics.as_row()
    assert row.keys() >= ROW_KEYS
    assert row["trend_zero_date"] == "2025-07-02"
    assert row["required_rate_pct"] == pytest.approx(50.0)
    assert row["gap_share_pct"] == pytest.approx(100 * 35 / 90, abs=1e-4)
    assert row["trend_uncertain"] is False
    assert row["trend_slope_low"] <= row["trend_slope_t_per_yr"] <= row["trend_slope_high"] < 0
    assert row["last_per_capita_t"] == 1.25
    rounded = metrics.as_row(rounded=True)
    assert rounded["change_since_2005_pct"] == -50.0
    assert rounded["gap_share_pct"] == 38.9
    assert rounded["trend_slope_t_per_yr"] == -10.0


def test_empty_series_gives_nones() -> None:
    empty = compute_metrics({}, None, PARAMS)
    assert empty.last_year is None
    assert empty.trend is None
    assert empty.carbon_law == {}
    row = empty.as_row()
    assert row.keys() >= ROW_KEYS
    assert all(row[key] is None for key in ROW_KEYS)


def test_series_too_short_for_a_trend() -> None:
    short = compute_metrics({1990: 10.0, 2005: 8.0, 2015: 5.0}, None, PARAMS)
    assert short.change_since_1990_pct == pytest.approx(-50.0)
    assert short.trend is None
    assert short.gap_t is None
    assert short.required_rate is None
    assert short.avg_yearly_change_since_2015_pct is None


def test_years_after_the_current_year_are_ignored() -> None:
    later = compute_metrics({**SERIES, 2025: 0.0}, None, PARAMS)
    assert later.last_year == 2019
    assert later.trend_leaves_pathway_year == 2022


def test_non_finite_values_are_refused_with_the_year() -> None:
    with pytest.raises(ValueError, match="2016"):
        compute_metrics({2015: 1.0, 2016: math.nan}, None, PARAMS)


def test_current_year_at_end_year_has_no_required_rate() -> None:
    final = compute_metrics(SERIES, None, MetricParameters(current_year=2050))
    assert final.carbon_law_cumulative_t is not None
    assert final.required_rate is None


def test_history_helpers() -> None:
    assert change_pct({1990: 0.0, 2020: 5.0}, 1990, 2020) is None
    assert change_pct({1990: 4.0}, 1990, 2020) is None
    assert per_capita({2020: 10.0}, {2020: 0}) == {}
    assert per_capita({2020: 10.0}, None) == {}
    # Gap in 2017: only 2015→2016 (+10 %) and 2018→2019 (−50 %) count; a zero start is skipped.
    series = {2015: 10.0, 2016: 11.0, 2018: 4.0, 2019: 2.0, 2020: 0.0, 2021: 1.0}
    assert average_yearly_change_pct(series, 2015) == pytest.approx((10 - 50 - 100) / 3)


def test_real_municipality(municipality_totals: dict[str, dict[int, float]]) -> None:
    series = municipality_totals["Ale"]
    result = compute_metrics(series, None, MetricParameters(current_year=2025))
    assert result.last_year == 2023
    assert result.trend is not None
    assert sorted(result.trend.approximated) == [2024, 2025]
    assert result.carbon_law[2025] == result.trend.pathway[2025]
    assert result.required_rate == pytest.approx(0.1172, abs=1e-9)
    assert result.trend.zero_date is None or result.trend.zero_date > datetime.date(2023, 1, 1)


def test_all_real_municipalities_compute(municipality_totals: dict[str, dict[int, float]]) -> None:
    params = MetricParameters(current_year=2025)
    for name, series in municipality_totals.items():
        result = compute_metrics(series, None, params)
        assert result.trend is not None, name
        low, high = result.trend.slope_range
        assert low <= high, name
        assert result.gap_t == pytest.approx(
            result.trend.cumulative_t - (result.carbon_law_cumulative_t or 0.0)
        )


def test_many_at_once_equal_one_by_one(municipality_totals: dict[str, dict[int, float]]) -> None:
    # The trends of series with the same years are fitted together; some series here lack
    # years (another group), one is too short for a trend and one is empty.
    params = MetricParameters(current_year=2025)
    inputs: dict[str, tuple[dict[int, float], dict[int, int] | None]] = {
        name: (series, {2023: 10_000}) for name, series in municipality_totals.items()
    }
    ale = municipality_totals["Ale"]
    inputs["Ale without 2016"] = ({y: v for y, v in ale.items() if y != 2016}, None)
    inputs["Ale without 2019"] = ({y: v for y, v in ale.items() if y != 2019}, None)
    inputs["one year"] = ({2023: 5.0}, None)
    inputs["empty"] = ({}, None)
    together = compute_metrics_many(inputs, params)
    assert list(together) == list(inputs)
    for name, (series, population) in inputs.items():
        assert together[name] == compute_metrics(series, population, params), name
    assert together["one year"].trend is None
    assert together["empty"].last_year is None


def test_remaining_budget(metrics: Metrics) -> None:
    # The trend falls 10 t a year from 65 t in 2019. The budget from 2019 at 50 %/yr is
    # 65·(1 − 0.5³²)/0.5 ≈ 130 t; 2019 and 2020 spend 65 + 55 = 120 t, leaving 10 t, less than
    # 2021's 45 t alone: the budget is spent and the rate is 100 %.
    remaining = metrics.remaining_budget
    assert remaining is not None
    assert remaining.remaining_t == pytest.approx(10.0)
    assert (remaining.rate, remaining.budget_exhausted) == (1.0, True)
    row = metrics.as_row(rounded=True)
    assert (row["remaining_budget_t"], row["remaining_budget_rate_pct"]) == (10.0, 100.0)
