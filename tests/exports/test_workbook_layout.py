"""Workbooks as a spreadsheet program shows and prints them: numbers, percentages and years have
number formats by their column's kind (percentages with one decimal, not every decimal), and every
sheet prints on A4 across the width of one page, landscape when wide, its heading rows repeated.
Checked for the one table writer and for every kind of workbook export."""

import csv
import io
import json

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.accounts.actors import command_line
from klimatlaget.cli.main import main
from klimatlaget.exports.columns import Column, keys
from klimatlaget.exports.tabular import TableFormat, write_table
from klimatlaget.exports.workbook import set_up_printing
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import SurveyState

ASSOCIATION = "/associations/klimatkommunerna"
COLUMNS = [
    Column("name", "Name"),
    Column.integer("population", "Population"),
    Column.decimal("per_capita_t", 2, "Per inhabitant (t)"),
    Column.percent("share", label="Share"),
    Column.percent("gap_share_pct", label="Gap (%)", per_cent=True),
    Column.year("year", "Year"),
    Column("note", "Note"),
]
ROW = {
    "name": "Strandhamn",
    "population": 64_250,
    "per_capita_t": 4.123456,
    "share": 9 / 11,
    "gap_share_pct": 81.8181818181818,
    "year": 2025,
    "note": "A long note " * 10,
}


def load(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def assert_prints(sheet: Worksheet, title_rows: int | None, landscape: bool) -> None:
    """A4, every column on one page's width, as many pages down as needed."""
    setup = sheet.page_setup
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
    assert str(setup.paperSize) == sheet.PAPERSIZE_A4, sheet.title
    assert setup.orientation == ("landscape" if landscape else "portrait"), sheet.title
    expected = f"$1:${title_rows}" if title_rows else None
    assert sheet.print_title_rows == expected, sheet.title


def formats(sheet: Worksheet, row: int) -> list[str]:
    return [cell.number_format for cell in sheet[row]]


# The one table writer -----------------------------------------------------------------------


def test_each_kind_of_column_has_its_number_format():
    sheet = load(write_table([ROW], COLUMNS, TableFormat.XLSX)).active
    assert formats(sheet, 2) == ["General", "#,##0", "#,##0.00", "0.0%", "0.0%", "0", "General"]
    values = [cell.value for cell in sheet[2]]
    assert values[:4] == ["Strandhamn", 64_250, 4.123456, 9 / 11]  # shown rounded, kept exact
    assert values[4] == pytest.approx(0.818181818181818)  # 81.8 per cent, a percentage
    assert values[5] == 2025


def test_csv_and_json_keep_every_value_as_it_is():
    rows = list(csv.DictReader(io.StringIO(write_table([ROW], COLUMNS, TableFormat.CSV).decode())))
    assert rows[0]["gap_share_pct"] == "81.818182" and rows[0]["share"] == "0.818182"
    assert rows[0]["year"] == "2025" and rows[0]["population"] == "64250"
    data = json.loads(write_table([ROW], COLUMNS, TableFormat.JSON))
    assert data == [{key: ROW[key] for key in keys(COLUMNS)}]


def test_a_wide_table_prints_landscape_with_its_heading_on_every_page():
    sheet = load(write_table([ROW] * 3, COLUMNS, TableFormat.XLSX)).active
    assert_prints(sheet, title_rows=1, landscape=True)
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold and cell.alignment.wrap_text for cell in sheet[1])
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFG"}
    assert widths["A"] == 12  # "Strandhamn" and a little room
    assert widths["B"] == 12  # "Population", wider than "64,250"
    assert widths["F"] == 6  # a year is narrow
    assert widths["G"] == 50  # a long text is capped, not a page wide


def test_a_narrow_table_prints_upright_and_only_its_own_columns():
    columns = COLUMNS[:3]
    sheet = load(write_table([ROW], columns, TableFormat.XLSX)).active
    assert_prints(sheet, title_rows=1, landscape=False)
    assert sorted(sheet.column_dimensions) == ["A", "B", "C"]


def test_a_sheet_of_few_but_wide_columns_prints_landscape():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Key", "Question", "Answer"])
    for letter, width in zip("ABC", (20, 60, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    set_up_printing(sheet, title_rows=2)
    assert_prints(sheet, title_rows=2, landscape=True)


# Every kind of workbook export --------------------------------------------------------------

DEFINITION = {
    "title": "Klimatläget 2025",
    "sections": [
        {
            "key": "targets",
            "title": "Targets",
            "questions": [
                {"key": "has_target", "kind": "yes_no", "text": "Do you have a target?"},
                {"key": "target_year", "kind": "year", "text": "Target year?"},
                {"key": "budget", "kind": "number", "text": "Climate budget?", "unit": "kr"},
                {
                    "key": "measures",
                    "kind": "table",
                    "text": "Measures",
                    "columns": [
                        {"key": "name", "label": "Measure", "kind": "text"},
                        {"key": "tonnes", "label": "Reduction", "kind": "number", "unit": "t"},
                    ],
                },
            ],
        }
    ],
}
ANSWERS = {
    "9102": {"has_target": True, "target_year": 2030, "budget": 1_250_000},
    "9201": {"has_target": False, "budget": 100},
    "9101": {"has_target": True, "target_year": 2040, "budget": 1},
}


@pytest.fixture
def survey(users):
    from klimatlaget.demo.association import EXAMPLE_TARGETS, load_fee_rule, load_memberships
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.targets.imports import import_targets

    association = load_memberships(example=True).association
    assert load_fee_rule(association)
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    survey = create_survey(association, 2025, "klimatlaget", DEFINITION)
    survey.state = SurveyState.OPEN
    survey.save()
    for code, answers in ANSWERS.items():
        member = Organisation.objects.get(code=code)
        response = services.start_response(users["kansli"], survey, member)
        services.save_answers(users["kansli"], response, answers)
        services.submit(users["kansli"], response)
    return survey


@pytest.fixture
def kansli(client, users):
    client.force_login(users["kansli"])
    return client


def rows_by_label(sheet: Worksheet) -> dict[str, int]:
    return {row[0].value: row[0].row for row in sheet.iter_rows() if row[0].value is not None}


def test_fee_list(kansli, survey):
    sheet = load(kansli.get(f"{ASSOCIATION}/fees/2025.xlsx").content).active
    assert_prints(sheet, title_rows=1, landscape=True)
    population_year, inhabitants, counted, fee = formats(sheet, 2)[3:7]
    assert (population_year, inhabitants, counted, fee) == ("0", "#,##0", "#,##0", "#,##0")
    assert sheet.cell(row=sheet.max_row, column=7).number_format == "#,##0"  # the total


@pytest.mark.parametrize("internal", [False, True])
def test_survey_report(kansli, survey, internal):
    url = f"{ASSOCIATION}/reports/2025/{'internal/' if internal else ''}report.xlsx"
    book = load(kansli.get(url, HTTP_ACCEPT_LANGUAGE="en").content)
    summary, chapter = book["Summary"], book["Targets"]
    for sheet in (summary, chapter):
        assert_prints(sheet, title_rows=1, landscape=True)  # charts stand beside the tables
    rows = rows_by_label(summary)
    assert summary.cell(rows["Members who answered"], 2).number_format == "#,##0"
    assert summary.cell(rows["Latest year with emissions data"], 2).number_format == "0"
    change = next(row for label, row in rows.items() if label.startswith("Average change"))
    assert summary.cell(change, 2).number_format == "0.0%"
    assert -1 < summary.cell(change, 2).value < 1  # a fraction: -23.4 per cent is -0.234
    rows = rows_by_label(chapter)
    yes = chapter[rows["Yes"]]
    assert (yes[1].value, yes[2].value) == (2, pytest.approx(2 / 3))
    assert (yes[1].number_format, yes[2].number_format) == ("#,##0", "0.0%")  # 66.7%
    assert chapter.cell(rows["Mean"], 2).number_format == "#,##0.0#"  # 416,700.33
    assert chapter.cell(rows["Sum"], 2).number_format == "#,##0"  # 1,250,101
    if internal:
        responses = book["Responses"]
        assert_prints(responses, title_rows=1, landscape=False)
        assert responses.freeze_panes == "A2"
        assert responses.cell(2, 4).number_format == "yyyy-mm-dd hh:mm"


def test_offline_questionnaire(kansli, survey):
    content = kansli.get(f"/o/9102/surveys/{survey.pk}/questionnaire.xlsx").content
    book = load(content)
    instructions, section, table = (book[name] for name in book.sheetnames[:3])
    assert_prints(instructions, title_rows=None, landscape=False)
    assert_prints(section, title_rows=1, landscape=True)
    assert_prints(table, title_rows=2, landscape=False)  # the keys and the headings
    rows = rows_by_label(section)
    assert section.cell(rows["target_year"], 3).number_format == "0"
    assert section.cell(rows["target_year"], 3).value == 2030


def test_cli_metrics(survey, tmp_path):
    output = tmp_path / "metrics.xlsx"
    assert main(["export", "metrics", "--format", "xlsx", "--output", str(output)]) == 0
    assert main(["export", "metrics", "--format", "json", "--output", str(tmp_path / "m")]) == 0
    expected = {row["code"]: row for row in json.loads((tmp_path / "m").read_text())}
    sheet = load(output.read_bytes()).active
    assert_prints(sheet, title_rows=1, landscape=True)
    heading = [cell.value for cell in sheet[1]]
    row = dict(zip(heading, sheet[2], strict=True))
    values = expected[row["code"].value]
    for key, number_format in {
        "population": "#,##0",
        "last_year": "0",
        "last_emissions_t": "#,##0",
        "last_emissions_per_capita_t": "#,##0.00",
        "change_since_1990_pct": "0.0%",
        "gap_share_pct": "0.0%",
        "trend_leaves_pathway_year": "0",
    }.items():
        assert row[key].number_format == number_format, key
    per_cent = values["change_since_1990_pct"]
    assert row["change_since_1990_pct"].value == pytest.approx(per_cent / 100)
    assert row["population"].value == values["population"]


def test_cli_target_comparison(survey, tmp_path):
    output = tmp_path / "targets.xlsx"
    arguments = ["export", "target-comparison", "--format", "xlsx", "--output", str(output)]
    assert main(arguments) == 0
    sheet = load(output.read_bytes()).active
    assert_prints(sheet, title_rows=1, landscape=True)
    heading = [cell.value for cell in sheet[1]]
    row = dict(zip(heading, sheet[2], strict=True))
    assert row["target_year"].number_format == "0"
    assert row["implied_annual_rate_pct"].number_format == "0.0%"
    assert row["cumulative_to_2050_t"].number_format == "#,##0"
