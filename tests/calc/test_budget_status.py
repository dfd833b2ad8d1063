"""Traffic lights of an emissions budget."""

import pytest

from klimatlaget.calc.budget_status import AMBER, GREEN, RED, traffic_light


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
