"""A follow-up period is prepared from the organisation's measures and indicators, filled in by
editors and by each measure's owners (theirs only), and approved, which carries the reports over
to the measures and indicators and locks the period for good."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.concurrency import StaleVersion
from klimatlaget.followup import services
from klimatlaget.followup.achieved import achieved_reductions
from klimatlaget.followup.models import FollowUpPeriod, MeasureReport
from klimatlaget.measures import indicators
from klimatlaget.measures.models import IndicatorValue


def _reports(period):
    return {report.measure_code: report for report in period.measure_reports.all()}


def _fill_all(actor, period, **values):
    for report in period.measure_reports.all():
        services.report_on_measure(actor, report, values)


def test_a_period_holds_a_report_for_each_measure_and_indicator(
    users, strandhamn, measures, cycle_lanes
):
    period = services.prepare_period(users["alice"], strandhamn, 2025, 2)
    reports = _reports(period)
    assert sorted(reports) == ["E1", "T1", "X1"]
    assert reports["E1"].status == "ongoing" and reports["E1"].sector == "El och fjärrvärme"
    assert not any(report.filled for report in reports.values())
    assert [r.indicator_name for r in period.indicator_reports.all()] == ["Cycle lanes"]
    assert period.ends_on == datetime.date(2025, 6, 30)
    assert AuditEntry.objects.filter(action="klimatlaget.follow_up.prepared").count() == 1
    with pytest.raises(ValidationError) as error:
        services.prepare_period(users["alice"], strandhamn, 2025, 2)
    assert "quarter" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.prepare_period(users["alice"], strandhamn, 2025, 5)


def test_only_editors_prepare_approve_and_delete(users, strandhamn, measures):
    for name in ("bob", "lasare", "nobody"):
        with pytest.raises(PermissionDenied):
            services.prepare_period(users[name], strandhamn, 2025, 1)
    period = services.prepare_period(users["alice"], strandhamn, 2025, 1)
    with pytest.raises(PermissionDenied):
        services.approve_period(users["bob"], period)
    with pytest.raises(PermissionDenied):
        services.delete_period(users["lasare"], period)
    services.delete_period(users["alice"], period, version=0)
    assert not FollowUpPeriod.objects.exists()


def test_an_owner_reports_on_their_own_measures_only(users, strandhamn, measures, cycle_lanes):
    nobody = users["nobody"]
    assert services.set_owners(users["alice"], measures["T1"], [nobody])
    assert not services.set_owners(users["alice"], measures["T1"], [nobody])
    with pytest.raises(PermissionDenied):
        services.set_owners(nobody, measures["E1"], [nobody])
    period = services.prepare_period(users["alice"], strandhamn, 2025, 1)
    reports = _reports(period)
    services.report_on_measure(nobody, reports["T1"], {"completion_pct": "40", "version": 0})
    reports["T1"].refresh_from_db()
    assert reports["T1"].completion_pct == 40 and reports["T1"].filled_by_label == "nobody"
    with pytest.raises(PermissionDenied):
        services.report_on_measure(nobody, reports["E1"], {"completion_pct": 10})
    with pytest.raises(PermissionDenied):
        services.report_on_measure(users["bob"], reports["T1"], {"completion_pct": 50})
    with pytest.raises(PermissionDenied):
        services.report_on_indicator(nobody, period.indicator_reports.get(), {"value": 3})
    entry = AuditEntry.objects.get(action="klimatlaget.measure_owners.changed")
    assert "nobody" not in str(entry.changes)  # user accounts are not kept in the log


def test_bad_values_are_refused_by_field_and_nothing_is_saved(users, strandhamn, measures):
    period = services.prepare_period(users["alice"], strandhamn, 2025, 1)
    report = _reports(period)["T1"]
    with pytest.raises(ValidationError) as error:
        services.report_on_measure(
            users["alice"],
            report,
            {
                "status": "finished",
                "completion_pct": "120",
                "spent_sek": "-5",
                "achieved_reduction_t": "lots",
                "comment": "fine",
            },
        )
    assert set(error.value.message_dict) == {
        "status",
        "completion_pct",
        "spent_sek",
        "achieved_reduction_t",
    }
    report.refresh_from_db()
    assert not report.filled and report.comment == ""
    services.report_on_measure(
        users["alice"],
        report,
        {"completion_pct": "35", "spent_sek": "1 250 000", "achieved_reduction_t": "12,5"},
    )
    report.refresh_from_db()
    assert (report.completion_pct, int(report.spent_sek), report.achieved_reduction_t) == (
        35,
        1_250_000,
        12.5,
    )


def test_a_stale_report_is_refused(users, strandhamn, measures):
    period = services.prepare_period(users["alice"], strandhamn, 2025, 1)
    report = _reports(period)["T1"]
    services.report_on_measure(users["alice"], report, {"comment": "first", "version": 0})
    other = MeasureReport.objects.get(pk=report.pk)
    other.version = 0
    with pytest.raises(StaleVersion):
        services.report_on_measure(users["alice"], other, {"comment": "second", "version": 0})
    report.refresh_from_db()
    assert report.comment == "first"


def test_approval_needs_every_measure_reported_then_carries_over_and_locks(
    users, strandhamn, measures, cycle_lanes
):
    alice = users["alice"]
    period = services.prepare_period(alice, strandhamn, 2025, 2)
    reports = _reports(period)
    services.report_on_measure(alice, reports["T1"], {"status": "ongoing", "completion_pct": 20})
    with pytest.raises(ValidationError) as error:
        services.approve_period(alice, period)
    assert "E1" in str(error.value) and "X1" in str(error.value)
    services.report_on_measure(alice, reports["E1"], {})
    services.report_on_measure(alice, reports["X1"], {})
    services.report_on_indicator(alice, period.indicator_reports.get(), {"value": "12,5"})
    services.approve_period(alice, period, version=0)

    period.refresh_from_db()
    assert period.approved and period.approved_by_label == "alice"
    measures["T1"].refresh_from_db()
    assert measures["T1"].status == "ongoing"
    assert measures["T1"].status_changes.get(status="ongoing").set_on == datetime.date(2025, 6, 30)
    assert IndicatorValue.objects.get(indicator=cycle_lanes, year=2025, quarter=2).value == 12.5

    with pytest.raises(ValidationError) as locked:
        services.report_on_measure(alice, reports["T1"], {"completion_pct": 30})
    assert "2025 Q2" in str(locked.value)
    with pytest.raises(ValidationError):
        services.approve_period(alice, period)
    with pytest.raises(ValidationError):
        services.delete_period(alice, period)
    with pytest.raises(ValidationError):
        indicators.set_value(alice, cycle_lanes, 2025, 2, 99.0)
    with pytest.raises(ValidationError):
        indicators.delete_value(alice, IndicatorValue.objects.get(indicator=cycle_lanes))
    assert IndicatorValue.objects.get(indicator=cycle_lanes, year=2025, quarter=2).value == 12.5
    indicators.set_value(alice, cycle_lanes, 2025, 3, 14.0)  # the next period is open


def test_the_next_period_starts_from_the_last_reports(users, strandhamn, measures):
    alice = users["alice"]
    first = services.prepare_period(alice, strandhamn, 2025, 1)
    reports = _reports(first)
    services.report_on_measure(
        alice, reports["T1"], {"completion_pct": 30, "spent_sek": 100, "achieved_reduction_t": 5}
    )
    services.report_on_measure(alice, reports["E1"], {"status": "completed", "completion_pct": 100})
    services.report_on_measure(alice, reports["X1"], {})
    services.approve_period(alice, first)
    second = services.prepare_period(alice, strandhamn, 2025, 2)
    later = _reports(second)
    assert sorted(later) == ["T1"]  # E1 completed and X1 cancelled are not reported again
    assert (later["T1"].completion_pct, int(later["T1"].spent_sek)) == (30, 100)
    assert not later["T1"].filled


def test_achieved_reductions_come_from_the_latest_approved_period(users, strandhamn, measures):
    alice = users["alice"]
    assert achieved_reductions(strandhamn, 2025) == {}
    for quarter, achieved in ((1, 4.0), (2, 9.0)):
        period = services.prepare_period(alice, strandhamn, 2025, quarter)
        _fill_all(alice, period, achieved_reduction_t=achieved)
        if quarter == 1:
            services.approve_period(alice, period)
    # Q2 is not approved yet: Q1 counts; T1 and X1 are transport, E1 electricity and heating
    assert achieved_reductions(strandhamn, 2025) == {"Transporter": 8.0, "El och fjärrvärme": 4.0}
    services.approve_period(alice, FollowUpPeriod.objects.get(quarter=2))
    assert achieved_reductions(strandhamn, 2025) == {"Transporter": 13.0, "El och fjärrvärme": 9.0}


def test_a_completed_measure_keeps_its_achieved_reduction(users, strandhamn, measures):
    alice = users["alice"]
    first = services.prepare_period(alice, strandhamn, 2025, 4)
    reports = _reports(first)
    services.report_on_measure(
        alice, reports["E1"], {"status": "completed", "achieved_reduction_t": 30}
    )
    services.report_on_measure(alice, reports["T1"], {"achieved_reduction_t": 2})
    services.report_on_measure(alice, reports["X1"], {})
    services.approve_period(alice, first)
    second = services.prepare_period(alice, strandhamn, 2026, 1)
    services.report_on_measure(alice, _reports(second)["T1"], {"achieved_reduction_t": 6})
    services.approve_period(alice, second)
    assert "E1" not in _reports(second)
    assert achieved_reductions(strandhamn, 2026) == {"Transporter": 6.0, "El och fjärrvärme": 30.0}
    assert achieved_reductions(strandhamn, 2025) == {"Transporter": 2.0, "El och fjärrvärme": 30.0}
