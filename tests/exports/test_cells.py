"""The one rule for cells a spreadsheet could run, and the table writer's typing of values."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from klimatlaget.exports.cells import csv_text, is_dangerous
from klimatlaget.exports.columns import Column
from klimatlaget.exports.tabular import CsvDialect, TableFormat, write_csv, write_table

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("https://evil.example","x")',
    "+1",
    "-1+cmd",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    " =1+1",
    "\u00a0=1",
    "\uff1d1+1",  # full-width =
    "cmd|' /C calc'!A0",
    "DDE|'x'!y",
]
HARMLESS = ["Strandhamn", "a=b", "e-mail", "100 %", "Tallnäs (9201)", "", "It's 2030"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_text_is_escaped_in_csv(text):
    assert is_dangerous(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_left_alone(text):
    assert not is_dangerous(text) and csv_text(text) == text


def test_control_characters_are_dropped():
    assert csv_text("bell\x07 and null\x00") == "bell and null"


ROW = {
    "name": "=1+1",
    "count": -3,
    "share": -0.25,
    "fee": Decimal("-12.50"),
    "yes": True,
    "day": datetime.date(2025, 3, 1),
    "none": None,
}
COLUMNS = [Column(key, label=f"=label {key}") for key in ROW]


def test_csv_keeps_numbers_and_escapes_text_and_headings():
    rows = list(csv.reader(io.StringIO(write_csv([ROW], COLUMNS))))
    assert rows[0] == list(ROW)  # the keys head a CSV
    assert rows[1] == ["'=1+1", "-3", "-0.25", "-12.50", "true", "2025-03-01", ""]
    swedish = write_csv([ROW], COLUMNS, CsvDialect.EXCEL_SV)
    assert swedish.startswith("\ufeff") and "-0,25;-12,50" in swedish
    assert write_csv([{"=key": 1}], ["=key"]).startswith("'=key\r\n")


def test_xlsx_types_every_value_and_never_writes_a_formula():
    book = openpyxl.load_workbook(io.BytesIO(write_table([ROW], COLUMNS, TableFormat.XLSX)))
    heading, row = book.active.iter_rows(min_row=1, max_row=2)
    assert [c.value for c in heading] == [f"=label {key}" for key in ROW]
    assert {c.data_type for c in heading} == {"s"}
    name, count, share, fee, yes, day, none = row
    assert (name.value, name.data_type, name.quotePrefix) == ("=1+1", "s", True)
    assert (count.value, share.value, float(fee.value)) == (-3, -0.25, -12.5)
    assert {count.data_type, share.data_type, fee.data_type} == {"n"}
    assert yes.value is True and day.value == datetime.datetime(2025, 3, 1) and none.value is None


def test_json_keeps_the_raw_values():
    data = json.loads(write_table([ROW], COLUMNS, TableFormat.JSON))
    assert data == [{**ROW, "fee": -12.5, "day": "2025-03-01"}]
