"""Answering a survey offline: the questionnaire as Excel, filled in and uploaded again."""

import io
import zipfile

import openpyxl
import pytest

from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.building import copy_survey
from klimatlaget.surveys.models import Answer, Response, SurveyState
from klimatlaget.surveys.offline.layout import MAX_UPLOAD_BYTES, META_SHEET, sheet_name

pytestmark = pytest.mark.usefixtures("english")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def strandhamn(db):
    return Organisation.objects.get(code="9102")


def _login(client, user):
    client.force_login(user)
    return client


def _xlsx_url(survey, code="9102"):
    return f"/o/{code}/surveys/{survey.pk}/questionnaire.xlsx"


def _upload_url(survey, code="9102"):
    return f"/o/{code}/surveys/{survey.pk}/upload/"


def _api_url(survey, code="9102"):
    return f"/api/surveys/{survey.pk}/responses/{code}/xlsx"


def _download(client, survey, code="9102"):
    response = client.get(_xlsx_url(survey, code))
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _row_of(book, key):
    """The (sheet, row) where column A holds ``key`` on a section sheet."""
    for sheet in book.worksheets:
        if sheet.title == META_SHEET or sheet.sheet_state != "visible":
            continue
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row=row, column=1).value == key:
                return sheet, row
    raise AssertionError(f"no row for {key}")


def _fill(book, answers):
    for key, value in answers.items():
        sheet, row = _row_of(book, key)
        sheet.cell(row=row, column=3).value = value


def _add_row(sheet, values):
    """Write ``values`` on the first empty row of a table sheet (rows 3 on are pre-styled, so
    openpyxl's ``append`` would write below them)."""
    row = 3
    while any(cell.value is not None for cell in sheet[row]):
        row += 1
    for column, value in enumerate(values, start=1):
        sheet.cell(row=row, column=column).value = value
    return row


def _bytes(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _post(client, survey, data, code="9102", name="answers.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(_upload_url(survey, code), {"file": upload})


def _api_post(client, survey, data, code="9102"):
    upload = io.BytesIO(data)
    upload.name = "answers.xlsx"
    return client.post(_api_url(survey, code), {"file": upload})


FILLED = {
    "has_target": "Ja",
    "target_year": 2030,
    "target_kind": "Organisational",
    "sectors": "Transport; food",
    "budget": "12 500,5",  # typed as text with a Swedish decimal comma
    "comment": "Vi jobbar på.",
    "plan_link": "www.strandhamn.example/plan",
}

STORED = {
    "has_target": True,
    "target_year": 2030,
    "target_kind": "organisation",
    "sectors": ["transport", "food"],
    "budget": 12500.5,
    "comment": "Vi jobbar på.",
    "plan_link": "https://www.strandhamn.example/plan",
    "measures": [
        {"name": "Biogas buses", "tonnes": 120, "done": True},
        {"name": "LED streetlights", "tonnes": 3.5, "done": None},
    ],
}


def _fill_table(book):
    sheet = book["measures"]
    assert [cell.value for cell in sheet[1]] == ["name", "tonnes", "done"]
    _add_row(sheet, ["Biogas buses", 120, "yes"])
    sheet["A4"], sheet["B4"] = "LED streetlights", "3,5"


def test_round_trip_stores_every_kind_exactly(client, users, survey, strandhamn):
    _login(client, users["alice"])
    book = _download(client, survey)
    assert book.sheetnames[0] == "Instructions"
    assert book[META_SHEET].sheet_state == "hidden"
    assert "Strandhamn" in "\n".join(str(c.value) for c in book["Instructions"]["B"] if c.value)
    _fill(book, FILLED)
    _fill_table(book)
    response = _post(client, survey, _bytes(book))
    assert response.status_code == 302
    saved = Response.objects.get(survey=survey, member=strandhamn)
    assert services.answers_of(saved) == STORED
    assert set(saved.answers.values_list("confirmed", flat=True)) == {True}
    entry = AuditEntry.objects.filter(action="klimatlaget.survey.answered").latest("id")
    assert entry.changes["budget"] == [None, HIDDEN]  # the log keeps no answers
    assert entry.actor_label == "alice"
    page = client.get(response["Location"])
    assert "8 answer(s) were saved" in page.content.decode()

    again = _download(client, survey)  # the stored answers are written back as typed
    sheet, row = _row_of(again, "sectors")
    assert sheet.cell(row=row, column=3).value == "Transport; Food"
    sheet, row = _row_of(again, "has_target")
    assert sheet.cell(row=row, column=3).value == "Yes"
    assert [c.value for c in again["measures"][3]] == ["Biogas buses", 120, "Yes"]
    assert _post(client, survey, _bytes(again)).status_code == 302  # unchanged: nothing saved
    assert Response.objects.get(pk=saved.pk).version == saved.version


def test_the_api_round_trip(client, users, survey, strandhamn):
    _login(client, users["alice"])
    download = client.get(_api_url(survey))
    assert download.status_code == 200
    assert download["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    _fill(book, {"has_target": "nej", "budget": 7})
    response = _api_post(client, survey, _bytes(book))
    assert response.status_code == 200, response.json()
    assert response.json() == {"saved": 2}
    stored = services.answers_of(Response.objects.get(survey=survey, member=strandhamn))
    assert stored == {"has_target": False, "budget": 7}


def test_the_sheets_offer_lists_and_say_what_is_prefilled(client, users, survey, strandhamn):
    alice = users["alice"]
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"has_target": True, "target_year": 2030})
    next_year = copy_survey(survey, 2026)
    next_year.state = SurveyState.OPEN
    next_year.save()
    _login(client, alice)
    book = _download(client, next_year)  # the first download starts the response
    sheet, row = _row_of(book, "target_year")
    assert sheet.cell(row=row, column=3).value == 2030
    assert "Pre-filled" in sheet.cell(row=row, column=6).value
    assert "has_target" in sheet.cell(row=row, column=5).value  # the condition, in words
    sheet, row = _row_of(book, "sectors")
    assert "semicolon" in sheet.cell(row=row, column=5).value
    validated = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert f"C{_row_of(book, 'has_target')[1]}" in validated
    assert f"C{_row_of(book, 'target_kind')[1]}" in validated
    lists = book["_lists"]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists["B"]] == ["Territorial", "Organisational"]

    assert _post(client, next_year, _bytes(book)).status_code == 302
    answer = Answer.objects.get(response__survey=next_year, question__key="target_year")
    assert (answer.value, answer.confirmed, answer.source) == (2030, True, "last_year")


def test_an_empty_cell_clears_the_answer(client, users, survey, strandhamn):
    alice = users["alice"]
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"comment": "old", "budget": 5})
    book = _download(_login(client, alice), survey)
    _fill(book, {"comment": None})
    assert _post(client, survey, _bytes(book)).status_code == 302
    assert services.answers_of(response) == {"budget": 5}


def test_an_answer_that_looks_like_a_formula_is_text_and_survives_the_round_trip(
    client, users, survey, strandhamn
):
    alice = users["alice"]
    hostile = '=HYPERLINK("https://evil.example/","Click")'
    row_text = "@SUM(1+1)"
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"comment": hostile, "measures": [{"name": row_text}]})
    book = _download(_login(client, alice), survey)
    sheet, row = _row_of(book, "comment")
    cell = sheet.cell(row=row, column=3)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (hostile, "s", True)
    assert [
        c.coordinate for s in book for r in s.iter_rows() for c in r if c.data_type == "f"
    ] == []
    assert _post(client, survey, _bytes(book)).status_code == 302
    answers = services.answers_of(response)
    assert answers["comment"] == hostile and answers["measures"][0]["name"] == row_text


def test_cell_errors_name_sheet_row_and_question_and_save_nothing(
    client, users, survey, strandhamn
):
    alice = users["alice"]
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"budget": 100, "comment": "before"})
    response.refresh_from_db()
    before = (services.answers_of(response), response.version)
    book = _download(_login(client, alice), survey)
    _fill(book, {"has_target": "Ja", "target_year": "tjugotrettio", "budget": "-5", "comment": ""})
    target_sheet, target_row = _row_of(book, "target_year")
    work, _budget_row = _row_of(book, "budget")
    work.append(["no_such_question", None, "x"])
    work.append(["comment", None, "twice"])
    _add_row(book["measures"], [None, "4", "maybe"])

    result = _post(client, survey, _bytes(book))
    assert result.status_code == 422
    html = result.content.decode()
    assert "Nothing was saved" in html
    assert "upload-errors" in html
    api = _api_post(client, survey, _bytes(book))
    assert api.status_code == 422
    errors = {(e["sheet"], e["row"], e["question"]): e for e in api.json()["errors"]}
    year = errors[(target_sheet.title, target_row, "target_year")]
    assert year["cell"] == f"C{target_row}"
    assert year["question_text"] == "Target year?"
    assert "'tjugotrettio'" in year["message"]
    assert "at least 0" in errors[("Work", _budget_row, "budget")]["message"]
    assert (
        "no question no_such_question"
        in errors[("Work", work.max_row - 1, "no_such_question")]["message"]
    )
    assert "appears twice" in errors[("Work", work.max_row, "comment")]["message"]
    table = [e for e in api.json()["errors"] if e["sheet"] == "measures"]
    assert [(e["row"], e["message"]) for e in table] == [(3, "Row 3: Measure must be filled in.")]
    assert len(api.json()["errors"]) == 5
    response.refresh_from_db()
    assert (services.answers_of(response), response.version) == before


def test_a_table_cell_error_names_the_column(client, users, survey):
    book = _download(_login(client, users["alice"]), survey)
    _add_row(book["measures"], ["Solar panels", "lots", None])
    errors = _api_post(client, survey, _bytes(book)).json()["errors"]
    assert errors == [
        {
            "sheet": "measures",
            "row": 3,
            "cell": "B3",
            "question": "measures",
            "question_text": "Measures",
            "message": "Reduction: Give a number, got 'lots'.",
        }
    ]


def test_too_many_table_rows_are_refused(client, users, survey):
    book = _download(_login(client, users["alice"]), survey)
    for number in range(6):
        _add_row(book["measures"], [f"Measure {number}"])
    errors = _api_post(client, survey, _bytes(book)).json()["errors"]
    assert [(e["row"], e["message"]) for e in errors] == [(8, "At most 5 rows are allowed, got 6.")]


def test_missing_sheets_rows_and_table_columns_are_errors(client, users, survey):
    book = _download(_login(client, users["alice"]), survey)
    del book["Work"]
    book["Targets"].delete_rows(_row_of(book, "target_kind")[1])
    errors = _api_post(client, survey, _bytes(book)).json()["errors"]
    messages = {(e["sheet"], e["question"]): e["message"] for e in errors}
    assert messages[("Work", "")] == "The sheet Work is missing."
    assert messages[("Targets", "target_kind")] == "The question's row is missing from the file."

    book = _download(client, survey)
    book["measures"]["B1"] = "tons"
    errors = _api_post(client, survey, _bytes(book)).json()["errors"]
    assert [e["message"] for e in errors] == [
        "There is no column tons in this table.",
        "The column tonnes is missing from row 1.",
    ]


def test_another_members_or_surveys_file_is_refused(client, users, survey, strandhamn):
    bobs = _download(_login(client, users["bob"]), survey, code="9201")
    _fill(bobs, {"budget": 1})
    _login(client, users["alice"])
    response = _api_post(client, survey, _bytes(bobs))
    assert response.status_code == 422
    assert "another member (code 9201)" in response.json()["detail"]
    page = _post(client, survey, _bytes(bobs))
    assert page.status_code == 422
    assert "another member (code 9201)" in page.content.decode()

    other = copy_survey(survey, 2026)
    other.state = SurveyState.OPEN
    other.save()
    other_file = _bytes(_download(client, other))
    response = _api_post(client, survey, other_file)
    assert response.status_code == 422
    assert "another survey (Testenkät 2026)" in response.json()["detail"]
    assert not Answer.objects.filter(response__survey=survey).exclude(value=None).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name;budget\nStrandhamn;5\n", "not an Excel workbook"),
        (b"PK\x03\x04 broken zip", "not an Excel workbook"),
        ("zip", "not an Excel workbook"),
        ("plain", "its hidden sheet _meta is missing"),
        (b"\0" * (MAX_UPLOAD_BYTES + 1), f"at most {MAX_UPLOAD_BYTES} bytes"),
    ],
)
def test_files_that_are_no_questionnaire_are_refused(client, users, survey, data, message):
    if data == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hi")
        data = buffer.getvalue()
    elif data == "plain":
        data = _bytes(openpyxl.Workbook())
    _login(client, users["alice"])
    response = _api_post(client, survey, data)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert response.json()["errors"] == []
    page = _post(client, survey, data)
    assert page.status_code == 422
    assert message in page.content.decode()


def test_a_submitted_response_cannot_be_changed_by_upload(client, users, survey, strandhamn):
    alice = users["alice"]
    book = _download(_login(client, alice), survey)
    response = Response.objects.get(survey=survey, member=strandhamn)
    services.save_answers(alice, response, {"has_target": False})
    services.submit(alice, response)
    _fill(book, {"has_target": "Ja", "target_year": 2030})
    api = _api_post(client, survey, _bytes(book))
    assert api.status_code == 422
    assert "submitted and can no longer be changed" in api.json()["detail"]
    page = client.get(_upload_url(survey))
    assert page.status_code == 200
    assert 'id="upload-form"' not in page.content.decode()
    assert "submitted and can no longer be changed" in page.content.decode()
    assert _post(client, survey, _bytes(book)).status_code == 422
    assert services.answers_of(response) == {"has_target": False}


@pytest.mark.parametrize("name", ["bob", "lasare", "nobody"])
def test_outsiders_get_404(client, users, survey, strandhamn, name):
    alice = users["alice"]
    book = _download(_login(client, alice), survey)
    _fill(book, {"budget": 9})
    _login(client, users[name])
    assert client.get(_xlsx_url(survey)).status_code == 404
    assert client.get(_upload_url(survey)).status_code == 404
    assert _post(client, survey, _bytes(book)).status_code == 404
    assert client.get(_api_url(survey)).status_code == 404
    assert _api_post(client, survey, _bytes(book)).status_code == 404
    assert services.answers_of(Response.objects.get(survey=survey, member=strandhamn)) == {}


def test_anonymous_is_sent_to_log_in(client, survey):
    response = client.get(_xlsx_url(survey))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get(_upload_url(survey)).status_code == 302
    assert client.get(_api_url(survey)).status_code == 401
    assert _api_post(client, survey, b"x").status_code == 401


def test_a_member_outside_the_association_or_a_draft_survey_is_not_found(client, users, survey):
    _login(client, users["kansli"])
    assert client.get(_xlsx_url(survey, code="00")).status_code == 404
    survey.state = SurveyState.DRAFT
    survey.save()
    _login(client, users["alice"])
    assert client.get(_xlsx_url(survey)).status_code == 404


def test_the_secretariat_downloads_without_starting_the_response(client, users, survey):
    book = _download(_login(client, users["kansli"]), survey)
    assert "Strandhamn" in str(book["Instructions"]["B2"].value)
    assert not Response.objects.filter(survey=survey).exists()


def test_sheet_names_are_valid_and_unique():
    taken = {"Instructions"}
    assert sheet_name("instructions", taken) == "instructions (2)"
    long = sheet_name("A very long section title: costs/benefits [2025]", taken)
    assert len(long) <= 31
    assert not set("[]:*?/\\") & set(long)
    assert sheet_name("A very long section title: costs/benefits [2025]", taken) != long
