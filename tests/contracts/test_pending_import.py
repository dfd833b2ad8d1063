"""The import's review kept for confirmation without sending the file again: in the API and on
the page it is stored exactly as reviewed, once, within 24 hours, by its uploader or another of
the contract's editors; expired reviews are deleted when a new one is kept."""

import datetime
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from klimatlaget.audit.models import AuditEntry
from klimatlaget.contracts.models import Contract, PendingImport

from .conftest import confirm_review
from .test_api_writes import TEXT

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _review(client, year=2026, text=TEXT):
    upload = SimpleUploadedFile("kontrakt.txt", text.encode())
    url = f"/api/organisations/9102/contracts/import?year={year}"
    return client.post(url, {"file": upload}, **EN)


def _confirm(client, review_id):
    return client.post(f"/api/contract-imports/{review_id}/confirm", **EN)


def test_a_review_is_stored_once_without_the_file_as_it_was_reviewed(client, users):
    client.force_login(users["alice"])
    review = _review(client)
    assert review.status_code == 200, review.content
    body = review.json()
    assert [(s["number"], s["subject"], s["writer"]) for s in body["sections"]] == [
        ("1", "purpose", "joint"),
        ("3", "municipality", "municipality"),
        ("3.1", "municipality.targets", "municipality"),
    ]
    created = PendingImport.objects.get(pk=body["id"])
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    expected = created.created_at + datetime.timedelta(hours=24)
    assert abs(expires - expected) < datetime.timedelta(milliseconds=1)  # as the JSON rounds
    assert not Contract.objects.exists()
    entries = AuditEntry.objects.count()
    stored = _confirm(client, body["id"])
    assert stored.status_code == 201, stored.content
    contract = Contract.objects.get(pk=stored.json()["id"])
    assert (contract.organisation.code, contract.year, contract.status, contract.source) == (
        "9102",
        2026,
        "draft",
        "kontrakt.txt",
    )
    sections = [(s["number"], s["subject"], s["writer"]) for s in stored.json()["sections"]]
    assert sections == [(s["number"], s["subject"], s["writer"]) for s in body["sections"]]
    assert contract.preamble == "Klimatkontrakt 2030"
    audited = AuditEntry.objects.order_by("pk")[entries:]
    assert [entry.action for entry in audited] == ["klimatlaget.contract.stored"]
    assert audited[0].actor_id == users["alice"].pk
    again = _confirm(client, body["id"])
    assert again.status_code == 410
    assert again.json()["detail"] == "This review was stored already."
    assert Contract.objects.count() == 1 and AuditEntry.objects.count() == entries + 1


def test_only_those_who_import_the_organisation_s_contracts_confirm(client, users, office):
    client.force_login(users["alice"])
    review_id = _review(client).json()["id"]
    client.force_login(users["bob"])  # edits Tallnäs, not Strandhamn
    refused = _confirm(client, review_id)
    assert refused.status_code == 404
    assert refused.content == _confirm(client, 999999).content  # as missing
    client.logout()
    assert _confirm(client, review_id).status_code == 401
    assert not Contract.objects.exists()
    client.force_login(office)  # the programme office imports every organisation's contracts
    assert _confirm(client, review_id).status_code == 201


def test_an_expired_review_is_refused_and_deleted_when_a_new_one_is_kept(client, users):
    client.force_login(users["alice"])
    review_id = _review(client).json()["id"]
    day_ago = timezone.now() - datetime.timedelta(hours=24, seconds=1)
    PendingImport.objects.filter(pk=review_id).update(created_at=day_ago)
    expired = _confirm(client, review_id)
    assert expired.status_code == 410
    assert expired.json()["detail"] == "This review has expired: upload the file again."
    assert not Contract.objects.exists()
    fresh = _review(client, 2027).json()["id"]
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [fresh]
    assert _confirm(client, review_id).status_code == 404


def test_a_year_taken_since_the_review_is_a_conflict(client, users):
    client.force_login(users["alice"])
    first, second = (_review(client).json()["id"] for _ in range(2))
    assert _confirm(client, first).status_code == 201
    conflict = _confirm(client, second)
    assert conflict.status_code == 409
    assert "already has a contract of 2026" in json.loads(conflict.content)["detail"]


def test_the_page_stores_the_review_it_showed_once(client, users, office):
    client.force_login(users["alice"])
    upload = SimpleUploadedFile("kontrakt.txt", TEXT.encode(), content_type="text/plain")
    review = client.post("/o/9102/contracts/import/", {"file": upload, "year": 2026}, **EN)
    pending = PendingImport.objects.get()
    assert f'name="review" value="{pending.pk}"' in review.content.decode()
    # A review of another organisation is not found by this organisation's page.
    client.force_login(users["bob"])
    assert (
        client.post("/o/9201/contracts/import/confirm/", {"review": pending.pk}).status_code == 404
    )
    client.force_login(users["alice"])
    assert confirm_review(client, review)["Location"] == "/o/9102/contracts/2026/"
    assert PendingImport.objects.get().used_at is not None
    PendingImport.objects.update(used_at=None, created_at=timezone.now() - datetime.timedelta(2))
    Contract.objects.all().delete()
    expired = confirm_review(client, review)
    assert expired["Location"] == "/o/9102/contracts/import/"
    page = client.get(expired["Location"], **EN).content.decode()
    assert "This review has expired: upload the file again." in page
    assert not Contract.objects.exists()
