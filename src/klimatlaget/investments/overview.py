"""Members' climate investment plans side by side: every member of an association (a programme
such as Klimatkontrakt 2030 is one too), or every municipality of a county or of Sweden, with
its plan for the year and the plan's headline figures (public, as each plan is).

A member's plan for a year is the latest version of that year's plan or, when it has none, of
its latest earlier year's (marked with its year). The figures are those of the plan's own page
(:mod:`.figures`), divided by the population of the plan's year (or the latest published before
it, marked). The plans, their lines and the populations of all members are fetched in one
query each, whatever the number of members.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import median
from typing import Any

from django.db.models import QuerySet

from klimatlaget.associations.models import members_in_year
from klimatlaget.calc import investment_overview as calc
from klimatlaget.calc import investments as plan_calc
from klimatlaget.exports.columns import Column
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.organisations.models import Organisation, OrganisationKind, Population

#: A plan's share of the gap its lines cover (0–1, None when it has no gap to cover).
#: Each plan's share of its gap covered, by plan id, for the plans given (all at once).
GapCovered = Callable[[Sequence[InvestmentPlan]], Mapping[int, float | None]]

#: The columns of the overview's CSV and of the API's ``format=csv``.
COLUMNS = [
    Column("code"),
    Column("name"),
    Column.year("year"),
    Column.integer("plan_id"),
    Column.year("plan_year"),
    Column.integer("plan_version"),
    Column("plan_status"),
    Column.integer("capex_sek"),
    Column.integer("inhabitants"),
    Column.year("population_year"),
    Column.integer("capex_per_inhabitant_sek"),
    Column.percent("own_share_pct", 1, per_cent=True),
    Column.percent("financed_share_pct", 1, per_cent=True),
    Column.integer("funding_gap_sek"),
    Column.decimal("reduction_t", 1),
    Column.integer("sek_per_t"),
    Column.integer("sek_per_t_with_co_benefits"),
]
GAP_COVERED_COLUMN = Column.percent("gap_covered_pct", 1, per_cent=True)


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def _per_cent(share: float | None) -> float | None:
    return None if share is None else share * 100


@dataclass(frozen=True)
class MemberPlan:
    """One member and its plan (``plan`` and ``figures`` None when it has none)."""

    organisation: Organisation
    plan: InvestmentPlan | None
    figures: calc.PlanFigures | None
    population_year: int | None  # the year of ``figures.inhabitants``
    gap_covered: float | None = None

    def value(self, name: str) -> Any:
        """A figure of the plan by name (None without a plan)."""
        return getattr(self.figures, name) if self.figures else None

    def export_row(self, year: int) -> dict[str, Any]:
        plan = self.plan
        return {
            "code": self.organisation.code,
            "name": self.organisation.name,
            "year": year,
            "plan_id": plan.pk if plan else None,
            "plan_year": plan.year if plan else None,
            "plan_version": plan.version_number if plan else None,
            "plan_status": plan.status if plan else None,
            "capex_sek": _rounded(self.value("capex")),
            "inhabitants": self.value("inhabitants"),
            "population_year": self.population_year,
            "capex_per_inhabitant_sek": _rounded(self.value("per_inhabitant")),
            "own_share_pct": _per_cent(self.value("own_share")),
            "financed_share_pct": _per_cent(self.value("financed_share")),
            "funding_gap_sek": _rounded(self.value("funding_gap")),
            "reduction_t": self.value("reduction_t"),
            "sek_per_t": _rounded(self.value("per_tonne")),
            "sek_per_t_with_co_benefits": _rounded(self.value("per_tonne_with_co_benefits")),
            "gap_covered_pct": _per_cent(self.gap_covered),
        }


@dataclass(frozen=True)
class InvestmentOverview:
    group: Organisation  # the association, county or nation
    year: int
    members: list[MemberPlan]
    with_gap_covered: bool = False

    @cached_property
    def summary(self) -> calc.Summary:
        return calc.summary(m.figures for m in self.members if m.figures is not None)

    @property
    def median_gap_covered(self) -> float | None:
        covered = [m.gap_covered for m in self.members if m.gap_covered is not None]
        return median(covered) if covered else None

    @property
    def without_plan(self) -> int:
        return sum(1 for m in self.members if m.plan is None)

    def columns(self) -> list[Column]:
        return [*COLUMNS, GAP_COVERED_COLUMN] if self.with_gap_covered else COLUMNS

    def export_rows(self, members: Iterable[MemberPlan] | None = None) -> list[dict[str, Any]]:
        keys = [column.key for column in self.columns()]
        rows = (m.export_row(self.year) for m in (self.members if members is None else members))
        return [{key: row[key] for key in keys} for row in rows]


def plan_members(group: Organisation, year: int) -> QuerySet[Organisation]:
    """Whose plans the overview of ``group`` shows: an association's members at some time during
    ``year``, a county's municipalities, all municipalities for the nation (else none)."""
    if group.kind == OrganisationKind.ASSOCIATION:
        members = members_in_year(group, year)
    elif group.kind == OrganisationKind.COUNTY:
        members = Organisation.objects.filter(county=group, kind=OrganisationKind.MUNICIPALITY)
    elif group.kind == OrganisationKind.NATION:
        members = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    else:
        members = Organisation.objects.none()
    return members.order_by("name", "code")


def latest_plans(organisation_ids: Sequence[int], year: int) -> dict[int, InvestmentPlan]:
    """Each organisation's latest version of its plan of ``year``, else of its latest earlier
    year's (one query)."""
    plans = (
        InvestmentPlan.objects.filter(organisation_id__in=organisation_ids, year__lte=year)
        .select_related("organisation")
        .order_by("organisation_id", "-year", "-version_number")
    )
    latest: dict[int, InvestmentPlan] = {}
    for plan in plans:
        latest.setdefault(plan.organisation_id, plan)
    return latest


#: What the figures read of a line and of its measure (``measure__…``).
LINE_FIELDS = (
    "plan_id",
    "pk",
    "actor",
    "capex_by_year",
    "opex_by_year",
    "savings_by_year",
    "lifetime_years",
    "funding_status",
    "co_benefits_sek",
    "reduction_t",
    "measure__expected_reduction_t",
)


def _by_year(amounts: dict[str, Any]) -> dict[int, float]:
    return {int(year): float(amount) for year, amount in amounts.items()}


def _lines(plans: Iterable[InvestmentPlan]) -> dict[int, list[plan_calc.Line]]:
    """Each plan's lines as the calculations see them, read as plain values (no model objects:
    the larger part of the time for 290 plans): a line's reduction is its own when it
    overrides its measure's (:attr:`InvestmentLine.expected_reduction_t`)."""
    by_plan: dict[int, list[plan_calc.Line]] = defaultdict(list)
    rows = InvestmentLine.objects.filter(plan__in=[plan.pk for plan in plans]).values(*LINE_FIELDS)
    for row in rows:
        own = row["reduction_t"]
        by_plan[row["plan_id"]].append(
            plan_calc.Line(
                key=str(row["pk"]),
                actor=row["actor"],
                funding_status=row["funding_status"],
                capex=_by_year(row["capex_by_year"]),
                opex=_by_year(row["opex_by_year"]),
                savings=_by_year(row["savings_by_year"]),
                lifetime_years=row["lifetime_years"],
                reduction_t=own if own is not None else row["measure__expected_reduction_t"],
                co_benefits_sek=float(sum(row["co_benefits_sek"].values())),
            )
        )
    return by_plan


def _populations(plans: dict[int, InvestmentPlan]) -> dict[int, tuple[int, int]]:
    """Each organisation's (year, inhabitants) of its plan's year or, when not published, of the
    latest year before it (one query)."""
    if not plans:
        return {}
    rows = (
        Population.objects.filter(
            organisation_id__in=list(plans), year__lte=max(p.year for p in plans.values())
        )
        .order_by("year")
        .values_list("organisation_id", "year", "inhabitants")
    )
    found: dict[int, tuple[int, int]] = {}
    for organisation_id, year, inhabitants in rows:
        if year <= plans[organisation_id].year:
            found[organisation_id] = (year, inhabitants)
    return found


def investment_overview(
    group: Organisation,
    year: int,
    members: Sequence[Organisation] | None = None,
    gap_covered: GapCovered | None = None,
) -> InvestmentOverview:
    """Every member (``members`` default: :func:`plan_members`) with its plan for ``year``;
    ``gap_covered`` adds each plan's share of the gap covered."""
    listed = list(plan_members(group, year) if members is None else members)
    plans = latest_plans([m.pk for m in listed], year)
    lines = _lines(plans.values())
    populations = _populations(plans)
    covered = gap_covered(list(plans.values())) if gap_covered else {}
    rows = []
    for member in listed:
        plan = plans.get(member.pk)
        if plan is None:
            rows.append(MemberPlan(member, None, None, None))
            continue
        population_year, inhabitants = populations.get(member.pk, (None, None))
        rows.append(
            MemberPlan(
                member,
                plan,
                calc.plan_figures(lines.get(plan.pk, []), plan.discount_rate, inhabitants),
                population_year,
                covered.get(plan.pk),
            )
        )
    return InvestmentOverview(group, year, rows, with_gap_covered=gap_covered is not None)
