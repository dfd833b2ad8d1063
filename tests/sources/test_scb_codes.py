from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from klimatlaget.sources import ScbCode, SourceError, read_scb_codes

from .helpers import problems_of, write_xlsx

TITLE: list[list[object]] = [
    ["Statistiska centralbyrån", None],
    ["Län och kommuner 2023", None],
    [None, None],
]
HEADER: list[list[object]] = [["Kod", "Namn"], ["Code", "Name"]]


def test_real_code_list(shared_data: Path) -> None:
    codes = read_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls")
    counties = [c for c in codes if c.kind == "county"]
    municipalities = [c for c in codes if c.kind == "municipality"]
    assert len(counties) == 21
    assert len(municipalities) == 290
    assert codes[0] == ScbCode("01", "Stockholms län", "county", "01")
    assert codes[1] == ScbCode("0114", "Upplands Väsby", "municipality", "01")
    assert ScbCode("2584", "Kiruna", "municipality", "25") in codes
    assert {m.county_code for m in municipalities} == {c.code for c in counties}


def test_xlsx_with_title_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        *TITLE,
        *HEADER,
        ["01", "Stockholms län"],
        ["0114", "Upplands Väsby"],
    ]
    codes = read_scb_codes(write_xlsx(tmp_path / "codes.xlsx", rows))
    assert [c.code for c in codes] == ["01", "0114"]


def test_codes_stored_as_numbers_are_zero_padded(tmp_path: Path) -> None:
    rows: list[list[object]] = [*HEADER, [1, "Stockholms län"], [114, "Upplands Väsby"]]
    codes = read_scb_codes(write_xlsx(tmp_path / "codes.xlsx", rows))
    assert [(c.code, c.county_code) for c in codes] == [("01", "01"), ("0114", "01")]


def test_semicolon_csv_in_windows_1252(write_text: Callable[..., Path]) -> None:
    path = write_text("Kod;Namn\n12;Skåne län\n1280;Malmö\n", encoding="cp1252")
    assert read_scb_codes(path) == [
        ScbCode("12", "Skåne län", "county", "12"),
        ScbCode("1280", "Malmö", "municipality", "12"),
    ]


def test_every_problem_is_reported_with_its_row(write_text: Callable[..., Path]) -> None:
    path = write_text(
        "Kod,Namn\n01,Stockholms län\n0114,Upplands Väsby\n0114,Again\n1280,Malmö\nx1,Bad\n0115,\n"
    )
    with pytest.raises(SourceError) as error:
        read_scb_codes(path)
    assert sorted(problems_of(error), key=lambda p: p[0] or 0) == [
        (4, "A (Kod)", "duplicate_row"),
        (5, "A (Kod)", "unknown_county"),
        (6, "A (Kod)", "bad_code"),
        (7, "B (Namn)", "empty_value"),
    ]
    assert "first given on row 3" in str(error.value)
    assert "county 12, which is not in the file" in str(error.value)


def test_header_without_rows(write_text: Callable[..., Path]) -> None:
    with pytest.raises(SourceError) as error:
        read_scb_codes(write_text("Kod,Namn\n"))
    assert error.value.codes == {"empty_file"}


def test_missing_header(write_text: Callable[..., Path]) -> None:
    with pytest.raises(SourceError) as error:
        read_scb_codes(write_text("a,b\n01,Stockholms län\n"))
    assert error.value.codes == {"bad_header"}


def test_corrupt_workbook(tmp_path: Path) -> None:
    path = tmp_path / "codes.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError) as error:
        read_scb_codes(path)
    assert error.value.codes == {"unreadable_file"}
