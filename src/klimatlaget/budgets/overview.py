"""Members' budget status side by side: the year's total of every member of an association, or of
every municipality of a county (every county of the nation), against its budget.

Each member's line is the total line of its own page "Klimatbudget YEAR" (:mod:`.report`), made
the same way: the outcomes are cached per data version (:mod:`.outcome`; the whole group's at
once, so a warm overview reads the data version once), and the measures' expected reductions of
all members are fetched in one query (measures change more often than the data version follows,
so they are not cached).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc import MetricParameters
from klimatlaget.calc.budget_status import AMBER, GREEN, RED, deviation_pct
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.exports.columns import Column
from klimatlaget.followup.models import FollowUpPeriod, PeriodState
from klimatlaget.organisations.models import Organisation, OrganisationKind

from . import reductions as measures
from .achieved import still_expected, with_achieved
from .lines import BudgetLine, year_lines
from .outcome import BudgetOutcome, budget_outcome

#: Why a member has no budget line at all (beside :mod:`.outcome`'s reasons for no budget).
NO_SECTOR_DATA = "no_sector_data"
#: The light filter's value for members without a light.
NO_LIGHT = "none"
LIGHTS = (GREEN, AMBER, RED)

#: The columns of the overview's CSV (and the API's ``format=csv``).
EXPORT_COLUMNS = [
    Column("code"),
    Column("name"),
    Column.year("year"),
    Column.integer("budget_t"),
    Column.decimal("outcome_t", 1),
    Column("outcome_kind"),
    Column("light"),
    Column.percent("deviation_pct", 1, per_cent=True),
    Column.decimal("expected_reduction_decided_t", 1),
    Column.decimal("expected_reduction_proposed_t", 1),
    Column.decimal("gap_t", 1),
    Column("problem"),
]


@dataclass(frozen=True)
class MemberBudget:
    """One member's year in total. ``total`` is None when it has no emissions by sector."""

    organisation: Organisation
    total: BudgetLine | None
    problem: str | None  # why there is no budget (:mod:`.outcome`'s codes, or NO_SECTOR_DATA)

    @property
    def budget_t(self) -> int | None:
        return self.total.budget_t if self.total else None

    @property
    def outcome_t(self) -> float | None:
        return self.total.outcome_t if self.total else None

    @property
    def outcome_kind(self) -> str | None:
        return self.total.outcome_kind if self.total else None

    @property
    def light(self) -> str | None:
        return self.total.light if self.total else None

    @property
    def decided_t(self) -> float | None:
        return self.total.decided_t if self.total else None

    @property
    def proposed_t(self) -> float | None:
        return self.total.proposed_t if self.total else None

    @property
    def gap_t(self) -> float | None:
        return self.total.gap_t if self.total else None

    @property
    def deviation_pct(self) -> float | None:
        """The outcome's distance from the budget in per cent of it (above zero: over)."""
        if self.budget_t is None or self.outcome_t is None:
            return None
        return deviation_pct(self.budget_t, self.outcome_t)

    @property
    def outcome_share_pct(self) -> float | None:
        """The outcome in per cent of the budget (100: exactly the budget)."""
        deviation = self.deviation_pct
        return None if deviation is None else 100 + deviation

    def export_row(self, year: int) -> dict[str, Any]:
        return {
            "code": self.organisation.code,
            "name": self.organisation.name,
            "year": year,
            "budget_t": self.budget_t,
            "outcome_t": self.outcome_t,
            "outcome_kind": self.outcome_kind,
            "light": self.light,
            "deviation_pct": self.deviation_pct,
            "expected_reduction_decided_t": self.decided_t,
            "expected_reduction_proposed_t": self.proposed_t,
            "gap_t": self.gap_t,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class BudgetOverview:
    group: Organisation  # the association, county or nation
    year: int
    members: list[MemberBudget]

    def counts(self) -> dict[str, int]:
        """How many members have each light (``none``: no light: no budget or no outcome)."""
        found = Counter(member.light or NO_LIGHT for member in self.members)
        return {light: found[light] for light in (*LIGHTS, NO_LIGHT)}

    def export_rows(self) -> list[dict[str, Any]]:
        return [member.export_row(self.year) for member in self.members]


def budget_members(group: Organisation, year: int) -> QuerySet[Organisation]:
    """Whose budgets the overview of ``group`` shows: an association's members at some time
    during ``year``, a county's municipalities, the nation's counties (else none)."""
    if group.kind == OrganisationKind.ASSOCIATION:
        members = members_in_year(group, year)
    elif group.kind == OrganisationKind.COUNTY:
        members = Organisation.objects.filter(county=group, kind=OrganisationKind.MUNICIPALITY)
    elif group.kind == OrganisationKind.NATION:
        members = Organisation.objects.filter(kind=OrganisationKind.COUNTY)
    else:
        members = Organisation.objects.none()
    return members.order_by("name", "code")


Key = tuple[tuple[str, ...], int, MetricParameters]
_outcomes: DerivedCache[Key, tuple[BudgetOutcome | None, ...]] = DerivedCache(16)


def _group_outcomes(
    codes: tuple[str, ...], year: int, params: MetricParameters
) -> tuple[BudgetOutcome | None, ...]:
    """Each member's outcome (computed through the per-organisation cache on a miss)."""
    return _outcomes.get(
        (codes, year, params), lambda: tuple(budget_outcome(code, year, params) for code in codes)
    )


def _followed_up(organisation_ids: list[int], year: int) -> set[int]:
    """The members with an approved follow-up up to ``year``, whose nowcast it lowers (as on
    their own pages); one query, so that the others cost nothing."""
    return set(
        FollowUpPeriod.objects.filter(
            organisation_id__in=organisation_ids, state=PeriodState.APPROVED, year__lte=year
        ).values_list("organisation_id", flat=True)
    )


def budget_overview(
    group: Organisation,
    year: int,
    params: MetricParameters,
    members: Sequence[Organisation] | None = None,
    reductions: measures.ManyExpectedReductions | None = None,
) -> BudgetOverview:
    """The members' totals of ``year`` (``members`` default: :func:`budget_members`)."""
    listed = list(budget_members(group, year) if members is None else members)
    outcomes = _group_outcomes(tuple(m.code for m in listed), year, params)
    expected: Mapping[int, Mapping[str, tuple[float, float]]] = (
        reductions or measures.expected_reductions_of_many
    )([m.pk for m in listed], year)
    followed_up = _followed_up([m.pk for m in listed], year)
    rows = []
    for member, outcome in zip(listed, outcomes, strict=True):
        if outcome is None:
            rows.append(MemberBudget(member, None, NO_SECTOR_DATA))
            continue
        reductions_of_member = expected.get(member.pk, {})
        if member.pk in followed_up:
            outcome, taken = with_achieved(member, outcome)
            reductions_of_member = still_expected(outcome, reductions_of_member, taken)
        total = year_lines(outcome, reductions_of_member)[-1]
        rows.append(MemberBudget(member, total, outcome.problem))
    return BudgetOverview(group, year, rows)
