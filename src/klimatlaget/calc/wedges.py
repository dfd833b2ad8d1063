"""Wedges: the reductions measures are expected to add to the trend, year by year (pure).

The trend runs through the last data year's observed emissions, so whatever measures had
achieved by then is already in it. What a measure adds in a later year Y is therefore its
expected reduction times the part of it phased in *after* the last data year L:
``reduction × (phase(Y) − phase(L))``, where the phase rises linearly from 0 in the measure's
start year to 1 in its effect year (:meth:`MeasureEffect.phase_in`). A measure in full effect
by L adds nothing; one without years counts as in effect all along, so it adds nothing either.
Decided (decided, ongoing, completed) and proposed measures are summed apart; postponed and
cancelled ones add nothing. See docs/METHOD.md, "Forecast, gap table and wedges".
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from klimatlaget.calc.measures import MeasureEffect, StatusGroup


def added_reduction(effect: MeasureEffect, year: int, since: int) -> float:
    """What ``effect`` adds in ``year`` beyond what it had reached in ``since`` (t; never
    below zero, so a year up to ``since`` gets nothing)."""
    if effect.reduction_t is None or effect.group is None or year <= since:
        return 0.0
    return effect.reduction_t * max(0.0, effect.phase_in(year) - effect.phase_in(since))


def added_reductions(
    effects: Iterable[MeasureEffect], year: int, since: int
) -> dict[str, tuple[float, float]]:
    """Per sector, ``(decided_t, proposed_t)`` added in ``year`` beyond ``since`` (only sectors
    with a measure in either group)."""
    sums: dict[str, list[float]] = {}
    for effect in effects:
        if effect.group is None or effect.reduction_t is None:
            continue
        index = 0 if effect.group == StatusGroup.DECIDED else 1
        sums.setdefault(effect.sector, [0.0, 0.0])[index] += added_reduction(effect, year, since)
    return {sector: (decided, proposed) for sector, (decided, proposed) in sums.items()}


@dataclass(frozen=True, slots=True)
class WedgeYear:
    """One year of the wedge chart (t CO2e): the trend, the target pathway (None where it has
    no value) and the reductions decided and proposed measures add to the trend."""

    year: int
    trend_t: float
    target_t: float | None
    decided_t: float
    proposed_t: float

    @property
    def after_decided_t(self) -> float:
        """The trend less the decided measures (not below zero)."""
        return max(0.0, self.trend_t - self.decided_t)

    @property
    def after_all_t(self) -> float:
        """The trend less the decided and the proposed measures (not below zero)."""
        return max(0.0, self.trend_t - self.decided_t - self.proposed_t)

    @property
    def gap_t(self) -> float | None:
        """What is left above the target after every measure (negative: covered)."""
        if self.target_t is None:
            return None
        return self.trend_t - self.decided_t - self.proposed_t - self.target_t


def wedges(
    first_year: int,
    last_year: int,
    trend: Mapping[int, float],
    target: Mapping[int, float],
    effects: Iterable[MeasureEffect],
    sectors: Collection[str] | None = None,
) -> list[WedgeYear]:
    """The years ``first_year`` (the last data year: no wedge yet) … ``last_year`` that the
    trend has a value for. ``sectors`` limits the measures to those sectors (None: all)."""
    chosen = [e for e in effects if sectors is None or e.sector in sectors]
    rows = []
    for year in range(first_year, last_year + 1):
        if year not in trend:
            continue
        added = added_reductions(chosen, year, first_year).values()
        rows.append(
            WedgeYear(
                year=year,
                trend_t=trend[year],
                target_t=target.get(year),
                decided_t=math.fsum(decided for decided, _ in added),
                proposed_t=math.fsum(proposed for _, proposed in added),
            )
        )
    return rows


def trend_values(anchor_year: int, anchor_t: float, slope: float, years: range) -> dict[int, float]:
    """A trend line through (``anchor_year``, ``anchor_t``) with ``slope`` t a year, floored at
    zero like every trend of the platform, in ``years``."""
    return {year: max(0.0, anchor_t + slope * (year - anchor_year)) for year in years}
