"""The report's headline figures that the platform knows itself: the members' average change in
emissions since 1990 and the Paris verdicts on their registered targets."""

from __future__ import annotations

import statistics as pystats
from collections.abc import Iterable
from dataclasses import dataclass, field

from klimatlaget.calc.history import change_pct
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.comparison.association import (
    VERDICT_ORDER,
    AssociationSummary,
    summarise,
)
from klimatlaget.targets.comparison.service import VERDICT_LABELS
from klimatlaget.targets.evaluation import target_parameters

BASE_YEAR = 1990


@dataclass(frozen=True)
class MemberChange:
    code: str
    name: str
    change_pct: float | None


@dataclass
class EmissionsChange:
    """The members' change in total emissions from 1990 to ``latest_year`` (the newest year
    with data up to the survey's year), and the plain mean of the members' changes in %."""

    base_year: int
    latest_year: int | None
    mean_change_pct: float | None
    members: list[MemberChange] = field(default_factory=list)

    @property
    def with_data(self) -> int:
        return sum(1 for member in self.members if member.change_pct is not None)

    @property
    def lacking(self) -> list[str]:
        return [member.name for member in self.members if member.change_pct is None]


@dataclass(frozen=True)
class VerdictCount:
    key: str
    label: str
    count: int


def emissions_change(members: list[Organisation], year: int) -> EmissionsChange:
    """Each member's change in total emissions since 1990 to the newest data year up to
    ``year`` that any of them has; a member without both years lacks data."""
    dataset = load_dataset()
    series = {
        m.code: _up_to(dataset[m.code].total if m.code in dataset else {}, year) for m in members
    }
    latest = max((max(s) for s in series.values() if s), default=None)
    changes = [
        MemberChange(
            member.code,
            member.name,
            change_pct(series[member.code], BASE_YEAR, latest) if latest is not None else None,
        )
        for member in members
    ]
    known = [c.change_pct for c in changes if c.change_pct is not None]
    return EmissionsChange(
        base_year=BASE_YEAR,
        latest_year=latest,
        mean_change_pct=pystats.fmean(known) if known else None,
        members=changes,
    )


def _up_to(total: dict[int, float], year: int) -> dict[int, float]:
    return {y: v for y, v in total.items() if y <= year}


def verdict_summary(association: Organisation, year: int) -> AssociationSummary:
    """The verdict of every member of the year (computed once, counted over several groups)."""
    return summarise(association, year, target_parameters())


def verdict_counts(summary: AssociationSummary, codes: Iterable[str]) -> list[VerdictCount]:
    """How many of the members ``codes`` have registered targets (in force that year) in line
    with Paris, partly, not in line, not assessed, or no registered target."""
    wanted = set(codes)
    counts = dict.fromkeys(VERDICT_ORDER, 0)
    for row in summary.members:
        if row["code"] in wanted:
            counts[row["verdict"]] += 1
    return [VerdictCount(key, str(VERDICT_LABELS[key]), n) for key, n in counts.items()]
