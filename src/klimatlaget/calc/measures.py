"""Expected reductions of measures and the action plans in force (pure, no Django).

A measure expects a reduction in t CO2e per year against business-as-usual, with an optional
low–high range. It counts in a year from its effect year (else its start year; a measure with
neither counts in every year) and goes on counting after it ends: a heat pump installed keeps
saving. Measures are grouped by status: *decided* (decided, ongoing, completed) and *proposed*;
postponed and cancelled measures expect nothing. See docs/METHOD.md, "Measures".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class StatusGroup(StrEnum):
    DECIDED = "decided"
    PROPOSED = "proposed"


#: Each measure status in its group; statuses not named (postponed, cancelled) count in none.
STATUS_GROUPS: dict[str, StatusGroup] = {
    "decided": StatusGroup.DECIDED,
    "ongoing": StatusGroup.DECIDED,
    "completed": StatusGroup.DECIDED,
    "proposed": StatusGroup.PROPOSED,
}


@dataclass(frozen=True, slots=True)
class MeasureEffect:
    """What one measure expects: ``reduction_t`` a year, ``low_t``–``high_t`` when given."""

    sector: str
    status: str
    reduction_t: float | None
    low_t: float | None = None
    high_t: float | None = None
    effect_year: int | None = None
    start_year: int | None = None

    @property
    def group(self) -> StatusGroup | None:
        return STATUS_GROUPS.get(self.status)

    @property
    def from_year(self) -> int | None:
        """The first year the reduction counts (None: every year)."""
        return self.effect_year if self.effect_year is not None else self.start_year

    def counts_in(self, year: int) -> bool:
        first = self.from_year
        return self.reduction_t is not None and (first is None or first <= year)

    def phase_in(self, year: int) -> float:
        """The share (0–1) of the reduction reached in ``year`` when it phases in: linearly
        from nothing in the start year to all of it in the effect year; with only one of the
        years, all of it from that year on; with neither, all of it in every year. Used by the
        wedges and the gap table (:mod:`klimatlaget.calc.wedges`)."""
        start, effect = self.start_year, self.effect_year
        if start is not None and effect is not None and start < effect:
            return min(1.0, max(0.0, (year - start) / (effect - start)))
        first = self.from_year
        return 1.0 if first is None or first <= year else 0.0


@dataclass(frozen=True, slots=True)
class Range:
    """A sum of expected reductions with its low–high range (t CO2e a year); a measure without
    a range adds its central value to both ends."""

    central_t: float = 0.0
    low_t: float = 0.0
    high_t: float = 0.0

    def plus(self, effect: MeasureEffect) -> Range:
        central = effect.reduction_t or 0.0
        low = effect.low_t if effect.low_t is not None else central
        high = effect.high_t if effect.high_t is not None else central
        return Range(self.central_t + central, self.low_t + low, self.high_t + high)


@dataclass(frozen=True, slots=True)
class SectorReductions:
    """One sector's expected reduction in a year from decided and from proposed measures."""

    decided: Range = Range()
    proposed: Range = Range()

    @property
    def decided_t(self) -> float:
        return self.decided.central_t

    @property
    def proposed_t(self) -> float:
        return self.proposed.central_t

    def plus(self, effect: MeasureEffect) -> SectorReductions:
        if effect.group == StatusGroup.DECIDED:
            return SectorReductions(self.decided.plus(effect), self.proposed)
        if effect.group == StatusGroup.PROPOSED:
            return SectorReductions(self.decided, self.proposed.plus(effect))
        return self


def reductions_by_sector(
    effects: Iterable[MeasureEffect], year: int
) -> dict[str, SectorReductions]:
    """The expected reductions in ``year``, by sector (only sectors with a counting measure)."""
    sectors: dict[str, SectorReductions] = {}
    for effect in effects:
        if effect.group is None or not effect.counts_in(year):
            continue
        sectors[effect.sector] = sectors.get(effect.sector, SectorReductions()).plus(effect)
    return sectors


def total(sectors: dict[str, SectorReductions]) -> SectorReductions:
    """All sectors together."""
    decided, proposed = Range(), Range()
    for each in sectors.values():
        decided = _add(decided, each.decided)
        proposed = _add(proposed, each.proposed)
    return SectorReductions(decided, proposed)


def _add(a: Range, b: Range) -> Range:
    return Range(a.central_t + b.central_t, a.low_t + b.low_t, a.high_t + b.high_t)


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """An action plan as far as "in force" is concerned."""

    id: int
    status: str
    replaces: int | None = None


def plans_in_force(plans: Iterable[PlanVersion]) -> set[int]:
    """The plans in force: adopted and not replaced, neither by status nor by an adopted plan
    that names it as the version it replaces."""
    plans = list(plans)
    replaced = {plan.replaces for plan in plans if plan.status == "adopted" and plan.replaces}
    return {plan.id for plan in plans if plan.status == "adopted" and plan.id not in replaced}
