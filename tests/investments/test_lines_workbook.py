"""An investment plan's lines in Excel: the sheet written from a plan and as a template, read
back as a new version (all or nothing, keys kept, the version header copied)."""

import io
import uuid

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from klimatlaget.audit.models import AuditEntry
from klimatlaget.investments import lines_sheet, services
from klimatlaget.investments.lines_import import import_plan
from klimatlaget.investments.lines_writer import lines_xlsx, template_xlsx
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.sources import SourceError

EN_HEADINGS = ["Title", "Investing actor", "Sector", "Funding source", "Funding status"]


def workbook(rows, title="Lines", extra_sheets=()):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name in extra_sheets:
        book.create_sheet(name)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def in_english(write, *args):
    with translation.override("en"):
        return write(*args)


def edited(data, changes, sheet_name=None):
    """``data`` with ``changes`` ({(row, heading): value}) made, as a user would in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[sheet_name] if sheet_name else book.worksheets[0]
    headings = {cell.value: cell.column for cell in sheet[1]}
    for (row, heading), value in changes.items():
        sheet.cell(row=row, column=headings[heading]).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems(raised):
    return [(p.code, p.row, p.column) for p in raised.value.problems]


# The column spec ------------------------------------------------------------------------------


def test_headings_are_matched_in_either_language_without_case_or_spaces():
    assert lines_sheet.column_for("TITEL").field == "title"
    assert lines_sheet.column_for("  investing   actor ").field == "actor"
    capex = lines_sheet.column_for("Investering 2027")
    assert (capex.field, capex.part) == ("capex_by_year", "2027")
    opex = lines_sheet.column_for("opex2026")
    assert (opex.field, opex.part) == ("opex_by_year", "2026")
    benefit = lines_sheet.column_for("Co-benefit household economy (SEK a year)")
    assert (benefit.field, benefit.part) == ("co_benefits_sek", "household_economy")
    assert lines_sheet.column_for("Samhällsnytta hälsa (kr/år)").part == "health"
    assert lines_sheet.column_for("Colour") is None


def test_a_choice_is_read_by_its_code_or_its_label_in_either_language():
    words = lines_sheet.words("funding_status")
    assert words["applied_for"] == "applied_for"
    assert words["applied for"] == "applied_for"
    assert words["beslutad"] == "decided"


# Writing --------------------------------------------------------------------------------------


def test_the_lines_workbook_has_every_line_with_its_key_and_yellow_input_cells(plan, bus_measure):
    book = openpyxl.load_workbook(io.BytesIO(in_english(lines_xlsx, plan)))
    assert book.sheetnames == ["Lines", "_lists"]
    assert book["_lists"].sheet_state == "hidden"
    sheet = book["Lines"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[:4] == ["Line key", "Measure code", "System shift", "Title"]
    assert [f"Capex {year}" for year in range(2024, 2031)] == [
        h for h in headings if h.startswith("Capex")
    ]
    rows = [
        dict(zip(headings, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2, 3)
    ]
    keys = {str(line.key) for line in plan.lines.all()}
    assert {row["Line key"] for row in rows} == keys
    buses = next(row for row in rows if row["Title"] == "Biogas buses")
    assert buses["Measure code"] == "T9"
    assert buses["Investing actor"] == "A municipal company"
    assert buses["Capex 2025"] == 6_000_000 and buses["Capex 2024"] is None
    assert buses["Co-benefit health (SEK a year)"] == 60_000
    assert buses["Other co-benefits"] == "Quieter streets"
    title = headings.index("Title") + 1
    assert sheet.cell(row=2, column=title).fill.fgColor.rgb.endswith("FFF9DB")
    assert sheet.cell(row=2, column=1).fill.fgColor.rgb.endswith("E7E6E6")
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert any(formula.startswith("'_lists'!") for formula in ranges.values())


def test_the_template_is_empty_and_in_the_language_of_the_download(strandhamn):
    with translation.override("sv"):
        book = openpyxl.load_workbook(io.BytesIO(template_xlsx(strandhamn)))
    sheet = book["Rader"]
    assert sheet.cell(row=1, column=4).value == "Titel"
    assert all(cell.value is None for row in sheet.iter_rows(min_row=2) for cell in row)


# Reading and importing ------------------------------------------------------------------------


def test_a_round_trip_makes_a_new_version_with_the_same_lines(users, plan):
    data = in_english(lines_xlsx, plan)
    new = import_plan(users["alice"], plan.organisation, 2025, data, "plan.xlsx")
    assert (new.version_number, new.replaces_id, new.status) == (2, plan.pk, "draft")
    assert (new.horizon_from, new.horizon_to, new.title) == (2024, 2030, plan.title)
    comparison = services.compare(plan, new)
    assert (comparison.added, comparison.removed, comparison.changed) == ([], [], {})
    assert len(comparison.unchanged) == 2
    assert AuditEntry.objects.filter(action="klimatlaget.investment_plan.imported").count() == 1


def test_an_edited_cell_shows_in_the_comparison(users, plan):
    data = in_english(lines_xlsx, plan)
    row = 2 if plan.lines.order_by("position").first().title == "Biogas buses" else 3
    changed = edited(data, {(row, "Capex 2026"): 4_500_000, (row, "Funding status"): "applied for"})
    new = import_plan(users["alice"], plan.organisation, 2025, changed, "plan.xlsx")
    comparison = services.compare(plan, new)
    buses = str(plan.lines.get(title="Biogas buses").key)
    assert set(comparison.changed) == {buses}
    assert comparison.changed[buses]["capex_by_year"][1] == {"2025": 6_000_000, "2026": 4_500_000}
    assert comparison.changed[buses]["funding_status"] == ["decided", "applied_for"]


def test_the_first_version_takes_its_horizon_from_the_year_columns(users, strandhamn):
    data = workbook(
        [
            [*EN_HEADINGS, "Capex 2026", "Capex 2028", "Economic lifetime (years)"],
            ["Cycle lanes", "municipality", "Transporter", "own_budget", "decided", 100, None, 20],
        ]
    )
    plan = import_plan(users["alice"], strandhamn, 2026, data, "new.xlsx")
    assert (plan.version_number, plan.replaces_id, plan.scope) == (1, None, "organisation")
    assert (plan.horizon_from, plan.horizon_to, plan.status) == (2026, 2028, "draft")
    line = plan.lines.get()
    assert line.capex_by_year == {"2026": 100} and line.lifetime_years == 20


def test_every_problem_is_named_by_sheet_row_and_column_and_nothing_is_stored(
    users, plan, strandhamn
):
    before = (
        InvestmentPlan.objects.count(),
        InvestmentLine.objects.count(),
        AuditEntry.objects.count(),
    )
    data = workbook(
        [
            [*EN_HEADINGS, "Measure code", "Capex 2026", "Economic lifetime (years)"],
            ["Good", "municipality", "Transporter", "own_budget", "decided", None, 5, 10],
            ["", "aliens", "Transporter", "own_budget", "decided", None, "lots", 10],
            ["No sector", "municipality", "", "own_budget", "decided", "X99", None, None],
            ["No lifetime", "municipality", "Transporter", "own_budget", "decided", None, 5, None],
        ],
        title="Rader",
        extra_sheets=["Notes"],
    )
    with translation.override("en"), pytest.raises(SourceError) as raised:
        import_plan(users["alice"], strandhamn, 2025, data, "bad.xlsx")
    assert set(problems(raised)) == {
        ("empty_value", 3, "A (Title)"),
        ("unknown_choice", 3, "B (Investing actor)"),
        ("not_a_number", 3, "G (Capex 2026)"),
        ("unknown_measure", 4, "F (Measure code)"),
        ("invalid_line", 5, "H (Economic lifetime (years))"),
    }
    assert {p.sheet for p in raised.value.problems} == {"Rader"}
    assert {p.file for p in raised.value.problems} == {"bad.xlsx"}
    lifetime = next(p for p in raised.value.problems if p.row == 5)
    assert lifetime.message == "Give the economic lifetime of the investment."
    after = (
        InvestmentPlan.objects.count(),
        InvestmentLine.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before


def test_the_services_rules_apply_to_a_line_without_a_measure(users, strandhamn):
    data = workbook([EN_HEADINGS, ["Flood barrier", "municipality", "", "own_budget", "decided"]])
    with translation.override("en"), pytest.raises(SourceError) as raised:
        import_plan(users["alice"], strandhamn, 2025, data, "f.xlsx")
    [problem] = raised.value.problems
    assert (problem.row, problem.column) == (2, "C (Sector)")
    assert problem.message == "A line without a measure needs a sector."


def test_a_missing_column_an_unknown_heading_and_an_empty_sheet(users, strandhamn):
    data = workbook([["Title", "Colour"], ["A", "red"]])
    with translation.override("en"), pytest.raises(SourceError) as raised:
        import_plan(users["alice"], strandhamn, 2025, data, "f.xlsx")
    found = problems(raised)
    assert ("bad_header", 1, "B (Colour)") in found
    assert sum(code == "bad_header" and column is None for code, _r, column in found) == 3
    with pytest.raises(SourceError) as empty:
        import_plan(users["alice"], strandhamn, 2025, workbook([EN_HEADINGS]), "f.xlsx")
    assert problems(empty) == [("empty_file", None, None)]


def test_a_file_that_is_no_workbook_or_has_no_lines_sheet_is_refused(users, strandhamn):
    with pytest.raises(SourceError) as text:
        import_plan(users["alice"], strandhamn, 2025, b"title;actor\n", "f.xlsx")
    assert problems(text) == [("unreadable_file", None, None)]
    two = workbook([EN_HEADINGS], title="Sheet1", extra_sheets=["Sheet2"])
    with pytest.raises(SourceError) as sheets:
        import_plan(users["alice"], strandhamn, 2025, two, "f.xlsx")
    assert problems(sheets) == [("bad_header", None, None)]


def test_keys_are_kept_only_for_lines_of_the_previous_version_and_only_once(users, plan):
    data = in_english(lines_xlsx, plan)
    stranger = str(uuid.uuid4())
    new = import_plan(
        users["alice"], plan.organisation, 2025, edited(data, {(2, "Line key"): stranger}), "p.xlsx"
    )
    keys = {str(line.key) for line in new.lines.all()}
    assert stranger not in keys and len(keys & {str(k.key) for k in plan.lines.all()}) == 1
    twice = edited(
        data, {(3, "Line key"): openpyxl.load_workbook(io.BytesIO(data))["Lines"]["A2"].value}
    )
    with pytest.raises(SourceError) as raised:
        import_plan(users["alice"], plan.organisation, 2025, twice, "p.xlsx")
    assert problems(raised) == [("duplicate_row", 3, "A (Line key)")]
    broken = edited(data, {(2, "Line key"): "not-a-key"})
    with pytest.raises(SourceError) as bad:
        import_plan(users["alice"], plan.organisation, 2025, broken, "p.xlsx")
    assert problems(bad) == [("bad_key", 2, "A (Line key)")]


def test_a_new_version_replaces_the_latest_version_of_the_year(users, plan):
    second = services.new_version(users["alice"], plan)
    new = import_plan(
        users["alice"], plan.organisation, 2025, in_english(lines_xlsx, plan), "p.xlsx"
    )
    assert (new.version_number, new.replaces_id) == (3, second.pk)
    assert services.compare(second, new).changed == {}


def test_only_the_organisations_editors_import(users, plan):
    data = in_english(lines_xlsx, plan)
    with pytest.raises(PermissionDenied):
        import_plan(users["bob"], plan.organisation, 2025, data, "p.xlsx")
    assert InvestmentPlan.objects.count() == 1
