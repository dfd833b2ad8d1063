"""The trend: shift through the last value, approximation, floor, zero date, uncertainty."""

from __future__ import annotations

import datetime

import pytest

from klimatlaget.calc import (
    MetricParameters,
    compute_trend,
    fractional_year_to_date,
)

# Four points on 100 − 10·(year − 2015) and 2019 at 65 instead of 60: the median line has
# slope −10 (see test_regression), and the shifted line passes through (2019, 65):
# T(year) = 65 − 10·(year − 2019).
SERIES = {2015: 100.0, 2016: 90.0, 2017: 80.0, 2018: 70.0, 2019: 65.0}
PARAMS = MetricParameters(current_year=2021)


def test_trend_is_shifted_through_the_last_value() -> None:
    trend = compute_trend(SERIES, PARAMS)
    assert trend is not None
    assert trend.slope_t_per_yr == pytest.approx(-10.0, abs=1e-6)
    # Unshifted fit: 100 − 10·(2019 − 2015) = 60 at 2019; shifted: 65.
    assert trend.fit.at(2019.0) == pytest.approx(60.0, abs=1e-4)
    assert (trend.anchor_year, trend.anchor_value) == (2019, 65.0)
    assert trend.value_at(2019) == 65.0
    assert trend.slope_range == pytest.approx((-10.0, -10.0))
    assert trend.slope_low <= -10.0 <= trend.slope_high < 0
    assert not trend.uncertain


def test_approximated_years_and_pathway_floored_at_zero() -> None:
    trend = compute_trend(SERIES, PARAMS)
    assert trend is not None
    # 2020: 65 − 10 = 55; 2021: 45.
    assert trend.approximated == {2020: pytest.approx(55.0), 2021: pytest.approx(45.0)}
    # 2021…2025: 45, 35, 25, 15, 5; 2026: 65 − 70 = −5 → 0; zero until 2050.
    expected = [45.0, 35.0, 25.0, 15.0, 5.0] + [0.0] * 25
    assert list(trend.pathway) == list(range(2021, 2051))
    assert list(trend.pathway.values()) == pytest.approx(expected, abs=1e-5)
    # Cumulative: 45 + 35 + 25 + 15 + 5 = 125.
    assert trend.cumulative_t == pytest.approx(125.0, abs=1e-4)


def test_zero_date_from_the_fractional_crossing_year() -> None:
    trend = compute_trend(SERIES, PARAMS)
    assert trend is not None
    # 65 − 10·(t − 2019) = 0 → t = 2025.5; 0.5·365 = 182.5 → day 182 after 1 January: 2 July.
    assert trend.zero_date == datetime.date(2025, 7, 2)


def test_rising_trend_has_no_zero_date() -> None:
    trend = compute_trend({2015: 10.0, 2016: 11.0, 2017: 12.0}, PARAMS)
    assert trend is not None
    assert trend.slope_t_per_yr == pytest.approx(1.0, abs=1e-6)
    assert trend.zero_date is None
    # 2017 → 2021: 12 + 4 = 16.
    assert trend.pathway[2021] == pytest.approx(16.0, abs=1e-5)


def test_trend_uses_only_years_from_trend_start_to_current_year() -> None:
    series = {1990: 1000.0, 2010: 5.0, 2015: 100.0, 2016: 90.0, 2017: 80.0, 2030: 0.0}
    trend = compute_trend(series, MetricParameters(current_year=2020))
    assert trend is not None
    assert trend.slope_t_per_yr == pytest.approx(-10.0, abs=1e-6)
    assert trend.anchor_year == 2017
    assert list(trend.approximated) == [2018, 2019, 2020]


def test_no_trend_with_fewer_than_two_years() -> None:
    assert compute_trend({}, PARAMS) is None
    assert compute_trend({2014: 5.0, 2019: 4.0}, PARAMS) is None


def test_no_approximation_when_data_reach_the_current_year() -> None:
    trend = compute_trend(SERIES, MetricParameters(current_year=2019))
    assert trend is not None
    assert trend.approximated == {}
    assert trend.pathway[2019] == 65.0


def test_equally_good_slopes_are_kept_beside_the_leave_one_out_range() -> None:
    # 100, 102, 102, 100: every slope in [−1, 1] fits all four years equally well, and leaving
    # out 2015 or 2018 gives −1 or +1: the range includes zero, so the trend is uncertain.
    series = {2015: 100.0, 2016: 102.0, 2017: 102.0, 2018: 100.0}
    trend = compute_trend(series, PARAMS)
    assert trend is not None
    assert trend.slope_range == pytest.approx((-1.0, 1.0))
    assert (trend.slope_low, trend.slope_high) == pytest.approx((-1.0, 1.0), abs=1e-6)
    assert trend.uncertain


def test_one_unusual_year_can_turn_a_falling_trend_uncertain() -> None:
    # Falling by 4 t a year, then a jump: without 2019 the jump pulls the line upwards.
    series = {2015: 100.0, 2016: 96.0, 2017: 92.0, 2018: 88.0, 2019: 84.0, 2020: 130.0}
    trend = compute_trend(series, PARAMS)
    assert trend is not None
    assert trend.slope_t_per_yr == pytest.approx(-4.0, abs=1e-6)
    assert trend.slope_low == pytest.approx(-4.0, abs=1e-6)
    assert trend.slope_high > 0
    assert trend.uncertain


def test_two_years_give_no_range_and_an_uncertain_trend() -> None:
    trend = compute_trend({2015: 100.0, 2016: 90.0}, PARAMS)
    assert trend is not None
    assert trend.slope_low == trend.slope_high == pytest.approx(-10.0)
    assert trend.uncertain


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (2030.0, datetime.date(2030, 1, 1)),
        (2030.5, datetime.date(2030, 7, 2)),
        (2028.5, datetime.date(2028, 7, 2)),  # leap year: 183 days after 1 January
        (2030.999999999, datetime.date(2030, 12, 31)),
        (10000.0, None),
        (float("inf"), None),
    ],
)
def test_fractional_year_to_date(when: float, expected: datetime.date | None) -> None:
    assert fractional_year_to_date(when) == expected
