"""A unit's emission quota against its emissions so far: the share used, what remains and the
traffic light of the quarters followed up."""

import pytest

from klimatlaget.calc.budget_status import AMBER, GREEN, RED
from klimatlaget.calc.quotas import quota_status, total_status


def test_nothing_entered_has_no_outcome_and_no_light():
    status = quota_status(500, {})
    assert (status.outcome_t, status.periods, status.used_pct, status.light) == (
        None,
        0,
        None,
        None,
    )
    assert status.remaining_t is None


def test_quarters_add_up_and_are_compared_with_their_share_of_the_quota():
    # METHOD.md's example: 1 000 t, Q1 240 t and Q2 270 t.
    status = quota_status(1000, {1: 240, 2: 270})
    assert status.outcome_t == 510
    assert status.periods == 2
    assert status.quota_so_far_t == 500
    assert status.used_pct == pytest.approx(51.0)
    assert status.remaining_t == 490
    assert status.light == AMBER  # 2 % above the half-year share


@pytest.mark.parametrize(
    ("outcomes", "light"),
    [
        ({1: 125}, GREEN),  # exactly a quarter of 500
        ({1: 131.25}, AMBER),  # 5 % above the quarter's share
        ({1: 132}, RED),
        ({1: 150, 2: 150}, RED),  # 60 % used after half the year, though 200 t remain
        ({1: 100, 2: 100, 3: 100, 4: 100}, GREEN),
        ({3: 120}, GREEN),  # a single later quarter is still one quarter's share
    ],
)
def test_the_light_follows_the_budget_rule_on_the_share_so_far(outcomes, light):
    assert quota_status(500, outcomes).light == light


def test_the_whole_year_figure_wins_over_the_quarters():
    status = quota_status(400, {0: 390, 1: 300, 2: 300})
    assert status.outcome_t == 390
    assert status.periods == 4
    assert status.light == GREEN
    assert status.remaining_t == 10
    assert quota_status(400, {0: 450}).light == RED


def test_a_zero_quota_has_no_share_used_and_any_emissions_are_over():
    status = quota_status(0, {1: 1})
    assert status.used_pct is None
    assert status.light == RED
    assert status.remaining_t == -1
    assert quota_status(0, {1: 0}).light == GREEN


def test_the_total_counts_the_whole_quotas_but_only_followed_up_units_in_the_light():
    statuses = [
        quota_status(1000, {1: 200}),  # share so far 250
        quota_status(400, {1: 120, 2: 100}),  # share so far 200
        quota_status(600, {}),  # not followed up
    ]
    total = total_status(statuses)
    assert total.quota_t == 2000
    assert total.outcome_t == 420
    assert total.quota_so_far_t == 450
    assert total.light == GREEN
    assert total.used_pct == pytest.approx(21.0)
    assert total.remaining_t == 1580


def test_a_total_with_nothing_followed_up():
    total = total_status([quota_status(100, {})])
    assert (total.outcome_t, total.light, total.used_pct, total.remaining_t) == (
        None,
        None,
        None,
        None,
    )
    assert total_status([]).quota_t == 0
