"""In the browser, on a 390 px phone: an editor downloads a follow-up period as Excel, fills it
in (here with openpyxl), uploads a file with mistakes and sees each one named by its place, then
uploads the corrected file and sees what was saved."""

import io
from pathlib import Path

import openpyxl
import pytest

from browser.helpers import log_in
from measures.conftest import MEASURE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def period(users):
    from klimatlaget.followup import services
    from klimatlaget.measures import indicators
    from klimatlaget.measures import services as measures
    from klimatlaget.organisations.models import Organisation

    alice = users["alice"]
    strandhamn = Organisation.objects.get(code="9102")
    measures.create_measure(alice, strandhamn, MEASURE)
    measures.create_measure(alice, strandhamn, {**MEASURE, "code": "E1", "status": "ongoing"})
    indicators.create_indicator(
        alice, strandhamn, {"name": "Cycle lanes", "unit": "km", "direction": "up"}
    )
    return services.prepare_period(alice, strandhamn, 2025, 2)


def _rows(book):
    """The measures sheet (the second) and its rows by measure code."""
    sheet = book.worksheets[1]
    return sheet, {sheet[f"A{row}"].value: row for row in range(2, sheet.max_row + 1)}


def test_alice_fills_in_a_quarter_in_excel_on_her_phone(page, period, tmp_path: Path):
    from klimatlaget.followup.models import MeasureReport

    upload_url = "/o/9102/follow-up/2025-q2/upload/"
    page.set_viewport_size(PHONE)
    log_in(page, "alice", "/o/9102/follow-up/2025-q2/")
    page.locator("#period-upload").click()
    page.wait_for_url(f"**{upload_url}")
    with page.expect_download() as info:
        page.locator("#download-xlsx").click()
    downloaded = tmp_path / "period.xlsx"
    info.value.save_as(downloaded)
    assert info.value.suggested_filename == "9102-follow-up-2025-q2.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(downloaded.read_bytes()))
    sheet, rows = _rows(book)
    t1, e1 = rows["T1"], rows["E1"]
    sheet[f"E{t1}"] = "140"  # completion out of range
    sheet[f"F{t1}"] = "2 500 000"
    sheet[f"H{e1}"] = "7,5"
    sheet[f"J{e1}"] = "Halfway"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)

    page.locator("#id_file").set_input_files(str(bad))
    page.locator("#upload-button").click()
    errors = page.locator("#upload-errors li")
    assert errors.count() == 1
    assert errors.first.get_attribute("data-cell") == f"E{t1}"
    assert errors.first.get_attribute("data-row") == str(t1)
    assert str(t1) in errors.first.inner_text() and "140" in errors.first.inner_text()
    assert page.locator("#upload-rejected").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    assert not MeasureReport.objects.filter(filled_at__isnull=False).exists()

    sheet[f"E{t1}"] = 40
    good = tmp_path / "good.xlsx"
    book.save(good)
    page.locator("#id_file").set_input_files(str(good))
    page.locator("#upload-button").click()
    page.wait_for_url("**/follow-up/2025-q2/**")
    assert page.locator("#upload-errors").count() == 0
    assert page.locator(".message-success").is_visible()
    reports = {r.measure_code: r for r in MeasureReport.objects.all()}
    assert (reports["T1"].completion_pct, int(reports["T1"].spent_sek)) == (40, 2_500_000)
    assert (reports["E1"].achieved_reduction_t, reports["E1"].comment) == (7.5, "Halfway")
    # The refused upload is answered 422 on purpose; nothing else may fail.
    assert [e for e in page.console_errors if "422" not in e] == []
