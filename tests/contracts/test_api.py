"""The contracts API: contracts with their sections in document order and live links, drafts
hidden as missing, commitments' yearly status with If-Match."""

import json

from klimatlaget.audit.models import AuditEntry
from klimatlaget.contracts import services
from klimatlaget.measures import services as measure_services


def _post(client, url, body, **headers):
    body = {"year": 2025, **body}
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_a_signed_contract_is_read_with_its_sections_in_order(client, users, signed, strandhamn):
    measure = measure_services.create_measure(
        users["alice"],
        strandhamn,
        {"code": "M1", "title": "Cyklar", "sector": "Transporter", "type": "technical",
         "status": "decided", "expected_reduction_t": 40.0, "effect_year": 2027},
    )  # fmt: skip
    section = signed.sections.get(number="3.2.1")
    link = services.add_link(users["alice"], section, {"kind": "measure", "object_id": measure.pk})
    listed = client.get("/api/organisations/9102/contracts").json()
    assert [(c["year"], c["status"], c["sections"]) for c in listed] == [(2024, "signed", None)]
    response = client.get(f"/api/contracts/{signed.pk}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["ETag"] == f'"v{signed.version}"'
    body = response.json()
    assert [s["number"] for s in body["sections"]] == [
        "1",
        "3",
        "3.1",
        "3.2.1",
        "4",
        "4.1",
        "5",
        "7",
    ]
    mobility = body["sections"][3]
    assert (mobility["parent_number"], mobility["subject"], mobility["writer"]) == (
        "3",
        "municipality.strategy.mobility",
        "municipality",
    )
    assert mobility["links"] == [
        {
            "id": link.pk,
            "kind": "measure",
            "object_id": measure.pk,
            "title": "Cyklar",
            "url": f"/o/9102/measures/{measure.pk}/",
            "figure": "Decided",
            "value": 40.0,
        }
    ]
    assert body["parties"][0]["organisation_code"] == "9102"


def test_a_draft_is_as_missing_to_others(client, users, contract):
    assert client.get(f"/api/contracts/{contract.pk}").status_code == 404
    assert client.get(f"/api/contracts/{contract.pk + 100}").status_code == 404
    assert client.get("/api/organisations/9102/contracts").json() == []
    client.force_login(users["bob"])
    assert client.get(f"/api/contracts/{contract.pk}").status_code == 404
    client.force_login(users["alice"])
    assert client.get(f"/api/contracts/{contract.pk}").status_code == 200


def test_a_commitment_s_status_is_set_with_if_match(client, users, signed):
    commitment = services.add_commitment(
        users["alice"], signed, {"text": "Halvera", "party_id": signed.parties.get().pk}
    )
    client.force_login(users["alice"])
    url = f"/api/commitments/{commitment.pk}/statuses"
    response = _post(client, url, {"status": "ongoing", "comment": "Igång"}, HTTP_IF_MATCH='"v0"')
    assert response.status_code == 200, response.content
    assert response.headers["ETag"] == '"v1"'
    assert response.json()["statuses"] == [{"year": 2025, "status": "ongoing", "comment": "Igång"}]
    stale = _post(client, url, {"status": "done"}, HTTP_IF_MATCH='"v0"')
    assert stale.status_code == 412
    invalid = _post(client, url, {"status": "finished"})
    assert invalid.status_code == 422 and "status" in invalid.json()["errors"]
    listed = client.get(f"/api/contracts/{signed.pk}/commitments").json()
    assert listed[0]["statuses"][0]["status"] == "ongoing" and listed[0]["version"] == 1
    entry = AuditEntry.objects.get(action="klimatlaget.contract_commitment.status_set")
    assert entry.changes == {"status 2025": [None, "ongoing"], "comment 2025": [None, "Igång"]}
    client.force_login(users["bob"])
    assert _post(client, url, {"status": "done"}).status_code == 403
