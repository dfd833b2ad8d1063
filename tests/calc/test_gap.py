"""The gap table, the forecast and its light, measures by status, indicators on track."""

import pytest

from klimatlaget.calc.gap import by_status, gap_table
from klimatlaget.calc.indicators import DOWN, UP, indicator_status, needed_value

TRANSPORT, HEAT = "Transporter", "El och fjärrvärme"


def table(reductions=None, **kwargs):
    arguments = {
        "year": 2026,
        "base_year": 1990,
        "sectors": [TRANSPORT, HEAT],
        "sector_emissions": {TRANSPORT: {1990: 80_000.0}, HEAT: {1990: 40_000.0}},
        "total_emissions": {1990: 120_000.0},
        "sector_trends": {TRANSPORT: 50_000.0, HEAT: 12_000.0},
        "total_trend": 61_000.0,
        "sector_targets": {TRANSPORT: 40_000.0, HEAT: 10_000.0},
        "total_target": 50_000.0,
        "reductions": reductions or {},
    }
    return gap_table(**{**arguments, **kwargs})


def test_the_worked_gap_table():
    gap = table({TRANSPORT: (6_000.0, 3_000.0), HEAT: (500.0, 2_000.0), "consumption": (7, 0)})
    transport, heat, total = gap.rows
    assert (transport.base_t, transport.target_t, transport.trend_t) == (80_000, 40_000, 50_000)
    # Transport: 50 000 − 6 000 − 3 000 − 40 000 = 1 000 t left: not covered.
    assert transport.gap_t == 1_000 and transport.covered is False
    assert transport.forecast_t == 44_000 and transport.light == "red"  # 10 % over
    # Heat: 12 000 − 500 − 2 000 − 10 000 = −500: covered.
    assert heat.gap_t == -500 and heat.covered is True
    assert heat.forecast_t == 11_500 and heat.light == "red"
    # The total has its own trend (61 000, not 62 000) and the sectors' reductions.
    assert (total.sector, total.base_t, total.decided_t, total.proposed_t) == (
        "total",
        120_000,
        6_500,
        5_000,
    )
    assert total.gap_t == 61_000 - 6_500 - 5_000 - 50_000 == -500
    assert total.forecast_t == 54_500 and total.light == "red"
    # Consumption has measures but no emissions data: apart, not in the total.
    assert [(r.sector, r.decided_t, r.gap_t) for r in gap.outside] == [("consumption", 7, None)]


def test_the_forecast_light_is_that_of_the_budget():
    gap = table({TRANSPORT: (10_000.0, 0.0), HEAT: (1_600.0, 0.0)})
    transport, heat, _total = gap.rows
    assert (transport.forecast_t, transport.light) == (40_000, "green")
    assert (heat.forecast_t, heat.light) == (10_400, "amber")  # 4 % over: within 5 %


def test_missing_figures_leave_the_gap_open():
    gap = table(sector_trends={TRANSPORT: 50_000.0}, total_target=None, base_year=None)
    heat, total = gap.rows[1], gap.total
    assert heat.trend_t is None and heat.forecast_t is None and heat.gap_t is None
    assert heat.light is None and heat.covered is None
    assert total.gap_t is None and total.light is None and total.base_t is None


def test_measures_are_counted_by_status_in_the_given_order():
    statuses = ["proposed", "decided", "ongoing", "completed", "postponed", "cancelled"]
    counts = by_status(
        [("decided", 100.0), ("decided", None), ("proposed", 30.0), ("cancelled", 5.0)],
        statuses,
    )
    assert [(c.status, c.count, c.reduction_t) for c in counts] == [
        ("proposed", 1, 30),
        ("decided", 2, 100),
        ("ongoing", 0, 0),
        ("completed", 0, 0),
        ("postponed", 0, 0),
        ("cancelled", 1, 5),
    ]


def test_the_value_needed_follows_the_targets():
    targets = {2025: 40.0, 2030: 20.0}
    assert needed_value(2025, targets, None) == 40
    assert needed_value(2027, targets, None) == pytest.approx(32)  # 40 − 2/5 × 20
    assert needed_value(2035, targets, None) == 20  # the last target still holds
    # Before the first target: the line from the first value (60 in 2020) to 40 in 2025.
    assert needed_value(2023, targets, (2020, 60.0)) == pytest.approx(48)
    assert needed_value(2023, targets, None) is None
    assert needed_value(2023, {}, (2020, 60.0)) is None


def test_an_indicator_is_on_track_on_the_good_side_of_the_value_needed():
    values = [(2020, 0, 60.0), (2023, 0, 47.0), (2023, 2, 49.0)]
    status = indicator_status(values, {2025: 40.0, 2030: 20.0}, DOWN)
    assert (status.year, status.quarter, status.value) == (2023, 2, 49)  # the latest period
    assert (status.target_year, status.target_value) == (2025, 40)
    assert status.needed == pytest.approx(48) and status.on_track is False
    share = indicator_status([(2020, 0, 10.0), (2024, 0, 30.0)], {2030: 50.0}, UP)
    assert share.needed == pytest.approx(10 + 40 * 4 / 10) and share.on_track is True
    assert indicator_status([], {2030: 5.0}, DOWN).on_track is None
    assert indicator_status([(2024, 0, 1.0)], {}, DOWN).target_year is None
