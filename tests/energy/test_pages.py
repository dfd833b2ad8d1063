"""The energy page (chart, tables, CSV), the upload pages and the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from klimatlaget.audit.models import AuditEntry
from klimatlaget.energy.models import EnergyUse

GOOD = "organisation,year,sector,carrier,mwh,source\n9102,2023,Småhus,El,1200,SCB\n"
BAD = "organisation,year,sector,carrier,mwh,source\n9102,2023,Småhus,El,mycket,SCB\n"


@pytest.mark.django_db
def test_the_page_shows_a_year_by_sector_and_carrier_with_csv(client, users):
    EnergyUse.objects.create(
        organisation_id=_pk("9102"), year=2023, sector="houses", carrier="electricity", mwh=1200
    )
    EnergyUse.objects.create(
        organisation_id=_pk("9102"), year=2023, sector="transport", carrier="diesel", mwh=800
    )
    page = client.get("/o/9102/energy/").content.decode()
    assert 'id="energy-chart"' in page and "<svg" in page
    assert 'data-sector="houses"' in page and 'data-carrier="diesel"' in page
    assert 'id="energy-upload"' not in page
    csv = client.get("/o/9102/energy.csv?year=2023").content.decode()
    assert csv.splitlines()[0].startswith("organisation,year,sector")
    assert "9102,2023,houses" in csv and "transport,Transporter,diesel" in csv


def _pk(code):
    from klimatlaget.organisations.models import Organisation

    return Organisation.objects.get(code=code).pk


@pytest.mark.django_db
def test_an_editor_uploads_a_bad_file_then_a_good_one(client, users):
    client.force_login(users["alice"])
    assert 'id="energy-upload"' in client.get("/o/9102/energy/").content.decode()
    bad = client.post("/o/9102/energy/upload/", {"file": SimpleUploadedFile("e.csv", BAD.encode())})
    assert bad.status_code == 422
    assert 'data-row="2" data-column="mwh" data-code="not_a_number"' in bad.content.decode()
    assert not EnergyUse.objects.exists()
    good = client.post(
        "/o/9102/energy/upload/", {"file": SimpleUploadedFile("e.csv", GOOD.encode())}
    )
    assert good.status_code == 302 and good["Location"].endswith("/o/9102/energy/?year=2023")
    assert EnergyUse.objects.get().mwh == 1200
    entry = AuditEntry.objects.get(action="klimatlaget.energy.imported")
    assert entry.actor_label == "alice"


@pytest.mark.django_db
def test_the_api_reads_and_uploads(client, users):
    client.force_login(users["alice"])
    refused = client.post(
        "/api/organisations/9201/energy", {"file": SimpleUploadedFile("e.csv", GOOD.encode())}
    )
    assert refused.status_code == 403
    bad = client.post(
        "/api/organisations/9102/energy", {"file": SimpleUploadedFile("e.csv", BAD.encode())}
    )
    assert bad.status_code == 422
    assert bad.json()["problems"][0] | {"message": ""} == {
        "file": "e.csv",
        "sheet": None,
        "row": 2,
        "column": "mwh",
        "code": "not_a_number",
        "message": "",
    }
    done = client.post(
        "/api/organisations/9102/energy", {"file": SimpleUploadedFile("e.csv", GOOD.encode())}
    )
    assert done.status_code == 200
    assert done.json()["replaced"] == [{"organisation": "9102", "year": 2023, "rows": 1}]
    rows = client.get("/api/organisations/9102/energy?year=2023").json()
    assert [(row["sector"], row["carrier"], row["mwh"]) for row in rows] == [
        ("houses", "electricity", 1200.0)
    ]
