"""Writing cells and tables into Excel workbooks, safely (see :mod:`.cells`).

Workbooks with their own structure (several sheets, pick lists) write every cell through
:func:`set_cell` or :func:`append_row`; a plain table is :func:`write_xlsx`.
"""

import datetime
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.exports.cells import as_naive, is_dangerous, is_number, plain_text
from klimatlaget.exports.columns import Column, as_columns

BOLD = Font(bold=True)


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


def append_row(sheet: Worksheet, values: Sequence[Any], font: Font | None = None) -> int:
    """Write ``values`` as the next row of ``sheet``; returns the sheet's last row with cells."""
    cells = [set_cell(Cell(sheet), value) for value in values]
    if font is not None:
        for cell in cells:
            cell.font = font
    sheet.append(cells)
    return sheet.max_row


def write_table(
    sheet: Worksheet, rows: Iterable[Mapping[str, Any]], columns: Sequence[str | Column]
) -> None:
    """A table on ``sheet``: a bold heading row, then one row per mapping."""
    described = as_columns(columns)
    append_row(sheet, [column.heading for column in described], BOLD)
    for row in rows:
        number = append_row(sheet, [row.get(column.key) for column in described])
        for index, column in enumerate(described, start=1):
            if column.number_format:
                sheet.cell(row=number, column=index).number_format = column.number_format
    for index, column in enumerate(described, start=1):
        if column.width is not None:
            sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


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
