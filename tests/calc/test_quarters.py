"""Quarterly profiles: equal quarters and the heating season derived from degree days."""

from __future__ import annotations

import math

import pytest

from klimatlaget.calc.quarters import (
    EQUAL,
    HEATING_SEASON,
    NORMAL_DEGREE_DAYS_BY_MONTH,
    QuarterProfile,
    degree_day_profile,
)


def test_equal_quarters() -> None:
    assert EQUAL.shares == (0.25, 0.25, 0.25, 0.25)


def test_heating_season_from_degree_days() -> None:
    # 4605 degree days a year; quarter 1 has 686 + 625 + 587 = 1898 of them. A fifth of the
    # heat is spread evenly (0.05 a quarter), the rest follows the degree days:
    # Q1 = 0.05 + 0.8·1898/4605 = 0.3797; Q3 = 0.05 + 0.8·(49 + 79 + 204)/4605 = 0.1077.
    assert sum(NORMAL_DEGREE_DAYS_BY_MONTH) == 4605
    q1, q2, q3, q4 = HEATING_SEASON.shares
    assert q1 == pytest.approx(0.05 + 0.8 * 1898 / 4605)
    assert q2 == pytest.approx(0.05 + 0.8 * 849 / 4605)
    assert q3 == pytest.approx(0.05 + 0.8 * 332 / 4605)
    assert q4 == pytest.approx(0.05 + 0.8 * 1526 / 4605)
    assert math.fsum(HEATING_SEASON.shares) == pytest.approx(1.0)
    assert (round(q1, 2), round(q2, 2), round(q3, 2), round(q4, 2)) == (0.38, 0.2, 0.11, 0.32)


def test_no_base_load_follows_degree_days_alone() -> None:
    profile = degree_day_profile((1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1), 0.0)
    assert profile.shares == (0.5, 0.0, 0.0, 0.5)


@pytest.mark.parametrize("shares", [(0.5, 0.5, 0.5, -0.5), (0.3, 0.3, 0.3, 0.3), (0.5, 0.5, 0.0)])
def test_invalid_profiles(shares: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match="profile"):
        QuarterProfile("bad", shares)  # type: ignore[arg-type]
