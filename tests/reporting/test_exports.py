"""The Exports pages and the API over the registry: the list a visitor may run, the files in
each format, the drafts only for their readers, and clear refusals of bad requests."""

import csv
import io
import json

import openpyxl
import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.accounts.permissions import reports_for
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.contracts import services as contracts
from klimatlaget.exports import registry
from klimatlaget.exports.registry import Exporter, ExportFile, ExportFormat
from klimatlaget.organisations.models import Organisation


@pytest.fixture
def draft_contract(users):
    """A draft contract of Strandhamn for 2025: read by its editor alice, missing for others."""
    parsed = ParsedContract(sections=[ParsedSection("1", "Syfte", "Text.", "purpose")])
    strandhamn = Organisation.objects.get(code="9102")
    return contracts.store_parsed(command_line(), strandhamn, 2025, parsed)


@pytest.fixture
def private(monkeypatch):
    """An organisation exporter for its editors only, beside the registered ones."""
    registry.exporters()
    own = Exporter(
        name="private-echo",
        title="Private echo",
        description="For the organisation's editors.",
        formats=(ExportFormat.CSV,),
        write=lambda r: ExportFile(b"secret", "echo.csv", r.format),
        may_run=reports_for,
        needs_year=False,
        platform="Elsewhere",
    )
    monkeypatch.setitem(registry._registry, own.name, own)
    return own


def test_the_page_lists_what_the_visitor_may_run_by_platform(client, users, private):
    page = client.get("/o/9102/exports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="exporter-investment-plan"' in html
    assert 'href="/o/9102/exports/measures.xlsx"' in html
    assert 'formaction="/o/9102/exports/contract.docx"' in html
    assert 'id="exporter-private-echo"' not in html
    assert 'id="exporter-metrics"' not in html  # the platform's, on /exports/
    client.force_login(users["alice"])
    html = client.get("/o/9102/exports/").content.decode()
    assert 'data-platform="Elsewhere"' in html and 'id="exporter-private-echo"' in html
    assert html.index('data-platform=""') < html.index('data-platform="Elsewhere"')
    assert 'id="exporter-private-echo"' not in client.get("/o/9201/exports/").content.decode()


def test_the_platform_page_lists_the_platform_exporters(client, example_data):
    html = client.get("/exports/").content.decode()
    assert 'href="/exports/metrics.csv"' in html
    assert 'id="exporter-measures"' not in html


def test_a_download_is_the_registered_file(client, example_data):
    response = client.get("/o/9102/exports/emissions.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="9102-emissions-by-sector.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and set(rows[0]) == {"year", "sector", "tco2e"}
    book = client.get("/o/9102/exports/emissions.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(book)).worksheets[0]
    assert [c.value for c in sheet[1]] == ["year", "sector", "tco2e"]
    assert sheet.max_row == len(rows) + 1
    metrics = client.get("/exports/metrics.json")
    assert "9102" in {row["code"] for row in json.loads(metrics.content)}


def test_bad_requests_are_refused_clearly(client, users, private):
    assert client.get("/o/9102/exports/emissions.docx").status_code == 400
    assert b"writes csv, xlsx, json" in client.get("/o/9102/exports/emissions.docx").content
    assert client.get("/o/9102/exports/emissions.xls").status_code == 400
    missing_year = client.get("/o/9102/exports/budget.csv")
    assert missing_year.status_code == 400 and b"needs a year" in missing_year.content
    assert client.get("/o/9102/exports/budget.csv?year=twenty").status_code == 400
    assert client.get("/o/9102/exports/missing.csv").status_code == 404
    assert client.get("/o/0000/exports/emissions.csv").status_code == 404
    assert client.get("/o/9102/exports/metrics.csv").status_code == 400  # the platform's
    assert client.get("/exports/emissions.csv").status_code == 400  # an organisation's
    assert client.get("/o/9102/exports/investment-plan.csv?year=2025").status_code == 404
    login = client.get("/o/9102/exports/private-echo.csv")
    assert login.status_code == 302 and "/accounts/login/" in login["Location"]
    client.force_login(users["bob"])
    assert client.get("/o/9102/exports/private-echo.csv").status_code == 403
    client.force_login(users["alice"])
    assert client.get("/o/9102/exports/private-echo.csv").content == b"secret"


def test_a_draft_contract_is_exported_only_to_its_readers(client, users, draft_contract):
    url = "/o/9102/exports/contract.json?year=2025"
    assert client.get(url).status_code == 404
    client.force_login(users["bob"])
    assert client.get(url).status_code == 404
    client.force_login(users["alice"])
    response = client.get(url)
    assert response.status_code == 200
    assert json.loads(response.content)["year"] == 2025
    docx = client.get("/o/9102/exports/contract.docx?year=2025")
    assert docx["Content-Type"].endswith("wordprocessingml.document")


def test_the_api_lists_and_writes_the_files(client, users, private, draft_contract):
    listed = client.get("/api/organisations/9102/exports").json()
    names = {each["name"]: each for each in listed}
    assert "private-echo" not in names
    assert names["contract"]["formats"] == ["json", "docx", "pdf"]
    assert names["budget"]["needs_year"] is True
    assert names["investment-plan-netzerocities"]["platform"] == "netzerocities"
    assert {each["scope"] for each in listed} == {"organisation"}
    platform = {each["name"] for each in client.get("/api/exports").json()}
    assert {"metrics", "target-comparison"} <= platform and "measures" not in platform
    measures = client.get("/api/organisations/9102/exports/measures?format=csv")
    assert measures.status_code == 200 and measures.content.startswith(b"organisation,id,")
    assert client.get("/api/exports/metrics?format=xlsx").status_code == 200
    contract = "/api/organisations/9102/exports/contract?format=json&year=2025"
    assert client.get(contract).status_code == 404
    assert client.get("/api/organisations/9102/exports/private-echo?format=csv").status_code == 401
    client.force_login(users["bob"])
    assert client.get("/api/organisations/9102/exports/private-echo?format=csv").status_code == 403
    client.force_login(users["alice"])
    assert client.get(contract).status_code == 200
    assert "private-echo" in {
        e["name"] for e in client.get("/api/organisations/9102/exports").json()
    }


def test_the_api_refuses_bad_requests_with_400(client, example_data):
    base = "/api/organisations/9102/exports"
    bad_format = client.get(f"{base}/emissions?format=docx")
    assert bad_format.status_code == 400
    assert bad_format.json()["detail"] == "emissions writes csv, xlsx, json, not docx"
    assert client.get(f"{base}/budget?format=csv").json()["detail"] == "budget needs a year"
    assert client.get(f"{base}/emissions?format=nope").status_code == 400
    assert client.get(f"{base}/missing?format=csv").status_code == 404
    assert client.get("/api/organisations/0000/exports").status_code == 404
    assert client.get("/api/exports/missing?format=csv").status_code == 404
    assert client.get("/api/exports/emissions?format=csv").status_code == 400


def test_the_api_documents_the_file_operations(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    answers = paths["/api/organisations/{code}/exports/{name}"]["get"]["responses"]
    assert {"200", "400", "403", "404"} <= set(answers)
    assert (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        in (answers["200"]["content"])
    )
