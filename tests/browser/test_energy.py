"""The energy inventory in the browser, on a 390 px phone: an editor uploads a file with an
error and is shown the row and column with nothing stored, then a good file, and sees the
year's energy use as a chart and tables; the Covenant of Mayors workbook is downloaded from the
page and read back."""

import io
from pathlib import Path

import openpyxl
import pytest

from browser.helpers import log_in
from klimatlaget.energy.models import EnergyUse
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
HEADER = "organisation,year,sector,carrier,mwh,source\n"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_editor_uploads_energy_use_on_a_phone(page, users, tmp_path):
    page.set_viewport_size(PHONE)
    log_in(page, "alice", "/o/9102/energy/")
    page.locator("#energy-upload").click()
    page.wait_for_url("**/o/9102/energy/upload/")
    _fits(page)

    bad = tmp_path / "energi.csv"
    bad.write_text(HEADER + "9102,2023,Småhus,El,1200,SCB\n9102,2023,Kyrkor,El,5,SCB\n")
    page.locator("#id_file").set_input_files(str(bad))
    page.locator("#upload-button").click()
    problems = page.locator("#upload-problems tbody tr")
    problems.first.wait_for()
    assert problems.count() == 1
    problem = problems.first
    assert problem.get_attribute("data-row") == "3"
    assert problem.get_attribute("data-column") == "sector"
    assert problem.get_attribute("data-code") == "unknown_sector"
    assert "energi.csv" in problem.inner_text() and "Kyrkor" in problem.inner_text()
    assert not EnergyUse.objects.exists()
    _fits(page)
    for cell in problem.locator("td").all():
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

    good = tmp_path / "energi-rättad.csv"
    good.write_text(
        HEADER + "9102,2023,Småhus,El,1200,SCB\n9102,2023,Transporter,Diesel,3000,SCB\n"
    )
    page.locator("#id_file").set_input_files(str(good))
    page.locator("#upload-button").click()
    page.wait_for_url("**/o/9102/energy/?year=2023")
    assert EnergyUse.objects.count() == 2
    assert page.locator("#energy-chart svg").count() == 1
    assert page.locator('#energy-sectors tr[data-sector="transport"]').count() == 1
    assert page.locator("#energy-table tbody tr[data-carrier]").count() == 2
    _fits(page)
    assert all("422" in error for error in page.console_errors), page.console_errors


def test_the_covenant_workbook_is_downloaded_from_the_page(page, users):
    strandhamn = Organisation.objects.get(code="9102")
    EnergyUse.objects.create(
        organisation=strandhamn, year=2023, sector="flats", carrier="district_heating", mwh=700
    )
    Measure.objects.create(
        organisation=strandhamn,
        code="E1",
        title="Heat pumps",
        sector="Transporter",
        type="technical",
        energy_saved_mwh=40,
    )
    page.goto("/o/9102/")
    page.locator("#energy-link").click()
    page.wait_for_url("**/o/9102/energy/")
    with page.expect_download() as download:
        page.locator("#covenant-xlsx").click()
    assert download.value.suggested_filename == "covenant-of-mayors-9102-2023.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    monitoring = [row for row in book["Monitoring inventory"].iter_rows(values_only=True)]
    header = next(row for row in monitoring if row[0] == "Sector")
    residential = next(row for row in monitoring if row[0] == "Residential buildings")
    assert residential[header.index("Heat/cold")] == 700
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert actions[1][:2] == ("E1", "Heat pumps")
    assert actions[1][actions[0].index("Estimated energy saving (MWh/a)")] == 40
