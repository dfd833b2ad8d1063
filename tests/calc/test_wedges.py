"""Wedges: what measures add to the trend after the last data year, phased in linearly."""

import pytest

from klimatlaget.calc.measures import MeasureEffect
from klimatlaget.calc.wedges import added_reduction, added_reductions, trend_values, wedges

TRANSPORT, HEAT = "Transporter", "El och fjärrvärme"


def effect(status="decided", reduction=100.0, sector=TRANSPORT, **kwargs) -> MeasureEffect:
    return MeasureEffect(sector, status, reduction, **kwargs)


def test_a_measure_phases_in_linearly_from_its_start_to_its_effect_year():
    fleet = effect(reduction=120.0, start_year=2024, effect_year=2028)
    assert [fleet.phase_in(y) for y in range(2023, 2030)] == [0, 0, 0.25, 0.5, 0.75, 1, 1]


@pytest.mark.parametrize(
    ("years", "shares"),
    [
        ({"effect_year": 2026}, (0, 1, 1)),
        ({"start_year": 2026}, (0, 1, 1)),
        ({}, (1, 1, 1)),
        ({"start_year": 2027, "effect_year": 2026}, (0, 1, 1)),  # effect year first: a step
    ],
)
def test_with_one_year_or_none_it_counts_fully_from_that_year(years, shares):
    measure = effect(**years)
    assert tuple(measure.phase_in(y) for y in (2025, 2026, 2030)) == shares


def test_only_what_is_phased_in_after_the_last_data_year_is_added():
    # 120 t from 2024 to 2028: in 2023 (the last data year) nothing, in 2026 half of it.
    fleet = effect(reduction=120.0, start_year=2024, effect_year=2028)
    assert added_reduction(fleet, 2026, 2023) == 60.0
    # With data up to 2025 a quarter is already in the trend: 2026 adds 0.5 − 0.25 of it.
    assert added_reduction(fleet, 2026, 2025) == 30.0
    assert added_reduction(fleet, 2030, 2025) == 90.0
    assert added_reduction(fleet, 2025, 2025) == 0.0
    assert added_reduction(fleet, 2024, 2025) == 0.0  # before the last data year: nothing
    done = effect(reduction=500.0, effect_year=2020, status="completed")
    assert added_reduction(done, 2030, 2023) == 0.0  # already in the figures


def test_sums_by_sector_and_group_and_postponed_or_cancelled_add_nothing():
    effects = [
        effect("decided", 100, effect_year=2026),
        effect("ongoing", 40, start_year=2024, effect_year=2028),  # 2026: half, 20
        effect("proposed", 30, effect_year=2026),
        effect("postponed", 1000, effect_year=2026),
        effect("cancelled", 1000, effect_year=2026),
        effect("proposed", None, effect_year=2026),
        effect("completed", 10, HEAT, effect_year=2025),
    ]
    assert added_reductions(effects, 2026, 2023) == {TRANSPORT: (120.0, 30.0), HEAT: (10.0, 0.0)}


def test_the_wedges_open_from_zero_below_the_trend():
    trend = trend_values(2023, 1000.0, -50.0, range(2023, 2028))
    assert trend == {2023: 1000, 2024: 950, 2025: 900, 2026: 850, 2027: 800}
    target = {2026: 700.0, 2027: 600.0}
    effects = [
        effect("decided", 100, start_year=2023, effect_year=2027),  # 25 t more a year
        effect("proposed", 200, effect_year=2026),
        effect("decided", 999, sector="consumption", effect_year=2025),
    ]
    rows = wedges(2023, 2027, trend, target, effects, sectors={TRANSPORT})
    assert [(r.year, r.decided_t, r.proposed_t) for r in rows] == [
        (2023, 0, 0),
        (2024, 25, 0),
        (2025, 50, 0),
        (2026, 75, 200),
        (2027, 100, 200),
    ]
    last = rows[-1]
    assert (last.after_decided_t, last.after_all_t) == (700, 500)
    assert last.gap_t == 800 - 100 - 200 - 600 == -100  # covered
    assert rows[0].target_t is None and rows[0].gap_t is None


def test_the_trend_and_the_lines_below_it_stop_at_zero():
    trend = trend_values(2023, 100.0, -60.0, range(2023, 2026))
    assert trend == {2023: 100, 2024: 40, 2025: 0}
    rows = wedges(2023, 2025, trend, {}, [effect(reduction=80, effect_year=2024)])
    assert rows[1].after_decided_t == 0 and rows[1].after_all_t == 0
