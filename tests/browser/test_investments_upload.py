"""An investment plan's lines in Excel in the browser: an editor downloads the lines of a plan,
uploads a file with an error and is shown the sheet, row and column (readable on a phone too)
with nothing stored, then uploads a good file and sees the new version and what changed."""

import io
from pathlib import Path

import openpyxl
import pytest

from browser.helpers import log_in
from klimatlaget.investments import lines_sheet, services
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def plan(users):
    alice = users["alice"]
    plan = services.create_plan(
        alice,
        Organisation.objects.get(code="9102"),
        {"year": 2025, "horizon_from": 2025, "horizon_to": 2027},
    )
    for title, capex in (("Solar panels", 1_000_000), ("Cycle lanes", 2_000_000)):
        services.create_line(
            alice,
            plan,
            {
                "title": title,
                "actor": "municipality",
                "capex_by_year": {"2025": capex},
                "lifetime_years": 20,
                "funding_source": "own_budget",
                "funding_status": "decided",
                "sector": "Transporter",
            },
        )
    return plan


def edit(source: Path, target: Path, changes: dict[tuple[int, str, str], object]) -> Path:
    """``source`` with cells changed: {(row, field, year or kind): value}; the columns are
    found by their headings, in whichever language the download has them."""
    book = openpyxl.load_workbook(io.BytesIO(source.read_bytes()))  # a download has no suffix
    sheet = book.worksheets[0]
    places = {}
    for cell in sheet[1]:
        column = lines_sheet.column_for(cell.value)
        if column is not None:
            places[(column.field, column.part)] = cell.column
    for (row, field, part), value in changes.items():
        sheet.cell(row=row, column=places[(field, part)]).value = value
    book.save(target)
    return target


def stored() -> tuple[int, int]:
    return InvestmentPlan.objects.count(), InvestmentLine.objects.count()


def test_an_editor_uploads_a_new_version_from_excel(page, users, plan, tmp_path):
    log_in(page, "alice", f"/o/9102/investments/{plan.pk}/")
    with page.expect_download() as download:
        page.locator("#lines-xlsx").click()
    downloaded = Path(download.value.path())
    assert download.value.suggested_filename == "9102-investment-plan-2025-v1.xlsx"

    bad = edit(downloaded, tmp_path / "bad.xlsx", {(3, "actor", ""): "aliens"})
    page.set_viewport_size(PHONE)
    form = page.locator("#upload-version-form").bounding_box()
    assert form is not None and form["x"] + form["width"] <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#upload-version-file").set_input_files(str(bad))
    page.locator("#upload-version-button").click()
    page.wait_for_url("**/o/9102/investments/upload/")
    problems = page.locator("#upload-problems tbody tr")
    assert problems.count() == 1
    problem = problems.first
    assert problem.get_attribute("data-sheet") == "Rader"
    assert problem.get_attribute("data-row") == "3"
    assert problem.get_attribute("data-column").startswith("E (")
    assert problem.get_attribute("data-code") == "unknown_choice"
    assert "aliens" in problem.inner_text()
    assert stored() == (1, 2)

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for cell in problem.locator("td").all():
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.set_viewport_size({"width": 1280, "height": 900})

    good = edit(downloaded, tmp_path / "good.xlsx", {(3, "capex_by_year", "2026"): 500_000})
    assert page.locator("#id_year").input_value() == "2025"
    page.locator("#id_file").set_input_files(str(good))
    page.locator("#upload-button").click()
    new = InvestmentPlan.objects.get(version_number=2)
    page.wait_for_url(f"**/o/9102/investments/{new.pk}/")
    assert new.replaces_id == plan.pk
    assert stored() == (2, 4)
    page.locator("#compare-link").click()
    page.wait_for_url(f"**/o/9102/investments/{new.pk}/compare/")
    changed = new.lines.get(title="Cycle lanes")
    assert page.locator("#changed tr[data-line]").count() == 1
    assert page.locator(f'#changed tr[data-line="{changed.pk}"]').count() == 1
    assert page.locator("#added li[data-line]").count() == 0
    # The refused upload answered 422, which the browser reports; nothing else went wrong.
    assert all("422" in error for error in page.console_errors), page.console_errors


def test_the_template_is_downloaded_from_the_list_of_plans(page, plan):
    page.goto("/o/9102/investments/")
    with page.expect_download() as download:
        page.locator("#template-xlsx").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["Rader", "_lists"]
    assert page.locator("#upload-version-form").count() == 0  # not for visitors
