"""A follow-up period filled in offline: downloaded as Excel, filled in (here with openpyxl) and
uploaded again, on the page and through the API. Every changed row is saved through the services
or none is, and every problem is named by sheet, row and column."""

import io

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from klimatlaget.audit.models import AuditEntry
from klimatlaget.followup import services
from klimatlaget.followup.models import MeasureReport
from klimatlaget.followup.workbook import META_SHEET

pytestmark = pytest.mark.usefixtures("english")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = "/o/9102/follow-up/2025-q2"
API = "/api/organisations/9102/follow-up/2025/2/workbook"
#: The measures sheet's columns.
STATUS, COMPLETION, SPENT, BUDGET, ACHIEVED, EXPECTED, COMMENT = "DEFGHIJ"
REPORTED, ID, VERSION, SUM = "KLMN"


@pytest.fixture
def english(client):
    """Headings and messages asserted in English; the site's default language is Swedish."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def period(users, strandhamn, measures, cycle_lanes):
    return services.prepare_period(users["alice"], strandhamn, 2025, 2)


def _reports(period):
    return {report.measure_code: report for report in period.measure_reports.all()}


def _download(client, user, url=f"{PAGE}.xlsx"):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _row(book, code):
    sheet = book["Measures"]
    for row in range(2, sheet.max_row + 1):
        if sheet[f"A{row}"].value == code:
            return row
    raise AssertionError(code)


def _set(book, code, **cells):
    row = _row(book, code)
    for column, value in cells.items():
        book["Measures"][f"{column}{row}"].value = value
    return row


def _file(book, name="filled.xlsx"):
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def _upload(client, book, url=f"{PAGE}/upload/"):
    return client.post(url, {"file": _file(book)})


def _api_errors(client, book):
    response = client.post(API, {"file": _file(book)})
    assert response.status_code == 422, response.content[:300]
    return response.json()


def _located(errors):
    return {(e["sheet"], e["row"], e["column"], e["cell"]) for e in errors}


def test_the_workbook_holds_the_reports_with_the_cells_to_fill_in(client, users, period):
    services.set_owners(users["alice"], _reports(period)["T1"].measure, [users["nobody"]])
    book = _download(client, users["alice"])
    assert book.sheetnames == ["Instructions", "Measures", "Indicators", META_SHEET, "_lists"]
    assert book[META_SHEET].sheet_state == "hidden" and book["_lists"].sheet_state == "hidden"
    sheet = book["Measures"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[:4] == ["Code", "Title", "Main sector (read only)", "Status"]
    assert "Budget (SEK, read only)" in headings
    row = _row(book, "T1")
    t1 = _reports(period)["T1"]
    assert sheet[f"{STATUS}{row}"].value == "Decided"
    assert sheet[f"{BUDGET}{row}"].value is None or sheet[f"{BUDGET}{row}"].value >= 0
    assert sheet[f"{EXPECTED}{row}"].value == 120.0
    assert (sheet[f"{ID}{row}"].value, sheet[f"{VERSION}{row}"].value) == (t1.pk, 0)
    assert all(sheet.column_dimensions[c].hidden for c in (ID, VERSION, SUM))
    # Only the cells filled in here are unlocked on the protected sheet
    assert sheet.protection.sheet
    assert not sheet[f"{STATUS}{row}"].protection.locked
    assert not sheet[f"{COMMENT}{row}"].protection.locked
    assert sheet[f"A{row}"].protection.locked and sheet[f"{BUDGET}{row}"].protection.locked
    validation = sheet.data_validations.dataValidation[0]
    assert f"{STATUS}2:{STATUS}4" in str(validation.sqref)
    assert [c.value for c in book["_lists"]["A"]] == [
        "Proposed",
        "Decided",
        "Ongoing",
        "Completed",
        "Postponed",
        "Cancelled",
    ]
    assert book["Indicators"]["A2"].value == "Cycle lanes"
    instructions = " ".join(
        str(c.value) for r in book["Instructions"].iter_rows() for c in r if c.value
    )
    assert "Strandhamn" in instructions and "2025 Q2" in instructions
    assert f"{PAGE}/upload/" in instructions

    # An owner's workbook: only the owner's measure is to be filled in, no indicator
    owner = _download(client, users["nobody"])
    sheet = owner["Measures"]
    assert not sheet[f"{COMPLETION}{_row(owner, 'T1')}"].protection.locked
    assert sheet[f"{COMPLETION}{_row(owner, 'E1')}"].protection.locked
    assert owner["Indicators"]["C2"].protection.locked


def test_a_filled_in_workbook_is_saved_and_recorded(client, users, period):
    book = _download(client, users["alice"])
    _set(
        book,
        "T1",
        **{
            STATUS: "Ongoing",
            COMPLETION: "40",
            SPENT: "1 250 000",
            ACHIEVED: "12,5",
            COMMENT: "Half the fleet",
        },
    )
    _set(book, "E1", **{STATUS: "pågående", COMPLETION: 55, ACHIEVED: 3.25})  # Swedish label
    book["Indicators"]["C2"].value = "3,5"
    response = _upload(client, book)
    assert response.status_code == 302
    assert response["Location"].endswith(("/follow-up/2025-q2/", "/follow-up/2025-q2/upload/"))
    message = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "2 measure report(s) and 1 indicator value(s) changed, 1 row(s)" in message

    reports = _reports(period)
    t1, e1 = reports["T1"], reports["E1"]
    assert (t1.status, t1.completion_pct, int(t1.spent_sek), t1.achieved_reduction_t) == (
        "ongoing",
        40,
        1_250_000,
        12.5,
    )
    assert t1.comment == "Half the fleet" and t1.filled_by_label == "alice" and t1.version == 1
    assert (e1.status, e1.completion_pct, e1.achieved_reduction_t) == ("ongoing", 55, 3.25)
    assert not reports["X1"].filled  # left as it was
    assert period.indicator_reports.get().value == 3.5
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("klimatlaget.follow_up.measure_reported") == 2
    assert actions.count("klimatlaget.follow_up.indicator_reported") == 1

    # Uploading the same file again changes nothing: its rows are as stored
    again = client.post(API, {"file": _file(book)})
    assert again.json() == {"measures": 0, "indicators": 0, "unchanged": 4}
    # A fresh download, uploaded unchanged, changes nothing
    fresh = _download(client, users["alice"])
    result = client.post(API, {"file": _file(fresh)})
    assert result.json() == {"measures": 0, "indicators": 0, "unchanged": 4}
    assert AuditEntry.objects.count() == len(actions)


def test_every_bad_cell_is_named_and_nothing_is_saved(client, users, period):
    book = _download(client, users["alice"])
    t1 = _set(book, "T1", **{STATUS: "Finished", COMPLETION: "120", COMMENT: "Fine"})
    e1 = _set(book, "E1", **{SPENT: "lots", ACHIEVED: -5, COMPLETION: "33,5"})
    x1 = _set(book, "X1", **{COMMENT: "Good change"})
    book["Indicators"]["C2"].value = "many"
    body = _api_errors(client, book)
    assert body["detail"].startswith("Nothing was saved")
    assert _located(body["errors"]) == {
        ("Measures", t1, "Status", f"{STATUS}{t1}"),
        ("Measures", t1, "Completion (%)", f"{COMPLETION}{t1}"),
        ("Measures", e1, "Spent so far (SEK)", f"{SPENT}{e1}"),
        ("Measures", e1, "Reduction achieved (t CO₂e a year)", f"{ACHIEVED}{e1}"),
        ("Measures", e1, "Completion (%)", f"{COMPLETION}{e1}"),
        ("Indicators", 2, "Value", "C2"),
    }
    messages = {e["cell"]: e["message"] for e in body["errors"]}
    assert "Finished" in messages[f"{STATUS}{t1}"] and "Ongoing" in messages[f"{STATUS}{t1}"]
    assert "120" in messages[f"{COMPLETION}{t1}"]
    assert "lots" in messages[f"{SPENT}{e1}"]
    # All or nothing: the good change on X1 is not saved either
    assert not MeasureReport.objects.filter(period=period, filled_at__isnull=False).exists()
    assert _reports(period)["X1"].comment == ""
    assert not AuditEntry.objects.filter(action__startswith="klimatlaget.follow_up.m").exists()

    # The page lists the same problems, each as a sentence naming its place
    response = _upload(client, book)
    assert response.status_code == 422
    items = response.content.decode()
    assert f"Sheet Measures, row {t1}, column Completion (%):" in items
    assert "Sheet Indicators, row 2, column Value:" in items
    assert f'data-cell="{SPENT}{e1}"' in items
    assert x1 and _reports(period)["X1"].comment == ""


def test_a_row_changed_on_the_web_since_the_download_is_refused(client, users, period):
    book = _download(client, users["alice"])
    services.report_on_measure(users["alice"], _reports(period)["T1"], {"comment": "On the web"})
    _set(book, "E1", **{COMMENT: "E1 from the file"})
    # T1 left as it was in the file: no conflict, the web's comment stays
    assert _upload(client, book).status_code == 302
    assert _reports(period)["T1"].comment == "On the web"
    assert _reports(period)["E1"].comment == "E1 from the file"

    book = _download(client, users["alice"])
    services.report_on_measure(users["alice"], _reports(period)["T1"], {"comment": "Newer"})
    row = _set(book, "T1", **{COMMENT: "Older"})
    _set(book, "X1", **{COMMENT: "X1 too"})
    body = _api_errors(client, book)
    assert _located(body["errors"]) == {("Measures", row, "", "")}
    message = body["errors"][0]["message"]
    assert "T1" in message and "version 1, now 2" in message and "alice" in message
    assert _reports(period)["T1"].comment == "Newer"
    assert _reports(period)["X1"].comment == ""


def test_an_owner_changes_only_their_own_measures(client, users, period):
    nobody = users["nobody"]
    services.set_owners(users["alice"], _reports(period)["T1"].measure, [nobody])
    book = _download(client, nobody)
    _set(book, "T1", **{COMPLETION: 30})
    e1 = _set(book, "E1", **{COMPLETION: 90})
    book["Indicators"]["C2"].value = 7
    body = _api_errors(client, book)
    assert _located(body["errors"]) == {("Measures", e1, "", ""), ("Indicators", 2, "", "")}
    assert "E1" in body["errors"][0]["message"]
    assert _reports(period)["T1"].completion_pct is None

    # E1 and the indicator left as they were: the owner's own row is saved
    book = _download(client, nobody)
    _set(book, "T1", **{COMPLETION: 30})
    assert client.post(API, {"file": _file(book)}).json()["measures"] == 1
    report = _reports(period)["T1"]
    assert report.completion_pct == 30 and report.filled_by_label == "nobody"

    # Somebody who owns nothing and edits nothing does not get the upload page
    client.force_login(users["lasare"])
    assert client.get(f"{PAGE}/upload/").status_code == 403


def test_a_file_of_another_organisation_or_period_or_a_locked_period_is_refused(
    client, users, strandhamn, period
):
    book = _download(client, users["alice"])
    book[META_SHEET]["B2"].value = "9201"
    response = _upload(client, book)
    assert response.status_code == 422
    assert "another organisation (code 9201)" in response.content.decode()

    other = services.prepare_period(users["alice"], strandhamn, 2025, 1)
    earlier = _download(client, users["alice"], "/o/9102/follow-up/2025-q1.xlsx")
    body = _api_errors(client, earlier)
    assert "2025 Q1, not of 2025 Q2" in body["detail"] and body["errors"] == []

    moved = _download(client, users["alice"])
    moved["Measures"].insert_cols(2)
    body = _api_errors(client, moved)
    assert ("Measures", 1, "Title", "B1") in _located(body["errors"])

    not_a_workbook = client.post(
        API, {"file": SimpleUploadedFile("x.xlsx", b"not a workbook", content_type=XLSX)}
    )
    assert not_a_workbook.status_code == 422
    assert "not an Excel workbook" in not_a_workbook.json()["detail"]

    for report in other.measure_reports.all():
        services.report_on_measure(users["alice"], report, {})
    services.approve_period(users["alice"], other)
    locked = _download(client, users["alice"], "/o/9102/follow-up/2025-q1.xlsx")
    assert locked["Measures"]["D2"].protection.locked  # nothing to fill in
    locked["Measures"]["D2"].value = "Completed"
    response = _upload(client, locked, "/o/9102/follow-up/2025-q1/upload/")
    assert response.status_code == 422
    assert "approved and locked" in response.content.decode()
    assert client.get("/o/9102/follow-up/2025-q1/upload/").status_code == 200
    # An approved period is public: anybody downloads it
    client.logout()
    assert client.get("/o/9102/follow-up/2025-q1.xlsx").status_code == 200
    assert client.get(f"{PAGE}.xlsx").status_code == 404  # the open one is not found


def test_a_formula_in_a_comment_comes_out_as_text(client, users, period):
    formula = '=HYPERLINK("https://evil.example","click")'
    services.report_on_measure(users["alice"], _reports(period)["T1"], {"comment": formula})
    book = _download(client, users["alice"])
    cell = book["Measures"][f"{COMMENT}{_row(book, 'T1')}"]
    assert cell.value == formula and cell.data_type == "s" and cell.quotePrefix
    formulas = [c for s in book for r in s.iter_rows() for c in r if c.data_type == "f"]
    assert formulas == []
    # Uploaded back unchanged, the comment is the same text: nothing changes
    assert client.post(API, {"file": _file(book)}).json()["measures"] == 0
    assert _reports(period)["T1"].comment == formula


def test_a_row_left_unchanged_is_reported_by_writing_yes(client, users, period):
    services.set_owners(users["alice"], _reports(period)["T1"].measure, [users["nobody"]])
    book = _download(client, users["nobody"])
    row = _row(book, "T1")
    assert book["Measures"][f"{REPORTED}{row}"].value == "no"
    _upload(client, book)  # nothing changed: nothing reported
    assert not MeasureReport.objects.filter(filled_at__isnull=False).exists()
    _set(book, "T1", **{REPORTED: "yes"})
    assert _upload(client, book).status_code == 302
    t1 = _reports(period)["T1"]
    assert t1.filled and t1.filled_by_label == "nobody" and t1.completion_pct is None
    # "yes" on a measure the owner does not report on is refused, naming the row
    book = _download(client, users["nobody"])
    e1 = _set(book, "E1", **{REPORTED: "yes"})
    errors = _api_errors(client, book)["errors"]
    assert [(e["sheet"], e["row"]) for e in errors] == [("Measures", e1)]
    # "no" does not take a report back; anything else is an error at its cell
    book = _download(client, users["alice"])
    _set(book, "T1", **{REPORTED: "no"})
    _set(book, "E1", **{REPORTED: "perhaps"})
    (error,) = _api_errors(client, book)["errors"]
    assert error["cell"] == f"{REPORTED}{_row(book, 'E1')}"
    assert _reports(period)["T1"].filled
