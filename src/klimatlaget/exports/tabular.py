"""Writing tables as CSV (plain, or semicolon-separated for Swedish Excel) and JSON.

Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) are prefixed with
an apostrophe, so an organisation name can never become an executable formula.
"""

import csv
import datetime
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CsvDialect(StrEnum):
    PLAIN = "plain"  # comma, decimal point, UTF-8: for programs
    EXCEL_SV = "excel-sv"  # semicolon, decimal comma, UTF-8 with BOM: for Swedish Excel


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Any, dialect: CsvDialect) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(round(value, 6))
        return text.replace(".", ",") if dialect == CsvDialect.EXCEL_SV else text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_text(str(value))


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    dialect: CsvDialect = CsvDialect.PLAIN,
) -> str:
    buffer = io.StringIO()
    delimiter = ";" if dialect == CsvDialect.EXCEL_SV else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column), dialect) for column in columns])
    text = buffer.getvalue()
    return "\ufeff" + text if dialect == CsvDialect.EXCEL_SV else text


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"Cannot write {type(value).__name__} as JSON")


def write_json(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    data = [{column: row.get(column) for column in columns} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1, default=_json_default)
