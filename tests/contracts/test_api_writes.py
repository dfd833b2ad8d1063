"""Writing contracts through the API: the import's review stores nothing and its confirmation
stores the contract, the contract's status with If-Match, new versions, sections, links,
commitments and parties, each refused to those who may not."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from klimatlaget.audit.models import AuditEntry
from klimatlaget.contracts import services
from klimatlaget.contracts.models import Commitment, Contract, SectionLink
from klimatlaget.organisations.models import Organisation, OrganisationKind

from .test_pages import KALMAR, KALMAR_NUMBERS

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _send(client, method, url, body, **headers):
    send = getattr(client, method)
    return send(url, json.dumps(body), content_type="application/json", **headers, **EN)


def _upload(client, year, text, confirm, name="kontrakt.txt"):
    upload = SimpleUploadedFile(name, text.encode())
    flag = "true" if confirm else "false"
    url = f"/api/organisations/9102/contracts/import?year={year}&confirm={flag}"
    return client.post(url, {"file": upload}, **EN)


TEXT = (
    "Klimatkontrakt 2030\n\n1. Syftet med Klimatkontrakt 2030\n"
    "Syftet är att nå klimatneutralitet.\n\n"
    "3. Kommunens åtaganden\n\n3.1 Kommunens klimatmål\nKlimatneutral 2030.\n"
)


def test_the_review_stores_nothing_and_the_confirmation_stores_the_draft(client, users):
    client.force_login(users["alice"])
    entries = AuditEntry.objects.count()
    review = _upload(client, 2026, TEXT, confirm=False)
    assert review.status_code == 200, review.content
    body = review.json()
    assert [(s["number"], s["subject"]) for s in body["sections"]] == [
        ("1", "purpose"),
        ("3", "municipality"),
        ("3.1", "municipality.targets"),
    ]
    assert (body["file"], body["year"]) == ("kontrakt.txt", 2026)
    assert not Contract.objects.exists() and AuditEntry.objects.count() == entries
    stored = _upload(client, 2026, TEXT, confirm=True)
    assert stored.status_code == 201, stored.content
    contract = Contract.objects.get(pk=stored.json()["id"])
    assert (contract.year, contract.status, contract.source) == (2026, "draft", "kontrakt.txt")
    assert [s["number"] for s in stored.json()["sections"]] == ["1", "3", "3.1"]
    assert _upload(client, 2026, TEXT, confirm=False).status_code == 409


def test_kalmars_contract_is_reviewed_with_its_sections(client, users):
    client.force_login(users["alice"])
    review = _upload(client, 2024, KALMAR.read_text(encoding="utf-8"), confirm=False).json()
    assert [s["number"] for s in review["sections"]] == KALMAR_NUMBERS
    assert any("Section 8" in problem["message"] for problem in review["problems"])
    assert not Contract.objects.exists()


def test_an_unreadable_file_is_a_400_and_outsiders_are_refused(client, users):
    client.force_login(users["alice"])
    response = _upload(client, 2026, "x", confirm=True, name="kontrakt.xlsx")
    assert response.status_code == 400
    assert response.json()["problems"][0]["file"] == "kontrakt.xlsx"
    client.force_login(users["bob"])
    assert _upload(client, 2026, TEXT, confirm=True).status_code == 403
    assert not Contract.objects.exists()


def test_the_status_is_changed_with_if_match(client, users, contract):
    client.force_login(users["alice"])
    url = f"/api/contracts/{contract.pk}"
    etag = client.get(url).headers["ETag"]
    body = {"status": "signed", "signed_on": "2024-05-01"}
    response = _send(client, "patch", url, body, HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response.headers["ETag"] != etag
    assert (response.json()["status"], response.json()["signed_on"]) == ("signed", "2024-05-01")
    stale = _send(client, "patch", url, {"source": "ny.pdf"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    contract.refresh_from_db()
    assert contract.source == "kontrakt.txt"
    back = _send(client, "patch", url, {"status": "draft", "signed_on": None})
    assert back.status_code == 200
    assert _send(client, "patch", url, {"status": "signed"}).status_code == 422


def test_a_hidden_draft_is_missing_and_a_public_one_refused(client, users, contract):
    client.force_login(users["bob"])
    url = f"/api/contracts/{contract.pk}"
    assert _send(client, "patch", url, {"source": "x"}).status_code == 404
    services.update_contract(
        users["alice"], contract, {"status": "signed", "signed_on": "2024-05-01"}
    )
    assert _send(client, "patch", url, {"source": "x"}).status_code == 403
    client.logout()
    assert _send(client, "patch", url, {"source": "x"}).status_code == 401


def test_a_new_version_copies_the_contract(client, users, contract):
    client.force_login(users["alice"])
    url = f"/api/contracts/{contract.pk}/versions"
    response = _send(client, "post", url, {"year": 2025})
    assert response.status_code == 201, response.content
    copy = Contract.objects.get(pk=response.json()["id"])
    assert (copy.year, copy.replaces_id, copy.sections.count()) == (2025, contract.pk, 8)
    assert _send(client, "post", url, {"year": 2025}).status_code == 422


def test_the_municipality_edits_its_own_sections_the_office_the_rest(
    client, users, office, contract
):
    own = contract.sections.get(number="3.1")
    joint = contract.sections.get(number="7")
    client.force_login(users["alice"])
    response = _send(
        client, "patch", f"/api/contract-sections/{own.pk}", {"text": "Klimatneutral 2028."}
    )
    assert response.status_code == 200, response.content
    assert response.json()["text"] == "Klimatneutral 2028."
    assert response.headers["ETag"] == '"v1"'
    stale = _send(
        client, "patch", f"/api/contract-sections/{own.pk}", {"title": "X"}, HTTP_IF_MATCH='"v0"'
    )
    assert stale.status_code == 412
    url = f"/api/contract-sections/{joint.pk}"
    assert _send(client, "patch", url, {"text": "Nej"}).status_code == 403
    client.force_login(office)
    assert _send(client, "patch", url, {"text": "Varje år."}).status_code == 200
    joint.refresh_from_db()
    assert joint.text == "Varje år."


def test_links_are_added_and_removed(client, users, contract):
    section = contract.sections.get(number="3.1")
    client.force_login(users["alice"])
    url = f"/api/contract-sections/{section.pk}/links"
    body = {"kind": "document", "url": "https://kalmar.se/klimat.pdf", "title": "Klimatplan"}
    response = _send(client, "post", url, body)
    assert response.status_code == 201, response.content
    link_id = response.json()["id"]
    assert response.json()["title"] == "Klimatplan"
    bad = _send(client, "post", url, {"kind": "document", "url": "kalmar.se"})
    assert bad.status_code == 422 and "url" in bad.json()["errors"]
    client.force_login(users["bob"])
    assert client.delete(f"{url}/{link_id}").status_code == 404
    client.force_login(users["alice"])
    assert client.delete(f"{url}/{link_id}").status_code == 204
    assert not SectionLink.objects.exists()
    assert AuditEntry.objects.filter(action="klimatlaget.contract_section.link_removed").exists()


def test_parties_and_commitments(client, users, contract):
    Organisation.objects.create(
        code="trafikverket", name="Trafikverket", kind=OrganisationKind.AGENCY
    )
    client.force_login(users["alice"])
    parties = f"/api/contracts/{contract.pk}/parties"
    party = _send(client, "post", parties, {"organisation_code": "trafikverket", "role": "agency"})
    assert party.status_code == 201, party.content
    assert party.json()["name"] == "Trafikverket"
    unknown = _send(client, "post", parties, {"organisation_code": "nej", "role": "agency"})
    assert unknown.status_code == 422 and "organisation_code" in unknown.json()["errors"]
    section = contract.sections.get(number="3.1")
    url = f"/api/contracts/{contract.pk}/commitments"
    body = {"text": "Bygga cykelbanor", "party_code": "trafikverket", "section_id": section.pk}
    made = _send(client, "post", url, {**body, "due_year": 2027})
    assert made.status_code == 201, made.content
    assert (made.json()["party_code"], made.json()["due_year"]) == ("trafikverket", 2027)
    other = _send(client, "post", url, {**body, "party_code": "9201"})
    assert other.status_code == 422 and "party_code" in other.json()["errors"]
    commitment = Commitment.objects.get()
    address = f"/api/commitments/{commitment.pk}"
    services.set_commitment_status(users["alice"], commitment, 2025, {"status": "ongoing"})
    assert client.delete(address, HTTP_IF_MATCH='"v0"').status_code == 412
    assert client.delete(address, HTTP_IF_MATCH='"v1"').status_code == 204
    assert not Commitment.objects.exists()
