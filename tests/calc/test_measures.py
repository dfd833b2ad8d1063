"""Expected reductions of measures by sector and status group, and plans in force."""

import pytest

from klimatlaget.calc.measures import (
    MeasureEffect,
    PlanVersion,
    Range,
    StatusGroup,
    plans_in_force,
    reductions_by_sector,
    total,
)

TRANSPORT, HEAT = "Transporter", "El och fjärrvärme"


def effect(status="decided", reduction=100.0, sector=TRANSPORT, **kwargs) -> MeasureEffect:
    return MeasureEffect(sector, status, reduction, **kwargs)


@pytest.mark.parametrize(
    ("status", "group"),
    [
        ("decided", StatusGroup.DECIDED),
        ("ongoing", StatusGroup.DECIDED),
        ("completed", StatusGroup.DECIDED),
        ("proposed", StatusGroup.PROPOSED),
        ("postponed", None),
        ("cancelled", None),
    ],
)
def test_each_status_falls_in_its_group(status, group):
    assert effect(status).group == group


def test_decided_and_proposed_add_up_per_sector_and_the_others_count_nowhere():
    effects = [
        effect("decided", 100, effect_year=2025),
        effect("ongoing", 50, effect_year=2024),
        effect("proposed", 30, effect_year=2025),
        effect("cancelled", 1000, effect_year=2025),
        effect("postponed", 1000, effect_year=2025),
        effect("completed", 20, HEAT, effect_year=2020),
    ]
    sectors = reductions_by_sector(effects, 2025)
    assert (sectors[TRANSPORT].decided_t, sectors[TRANSPORT].proposed_t) == (150, 30)
    assert (sectors[HEAT].decided_t, sectors[HEAT].proposed_t) == (20, 0)
    everything = total(sectors)
    assert (everything.decided_t, everything.proposed_t) == (170, 30)


def test_a_measure_counts_from_its_effect_year_else_its_start_year_and_keeps_counting():
    by_effect = effect(reduction=10, effect_year=2027, start_year=2024)
    by_start = effect(reduction=5, start_year=2026)
    assert reductions_by_sector([by_effect, by_start], 2025) == {}
    assert reductions_by_sector([by_effect, by_start], 2026)[TRANSPORT].decided_t == 5
    assert reductions_by_sector([by_effect, by_start], 2040)[TRANSPORT].decided_t == 15


def test_a_measure_without_years_counts_every_year_and_one_without_a_reduction_never():
    assert reductions_by_sector([effect(reduction=7)], 1990)[TRANSPORT].decided_t == 7
    assert reductions_by_sector([effect(reduction=None, effect_year=2020)], 2030) == {}


def test_ranges_add_up_and_a_measure_without_a_range_adds_its_central_value_to_both_ends():
    effects = [
        effect(reduction=100, low_t=60, high_t=150, effect_year=2020),
        effect(reduction=40, effect_year=2020),
        effect("proposed", 10, low_t=0, effect_year=2020),
    ]
    sectors = reductions_by_sector(effects, 2030)
    assert sectors[TRANSPORT].decided == Range(140, 100, 190)
    assert sectors[TRANSPORT].proposed == Range(10, 0, 10)


def test_a_plan_is_in_force_when_adopted_and_not_replaced_by_an_adopted_version():
    plans = [
        PlanVersion(1, "adopted"),
        PlanVersion(2, "draft", replaces=1),  # a draft replaces nothing yet
        PlanVersion(3, "adopted"),
        PlanVersion(4, "adopted", replaces=3),
        PlanVersion(5, "replaced"),
        PlanVersion(6, "in_preparation"),
    ]
    assert plans_in_force(plans) == {1, 4}
