"""The emission quota API: public reads with the emissions by period and status; the editor's
writes with versions (ETag/If-Match or the body), bounded ids and years, OpenAPI documented;
and ``klimatlaget export quotas``."""

import json

import pytest

from klimatlaget.audit.models import AuditEntry
from klimatlaget.cli.main import main
from klimatlaget.measures import quotas
from klimatlaget.measures.models import EmissionQuota

QUOTA = {"unit": "Tekniska nämnden", "year": 2026, "quota_t": 1000}


def _send(client, method, url, body=None, **headers):
    return getattr(client, method)(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_an_editor_creates_follows_up_changes_and_deletes_a_quota(client, users):
    client.force_login(users["alice"])
    created = _send(client, "post", "/api/organisations/9102/quotas", QUOTA)
    assert created.status_code == 201, created.content
    quota = created.json()
    assert (quota["organisation_code"], quota["outcomes"], quota["light"]) == ("9102", [], "")
    url = f"/api/quotas/{quota['id']}"
    entered = _send(client, "post", f"{url}/outcomes", {"quarter": 1, "outcome_t": 240})
    assert entered.status_code == 200 and entered["ETag"] == '"v1"'
    second = _send(
        client, "post", f"{url}/outcomes", {"quarter": 2, "outcome_t": 270}, If_Match='"v1"'
    )
    body = second.json()
    assert body["outcomes"] == [
        {"quarter": 1, "period": "2026 Q1", "outcome_t": 240, "entered_by": "alice"},
        {"quarter": 2, "period": "2026 Q2", "outcome_t": 270, "entered_by": "alice"},
    ]
    assert (body["outcome_t"], body["periods"], body["used_pct"]) == (510, 2, 51.0)
    assert (body["light"], body["remaining_t"], body["version"]) == ("amber", 490, 2)
    read = client.get(url)
    assert read["ETag"] == '"v2"'
    changed = _send(client, "put", url, {**QUOTA, "quota_t": 2000}, If_Match='"v2"')
    assert changed.status_code == 200 and changed.json()["light"] == "green"
    removed = _send(client, "post", f"{url}/outcomes", {"quarter": 2, "outcome_t": None})
    assert [o["quarter"] for o in removed.json()["outcomes"]] == [1]
    assert _send(client, "delete", url, If_Match='"v4"').status_code == 204
    assert not EmissionQuota.objects.exists()
    assert AuditEntry.objects.filter(subject="emission_quota").count() == 6


def test_stale_versions_are_refused_with_what_changed(client, users, strandhamn):
    quota = quotas.create_quota(users["alice"], strandhamn, QUOTA)
    quotas.update_quota(users["alice"], quota, {"quota_t": 900})  # version 1
    quotas.set_outcome(users["alice"], quota, 1, 240)  # version 2
    client.force_login(users["alice"])
    url = f"/api/quotas/{quota.pk}"
    stale = _send(client, "put", url, {**QUOTA, "quota_t": 5}, If_Match='"v0"')
    assert stale.status_code == 412
    assert stale.json()["changed"] == {"quota_t": 900} and stale.json()["version"] == 2
    in_body = _send(client, "put", url, {**QUOTA, "quota_t": 5, "version": 0})
    assert in_body.status_code == 409
    same_period = _send(
        client, "post", f"{url}/outcomes", {"quarter": 1, "outcome_t": 1, "version": 0}
    )
    assert same_period.status_code == 409
    other_period = _send(
        client, "post", f"{url}/outcomes", {"quarter": 2, "outcome_t": 1, "version": 0}
    )
    assert other_period.status_code == 200
    assert _send(client, "delete", url, If_Match='"v1"').status_code == 412  # Q1 entered since
    quota.refresh_from_db()
    assert quota.quota_t == 900 and quotas.outcomes_of(quota) == {1: 240, 2: 1}
    # Emissions entered since are no conflict for the quota itself.
    changed = _send(client, "put", url, {**QUOTA, "quota_t": 950}, If_Match='"v1"')
    assert changed.status_code == 200 and changed.json()["quota_t"] == 950


def test_invalid_values_get_422_and_others_are_refused(client, users, strandhamn):
    client.force_login(users["alice"])
    url = "/api/organisations/9102/quotas"
    assert _send(client, "post", url, {**QUOTA, "year": 1800}).status_code == 422
    assert _send(client, "post", url, {**QUOTA, "quota_t": -1}).status_code == 422
    assert _send(client, "post", url, {**QUOTA, "unit": ""}).status_code == 422
    assert _send(client, "post", url, QUOTA).status_code == 201
    twice = _send(client, "post", url, QUOTA)
    assert twice.status_code == 422 and twice.json()["detail"] == "Not saved: invalid values."
    quota = EmissionQuota.objects.get()
    outcome = f"/api/quotas/{quota.pk}/outcomes"
    assert _send(client, "post", outcome, {"quarter": 5, "outcome_t": 1}).status_code == 422
    assert _send(client, "post", outcome, {"quarter": 1, "outcome_t": -1}).status_code == 422
    client.force_login(users["bob"])
    assert _send(client, "post", url, {**QUOTA, "year": 2027}).status_code == 403
    assert _send(client, "post", outcome, {"quarter": 1, "outcome_t": 1}).status_code == 403
    client.logout()
    assert _send(client, "post", outcome, {"quarter": 1, "outcome_t": 1}).status_code == 401
    assert EmissionQuota.objects.count() == 1 and not quota.outcomes.exists()


def test_the_list_is_public_and_filtered_by_year_with_bounded_ids(client, users, strandhamn):
    quotas.create_quota(users["alice"], strandhamn, QUOTA)
    quotas.create_quota(users["alice"], strandhamn, {**QUOTA, "year": 2025})
    listed = client.get("/api/organisations/9102/quotas").json()
    assert [(q["year"], q["unit"]) for q in listed] == [
        (2025, "Tekniska nämnden"),
        (2026, "Tekniska nämnden"),
    ]
    assert [q["year"] for q in client.get("/api/organisations/9102/quotas?year=2026").json()] == [
        2026
    ]
    assert client.get("/api/organisations/9102/quotas?year=99999").status_code == 422
    assert client.get("/api/organisations/0000/quotas").status_code == 404
    assert client.get("/api/quotas/999999").status_code == 404
    assert client.get(f"/api/quotas/{2**63}").status_code == 422
    assert client.get("/api/quotas/0").status_code == 422


def test_the_operations_are_documented(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/organisations/{code}/quotas"]) == {"get", "post"}
    assert set(paths["/api/quotas/{quota_id}"]) == {"get", "put", "delete"}
    assert set(paths["/api/quotas/{quota_id}/outcomes"]) == {"post"}
    quota_id = paths["/api/quotas/{quota_id}"]["get"]["parameters"][0]["schema"]
    assert (quota_id["minimum"], quota_id["maximum"]) == (1, 2**63 - 1)


@pytest.mark.parametrize("table_format", ["csv", "json"])
def test_the_cli_exports_the_quotas_of_a_year(users, strandhamn, capsys, table_format):
    quota = quotas.create_quota(users["alice"], strandhamn, QUOTA)
    quotas.set_outcomes(users["alice"], quota, {1: 300})
    quotas.create_quota(users["alice"], strandhamn, {**QUOTA, "year": 2025})
    capsys.readouterr()
    arguments = ["export", "quotas", "--organisation", "9102", "--year", "2026"]
    assert main([*arguments, "--format", table_format]) == 0
    out = capsys.readouterr().out
    if table_format == "json":
        (row,) = json.loads(out)
        assert (row["unit"], row["q1_t"], row["light"], row["remaining_t"]) == (
            "Tekniska nämnden",
            300,
            "red",
            700,
        )
    else:
        lines = out.strip().splitlines()
        assert lines[0].startswith("organisation,year,unit,quota_t,q1_t")
        assert len(lines) == 2 and ",red," in lines[1]
    assert main(["export", "quotas", "--organisation", "0000"]) == 2
