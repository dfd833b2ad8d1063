"""An investment plan's lines as the one-sheet workbook of docs/INVESTMENT_PLAN_XLSX.md, to
edit and upload as a new version ("download for editing"), or empty as a template.

The headings and the choices are in the language of the download (the upload takes either);
the cells to fill in are yellow, the line key grey; the choices and the organisation's measure
codes are offered as pick lists. Every cell is written through :mod:`klimatlaget.exports.workbook`.
"""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.exports.columns import Kind as ExportKind
from klimatlaget.exports.columns import number_format
from klimatlaget.exports.workbook import PickLists, append_row, save, set_up_printing
from klimatlaget.investments import lines_sheet
from klimatlaget.investments.lines_sheet import Column, Kind
from klimatlaget.investments.models import BY_YEAR, InvestmentLine, InvestmentPlan
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation

LISTS_SHEET = "_lists"
#: Empty yellow rows below the lines, for lines to add.
SPARE_ROWS = 50
#: The years of a template: this year and the next four.
TEMPLATE_YEARS = 5

YELLOW = PatternFill("solid", fgColor="FFF9DB")
GREY = PatternFill("solid", fgColor="E7E6E6")
GREY_FONT = Font(color="595959")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
FORMATS = {
    Kind.AMOUNT: number_format(ExportKind.INTEGER),
    Kind.NUMBER: number_format(ExportKind.DECIMAL, 1),
}


def _value(line: InvestmentLine, column: Column, codes: dict[int, str]) -> Any:
    value = getattr(line, column.field)
    if column.kind == Kind.KEY:
        return str(line.key)
    if column.kind == Kind.MEASURE:
        return codes.get(line.measure_id) if line.measure_id else None
    if column.part:
        return value.get(column.part)
    if column.kind == Kind.CHOICE:
        return lines_sheet.label(column.field, value) if value else None
    if column.kind == Kind.LIST:
        return " | ".join(value)
    return value


def _plan_years(plan: InvestmentPlan, lines: Iterable[InvestmentLine]) -> set[int]:
    years = set(range(plan.horizon_from, plan.horizon_to + 1))
    for line in lines:
        for name in BY_YEAR:
            years |= {int(year) for year in getattr(line, name)}
    return years


def _write(organisation: Organisation, years: Iterable[int], lines: list[InvestmentLine]) -> bytes:
    language = lines_sheet.language()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = lines_sheet.SHEET_NAMES[language]
    lists = PickLists(book.create_sheet(LISTS_SHEET))
    lists.sheet.sheet_state = "hidden"
    columns = lines_sheet.columns(years)
    measures = dict(
        Measure.objects.filter(organisation=organisation).order_by("code").values_list("pk", "code")
    )
    append_row(sheet, [column.heading(language) for column in columns], BOLD)
    formats = [FORMATS.get(column.kind) for column in columns]
    for line in lines:
        append_row(sheet, [_value(line, column, measures) for column in columns], formats=formats)
    last = len(lines) + 1 + SPARE_ROWS
    _style(sheet, columns, last)
    _pick_lists(sheet, lists, columns, last, tuple(measures.values()))
    sheet.freeze_panes = "E2"
    set_up_printing(sheet, landscape=True)
    return save(book)


def _style(sheet: Worksheet, columns: list[Column], last: int) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        sheet.cell(row=1, column=index).alignment = WRAP
        for row in range(2, last + 1):
            cell = sheet.cell(row=row, column=index)
            if column.kind == Kind.KEY:
                cell.fill, cell.font = GREY, GREY_FONT
            else:
                cell.fill = YELLOW
            if column.kind in FORMATS:
                cell.number_format = FORMATS[column.kind]


def _pick_lists(
    sheet: Worksheet, lists: PickLists, columns: list[Column], last: int, codes: tuple[str, ...]
) -> None:
    for index, column in enumerate(columns, start=1):
        if column.kind == Kind.CHOICE:
            options = lines_sheet.labels(column.field)
        elif column.kind == Kind.MEASURE and codes:
            options = codes
        else:
            continue
        validation = lists.validation(options)
        sheet.add_data_validation(validation)
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{last}")


def lines_xlsx(plan: InvestmentPlan) -> bytes:
    """The plan's lines, to edit and upload as a new version."""
    lines = list(plan.lines.all())
    return _write(plan.organisation, _plan_years(plan, lines), lines)


def template_xlsx(organisation: Organisation) -> bytes:
    """An empty sheet for the organisation's lines, with this year and the next four."""
    year = timezone.localdate().year
    return _write(organisation, range(year, year + TEMPLATE_YEARS), [])


def lines_file_name(plan: InvestmentPlan) -> str:
    return f"{plan.organisation.code}-investment-plan-{plan.year}-v{plan.version_number}.xlsx"


def template_file_name(organisation: Organisation) -> str:
    return f"{organisation.code}-investment-plan-template.xlsx"
