"""In the browser: a member's editor downloads the questionnaire, fills it in in Excel (here
openpyxl), uploads it with a mistake, sees the cell to correct, and uploads it again."""

import io
from pathlib import Path

import openpyxl
import pytest

from browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SURVEY = {
    "title": "Testenkät 2025",
    "sections": [
        {
            "key": "targets",
            "title": "Targets",
            "questions": [
                {"key": "has_target", "kind": "yes_no", "text": "Do you have a target?"},
                {
                    "key": "target_year",
                    "kind": "year",
                    "text": "Target year?",
                    "condition": {"question": "has_target", "equals": True},
                },
            ],
        },
        {
            "key": "work",
            "title": "Work",
            "questions": [
                {"key": "budget", "kind": "number", "text": "Climate budget?", "unit": "kr"},
                {
                    "key": "measures",
                    "kind": "table",
                    "text": "Measures",
                    "columns": [{"key": "name", "label": "Measure", "kind": "text"}],
                },
            ],
        },
    ],
}


@pytest.fixture
def open_survey(users):
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    association = load_memberships(example=True).association
    survey = create_survey(association, 2025, "klimatlaget", SURVEY)
    survey.state = SurveyState.OPEN
    survey.save()
    return survey


def _answer(book, key, value):
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row=row, column=1).value == key:
                sheet.cell(row=row, column=3).value = value
                return sheet.title, row
    raise AssertionError(key)


def _save(book, path: Path) -> Path:
    book.save(path)
    return path


def test_alice_answers_offline_and_corrects_a_mistake(page, open_survey, tmp_path: Path):
    from klimatlaget.surveys import services
    from klimatlaget.surveys.models import Response

    upload_url = f"/o/9102/surveys/{open_survey.pk}/upload/"
    log_in(page, "alice", upload_url)
    with page.expect_download() as info:
        page.locator("#download-xlsx").click()
    downloaded = tmp_path / "questionnaire.xlsx"
    info.value.save_as(downloaded)
    book = openpyxl.load_workbook(io.BytesIO(downloaded.read_bytes()))
    _answer(book, "has_target", "Ja")
    sheet, row = _answer(book, "target_year", "tjugotrettio")
    _answer(book, "budget", "2 500,5")

    page.locator("#id_file").set_input_files(str(_save(book, tmp_path / "first.xlsx")))
    page.locator("#upload-button").click()
    errors = page.locator("table#upload-errors tbody tr")
    assert errors.count() == 1
    cells = errors.first.locator("td")
    assert cells.nth(0).inner_text() == sheet
    assert cells.nth(1).inner_text() == str(row)
    assert "target_year" in cells.nth(3).inner_text()
    assert "tjugotrettio" in cells.nth(4).inner_text()
    assert page.locator("#upload-rejected").is_visible()
    response = Response.objects.get(survey=open_survey, member__code="9102")
    assert services.answers_of(response) == {}

    _answer(book, "target_year", "2030")
    page.locator("#id_file").set_input_files(str(_save(book, tmp_path / "second.xlsx")))
    page.locator("#upload-button").click()
    page.wait_for_url(f"**{upload_url}")
    assert page.locator("table#upload-errors").count() == 0
    assert "3" in page.locator(".message-success").inner_text()
    assert services.answers_of(response) == {
        "has_target": True,
        "target_year": 2030,
        "budget": 2500.5,
    }
    # The refused upload is answered 422 on purpose; nothing else may fail.
    assert [e for e in page.console_errors if "422" not in e] == []
