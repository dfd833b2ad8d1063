"""Tables and workbooks as downloads, for pages and the API alike."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpResponse

from klimatlaget.exports.columns import Column
from klimatlaget.exports.tabular import CsvDialect, TableFormat, write_table

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON = "application/json"
CONTENT_TYPES = {
    TableFormat.CSV: CSV,
    TableFormat.CSV_EXCEL_SV: CSV,
    TableFormat.XLSX: XLSX,
    TableFormat.JSON: JSON,
}
SUFFIXES = {
    TableFormat.CSV: "csv",
    TableFormat.CSV_EXCEL_SV: "csv",
    TableFormat.XLSX: "xlsx",
    TableFormat.JSON: "json",
}


def download(content: bytes, file_name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    """A workbook written with :mod:`klimatlaget.exports.workbook` as a download."""
    return download(content, file_name, XLSX)


def table_response(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str | Column],
    table_format: TableFormat = TableFormat.CSV,
    title: str = "Data",
) -> HttpResponse:
    content = write_table(rows, columns, table_format, title)
    return download(content, f"{name}.{SUFFIXES[table_format]}", CONTENT_TYPES[table_format])


def csv_response(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str | Column],
    dialect: CsvDialect = CsvDialect.PLAIN,
) -> HttpResponse:
    excel = dialect == CsvDialect.EXCEL_SV
    return table_response(
        name, rows, columns, TableFormat.CSV_EXCEL_SV if excel else TableFormat.CSV
    )
