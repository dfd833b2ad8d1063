"""The example dataset's follow-up: two years of quarters (2024 Q1 – 2025 Q4) for every fictional
organisation with measures, prepared, filled in and approved through
:mod:`klimatlaget.followup.services` as the platform itself, the last quarter left open and filled
in part, so the demo shows approved and open periods side by side.

The figures are plausible and reproducible (no randomness but a generator seeded with the
organisation, measure and quarter): an ongoing measure progresses evenly from the start of its
start year to the end of its end year, and has spent its budget and achieved its expected
reduction in proportion; a decided measure has begun its preparations once its start year has
come; a proposed, postponed or cancelled one reports nothing done. Every report keeps the
measure's status, so approving carries no status change over to the register (and importing the
example measures again changes nothing). Indicators entered by hand continue their latest value
by a small step in their good direction.

Only the fictional example gets this; real organisations never get invented follow-up.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from klimatlaget.accounts.actors import command_line
from klimatlaget.followup import services
from klimatlaget.followup.models import FollowUpPeriod, IndicatorReport, MeasureReport
from klimatlaget.measures.choices import Direction, MeasureStatus
from klimatlaget.measures.models import IndicatorValue, Measure
from klimatlaget.organisations.models import Organisation

Say = Callable[[str], None]

#: The quarters followed up, oldest first; all but the last are approved.
QUARTERS: tuple[tuple[int, int], ...] = tuple(
    (year, quarter) for year in (2024, 2025) for quarter in (1, 2, 3, 4)
)
#: A measure without an end year is taken to run this many years from its start.
DEFAULT_YEARS = 4
#: A decided measure's preparations once its start year has come (completion %).
PREPARATION_PCT = 5
#: An indicator's step a quarter in its good direction.
INDICATOR_STEP = 0.02

COMMENTS = (
    "Enligt plan.",
    "Något försenat på grund av leveranstider; ingen påverkan på helåret.",
    "Upphandlingen är avslutad och arbetet har startat.",
    "Effekten är uppskattad utifrån levererade enheter.",
    "Dialog med berörda förvaltningar pågår.",
    "Kostnaderna följer budget.",
)


def _seed(*parts: Any) -> random.Random:
    return random.Random("-".join(str(part) for part in ("follow-up", *parts)))


def progress(measure: Measure, year: int, quarter: int) -> float:
    """How far (0–1) an ongoing measure has come by the end of the quarter: evenly from the
    start of its start year to the end of its end year."""
    start = measure.start_year or QUARTERS[0][0]
    end = measure.end_year or start + DEFAULT_YEARS - 1
    elapsed = year + quarter / 4 - start
    return min(1.0, max(0.0, elapsed / (end + 1 - start)))


def measure_values(measure: Measure, year: int, quarter: int) -> dict[str, Any]:
    """The report of ``measure`` at the end of the quarter (its status kept)."""
    status = measure.status
    if status == MeasureStatus.COMPLETED:
        share, completion = 1.0, 100
    elif status == MeasureStatus.ONGOING:
        share = progress(measure, year, quarter)
        completion = round(share * 100)
    elif status == MeasureStatus.DECIDED:
        started = measure.start_year is None or measure.start_year <= year
        share, completion = 0.0, PREPARATION_PCT if started else 0
    else:  # proposed, postponed, cancelled: nothing done
        share, completion = 0.0, 0
    # The same share of the budget per measure (spent a little above or below plan), so that
    # money spent only grows from quarter to quarter.
    pace = _seed(measure.organisation.code, measure.code).uniform(0.85, 1.1)
    spent = None
    if measure.budget_sek is not None and status != MeasureStatus.PROPOSED:
        spent = Decimal(round(float(measure.budget_sek) * completion / 100 * pace, -3))
    achieved = None
    if measure.expected_reduction_t is not None and share > 0:
        achieved = float(round(measure.expected_reduction_t * share))
    rng = _seed(measure.organisation.code, measure.code, year, quarter)
    comment = rng.choice(COMMENTS) if share > 0 and rng.random() < 0.5 else ""
    return {
        "status": status,
        "completion_pct": completion,
        "spent_sek": spent,
        "achieved_reduction_t": achieved,
        "comment": comment,
    }


def indicator_value(report: IndicatorReport, year: int, quarter: int) -> float | None:
    """The indicator's latest value before the quarter moved a step in its good direction
    (None without an earlier value)."""
    indicator = report.indicator
    if indicator is None:
        return None
    earlier = {
        (value.year, value.quarter or 5): value.value  # a year's value after its quarters
        for value in IndicatorValue.objects.filter(indicator=indicator)
    }
    before = [order for order in earlier if order < (year, quarter)]
    if not before:
        return None
    sign = 1 if indicator.direction == Direction.UP else -1
    jitter = _seed(indicator.organisation.code, indicator.name, year, quarter).uniform(
        -0.005, 0.005
    )
    return round(earlier[max(before)] * (1 + sign * INDICATOR_STEP + jitter), 1)


def _fill(period: FollowUpPeriod, reports: list[MeasureReport]) -> None:
    actor = command_line()
    for report in reports:
        assert report.measure is not None
        values = measure_values(report.measure, period.year, period.quarter)
        services.report_on_measure(actor, report, {**values, "version": report.version})


def follow_up_organisation(organisation: Organisation) -> int:
    """The quarters of one organisation; returns how many periods were prepared (none when it
    already has a follow-up)."""
    if FollowUpPeriod.objects.filter(organisation=organisation).exists():
        return 0
    actor = command_line()
    for year, quarter in QUARTERS[:-1]:
        period = services.prepare_period(actor, organisation, year, quarter)
        _fill(period, list(period.measure_reports.select_related("measure__organisation")))
        for report in period.indicator_reports.select_related("indicator__organisation"):
            value = report.value
            if value is None:
                value = indicator_value(report, year, quarter)
            if value is not None:
                services.report_on_indicator(
                    actor, report, {"value": value, "version": report.version}
                )
        services.approve_period(actor, period)
    year, quarter = QUARTERS[-1]
    period = services.prepare_period(actor, organisation, year, quarter)
    reports = list(period.measure_reports.select_related("measure__organisation"))
    _fill(period, reports[: (len(reports) + 1) // 2])  # filled in part, left open
    return len(QUARTERS)


def load_example_follow_up(say: Say) -> int:
    """The follow-up of every organisation with measures (the example's); safe to run again.
    Returns how many periods were prepared."""
    organisations = Organisation.objects.filter(measures__isnull=False).distinct().order_by("code")
    prepared = sum(follow_up_organisation(organisation) for organisation in organisations)
    say(f"Follow-up: {prepared} quarters prepared.")
    return prepared
