"""The leave-one-out slope range: each year left out in turn, in one batch."""

from __future__ import annotations

import pytest

from klimatlaget.calc import (
    MetricParameters,
    compute_trends,
    fit_leaving_each_out,
    lad_fit_irls,
    slope_range,
)

YEARS = [2015.0, 2016.0, 2017.0, 2018.0, 2019.0, 2020.0]
STEADY = [100.0, 90.0, 80.0, 70.0, 60.0, 50.0]
# Falling by 4 a year until a jump in the last year; leaving out 2019 lets the jump win.
FLIPPING = [100.0, 96.0, 92.0, 88.0, 84.0, 130.0]
# One outlier (2018) that a median line shrugs off whichever year is left out.
ROBUST = [100.0, 97.0, 95.0, 120.0, 90.0, 88.0]


def test_each_slope_is_the_fit_without_that_year() -> None:
    rows = [STEADY, FLIPPING, ROBUST]
    fits = fit_leaving_each_out(YEARS, rows)
    for ys, (fit, left_out) in zip(rows, fits, strict=True):
        assert fit == lad_fit_irls(YEARS, ys)  # batched with the others, yet the same
        assert len(left_out) == len(YEARS)
        for i, slope in enumerate(left_out):
            alone = lad_fit_irls(YEARS[:i] + YEARS[i + 1 :], ys[:i] + ys[i + 1 :])
            assert slope == pytest.approx(alone.slope, rel=1e-12, abs=1e-9)


def test_a_steady_series_has_a_narrow_range_that_stays_negative() -> None:
    ((fit, left_out),) = fit_leaving_each_out(YEARS, [STEADY])
    spread = slope_range(fit.slope, left_out)
    assert (spread.low, spread.high) == pytest.approx((-10.0, -10.0), abs=1e-6)
    assert not spread.uncertain


def test_one_year_can_flip_the_sign() -> None:
    ((fit, left_out),) = fit_leaving_each_out(YEARS, [FLIPPING])
    spread = slope_range(fit.slope, left_out)
    assert fit.slope == pytest.approx(-4.0, abs=1e-6)
    assert spread.low == pytest.approx(-4.0, abs=1e-6)
    assert spread.high == pytest.approx(left_out[4]) and left_out[4] > 0
    assert spread.uncertain


def test_an_outlier_does_not_make_a_median_trend_uncertain() -> None:
    ((fit, left_out),) = fit_leaving_each_out(YEARS, [ROBUST])
    spread = slope_range(fit.slope, left_out)
    assert spread.high < 0
    assert not spread.uncertain


@pytest.mark.parametrize(
    ("slope", "left_out", "expected"),
    [
        (-2.0, [-3.0, -1.0], (-3.0, -1.0, False)),
        (-2.0, [-3.0, 1.0], (-3.0, 1.0, True)),
        (-2.0, [-1.5, -1.0], (-2.0, -1.0, False)),  # the slope itself is always in the range
        (-2.0, [-3.0, 0.0], (-3.0, 0.0, True)),  # a flat line counts: the range includes zero
        (0.0, [0.0, 0.0], (0.0, 0.0, True)),
        (-2.0, [], (-2.0, -2.0, True)),  # two years: nothing to leave out
    ],
)
def test_slope_range(
    slope: float, left_out: list[float], expected: tuple[float, float, bool]
) -> None:
    spread = slope_range(slope, left_out)
    assert (spread.low, spread.high, spread.uncertain) == expected


def test_fewer_than_three_points_have_no_left_out_slopes() -> None:
    fits = fit_leaving_each_out([2015.0, 2016.0], [[1.0, 2.0], [3.0, 1.0]])
    assert [(fit.slope, left_out) for fit, left_out in fits] == [(1.0, []), (-2.0, [])]


def test_real_municipalities(municipality_totals: dict[str, dict[int, float]]) -> None:
    """On SMHI 2015–2023: one year flips Karlshamn's falling trend, and the flag now fires for
    trends whose median line is unique (the old flag never did, for 229 of 290)."""
    trends = compute_trends(municipality_totals, MetricParameters(current_year=2025))
    karlshamn = trends["Karlshamn"]
    assert karlshamn is not None
    assert karlshamn.slope_t_per_yr == pytest.approx(-2294.47, abs=0.01)
    assert karlshamn.slope_low < 0 < karlshamn.slope_high
    assert karlshamn.slope_high == pytest.approx(12927, abs=1)  # without 2023
    assert karlshamn.uncertain
    present = [trend for trend in trends.values() if trend is not None]
    assert len(present) == 290
    assert all(t.slope_low <= t.slope_t_per_yr <= t.slope_high for t in present)
    uncertain = [t for t in present if t.uncertain]
    assert 10 <= len(uncertain) <= 60
    unique_line = [t for t in uncertain if t.slope_range[0] == t.slope_range[1]]
    assert len(unique_line) >= 10
