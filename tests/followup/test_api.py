"""The follow-up API: periods listed and read as the access layer allows, prepared, filled in by
editors and owners (their own measures only), approved with a version, locked, deleted."""

import json

import pytest

from klimatlaget.followup import services
from klimatlaget.followup.models import FollowUpPeriod

PERIODS = "/api/organisations/9102/follow-up"
PERIOD = PERIODS + "/2025/2"


def _send(client, method, url, body=None, **headers):
    return getattr(client, method)(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


@pytest.fixture
def owned(users, measures):
    services.set_owners(users["alice"], measures["T1"], [users["nobody"]])
    return measures


def test_an_editor_prepares_fills_in_and_approves_a_quarter(client, users, owned, cycle_lanes):
    client.force_login(users["alice"])
    made = _send(client, "post", PERIODS, {"year": 2025, "quarter": 2})
    assert made.status_code == 201, made.content
    period = made.json()
    assert (period["label"], period["state"], period["measures"], period["reported"]) == (
        "2025 Q2",
        "open",
        3,
        0,
    )
    assert period["url"] == "/o/9102/follow-up/2025-q2/"
    again = _send(client, "post", PERIODS, {"year": 2025, "quarter": 2})
    assert again.status_code == 422 and "quarter" in again.json()["errors"]
    assert _send(client, "post", PERIODS, {"year": 2025, "quarter": 5}).status_code == 422

    read = client.get(PERIOD)
    assert read.status_code == 200 and read["ETag"] == '"v0"'
    reports = {r["code"]: r for r in read.json()["measure_reports"]}
    t1 = f"/api/follow-up/measure-reports/{reports['T1']['report_id']}"
    put = _send(client, "put", t1, {"completion_pct": 40, "spent_sek": 1000}, If_Match='"v0"')
    assert put.status_code == 200, put.content
    assert put.json()["completion_pct"] == 40 and put["ETag"] == '"v1"'
    stale = _send(client, "put", t1, {"comment": "late"}, If_Match='"v0"')
    assert stale.status_code == 412 and stale.json()["changed"]["completion_pct"] == 40
    stale_body = _send(client, "put", t1, {"comment": "late", "version": 0})
    assert stale_body.status_code == 409
    bad = _send(client, "put", t1, {"status": "finished"})
    assert bad.status_code == 422 and "status" in bad.json()["errors"]
    assert _send(client, "put", t1, {"completion_pct": 101}).status_code == 422

    indicator = read.json()["indicator_reports"][0]
    url = f"/api/follow-up/indicator-reports/{indicator['report_id']}"
    assert _send(client, "put", url, {"value": 12.5, "version": 0}).json()["value"] == 12.5

    refused = _send(client, "post", PERIOD + "/approve", {"version": 0})
    assert refused.status_code == 422 and "E1, X1" in json.dumps(refused.json())
    for code in ("E1", "X1"):
        url = f"/api/follow-up/measure-reports/{reports[code]['report_id']}"
        assert _send(client, "put", url, {}).status_code == 200
    stale_approval = _send(client, "post", PERIOD + "/approve", {}, If_Match='"v3"')
    assert stale_approval.status_code == 412
    approved = _send(client, "post", PERIOD + "/approve", {"version": 0})
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert approved.json()["reported"] == 3

    locked = _send(client, "put", t1, {"comment": "after"})
    assert locked.status_code == 422 and "2025 Q2" in locked.json()["errors"]["__all__"][0]
    assert _send(client, "delete", PERIOD).status_code == 422
    client.logout()
    assert client.get(PERIOD).status_code == 200
    assert [p["label"] for p in client.get(PERIODS).json()] == ["2025 Q2"]


def test_an_owner_fills_in_their_own_measure_only(client, users, strandhamn, owned, cycle_lanes):
    period = services.prepare_period(users["alice"], strandhamn, 2025, 2)
    reports = {r.measure_code: r for r in period.measure_reports.all()}
    client.force_login(users["nobody"])
    read = client.get(PERIOD)
    assert read.status_code == 200 and len(read.json()["measure_reports"]) == 3
    own = f"/api/follow-up/measure-reports/{reports['T1'].pk}"
    other = f"/api/follow-up/measure-reports/{reports['E1'].pk}"
    assert _send(client, "put", own, {"achieved_reduction_t": 7.5}).status_code == 200
    assert _send(client, "put", other, {"achieved_reduction_t": 7.5}).status_code == 403
    indicator = f"/api/follow-up/indicator-reports/{period.indicator_reports.get().pk}"
    assert _send(client, "put", indicator, {"value": 1}).status_code == 403
    assert _send(client, "post", PERIOD + "/approve", {}).status_code == 403
    assert _send(client, "delete", PERIOD).status_code == 403
    assert _send(client, "post", PERIODS, {"year": 2026}).status_code == 403
    reports["E1"].refresh_from_db()
    assert not reports["E1"].filled


def test_an_open_period_is_not_found_by_outsiders(client, users, strandhamn, measures):
    period = services.prepare_period(users["alice"], strandhamn, 2025, 2)
    report = period.measure_reports.first()
    for name in ("bob", None):
        if name:
            client.force_login(users[name])
        assert client.get(PERIOD).status_code == 404
        assert client.get(PERIODS).json() == []
    client.force_login(users["bob"])
    url = f"/api/follow-up/measure-reports/{report.pk}"
    assert _send(client, "put", url, {"comment": "x"}).status_code == 404
    client.force_login(users["lasare"])
    assert client.get(PERIOD).status_code == 200
    assert _send(client, "put", url, {"comment": "x"}).status_code == 403


def test_ids_years_and_quarters_are_bounded(client, users):
    client.force_login(users["alice"])
    too_big = f"/api/follow-up/measure-reports/{2**63}"
    assert _send(client, "put", too_big, {}).status_code == 422
    assert client.get(PERIODS + "/2025/7").status_code == 422
    assert client.get(PERIODS + "/1000/1").status_code == 422
    assert client.get(PERIODS + "/2025/1").status_code == 404


def test_deleting_an_open_period(client, users, strandhamn, measures):
    services.prepare_period(users["alice"], strandhamn, 2025, 2)
    client.force_login(users["alice"])
    assert _send(client, "delete", PERIOD, If_Match='"v4"').status_code == 412
    assert _send(client, "delete", PERIOD, If_Match='"v0"').status_code == 204
    assert not FollowUpPeriod.objects.exists()


def test_the_api_is_documented(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "/api/organisations/{code}/follow-up/{year}/{quarter}/approve" in paths
    put = paths["/api/follow-up/measure-reports/{report_id}"]["put"]
    assert {"409", "412", "422"} <= set(put["responses"])


def test_a_report_is_read_with_its_version(client, users, strandhamn, measures, cycle_lanes):
    period = services.prepare_period(users["alice"], strandhamn, 2025, 2)
    report = period.measure_reports.get(measure_code="T1")
    indicator = period.indicator_reports.get()
    url = f"/api/follow-up/measure-reports/{report.pk}"
    assert client.get(url).status_code == 404  # an open period's, anonymously
    client.force_login(users["lasare"])
    read = client.get(url)
    assert read.status_code == 200 and read["ETag"] == '"v0"' and read.json()["code"] == "T1"
    other = client.get(f"/api/follow-up/indicator-reports/{indicator.pk}")
    assert other.status_code == 200 and other.json()["name"] == "Cycle lanes"
