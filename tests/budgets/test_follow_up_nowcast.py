"""The reductions the approved follow-up reports as achieved are taken off the budget's nowcast:
for a nowcast of year Y from SMHI's last year L, what measures had achieved by the end of Y less
what they had achieved by the end of L (docs/METHOD.md, "Nowcast", step 3). The backtest never
sees the follow-up."""

import json

import pytest
from django.conf import settings
from django.utils import translation

from klimatlaget.accounts.actors import command_line
from klimatlaget.budgets import national
from klimatlaget.budgets.backtest import backtest_rows, score_rows
from klimatlaget.budgets.report import budget_report
from klimatlaget.calc import nowcast as method
from klimatlaget.cli.main import main
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.followup import services
from klimatlaget.measures.services import create_measure
from klimatlaget.organisations.models import Organisation

from .conftest import PARAMS
from .test_pages_and_api import COLUMNS

TRANSPORT = "Transporter"
ELECTRICITY = "El och fjärrvärme"


@pytest.fixture
def strandhamn(example_data):
    return Organisation.objects.get(code="9102")


@pytest.fixture
def measures(strandhamn):
    """A transport measure (T1) and an electricity and district heating measure (E1)."""
    actor = command_line()
    common = {"type": "procurement", "status": "ongoing", "start_year": 2022}
    return {
        "T1": create_measure(
            actor, strandhamn, {**common, "code": "T1", "title": "Fleet", "sector": TRANSPORT}
        ),
        "E1": create_measure(
            actor, strandhamn, {**common, "code": "E1", "title": "Heat", "sector": ELECTRICITY}
        ),
    }


def follow_up(organisation, year, quarter, achieved, approve=True):
    """A period with each measure's achieved reduction (code → t), approved unless told not."""
    actor = command_line()
    period = services.prepare_period(actor, organisation, year, quarter)
    for report in period.measure_reports.all():
        value = achieved.get(report.measure_code)
        services.report_on_measure(actor, report, {"achieved_reduction_t": value})
    if approve:
        services.approve_period(actor, period)
    return period


def line(report, sector, quarter=None):
    return next(
        x for x in report.years + report.quarters if (x.sector, x.quarter) == (sector, quarter)
    )


def test_without_an_approved_period_the_nowcast_is_unchanged(strandhamn, measures):
    before = budget_report(strandhamn, 2026, PARAMS)
    follow_up(strandhamn, 2025, 2, {"T1": 1_000.0}, approve=False)
    after = budget_report(strandhamn, 2026, PARAMS)
    assert after.follow_up is None
    assert line(after, TRANSPORT).outcome_t == line(before, TRANSPORT).outcome_t


def test_reductions_achieved_since_smhis_last_year_are_taken_off(strandhamn, measures):
    # SMHI's last year for Strandhamn is 2023; without national figures the sectors are carried
    # forward unchanged. By the end of 2023 T1 had achieved 200 t (already in SMHI's 2023
    # figure); by 2025 Q2, the latest approved period up to 2026, T1 1,200 t and E1 300 t.
    # The nowcast of 2026 loses 1,000 t of transport and 300 t of electricity and heating.
    sectors = load_dataset()["9102"].sectors
    before = budget_report(strandhamn, 2026, PARAMS)
    follow_up(strandhamn, 2023, 4, {"T1": 200.0})
    follow_up(strandhamn, 2025, 1, {"T1": 600.0, "E1": 100.0})
    follow_up(strandhamn, 2025, 2, {"T1": 1_200.0, "E1": 300.0})
    follow_up(strandhamn, 2025, 3, {"T1": 5_000.0}, approve=False)  # not approved: not counted
    report = budget_report(strandhamn, 2026, PARAMS)

    assert report.follow_up.period == "2025 Q2"
    assert report.follow_up.sectors == {TRANSPORT: 1_000.0, ELECTRICITY: 300.0}
    assert report.follow_up.total_t == 1_300.0
    transport, was = line(report, TRANSPORT), line(before, TRANSPORT)
    assert transport.outcome_kind == "nowcast"
    assert transport.outcome_t == pytest.approx(sectors[TRANSPORT][2023] - 1_000)
    # The range is lowered by the same tonnes: its width stays that of the carried figure.
    assert transport.nowcast_low_t == pytest.approx(was.nowcast_low_t - 1_000)
    assert transport.nowcast_high_t == pytest.approx(was.nowcast_high_t - 1_000)
    electricity = line(report, ELECTRICITY)
    assert electricity.outcome_t == pytest.approx(sectors[ELECTRICITY][2023] - 300)
    sector = next(s for s in report.outcome.sectors if s.sector == TRANSPORT)
    assert sector.nowcast.method == (method.NO_NATIONAL, method.MEASURES)
    assert sector.nowcast.measures_t == 1_000
    # Quarters and the total follow.
    quarters = [line(report, TRANSPORT, q).outcome_t for q in (1, 2, 3, 4)]
    assert sum(quarters) == pytest.approx(transport.outcome_t)
    total, total_before = line(report, "total"), line(before, "total")
    assert total.outcome_t == pytest.approx(total_before.outcome_t - 1_300)
    assert report.outcome.nowcast.total_t == pytest.approx(total_before.nowcast_t - 1_300)
    assert total.gap_t == pytest.approx(total_before.gap_t - 1_300)


def test_what_decided_measures_achieved_is_not_counted_twice_in_the_gap(strandhamn, measures):
    # T1 is expected to reduce transport by 1,500 t a year; the follow-up says 1,000 t of it
    # was achieved after SMHI's last year and takes that off the nowcast, so the gap counts only
    # the 500 t still to come (1,500 would count the 1,000 t twice).
    from klimatlaget.measures.services import update_measure

    update_measure(
        command_line(), measures["T1"], {"expected_reduction_t": 1_500.0, "effect_year": 2025}
    )
    before = line(budget_report(strandhamn, 2026, PARAMS), TRANSPORT)
    assert before.decided_t == 1_500
    follow_up(strandhamn, 2025, 2, {"T1": 1_000.0})
    after = line(budget_report(strandhamn, 2026, PARAMS), TRANSPORT)
    assert after.outcome_t == pytest.approx(before.outcome_t - 1_000)
    assert after.decided_t == 500
    assert after.gap_t == pytest.approx(before.gap_t)  # the same tonnes, counted once


def test_a_year_whose_reductions_smhi_already_counts_is_unchanged(strandhamn, measures):
    # The nowcast of 2024 from SMHI's 2023: the latest approved period up to 2024 is 2023 Q4,
    # all of which SMHI's 2023 figure already contains.
    before = budget_report(strandhamn, 2024, PARAMS)
    follow_up(strandhamn, 2023, 4, {"T1": 200.0})
    report = budget_report(strandhamn, 2024, PARAMS)
    assert report.follow_up.period == "2023 Q4" and report.follow_up.sectors == {}
    assert line(report, TRANSPORT).outcome_t == line(before, TRANSPORT).outcome_t


def test_the_nowcast_beside_an_actual_figure_counts_the_follow_up_too(strandhamn, measures):
    # 2023 is SMHI's: the outcome stays the actual figure; the nowcast beside it (from 2022)
    # loses what was achieved in 2023 beyond 2022.
    before = budget_report(strandhamn, 2023, PARAMS)
    follow_up(strandhamn, 2022, 4, {"T1": 50.0})
    follow_up(strandhamn, 2023, 4, {"T1": 250.0})
    report = budget_report(strandhamn, 2023, PARAMS)
    transport, was = line(report, TRANSPORT), line(before, TRANSPORT)
    assert (transport.outcome_kind, transport.outcome_t) == ("actual", was.outcome_t)
    assert transport.nowcast_t == pytest.approx(was.nowcast_t - 200)


def test_the_backtest_never_sees_the_follow_up(strandhamn, measures):
    # The same follow-up that changes the nowcast beside SMHI's 2022 figure on the budget page
    # leaves every backtest row and score as it was, also computed afresh.
    rows, scores = backtest_rows(), score_rows()
    before_2022 = line(budget_report(strandhamn, 2022, PARAMS), TRANSPORT).nowcast_t
    follow_up(strandhamn, 2020, 4, {"T1": 10.0})
    follow_up(strandhamn, 2022, 4, {"T1": 3_000.0, "E1": 2_000.0})
    after_2022 = line(budget_report(strandhamn, 2022, PARAMS), TRANSPORT).nowcast_t
    assert after_2022 == pytest.approx(before_2022 - 2_990)
    national._backtest.clear()
    assert backtest_rows() == rows
    assert score_rows() == scores


def test_the_budget_page_says_the_estimates_include_the_follow_up(client, strandhamn, measures):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = "/o/9102/budget/2026/?current_year=2026"
    assert 'id="nowcast-follow-up"' not in client.get(url).content.decode()
    follow_up(strandhamn, 2025, 4, {"T1": 1_250.0})
    with translation.override("en"):
        page = client.get(url).content.decode()
    assert 'id="nowcast-follow-up" data-period="2025 Q4" data-achieved-t="1250.0"' in page
    assert "1,250 t CO₂e a year that measures achieved" in page
    assert "less the reductions measures achieved" in page  # the transport line's method


def test_export_budget_keeps_its_columns_with_the_reductions_in_the_outcome(
    strandhamn, measures, tmp_path
):
    follow_up(strandhamn, 2025, 4, {"T1": 400.0})
    last = load_dataset()["9102"].sectors[TRANSPORT][2023]
    output = tmp_path / "budget.json"
    argv = ["export", "budget", "--organisation", "9102", "--year", "2026", "--format", "json"]
    assert main([*argv, "--current-year", "2026", "-o", str(output)]) == 0
    table = json.loads(output.read_text())
    assert ",".join(table[0]) == COLUMNS  # as the issue specifies them
    transport = [row for row in table if row["sector"] == TRANSPORT]
    assert sum(row["outcome_t"] for row in transport) == pytest.approx(last - 400, abs=0.5)
