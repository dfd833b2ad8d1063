"""The one table writer: a table (rows of mappings and its columns) as CSV (plain, or
semicolon-separated for Swedish Excel), an Excel workbook or JSON.

Text that a spreadsheet could run as a formula is made harmless in CSV and workbooks alike (see
:mod:`.cells`); numbers stay numbers, and JSON keeps every value exactly as it is.
"""

import csv
import datetime
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from klimatlaget.exports.cells import as_naive, csv_text
from klimatlaget.exports.columns import Column, keys


class CsvDialect(StrEnum):
    PLAIN = "plain"  # comma, decimal point, UTF-8: for programs
    EXCEL_SV = "excel-sv"  # semicolon, decimal comma, UTF-8 with BOM: for Swedish Excel


class TableFormat(StrEnum):
    CSV = "csv"
    CSV_EXCEL_SV = "csv-excel-sv"
    XLSX = "xlsx"
    JSON = "json"


def _number(text: str, dialect: CsvDialect) -> str:
    return text.replace(".", ",") if dialect == CsvDialect.EXCEL_SV else text


def _cell(value: Any, dialect: CsvDialect) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(repr(round(value, 6)), dialect)
    if isinstance(value, Decimal):
        return _number(str(value), dialect)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return as_naive(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return csv_text(value)


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str | Column],
    dialect: CsvDialect = CsvDialect.PLAIN,
) -> str:
    buffer = io.StringIO()
    delimiter = ";" if dialect == CsvDialect.EXCEL_SV else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    names = keys(columns)
    writer.writerow([csv_text(name) for name in names])
    for row in rows:
        writer.writerow([_cell(row.get(name), dialect) for name in names])
    text = buffer.getvalue()
    return "\ufeff" + text if dialect == CsvDialect.EXCEL_SV else text


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"Cannot write {type(value).__name__} as JSON")


def write_json(rows: Iterable[Mapping[str, Any]], columns: Sequence[str | Column]) -> str:
    names = keys(columns)
    data = [{name: row.get(name) for name in names} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1, default=_json_default)


def write_table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str | Column],
    table_format: TableFormat,
    title: str = "Data",
) -> bytes:
    """The table in ``table_format`` as bytes (text formats in UTF-8)."""
    if table_format == TableFormat.XLSX:
        from klimatlaget.exports.workbook import write_xlsx

        return write_xlsx(rows, columns, title)
    if table_format == TableFormat.JSON:
        return write_json(rows, columns).encode()
    dialect = CsvDialect.EXCEL_SV if table_format == TableFormat.CSV_EXCEL_SV else CsvDialect.PLAIN
    return write_csv(rows, columns, dialect).encode()


def write_document(document: Mapping[str, Any]) -> bytes:
    """A JSON document (a mapping of tables and figures) in UTF-8, every value as it is."""
    return json.dumps(document, ensure_ascii=False, indent=1, default=_json_default).encode()
