"""Traffic lights of an emissions budget."""

import pytest

from klimatlaget.calc.budget_status import AMBER, GREEN, RED, deviation_pct, traffic_light


@pytest.mark.parametrize(
    ("budget", "outcome", "low", "light"),
    [
        (1000, 1000, None, GREEN),  # at the budget
        (1000, 400, None, GREEN),
        (1000, 1050, None, AMBER),  # 5 % above: still amber
        (1000, 1051, None, RED),
        (1000, 1200, 990, AMBER),  # a nowcast whose range reaches down to the budget
        (1000, 1200, 1001, RED),
        (0, 1, None, RED),  # nothing allowed, something emitted
    ],
)
def test_traffic_light(budget, outcome, low, light):
    assert traffic_light(budget, outcome, low) == light


@pytest.mark.parametrize(
    ("budget", "outcome", "deviation"),
    [(1000, 1100, 10.0), (1000, 750, -25.0), (1000, 1000, 0.0), (0, 10, None), (-5, 10, None)],
)
def test_deviation_from_the_budget(budget, outcome, deviation):
    result = deviation_pct(budget, outcome)
    assert result == (None if deviation is None else pytest.approx(deviation))
