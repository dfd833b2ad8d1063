"""Writing cells and tables into Excel workbooks, safely (see :mod:`.cells`).

Workbooks with their own structure (several sheets, pick lists) write every cell through
:func:`set_cell` or :func:`append_row`; a plain table is :func:`write_xlsx`.
"""

import datetime
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.exports.cells import as_naive, is_dangerous, is_number, plain_text
from klimatlaget.exports.columns import Column, Kind, as_columns

BOLD = Font(bold=True)
HEADING_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
#: Column widths in characters: a heading longer than HEADING_WRAP wraps onto a second line.
MIN_WIDTH, MAX_WIDTH, HEADING_WRAP, DEFAULT_WIDTH = 6, 50, 16, 8.43
#: What fits across an A4 page upright, in columns and in characters of the default font.
PORTRAIT_COLUMNS, PORTRAIT_WIDTH = 6, 90


def cell_value(value: Any) -> Any:
    """``value`` as a workbook can hold it: numbers, booleans and dates keep their type."""
    if value is None or isinstance(value, bool) or is_number(value):
        return value
    if isinstance(value, datetime.datetime):
        return as_naive(value)
    if isinstance(value, datetime.date):
        return value
    return plain_text(value)


def set_cell(cell: Cell, value: Any) -> Cell:
    """Write ``value`` into ``cell``; text is always stored as text, never as a formula."""
    cell.value = cell_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl makes "=…" a formula and "#N/A" an error
        if is_dangerous(cell.value):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell


def append_row(
    sheet: Worksheet,
    values: Sequence[Any],
    font: Font | None = None,
    formats: Sequence[str | None] = (),
) -> int:
    """Write ``values`` as the next row of ``sheet``, each with its number format in ``formats``
    (None: the spreadsheet's own); returns the sheet's last row with cells."""
    cells = [set_cell(Cell(sheet), value) for value in values]
    for cell, number_format in zip(cells, formats, strict=False):
        if number_format is not None:
            cell.number_format = number_format
    if font is not None:
        for cell in cells:
            cell.font = font
    sheet.append(cells)
    return cells[0].row if cells else sheet.max_row  # max_row looks at every cell


def write_table(
    sheet: Worksheet,
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str | Column],
    title_rows: int = 1,
) -> None:
    """A table on ``sheet``: a bold heading row, then one row per mapping, each value shown as
    its column's kind says; set up to print with the heading on every page (``title_rows`` 0:
    not repeated, for a sheet with more below the table)."""
    described = as_columns(columns)
    append_row(sheet, [column.heading for column in described], BOLD)
    for cell in sheet[sheet.max_row]:
        cell.alignment = HEADING_ALIGNMENT
    widest = [0] * len(described)
    formats = [column.number_format for column in described]
    for row in rows:
        values = [column.workbook_value(row.get(column.key)) for column in described]
        append_row(sheet, values, formats=formats)
        for index, (column, value) in enumerate(zip(described, values, strict=True)):
            widest[index] = max(widest[index], shown_length(column, value))
    for index, column in enumerate(described):
        width = column.width or _width(column.heading, widest[index])
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    set_up_printing(sheet, title_rows)


def shown_length(column: Column, value: Any) -> int:
    """About how many characters a spreadsheet shows for ``value`` in ``column``."""
    if value is None:
        return 0
    if not is_number(value) or column.kind == Kind.TEXT:
        return max((len(line) for line in str(cell_value(value)).splitlines()), default=0)
    if column.kind == Kind.YEAR:
        return len(str(value))
    if column.kind in (Kind.PERCENT, Kind.PER_CENT):
        return len(f"{float(value) * 100:.{column.decimals}f}%")
    return len(f"{float(value):,.{column.decimals}f}")


def _width(heading: str, widest_value: int) -> float:
    """A column wide enough for its values and, wrapped on two lines, its heading."""
    wanted = max(widest_value, min(len(heading), HEADING_WRAP), MIN_WIDTH - 2) + 2
    return float(min(wanted, MAX_WIDTH))


def set_up_printing(sheet: Worksheet, title_rows: int = 1, landscape: bool | None = None) -> None:
    """Print ``sheet`` on A4, all its columns on the width of a page, the first ``title_rows``
    rows repeated on every page; landscape when it is wide (``landscape`` None: decide by the
    columns' widths)."""
    if landscape is None:
        landscape = sheet.max_column > PORTRAIT_COLUMNS or printed_width(sheet) > PORTRAIT_WIDTH
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = f"1:{title_rows}"


def printed_width(sheet: Worksheet) -> float:
    """The width of the sheet's columns in characters (a column without one: the default)."""
    widths = [
        sheet.column_dimensions.get(get_column_letter(index))  # [] would add a column
        for index in range(1, sheet.max_column + 1)
    ]
    return sum(width.width if width and width.width else DEFAULT_WIDTH for width in widths)


def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str | Column], title: str = "Data"
) -> bytes:
    """The rows as a workbook of one sheet named ``title``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    write_table(sheet, rows, columns)
    return save(book)


MAX_SHEET_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid Excel sheet name close to ``wanted`` (at most 31 characters, none of
    ``[]:*?/\\``), made unique among ``taken`` (compared case-insensitively, as Excel does)."""
    base = _FORBIDDEN.sub("-", wanted).strip().strip("'")[:MAX_SHEET_NAME] or "Sheet"
    lowered = {name.casefold() for name in taken}
    name, number = base, 2
    while name.casefold() in lowered:
        suffix = f" ({number})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        number += 1
    taken.add(name)
    return name


@dataclass
class PickLists:
    """Pick lists for data validation, one column each on a (hidden) sheet of their own: an
    inline list breaks on commas and is limited to 255 characters."""

    sheet: Worksheet
    columns: dict[tuple[str, ...], str] = field(default_factory=dict)

    def validation(self, options: tuple[str, ...]) -> DataValidation:
        """A validation that accepts only ``options`` (or an empty cell); add it to a sheet
        and add the cells to it."""
        from django.utils.translation import gettext as _

        reference = self.columns.get(options)
        if reference is None:
            column = get_column_letter(len(self.columns) + 1)
            for row, option in enumerate(options, start=1):
                set_cell(self.sheet[f"{column}{row}"], option)
            reference = f"{quote_sheetname(self.sheet.title)}!${column}$1:${column}${len(options)}"
            self.columns[options] = reference
        return DataValidation(
            type="list",
            formula1=reference,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Not one of the options"),
            error=_("Choose one of the options in the list."),
        )
