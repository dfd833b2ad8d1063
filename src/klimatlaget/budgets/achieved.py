"""The reductions measures achieved, as the approved follow-up reports them, taken off the
budget's nowcast (docs/METHOD.md, "Nowcast", step 3).

The outcome (:mod:`.outcome`) is cached per data version, and the follow-up is not part of it, so
the reductions are taken off when the report is made, as the measures' expected reductions are
brought in (:mod:`.reductions`). For a nowcast of year Y whose last SMHI year is L, each sector
loses what measures had achieved by the end of Y less what they had achieved by the end of L
(SMHI's figure of L already contains that); the rules are
:func:`klimatlaget.calc.nowcast.achieved_since` and :func:`~klimatlaget.calc.nowcast.less_achieved`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from klimatlaget.calc.nowcast import achieved_since, nowcast_less_achieved
from klimatlaget.followup.achieved import achieved_reductions, latest_approved
from klimatlaget.followup.models import FollowUpPeriod, PeriodState
from klimatlaget.organisations.models import Organisation

from .outcome import NOWCAST, BudgetOutcome


@dataclass(frozen=True)
class FollowUpAdjustment:
    """What the follow-up took off the nowcast: ``period`` is the latest approved period up to
    the end of the year (its label, e.g. "2025 Q3"); ``sectors`` the tonnes by sector."""

    period: str
    sectors: dict[str, float] = field(default_factory=dict)

    @property
    def total_t(self) -> float:
        return math.fsum(self.sectors.values())


def _latest_year(organisation: Organisation, year: int) -> int | None:
    """The latest year up to ``year`` with an approved follow-up period."""
    years = FollowUpPeriod.objects.filter(
        organisation=organisation, state=PeriodState.APPROVED, year__lte=year
    ).values_list("year", flat=True)
    return max(years, default=None)


def achieved_by(organisation: Organisation, year: int) -> dict[str, float]:
    """Sector → the yearly reduction measures had achieved by the end of ``year``: that of the
    latest approved period up to then (a reduction achieved keeps reducing in later years)."""
    latest = _latest_year(organisation, year)
    return achieved_reductions(organisation, latest) if latest is not None else {}


def with_achieved(
    organisation: Organisation, outcome: BudgetOutcome
) -> tuple[BudgetOutcome, FollowUpAdjustment | None]:
    """The outcome with the follow-up's achieved reductions taken off every sector's nowcast
    (also where SMHI's figure exists: the nowcast beside it is made as it would have been), and
    what was taken off; the outcome unchanged and None without an approved period up to the
    year or without a nowcast."""
    estimate = outcome.nowcast
    latest = _latest_year(organisation, outcome.year)
    if estimate is None or latest is None:
        return outcome, None
    period = latest_approved(organisation, latest)
    assert period is not None
    in_year = achieved_reductions(organisation, latest)
    by_last_known: dict[int, dict[str, float]] = {}
    taken: dict[str, float] = {}
    for sector in estimate.sectors:
        last = sector.last_known_year
        if last not in by_last_known:
            by_last_known[last] = achieved_by(organisation, last) if in_year else {}
        since = achieved_since(in_year, by_last_known[last]).get(sector.sector, 0.0)
        if since > 0:
            taken[sector.sector] = since
    adjustment = FollowUpAdjustment(period.label, taken)
    if not taken:
        return outcome, adjustment
    adjusted = nowcast_less_achieved(estimate, taken)
    by_sector = {s.sector: s for s in adjusted.sectors}
    sectors = tuple(replace(s, nowcast=by_sector.get(s.sector, s.nowcast)) for s in outcome.sectors)
    return replace(outcome, sectors=sectors, nowcast=adjusted), adjustment


def still_expected(
    outcome: BudgetOutcome,
    expected: Mapping[str, tuple[float, float]],
    adjustment: FollowUpAdjustment | None,
) -> dict[str, tuple[float, float]]:
    """Per sector, ``(decided_t, proposed_t)`` still to come beyond the outcome: where the
    follow-up took achieved reductions off a sector's estimate, the decided measures' expected
    reduction less that much (not below zero), so that the gap does not count them twice."""
    still = dict(expected)
    if adjustment is None:
        return still
    estimated = {s.sector for s in outcome.sectors if s.outcome_kind == NOWCAST}
    for sector, taken in adjustment.sectors.items():
        if sector in estimated and sector in still:
            decided, proposed = still[sector]
            still[sector] = (max(0.0, decided - taken), proposed)
    return still
