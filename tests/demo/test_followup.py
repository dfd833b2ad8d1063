"""The example dataset's follow-up: 2024 Q1 – 2025 Q3 approved, 2025 Q4 open and filled in part,
reproducible, and what the budget's nowcast and the surveys then take from it."""

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.audit.models import AuditEntry
from klimatlaget.budgets.report import budget_report
from klimatlaget.calc import MetricParameters
from klimatlaget.demo.association import load_demo_association_and_targets
from klimatlaget.demo.followup import QUARTERS, load_example_follow_up
from klimatlaget.demo.measures import EXAMPLE_MEASURES
from klimatlaget.followup.achieved import achieved_reductions
from klimatlaget.followup.models import (
    FollowUpPeriod,
    IndicatorReport,
    MeasureReport,
    PeriodState,
)
from klimatlaget.measures.imports import import_measures
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.platform_data import follow_up_is_regular


@pytest.fixture
def example_measures(example_data):
    load_demo_association_and_targets(example=True, say=lambda _text: None)
    return Organisation.objects.get(code="9102")


def _snapshot():
    return [
        (
            r.period.label,
            r.period.state,
            r.measure_code,
            r.status,
            r.completion_pct,
            r.spent_sek,
            r.achieved_reduction_t,
            r.comment,
            r.filled,
        )
        for r in MeasureReport.objects.select_related("period").order_by(
            "period__year", "period__quarter", "measure_code"
        )
    ]


def test_eight_quarters_the_last_open_and_filled_in_part(example_measures):
    strandhamn = example_measures
    statuses = dict(Measure.objects.values_list("code", "status"))
    organisations = Organisation.objects.filter(measures__isnull=False).distinct().count()
    said = []
    assert load_example_follow_up(said.append) == 8 * organisations
    assert said == [f"Follow-up: {8 * organisations} quarters prepared."]
    periods = list(
        FollowUpPeriod.objects.filter(organisation=strandhamn).order_by("year", "quarter")
    )
    assert [(p.year, p.quarter) for p in periods] == list(QUARTERS)
    assert [p.state for p in periods] == [PeriodState.APPROVED] * 7 + [PeriodState.OPEN]
    open_reports = list(periods[-1].measure_reports.all())
    assert {r.filled for r in open_reports} == {True, False}  # both states to show
    # The reports keep the measures' statuses: the register is as imported.
    assert dict(Measure.objects.values_list("code", "status")) == statuses
    assert import_measures(EXAMPLE_MEASURES, actor=command_line()).updated == 0
    # The indicators entered by hand have a value in every approved quarter.
    indicators = IndicatorReport.objects.filter(period__state=PeriodState.APPROVED)
    assert indicators.exists() and not indicators.filter(value__isnull=True).exists()
    approved = AuditEntry.objects.filter(action="klimatlaget.follow_up.approved")
    assert approved.count() == 7 * organisations


def test_an_ongoing_measure_progresses_evenly_and_achieves_in_proportion(example_measures):
    load_example_follow_up(lambda _text: None)
    # T1, electric buses: ongoing 2024–2027, 45 Mkr, 1,800 t a year expected. By the end of
    # 2025 Q3 it has come 1.75 of 4 years: 44 %, 788 t (1,800 × 0.4375 = 787.5).
    t1 = MeasureReport.objects.filter(measure_code="T1", period__organisation__code="9102")
    approved = list(
        t1.filter(period__state=PeriodState.APPROVED).order_by("period__year", "period__quarter")
    )
    assert len(approved) == 7
    completions = [r.completion_pct for r in approved]
    achieved = [r.achieved_reduction_t for r in approved]
    spent = [r.spent_sek for r in approved]
    assert completions == sorted(completions) and achieved == sorted(achieved)
    assert spent == sorted(spent) and all(0 < s < 45_000_000 for s in spent)
    assert (completions[0], achieved[0]) == (6, 112.0)  # 0.25 / 4 of the way
    assert (completions[-1], achieved[-1]) == (44, 788.0)
    # Decided and proposed measures have achieved nothing yet.
    assert not MeasureReport.objects.filter(
        measure_code__in=["T2", "E1", "A1"], achieved_reduction_t__gt=0
    ).exists()
    # By 2025 Q3: transport T1 788 t and T3 (completed in 2024) its 400 t; own heating V1,
    # ongoing 2023–2028, 2.75 of 6 years of 600 t: 275 t; own operations O1 (completed) 80 t.
    assert achieved_reductions(Organisation.objects.get(code="9102"), 2025) == {
        "Transporter": 1188.0,
        "Egen uppvärmning av bostäder och lokaler": 275.0,
        "own_operations": 80.0,
    }


def test_the_follow_up_is_reproducible_and_loaded_once(example_measures):
    load_example_follow_up(lambda _text: None)
    first = _snapshot()
    said = []
    assert load_example_follow_up(said.append) == 0  # already followed up
    assert said == ["Follow-up: 0 quarters prepared."]
    FollowUpPeriod.objects.all().delete()
    load_example_follow_up(lambda _text: None)
    assert _snapshot() == first


def test_the_budget_and_the_surveys_take_it_up(example_measures):
    strandhamn = example_measures
    load_example_follow_up(lambda _text: None)
    report = budget_report(strandhamn, 2026, MetricParameters(current_year=2026))
    assert report.follow_up.period == "2025 Q3"
    # Nothing was followed up by 2023, SMHI's last year; own operations have no nowcast.
    assert report.follow_up.sectors == {
        "Transporter": 1188.0,
        "Egen uppvärmning av bostäder och lokaler": 275.0,
    }
    assert follow_up_is_regular(strandhamn, 2025)
