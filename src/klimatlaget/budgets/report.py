"""An organisation's budget of one year against its outcome, as pages, the API and the exports
show it. The expected reductions of measures come through :mod:`.reductions`; the reductions
the follow-up reports as achieved are taken off the nowcast by :mod:`.achieved`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klimatlaget.calc import MetricParameters
from klimatlaget.calc.nowcast_ranges import TOTAL
from klimatlaget.organisations.models import Organisation

from . import reductions as measures
from .achieved import FollowUpAdjustment, still_expected, with_achieved
from .lines import BudgetLine, quarter_lines, year_lines
from .outcome import BudgetOutcome, budget_outcome


@dataclass(frozen=True)
class BudgetReport:
    organisation: Organisation
    year: int
    outcome: BudgetOutcome | None  # None: the organisation has no emissions by sector
    years: list[BudgetLine]
    quarters: list[BudgetLine]
    #: What the approved follow-up took off the nowcast (None: no approved period up to the year).
    follow_up: FollowUpAdjustment | None = None

    def export_rows(self) -> list[dict[str, Any]]:
        """One row per sector and quarter, as ``klimatlaget export budget`` writes them."""
        code = self.organisation.code
        return [line.export_row(code, self.year) for line in self.quarters if line.sector != TOTAL]


def budget_report(
    organisation: Organisation,
    year: int,
    params: MetricParameters,
    reductions: measures.ExpectedReductions | None = None,
) -> BudgetReport:
    outcome = budget_outcome(organisation.code, year, params)
    if outcome is None:
        return BudgetReport(organisation, year, None, [], [])
    outcome, follow_up = with_achieved(organisation, outcome)
    expected = still_expected(
        outcome, (reductions or measures.expected_reductions)(organisation, year), follow_up
    )
    return BudgetReport(
        organisation,
        year,
        outcome,
        year_lines(outcome, expected),
        quarter_lines(outcome, expected),
        follow_up,
    )
