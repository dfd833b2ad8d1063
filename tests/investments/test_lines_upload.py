"""The investment plan's lines in Excel on the pages, in the API and on the command line:
downloads for everyone, the upload as a new version for the organisation's editors."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from klimatlaget.cli.main import main
from klimatlaget.investments import services
from klimatlaget.investments.lines_writer import lines_xlsx
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def english_lines(plan):
    with translation.override("en"):
        return lines_xlsx(plan)


def with_cell(data, heading, row, value):
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    column = next(cell.column for cell in sheet[1] if cell.value == heading)
    sheet.cell(row=row, column=column).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(data, name="plan.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def counts():
    return InvestmentPlan.objects.count(), InvestmentLine.objects.count()


def test_the_pages_offer_the_downloads_and_editors_the_upload(client, users, plan):
    listing = client.get("/o/9102/investments/", **EN).content.decode()
    assert 'id="template-xlsx"' in listing and 'id="upload-version-form"' not in listing
    page = client.get(f"/o/9102/investments/{plan.pk}/", **EN).content.decode()
    assert f'href="/o/9102/investments/{plan.pk}/lines.xlsx"' in page
    assert 'id="upload-version-form"' not in page
    client.force_login(users["alice"])
    listing = client.get("/o/9102/investments/", **EN).content.decode()
    assert 'id="upload-version-form"' in listing and 'value="2025"' in listing
    page = client.get(f"/o/9102/investments/{plan.pk}/", **EN).content.decode()
    assert 'id="upload-version-form"' in page
    assert 'action="/o/9102/investments/upload/"' in page


def test_the_workbooks_are_downloaded(client, plan):
    lines = client.get(f"/o/9102/investments/{plan.pk}/lines.xlsx", **EN)
    assert lines["Content-Type"] == XLSX
    assert "9102-investment-plan-2025-v1.xlsx" in lines["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(lines.content))
    assert book.worksheets[0].title == "Lines" and book.worksheets[0].max_row >= 3
    template = client.get("/o/9102/investments/template.xlsx", HTTP_ACCEPT_LANGUAGE="sv")
    assert openpyxl.load_workbook(io.BytesIO(template.content)).worksheets[0].title == "Rader"
    assert client.get(f"/o/9201/investments/{plan.pk}/lines.xlsx").status_code == 404


def test_an_upload_with_errors_lists_them_and_stores_nothing(client, users, plan):
    client.force_login(users["alice"])
    before = counts()
    data = with_cell(english_lines(plan), "Investing actor", 2, "aliens")
    response = client.post(
        "/o/9102/investments/upload/", {"year": 2025, "file": upload(data, "bad.xlsx")}, **EN
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="upload-problems"' in page
    assert 'data-sheet="Lines" data-row="2" data-column="E (Investing actor)"' in page
    assert "“aliens” is none of" in page
    assert counts() == before


def test_a_good_upload_makes_a_new_version(client, users, plan):
    client.force_login(users["alice"])
    data = with_cell(english_lines(plan), "Capex 2030", 2, 1_000)
    response = client.post(
        "/o/9102/investments/upload/", {"year": 2025, "file": upload(data)}, **EN
    )
    new = InvestmentPlan.objects.get(version_number=2)
    assert response.status_code == 302
    assert response["Location"] == f"/o/9102/investments/{new.pk}/"
    assert new.replaces_id == plan.pk
    assert len(services.compare(plan, new).changed) == 1
    page = client.get(response["Location"], **EN).content.decode()
    assert "Version 2 was made from the file, with 2 lines." in page


def test_only_editors_upload(client, users, plan):
    client.force_login(users["bob"])
    data = english_lines(plan)
    response = client.post("/o/9102/investments/upload/", {"year": 2025, "file": upload(data)})
    assert response.status_code == 403
    assert client.get("/o/9102/investments/upload/").status_code == 403
    assert counts() == (1, 2)


def test_the_api_uploads_a_new_version_or_lists_the_problems(client, users, plan):
    client.force_login(users["alice"])
    url = "/api/organisations/9102/investment-plans/upload?year=2025"
    bad = with_cell(english_lines(plan), "Economic lifetime (years)", 2, "long")
    refused = client.post(url, {"file": upload(bad, "bad.xlsx")}, **EN)
    assert refused.status_code == 422
    [problem] = refused.json()["problems"]
    assert (problem["file"], problem["sheet"], problem["row"]) == ("bad.xlsx", "Lines", 2)
    assert problem["column"].endswith("(Economic lifetime (years))")
    assert (problem["code"], problem["message"]) == ("not_a_number", "“long” is not a number.")
    assert client.post(url, {"file": upload(b"no workbook")}).status_code == 400
    assert counts() == (1, 2)
    made = client.post(url, {"file": upload(english_lines(plan))})
    assert made.status_code == 201
    body = made.json()
    assert (body["version_number"], body["replaces_id"], body["year"]) == (2, plan.pk, 2025)
    compared = client.get(f"/api/investment-plans/{body['id']}/compare").json()
    assert compared["changed"] == {} and len(compared["unchanged"]) == 2


def test_the_api_downloads_the_workbooks(client, plan):
    lines = client.get(f"/api/organisations/9102/investment-plans/{plan.pk}/lines-workbook")
    assert lines.status_code == 200 and lines["Content-Type"] == XLSX
    template = client.get("/api/organisations/9102/investment-plans/lines-template")
    assert template.status_code == 200 and template["Content-Type"] == XLSX
    assert (
        client.get(f"/api/organisations/9201/investment-plans/{plan.pk}/lines-workbook").status_code
        == 404
    )


def test_the_command_line_imports_a_new_version(plan, tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(english_lines(plan))
    assert (
        main(["import", "investment-plan", str(path), "--organisation", "9102", "--year", "2025"])
        == 0
    )
    assert "version 2 of the 2025 investment plan" in capsys.readouterr().err
    new = InvestmentPlan.objects.get(version_number=2)
    assert new.replaces_id == plan.pk and new.lines.count() == 2
