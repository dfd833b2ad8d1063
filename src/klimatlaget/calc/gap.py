"""The gap table and the forecast of an emissions budget's year (pure).

For each main sector and in total, in year Y:

* **base** – the emissions of the pathway's base year;
* **target** – the year's value on the chosen pathway (by sector: the sector's budget);
* **trend** – the trend's value in Y (the median line through the last data year);
* **decided**, **proposed** – what measures add to the trend by Y (:mod:`.wedges`);
* **forecast** = trend − decided (not below zero), with a traffic light against the target;
* **gap** = trend − decided − proposed − target: above zero, the target is missed even if every
  proposed measure is carried out; zero or below, it is covered.

The total's trend is fitted on the total (the organisation page's trend), the sectors' each on
its own, so the sectors' trends need not add up to it. Measures in sectors without emissions
data (the organisation's own operations, consumption) are not in the territorial figures: they
are listed apart and left out of the total. See docs/METHOD.md, "Forecast, gap table and wedges".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from klimatlaget.calc.budget_status import traffic_light

TOTAL = "total"


@dataclass(frozen=True, slots=True)
class GapRow:
    """One sector (or :data:`TOTAL`) in the gap table; None where a figure is missing."""

    sector: str
    base_t: float | None
    target_t: float | None
    trend_t: float | None
    decided_t: float
    proposed_t: float

    @property
    def forecast_t(self) -> float | None:
        """The trend less the decided measures (not below zero)."""
        return None if self.trend_t is None else max(0.0, self.trend_t - self.decided_t)

    @property
    def gap_t(self) -> float | None:
        if self.trend_t is None or self.target_t is None:
            return None
        return self.trend_t - self.decided_t - self.proposed_t - self.target_t

    @property
    def covered(self) -> bool | None:
        """The gap is closed (zero or below) when every proposed measure is carried out."""
        gap = self.gap_t
        return None if gap is None else gap <= 0

    @property
    def light(self) -> str | None:
        """The forecast against the target (the budget): green, amber or red."""
        forecast = self.forecast_t
        if forecast is None or self.target_t is None:
            return None
        return traffic_light(self.target_t, forecast)


@dataclass(frozen=True, slots=True)
class GapTable:
    year: int
    base_year: int | None
    rows: tuple[GapRow, ...]  # the sectors, then the total
    outside: tuple[GapRow, ...]  # sectors with measures but no emissions data

    @property
    def total(self) -> GapRow:
        return self.rows[-1]


def gap_table(
    year: int,
    base_year: int | None,
    sectors: Sequence[str],
    sector_emissions: Mapping[str, Mapping[int, float]],
    total_emissions: Mapping[int, float],
    sector_trends: Mapping[str, float],
    total_trend: float | None,
    sector_targets: Mapping[str, float],
    total_target: float | None,
    reductions: Mapping[str, tuple[float, float]],
) -> GapTable:
    """The gap table of ``year`` for ``sectors`` (in that order) and the total.

    ``sector_trends`` and ``total_trend`` are the trend values of the year (a sector without
    a trend is absent); ``sector_targets`` the sectors' targets (budgets); ``reductions`` per
    sector ``(decided_t, proposed_t)`` as :func:`klimatlaget.calc.wedges.added_reductions`
    gives them, also for sectors not in ``sectors`` (those go to ``outside``)."""

    def base(series: Mapping[int, float]) -> float | None:
        return None if base_year is None else series.get(base_year)

    rows = [
        GapRow(
            sector=sector,
            base_t=base(sector_emissions.get(sector, {})),
            target_t=sector_targets.get(sector),
            trend_t=sector_trends.get(sector),
            decided_t=reductions.get(sector, (0.0, 0.0))[0],
            proposed_t=reductions.get(sector, (0.0, 0.0))[1],
        )
        for sector in sectors
    ]
    total = GapRow(
        sector=TOTAL,
        base_t=base(total_emissions),
        target_t=total_target,
        trend_t=total_trend,
        decided_t=math.fsum(row.decided_t for row in rows),
        proposed_t=math.fsum(row.proposed_t for row in rows),
    )
    outside = tuple(
        GapRow(sector, None, None, None, decided, proposed)
        for sector, (decided, proposed) in sorted(reductions.items())
        if sector not in sectors and (decided or proposed)
    )
    return GapTable(year, base_year, (*rows, total), outside)


@dataclass(frozen=True, slots=True)
class StatusCount:
    """The measures of one status: how many, and their expected reduction (t a year, as the
    measures state it, whatever their year)."""

    status: str
    count: int
    reduction_t: float


def by_status(
    measures: Sequence[tuple[str, float | None]], statuses: Sequence[str]
) -> list[StatusCount]:
    """``(status, expected reduction)`` pairs counted per status, in the order of
    ``statuses`` (every status listed, also with no measure)."""
    counts = dict.fromkeys(statuses, 0)
    sums: dict[str, list[float]] = {status: [] for status in statuses}
    for status, reduction in measures:
        if status in counts:
            counts[status] += 1
            if reduction is not None:
                sums[status].append(reduction)
    return [StatusCount(s, counts[s], math.fsum(sums[s])) for s in statuses]
