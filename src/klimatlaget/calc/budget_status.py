"""Traffic lights for an emissions budget: is the outcome (or its nowcast) within the budget?

Green: the outcome is at or below the budget. Amber: above it, but by no more than
:data:`AMBER_MARGIN` of the budget, or (for a nowcast) with the low end of its range at or
below the budget, so the budget may still hold. Red: clearly above. See docs/METHOD.md,
"Traffic lights".
"""

from __future__ import annotations

GREEN = "green"
AMBER = "amber"
RED = "red"
#: How far above the budget an outcome may be and still be amber.
AMBER_MARGIN = 0.05


def traffic_light(budget_t: float, outcome_t: float, low_t: float | None = None) -> str:
    """The light of ``outcome_t`` against ``budget_t``; ``low_t`` is a nowcast's range low."""
    if outcome_t <= budget_t:
        return GREEN
    if outcome_t <= budget_t + AMBER_MARGIN * abs(budget_t) or (
        low_t is not None and low_t <= budget_t
    ):
        return AMBER
    return RED


def deviation_pct(budget_t: float, outcome_t: float) -> float | None:
    """How far the outcome is from the budget, in per cent of the budget: above zero over it,
    below zero under it. None for a budget of zero or less (no share of it is meaningful)."""
    if budget_t <= 0:
        return None
    return (outcome_t - budget_t) / budget_t * 100
