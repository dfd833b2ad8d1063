"""The follow-up pages: the periods of an organisation (editors prepare one there), a period's
table filled in by the editor (every row) and by an owner (their own rows only), all or nothing,
stale rows refused, approving (with what is missing when refused), the lock, deleting, the CSV
and who sees an open period."""

import csv
import io

import pytest

from klimatlaget.audit.models import AuditEntry
from klimatlaget.followup import services
from klimatlaget.followup.models import FollowUpPeriod, MeasureReport

LIST = "/o/9102/follow-up/"
PAGE = "/o/9102/follow-up/2025-q2/"


@pytest.fixture
def period(users, strandhamn, measures, cycle_lanes):
    services.set_owners(users["alice"], measures["T1"], [users["nobody"]])
    return services.prepare_period(users["alice"], strandhamn, 2025, 2)


def _reports(period):
    return {r.measure_code: r for r in period.measure_reports.all()}


def _row(report, **values):
    """The posted fields of a measure report's row as the page shows them, changed by ``values``."""
    row = {
        "status": report.status,
        "completion_pct": "" if report.completion_pct is None else str(report.completion_pct),
        "spent_sek": "" if report.spent_sek is None else str(report.spent_sek),
        "achieved_reduction_t": ""
        if report.achieved_reduction_t is None
        else str(report.achieved_reduction_t),
        "comment": report.comment,
        "version": str(report.version),
    }
    row.update(values)
    return {f"m{report.pk}-{name}": value for name, value in row.items() if value is not False}


def _indicator_row(report, **values):
    row = {"value": "", "comment": "", "version": str(report.version)} | values
    return {f"i{report.pk}-{name}": value for name, value in row.items()}


def _all_rows(period, **changes):
    """Every row unchanged except ``changes`` (code → values)."""
    data = {}
    for code, report in _reports(period).items():
        data |= _row(report, **changes.get(code, {}))
    for report in period.indicator_reports.all():
        data |= _indicator_row(report, **changes.get(report.indicator_name, {}))
    return data


def test_an_editor_prepares_a_period_from_the_list(client, users, strandhamn, measures):
    assert client.get(LIST).status_code == 200
    client.force_login(users["alice"])
    page = client.get(LIST)
    assert b'id="prepare-form"' in page.content
    response = client.post(LIST, {"year": "2025", "quarter": "2"})
    assert response.status_code == 302 and response["Location"] == PAGE
    period = FollowUpPeriod.objects.get()
    assert period.label == "2025 Q2" and period.measure_reports.count() == 3
    again = client.post(LIST, {"year": "2025", "quarter": "2"}, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200 and b"already prepared" in again.content
    year = client.post(LIST, {"year": "2025", "quarter": "0"})
    assert year["Location"] == "/o/9102/follow-up/2025/"
    listed = client.get(LIST).content.decode()
    assert 'data-period="2025 Q2"' in listed and 'data-filled="0" data-total="3"' in listed


def test_the_editor_fills_in_every_row_at_once(client, users, period):
    client.force_login(users["alice"])
    page = client.get(PAGE)
    reports = _reports(period)
    for report in reports.values():
        assert f'name="m{report.pk}-status"'.encode() in page.content
    data = _all_rows(
        period,
        T1={"completion_pct": "40", "spent_sek": "1 250 000", "comment": "On track"},
        E1={"confirm": "on"},
        **{"Cycle lanes": {"value": "12,5"}},
    )
    response = client.post(PAGE, data)
    assert response.status_code == 302
    reports = _reports(period)
    assert reports["T1"].completion_pct == 40 and int(reports["T1"].spent_sek) == 1_250_000
    assert reports["T1"].filled and reports["E1"].filled and not reports["X1"].filled
    assert period.indicator_reports.get().value == 12.5
    shown = client.get(PAGE).content.decode()
    assert 'data-filled="2" data-total="3"' in shown


def test_saving_is_all_or_nothing_and_a_stale_row_is_refused(client, users, period):
    client.force_login(users["alice"])
    reports = _reports(period)
    data = _all_rows(period, T1={"comment": "Mine"}, E1={"completion_pct": "120"})
    response = client.post(PAGE, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and b"whole number from 0 to 100" in response.content
    assert not any(r.filled for r in _reports(period).values())

    # somebody else saves T1 after the page was opened
    services.report_on_measure(users["nobody"], reports["T1"], {"comment": "Theirs"})
    response = client.post(
        PAGE,
        data
        | _row(reports["T1"], comment="Mine", version="0")
        | {f"m{reports['E1'].pk}-completion_pct": "10"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and b"Somebody else saved this" in response.content
    assert b"Theirs" in response.content
    after = _reports(period)
    assert after["T1"].comment == "Theirs" and after["E1"].completion_pct is None
    # the row now carries the current version: saving again, knowingly, wins
    assert f'name="m{reports["T1"].pk}-version" value="1"'.encode() in response.content


def test_an_owner_fills_in_their_own_rows_only(client, users, period):
    nobody = users["nobody"]
    client.force_login(nobody)
    page = client.get(PAGE).content.decode()
    reports = _reports(period)
    assert f'name="m{reports["T1"].pk}-status"' in page
    assert f'name="m{reports["E1"].pk}-status"' not in page
    assert "i" + str(period.indicator_reports.get().pk) + "-value" not in page
    assert 'id="approve-form"' not in page
    # rows of other measures are not read even when posted
    data = _row(reports["T1"], completion_pct="55") | _row(reports["E1"], completion_pct="99")
    assert client.post(PAGE, data).status_code == 302
    after = _reports(period)
    assert after["T1"].completion_pct == 55 and after["T1"].filled_by_label == "nobody"
    assert after["E1"].completion_pct is None and not after["E1"].filled
    # an owner does not approve or delete
    assert client.post(PAGE + "approve/").status_code == 403
    assert client.post(PAGE + "delete/").status_code == 403


def test_approving_says_what_is_missing_then_locks(client, users, period):
    client.force_login(users["alice"])
    response = client.post(PAGE + "approve/", {"version": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    shown = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not yet reported: E1, T1, X1" in shown
    assert 'data-codes="E1,T1,X1"' in shown
    period.refresh_from_db()
    assert not period.approved
    for code in ("E1", "T1", "X1"):
        client.post(PAGE, _row(_reports(period)[code], confirm="on"))
    assert client.post(PAGE + "approve/", {"version": "0"}).status_code == 302
    period.refresh_from_db()
    assert period.approved and period.approved_by_label == "alice"
    locked = client.get(PAGE).content.decode()
    assert 'id="period-locked"' in locked
    assert "<form" not in locked.split('id="measures-heading"')[1]
    # a post to the locked period changes nothing
    report = _reports(period)["T1"]
    client.post(PAGE, _row(report, comment="Too late"))
    assert MeasureReport.objects.get(pk=report.pk).comment == ""
    assert client.post(PAGE + "delete/", {"version": "1"}).status_code == 302
    assert FollowUpPeriod.objects.filter(pk=period.pk).exists()
    # approved periods are public
    client.logout()
    assert client.get(PAGE).status_code == 200


def test_an_open_period_is_seen_by_history_readers_and_owners_only(client, users, period):
    for name, status in (
        ("alice", 200),
        ("lasare", 200),
        ("kansli", 200),
        ("nobody", 200),  # owns T1
        ("bob", 404),
    ):
        client.force_login(users[name])
        assert client.get(PAGE).status_code == status, name
        assert client.get("/o/9102/follow-up/2025-q2.csv").status_code == status, name
        listed = client.get(LIST).content.decode()
        assert ('data-period="2025 Q2"' in listed) == (status == 200), name
    client.logout()
    assert client.get(PAGE).status_code == 404
    # readers without rows to fill in are refused a save
    client.force_login(users["lasare"])
    assert client.post(PAGE, {}).status_code == 403


def test_deleting_an_open_period(client, users, period):
    client.force_login(users["alice"])
    stale = client.post(PAGE + "delete/", {"version": "3"})
    assert stale.status_code == 302 and FollowUpPeriod.objects.exists()
    response = client.post(PAGE + "delete/", {"version": "0"})
    assert response["Location"] == LIST and not FollowUpPeriod.objects.exists()
    assert AuditEntry.objects.filter(action="klimatlaget.follow_up.deleted").count() == 1


def test_the_csv_is_formula_safe(client, users, period):
    report = _reports(period)["T1"]
    services.report_on_measure(
        users["alice"], report, {"comment": '=HYPERLINK("http://evil.example","x")'}
    )
    client.force_login(users["alice"])
    response = client.get("/o/9102/follow-up/2025-q2.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    t1 = next(row for row in rows if row["code"] == "T1")
    assert not t1["comment"].startswith("=") and "HYPERLINK" in t1["comment"]
    assert t1["expected_reduction_t"] == "120.0" and t1["year"] == "2025"


def _measure_form(measure, **values):
    form = {
        "code": measure.code,
        "title": measure.title,
        "sector": measure.sector,
        "type": measure.type,
        "status": measure.status,
        "version": str(measure.version),
    }
    return form | values


def test_editors_name_owners_on_the_measure_edit_page(client, users, measures):
    t1 = measures["T1"]
    url = f"/o/9102/measures/{t1.pk}/edit/"
    client.force_login(users["alice"])
    unknown = client.post(
        url, _measure_form(t1, owners="nobody, ghost\nspectre"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert unknown.status_code == 200 and b"No user is called ghost, spectre" in unknown.content
    assert not t1.owners.exists()
    saved = client.post(url, _measure_form(t1, owners="nobody,\nlasare"))
    assert saved.status_code == 302
    assert sorted(u.username for u in t1.owners.all()) == ["lasare", "nobody"]
    assert AuditEntry.objects.filter(action="klimatlaget.measure_owners.changed").count() == 1
    form = client.get(url).content.decode()
    assert "lasare\nnobody</textarea>" in form
    page = client.get(f"/o/9102/measures/{t1.pk}/").content.decode()
    assert 'id="measure-owners">lasare, nobody<' in page
    client.post(url, _measure_form(t1, version=str(t1.version + 1), owners="nobody"))
    assert [u.username for u in t1.owners.all()] == ["nobody"]
    # owners are shown to the organisation's editors only
    for name in ("lasare", "nobody", "bob"):
        client.force_login(users[name])
        assert b'id="measure-owners"' not in client.get(f"/o/9102/measures/{t1.pk}/").content


def test_the_measure_page_shows_its_follow_up_history(client, users, strandhamn, period):
    alice = users["alice"]
    reports = _reports(period)
    for code, values in (("T1", {"completion_pct": 60, "comment": "Half"}), ("E1", {}), ("X1", {})):
        services.report_on_measure(alice, reports[code], values)
    services.approve_period(alice, period)
    later = services.prepare_period(alice, strandhamn, 2025, 3)
    url = f"/o/9102/measures/{reports['T1'].measure_id}/"
    shown = client.get(url).content.decode()  # anonymous: the approved period only
    assert 'data-period="2025 Q2" data-state="approved"' in shown and "Half" in shown
    assert 'data-period="2025 Q3"' not in shown
    client.force_login(users["nobody"])  # the owner sees the open one too
    assert f'data-period="{later.label}" data-state="open"' in client.get(url).content.decode()


def test_an_owner_without_a_role_finds_their_measures_on_the_start_page(client, users, period):
    client.force_login(users["nobody"])
    start = client.get("/start/").content.decode()
    t1 = _reports(period)["T1"]
    assert 'id="owned-measures"' in start and 'data-measure="T1"' in start
    assert f'href="/o/9102/follow-up/2025-q2/#report-{t1.pk}"' in start
    client.force_login(users["alice"])
    desk = client.get("/start/").content.decode()
    assert 'class="open-follow-up"' in desk and 'href="/o/9102/follow-up/2025-q2/"' in desk
    assert 'id="owned-measures"' not in desk
