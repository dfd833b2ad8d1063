"""Is an indicator on track towards its targets? (pure)

An indicator has values by period (a year, or a quarter of it) and target values by year. Its
latest value (year Y) is compared with the value *needed* in Y: the target of Y itself; between
two target years, the straight line between them; before the first target year, the straight
line from the indicator's first value to that target; after the last target year, the last
target (it should still hold). On track when the latest value is at or on the good side of the
needed value: at or below it when lower is better, at or above it when higher is better. See
docs/METHOD.md, "Indicators on the dashboard".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DOWN = "down"
UP = "up"


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    """The latest value (``year``, ``quarter`` 0 for a whole year), the nearest target year and
    its value, the value needed in the latest year and whether it is on track (None without a
    value or a target)."""

    year: int | None
    quarter: int
    value: float | None
    target_year: int | None
    target_value: float | None
    needed: float | None
    on_track: bool | None


def _line(x0: float, y0: float, x1: float, y1: float, x: float) -> float:
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def needed_value(
    year: int, targets: Mapping[int, float], first: tuple[int, float] | None
) -> float | None:
    """The value needed in ``year`` (see the module); None without targets."""
    if not targets:
        return None
    if year in targets:
        return targets[year]
    before = [y for y in targets if y < year]
    after = [y for y in targets if y > year]
    if before and after:
        y0, y1 = max(before), min(after)
        return _line(y0, targets[y0], y1, targets[y1], year)
    if before:
        return targets[max(before)]
    y1 = min(after)
    if first is None or first[0] >= year:
        return None  # no earlier value to draw the line from
    return _line(first[0], first[1], y1, targets[y1], year)


def indicator_status(
    values: Sequence[tuple[int, int, float]], targets: Mapping[int, float], direction: str
) -> IndicatorStatus:
    """``values`` are ``(year, quarter, value)``; ``direction`` :data:`DOWN` or :data:`UP`."""
    if not values:
        nearest = min(targets) if targets else None
        return IndicatorStatus(
            None, 0, None, nearest, targets.get(nearest) if nearest else None, None, None
        )
    ordered = sorted(values)
    year, quarter, value = ordered[-1]
    first_year, _, first_value = ordered[0]
    nearest = min(targets, key=lambda y: (abs(y - year), -y)) if targets else None
    needed = needed_value(year, targets, (first_year, first_value))
    on_track = None
    if needed is not None:
        on_track = value <= needed if direction == DOWN else value >= needed
    return IndicatorStatus(
        year,
        quarter,
        value,
        nearest,
        targets[nearest] if nearest is not None else None,
        needed,
        on_track,
    )
