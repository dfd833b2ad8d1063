"""Members' climate investment plans side by side: each plan's headline figures made comparable
(per inhabitant, shares) and the group's totals and medians (pure, no Django).

See docs/METHOD.md, "Climate investment plans", "Members' plans side by side", for a worked
example.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from .investments import DECIDED, OWN_ACTORS, Line, line_cost, plan_cost


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """One member's plan in SEK and t CO2e a year, as :mod:`.investments` sums it.

    ``capex`` is all the plan's capital expenditure, ``own`` the municipality's and its
    companies', ``decided`` the capex whose funding is decided; ``per_tonne`` and
    ``per_tonne_with_co_benefits`` the plan's abatement cost (None when no line has one);
    ``inhabitants`` the population the plan is divided by (None when unknown)."""

    capex: float
    own: float
    decided: float
    reduction_t: float
    per_tonne: float | None
    per_tonne_with_co_benefits: float | None
    inhabitants: int | None

    @property
    def per_inhabitant(self) -> float | None:
        """Capex ÷ inhabitants, SEK (None without a population)."""
        return self.capex / self.inhabitants if self.inhabitants else None

    @property
    def own_share(self) -> float | None:
        """The municipality's own share of the capex (None when the plan has none)."""
        return self.own / self.capex if self.capex else None

    @property
    def financed_share(self) -> float | None:
        """The share of the capex whose funding is decided (None when the plan has none)."""
        return self.decided / self.capex if self.capex else None

    @property
    def funding_gap(self) -> float:
        """The capex whose funding is not decided."""
        return self.capex - self.decided


def plan_figures(lines: Iterable[Line], rate: float, inhabitants: int | None) -> PlanFigures:
    """A plan's figures from its lines at the discount rate ``rate``: the same sums as
    :func:`.investments.totals` and :func:`.investments.plan_cost`, without the breakdowns."""
    capex = own = decided = reduction = 0.0
    costs = []
    for line in lines:
        amount = line.capex_total
        capex += amount
        own += amount if line.actor in OWN_ACTORS else 0.0
        decided += amount if line.funding_status == DECIDED else 0.0
        reduction += line.reduction_t or 0.0
        costs.append(line_cost(line, rate))
    cost = plan_cost(costs)
    return PlanFigures(
        capex=capex,
        own=own,
        decided=decided,
        reduction_t=reduction,
        per_tonne=cost.per_tonne,
        per_tonne_with_co_benefits=cost.per_tonne_with_co_benefits,
        inhabitants=inhabitants,
    )


def _median(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return median(known) if known else None


@dataclass(frozen=True, slots=True)
class Summary:
    """The group's plans together: sums of the amounts, medians of the ratios (each over the
    plans that have the ratio), so that one large member does not stand for all."""

    plans: int
    capex: float
    own: float
    funding_gap: float
    reduction_t: float
    per_inhabitant: float | None
    own_share: float | None
    financed_share: float | None
    per_tonne: float | None
    per_tonne_with_co_benefits: float | None


def summary(plans: Iterable[PlanFigures]) -> Summary:
    """Sums and medians over ``plans`` (the members without a plan are not passed)."""
    plans = list(plans)
    return Summary(
        plans=len(plans),
        capex=sum(plan.capex for plan in plans),
        own=sum(plan.own for plan in plans),
        funding_gap=sum(plan.funding_gap for plan in plans),
        reduction_t=sum(plan.reduction_t for plan in plans),
        per_inhabitant=_median(plan.per_inhabitant for plan in plans),
        own_share=_median(plan.own_share for plan in plans),
        financed_share=_median(plan.financed_share for plan in plans),
        per_tonne=_median(plan.per_tonne for plan in plans),
        per_tonne_with_co_benefits=_median(plan.per_tonne_with_co_benefits for plan in plans),
    )
