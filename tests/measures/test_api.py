"""The plans, measures and indicators API: public reads, editors' writes with versions."""

import json

from klimatlaget.audit.models import AuditEntry
from klimatlaget.measures.models import Indicator, Measure
from measures.conftest import MEASURE


def _send(client, method, url, body=None, **headers):
    return getattr(client, method)(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_an_editor_creates_reads_changes_and_deletes_a_measure(client, users):
    client.force_login(users["alice"])
    created = _send(client, "post", "/api/organisations/9102/measures", MEASURE)
    assert created.status_code == 201, created.content
    measure = created.json()
    assert measure["status_history"][0]["status"] == "decided"
    url = f"/api/measures/{measure['id']}"
    read = client.get(url)
    assert read["ETag"] == '"v0"'
    changed = _send(client, "put", url, {**MEASURE, "title": "Electric buses"}, If_Match='"v0"')
    assert changed.status_code == 200 and changed.json()["title"] == "Electric buses"
    stale = _send(client, "put", url, {**MEASURE, "title": "Late"}, If_Match='"v0"')
    assert stale.status_code == 412
    listed = client.get("/api/organisations/9102/measures").json()
    assert [m["code"] for m in listed] == ["T1"]
    assert _send(client, "delete", url).status_code == 204
    assert not Measure.objects.exists()


def test_invalid_values_get_422_by_field_and_others_are_refused(client, users):
    client.force_login(users["alice"])
    bad = _send(client, "post", "/api/organisations/9102/measures", {**MEASURE, "end_year": 2000})
    assert bad.status_code == 422 and "end_year" in bad.json()["errors"]
    client.force_login(users["bob"])
    refused = _send(client, "post", "/api/organisations/9102/measures", MEASURE)
    assert refused.status_code == 403
    assert not AuditEntry.objects.filter(subject="measure").exists()


def test_plans_show_the_version_in_force(client, users):
    client.force_login(users["alice"])
    plan = {"title": "Klimatplan", "status": "adopted", "adopted_on": "2020-01-01"}
    old = _send(client, "post", "/api/organisations/9102/plans", plan).json()
    new = _send(
        client,
        "post",
        "/api/organisations/9102/plans",
        {**plan, "adopted_on": "2025-01-01", "version_label": "2", "replaces_id": old["id"]},
    ).json()
    listed = {p["id"]: p["in_force"] for p in client.get("/api/organisations/9102/plans").json()}
    assert listed == {old["id"]: False, new["id"]: True}


def test_indicator_values_by_period(client, users):
    client.force_login(users["alice"])
    body = {
        "name": "Charging points",
        "unit": "st",
        "direction": "up",
        "target_values": {"2030": 200},
    }
    indicator = _send(client, "post", "/api/organisations/9102/indicators", body).json()
    url = f"/api/indicators/{indicator['id']}/values"
    answer = _send(client, "post", url, {"year": 2025, "quarter": 3, "value": 55})
    assert answer.status_code == 200
    (value,) = answer.json()["values"]
    assert (value["period"], value["value"], value["entered_by"]) == ("2025 Q3", 55, "alice")
    assert _send(client, "post", url, {"year": 2025, "quarter": 7, "value": 1}).status_code == 422
    assert _send(client, "delete", f"{url}/{value['id']}").status_code == 204
    assert not Indicator.objects.get().values.exists()
    client.logout()
    assert client.get(f"/api/indicators/{indicator['id']}").json()["target_values"] == {"2030": 200}


def test_a_quoted_plan_keeps_its_notes_through_the_api(client, users):
    client.force_login(users["alice"])
    body = {
        "title": "Mobilitetsstrategi",
        "status": "adopted",
        "quoted": True,
        "notes": "The contract gives no date of adoption.",
    }
    created = _send(client, "post", "/api/organisations/9102/plans", body)
    assert created.status_code == 201, created.content
    plan = client.get(f"/api/plans/{created.json()['id']}").json()
    assert (plan["quoted"], plan["notes"]) == (True, "The contract gives no date of adoption.")
    unquoted = _send(client, "post", "/api/organisations/9102/plans", {**body, "quoted": False})
    assert unquoted.status_code == 422 and "adopted_on" in unquoted.json()["errors"]
