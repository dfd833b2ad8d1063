from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from klimatlaget.sources import SourceError, parse_number, read_csv, read_text
from klimatlaget.sources.text import decode_bytes, detect_delimiter

SWEDISH = "kommun;värde\nMalmö;1\nHåbo;2\nÄlmhult;3\nÖrebro;4\nÉtude;5\n"
NAMES = ["Malmö", "Håbo", "Älmhult", "Örebro", "Étude"]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_swedish_letters_survive_every_encoding(
    write_text: Callable[..., Path], encoding: str, expected: str
) -> None:
    table = read_csv(write_text(SWEDISH, encoding=encoding))
    assert table.encoding == expected
    assert table.header == ["kommun", "värde"]
    assert [row.cells[0] for row in table.rows] == NAMES


def test_latin1_bytes_undefined_in_cp1252_still_decode() -> None:
    # 0x81 is undefined in Windows-1252; the file must still be read as Latin-1.
    text, encoding = decode_bytes("Malmö\x81".encode("latin-1"))
    assert (text, encoding) == ("Malmö\x81", "latin-1")


def test_bom_is_not_part_of_the_first_header(write_text: Callable[..., Path]) -> None:
    table = read_csv(write_text("municipality,year\nHåbo,2020\n", encoding="utf-8-sig"))
    assert table.header[0] == "municipality"


def test_double_encoded_utf8_is_refused(write_text: Callable[..., Path]) -> None:
    broken = "kommun\nMalmö\n".encode().decode("latin-1")
    with pytest.raises(SourceError) as error:
        read_text(write_text(broken))
    assert error.value.problems[0].code == "bad_encoding"
    assert error.value.problems[0].row == 2


def test_excel_file_given_as_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"PK\x03\x04rest of a zip")
    with pytest.raises(SourceError, match="Excel workbook") as error:
        read_text(path)
    assert error.value.codes == {"bad_encoding"}


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"abc\x00def")
    with pytest.raises(SourceError) as error:
        read_text(path)
    assert error.value.codes == {"bad_encoding"}


def test_size_limit(write_text: Callable[..., Path]) -> None:
    path = write_text("x" * 101)
    assert read_text(path, max_bytes=101)[0] == "x" * 101
    with pytest.raises(SourceError) as error:
        read_text(path, max_bytes=100)
    assert error.value.codes == {"too_large"}


def test_empty_file(write_text: Callable[..., Path]) -> None:
    with pytest.raises(SourceError) as error:
        read_csv(write_text(" \n\n"))
    assert error.value.codes == {"empty_file"}


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [
        ("municipality,county,year", ","),
        ("kommun;län;år", ";"),
        ("kommun\tlän\tår", "\t"),
        ('"Ort; namn",år,värde', ","),
        ("ensam", ","),
    ],
)
def test_detect_delimiter(line: str, delimiter: str) -> None:
    assert detect_delimiter(line) == delimiter


def test_semicolon_file_with_decimal_comma(write_text: Callable[..., Path]) -> None:
    table = read_csv(write_text("kommun;år;ton\nMalmö;2020;1 234,5\n", encoding="cp1252"))
    assert table.delimiter == ";"
    assert table.decimal_comma
    assert parse_number(table.rows[0].cells[2], decimal_comma=table.decimal_comma) == 1234.5


def test_row_numbers_count_blank_lines_and_quoted_newlines(write_text: Callable[..., Path]) -> None:
    table = read_csv(write_text('a,b\n\n1,"two\nlines"\n3,4\n'))
    assert table.header_row == 1
    assert [row.number for row in table.rows] == [3, 5]


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("1234.5", False, 1234.5),
        (" 12 ", False, 12.0),
        ("1,5", True, 1.5),
        ("1.234,5", True, 1234.5),
        ("1\u00a0234,5", True, 1234.5),
        ("\u221212,5", True, -12.5),
        ("1e3", False, 1000.0),
        ("1,5", False, None),
        ("1,2,3", True, None),
        ("abc", False, None),
        ("nan", False, None),
        ("inf", False, None),
        ("1_000", False, None),
        ("", False, None),
    ],
)
def test_parse_number(text: str, decimal_comma: bool, expected: float | None) -> None:
    assert parse_number(text, decimal_comma=decimal_comma) == expected
