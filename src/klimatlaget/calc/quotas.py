"""How much of a unit's yearly emission quota its emissions so far use, and its traffic light.

A quota is followed up per period: the emissions of each quarter, or of the whole year. The
year's outcome is the whole-year figure when there is one, else the sum of the quarters entered.
Part of the way through a year the outcome is compared with the quota's share of the quarters
followed up (a quarter of the quota each, as the budget's equal profile), so that a unit that
has used 60 % of its quota in two quarters is seen to be over, not within. The light is then
the budget page's rule (:func:`klimatlaget.calc.budget_status.traffic_light`). See
docs/METHOD.md, "Emission quotas".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from klimatlaget.calc.budget_status import traffic_light

YEAR = 0
QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class QuotaStatus:
    quota_t: float
    #: The quarters' emissions entered (quarter 1–4 → t CO2e).
    quarters: Mapping[int, float]
    #: The whole year's emissions as entered, if they were.
    year_t: float | None

    @property
    def outcome_t(self) -> float | None:
        """The year's emissions so far: the whole-year figure, else the quarters' sum."""
        if self.year_t is not None:
            return self.year_t
        if self.quarters:
            return sum(self.quarters.values())
        return None

    @property
    def periods(self) -> int:
        """How many quarters the outcome covers (4 with a whole-year figure)."""
        return 4 if self.year_t is not None else len(self.quarters)

    @property
    def quota_so_far_t(self) -> float:
        """The quota's share of the quarters followed up."""
        return self.quota_t * self.periods / 4

    @property
    def used_pct(self) -> float | None:
        """The outcome in per cent of the whole year's quota (None without either)."""
        outcome = self.outcome_t
        if outcome is None or self.quota_t <= 0:
            return None
        return 100 * outcome / self.quota_t

    @property
    def remaining_t(self) -> float | None:
        outcome = self.outcome_t
        return None if outcome is None else self.quota_t - outcome

    @property
    def light(self) -> str | None:
        outcome = self.outcome_t
        return None if outcome is None else traffic_light(self.quota_so_far_t, outcome)


def quota_status(quota_t: float, outcomes: Mapping[int, float]) -> QuotaStatus:
    """The status of a quota with ``outcomes`` by period (0: the whole year, 1–4: quarters)."""
    quarters = {q: outcomes[q] for q in QUARTERS if q in outcomes}
    return QuotaStatus(quota_t, quarters, outcomes.get(YEAR))


@dataclass(frozen=True)
class TotalStatus:
    """All units' quotas of a year together; the outcome and light are of the units followed up."""

    quota_t: float
    outcome_t: float | None
    quota_so_far_t: float

    @property
    def used_pct(self) -> float | None:
        if self.outcome_t is None or self.quota_t <= 0:
            return None
        return 100 * self.outcome_t / self.quota_t

    @property
    def remaining_t(self) -> float | None:
        return None if self.outcome_t is None else self.quota_t - self.outcome_t

    @property
    def light(self) -> str | None:
        if self.outcome_t is None:
            return None
        return traffic_light(self.quota_so_far_t, self.outcome_t)


def total_status(statuses: Iterable[QuotaStatus]) -> TotalStatus:
    items = list(statuses)
    outcomes = [s.outcome_t for s in items if s.outcome_t is not None]
    return TotalStatus(
        quota_t=sum(s.quota_t for s in items),
        outcome_t=sum(outcomes) if outcomes else None,
        quota_so_far_t=sum(s.quota_so_far_t for s in items if s.outcome_t is not None),
    )
