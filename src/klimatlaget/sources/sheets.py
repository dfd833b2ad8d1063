"""Reading one worksheet of an .xls, .xlsx or CSV file into plain rows of cell values.

The format is recognised by the file's first bytes, not its name: downloads and uploads
often carry the wrong extension. xlrd and openpyxl are imported when a workbook is read:
together they take longer to import than a CSV import takes to run.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from klimatlaget.sources.errors import SourceError, fail, file_label
from klimatlaget.sources.text import DEFAULT_MAX_BYTES, check_size, read_csv
from klimatlaget.sources.xlsx_guard import check_xlsx


def _unreadable() -> tuple[type[Exception], ...]:
    """What xlrd and openpyxl raise on a damaged workbook (XML errors are SyntaxErrors)."""
    import xlrd  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.utils.exceptions import (  # type: ignore[import-untyped, unused-ignore]
        InvalidFileException,
    )

    return (
        xlrd.XLRDError,
        zipfile.BadZipFile,
        InvalidFileException,
        SyntaxError,
        KeyError,
        IndexError,
        TypeError,
        OSError,
        ValueError,
    )


Format = Literal["xls", "xlsx", "text"]
Cell = str | int | float | bool | None

_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Sheet:
    """A worksheet's cells; ``rows[i]`` is spreadsheet row ``i + 1``."""

    file: str
    name: str
    rows: list[list[Cell]]

    def cell(self, row_index: int, column_index: int) -> Cell:
        row = self.rows[row_index]
        return row[column_index] if column_index < len(row) else None


def detect_format(path: str | Path) -> Format:
    with Path(path).open("rb") as handle:
        start = handle.read(8)
    if start.startswith(_XLS_MAGIC):
        return "xls"
    if start.startswith(_ZIP_MAGIC):
        return "xlsx"
    return "text"


def column_name(column_index: int, header: object = None) -> str:
    """A column as users see it: the letter, and the header when there is one: 'F (2015)'."""
    letter = column_letter(column_index)
    label = cell_text(header)
    return f"{letter} ({label})" if label else letter


def column_letter(column_index: int) -> str:
    """The spreadsheet letters of a 0-based column: A … Z, AA … ZZ, AAA …. Not openpyxl's
    ``get_column_letter``: importing openpyxl takes longer than reading a small .xls file."""
    letters = ""
    number = column_index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell as trimmed text; whole-number floats without '.0'; '' for empty cells."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheet(
    path: str | Path,
    *,
    prefer: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Sheet:
    """The first sheet whose name is in ``prefer`` (case-insensitive), else the first sheet."""
    file = file_label(path)
    check_size(path, max_bytes)
    kind = detect_format(path)
    try:
        if kind == "xls":
            return _read_xls(path, file, prefer)
        if kind == "xlsx":
            check_xlsx(path, file=file)
            return _read_xlsx(path, file, prefer)
    except SourceError:
        raise
    except _unreadable() as error:  # evaluated only when something was raised
        raise fail(
            file, "unreadable_file", f"The file could not be read as a workbook ({error})."
        ) from error
    table = read_csv(path, max_bytes=max_bytes)
    header: list[Cell] = list(table.header)
    rows: list[list[Cell]] = [[] for _ in range(table.header_row - 1)] + [header]
    for record in table.rows:
        rows.extend([] for _ in range(record.number - len(rows) - 1))
        rows.append(list(record.cells))
    return Sheet(file, "", rows)


def _pick(names: Sequence[str], prefer: Sequence[str]) -> int:
    wanted = [p.casefold() for p in prefer]
    for choice in wanted:
        for index, name in enumerate(names):
            if name.strip().casefold() == choice:
                return index
    return 0


def _read_xls(path: str | Path, file: str, prefer: Sequence[str]) -> Sheet:
    import xlrd  # type: ignore[import-untyped, unused-ignore]

    book = xlrd.open_workbook(str(path), on_demand=True)
    try:
        names = [str(name) for name in book.sheet_names()]
        index = _pick(names, prefer)
        sheet = book.sheet_by_index(index)
        rows = [[_xls_value(cell) for cell in sheet.row(r)] for r in range(sheet.nrows)]
    finally:
        book.release_resources()
    return Sheet(file, names[index], rows)


def _xls_value(cell: object) -> Cell:
    import xlrd  # type: ignore[import-untyped, unused-ignore]

    ctype = getattr(cell, "ctype", xlrd.XL_CELL_EMPTY)
    value = getattr(cell, "value", None)
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(value, "#ERROR"))
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return str(value)


def _read_xlsx(path: str | Path, file: str, prefer: Sequence[str]) -> Sheet:
    # An open file, not the name: openpyxl refuses names not ending in .xlsx, and uploads
    # and downloads often carry the wrong extension.
    with Path(path).open("rb") as handle:
        return _read_book(handle, file, prefer)


def _read_book(handle: BinaryIO, file: str, prefer: Sequence[str]) -> Sheet:
    import openpyxl  # type: ignore[import-untyped, unused-ignore]

    book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    try:
        names = [str(name) for name in book.sheetnames]
        index = _pick(names, prefer)
        sheet = book.worksheets[index]
        # The stored dimensions may be missing or wrong; read every row that exists.
        sheet.reset_dimensions()
        rows = [[_xlsx_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return Sheet(file, names[index], rows)


def _xlsx_value(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
