"""SCB's list of county (län) and municipality (kommun) codes.

SCB publishes it as 'kommunlankod_YYYY.xls': a few title rows, a header 'Kod', 'Namn' (and
an English 'Code', 'Name' below it), then one row per county ('01', 'Stockholms län')
followed by its municipalities ('0114', 'Upplands Väsby'). A municipality's first two
digits are its county.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from klimatlaget.sources.errors import ProblemCollector, fail
from klimatlaget.sources.names import normalise_code
from klimatlaget.sources.sheets import Sheet, cell_text, column_name, read_sheet
from klimatlaget.sources.text import DEFAULT_MAX_BYTES

_CODE_WORDS = {"kod", "code", "kommunkod", "länskod", "lanskod"}
_NAME_WORDS = {"namn", "name", "kommunnamn", "länsnamn", "lansnamn"}
_SEARCH_ROWS = 50


@dataclass(frozen=True, slots=True)
class ScbCode:
    code: str
    name: str
    kind: Literal["county", "municipality"]
    county_code: str


def read_scb_codes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[ScbCode]:
    """Counties and municipalities in file order; SourceError listing every problem."""
    sheet = read_sheet(path, max_bytes=max_bytes)
    header_index, code_col, name_col = _find_header(sheet)
    problems = ProblemCollector(sheet.file, sheet=sheet.name or None)
    columns = _Columns(
        code_col,
        name_col,
        column_name(code_col, sheet.cell(header_index, code_col)),
        column_name(name_col, sheet.cell(header_index, name_col)),
    )
    codes: list[ScbCode] = []
    for index in range(header_index + 1, len(sheet.rows)):
        entry = _read_row(sheet, index, columns, problems)
        if entry is not None:
            codes.append(entry)
    _check(codes, _row_numbers(sheet, header_index, code_col), columns.code_label, problems)
    if not codes and not problems:
        problems.add(None, None, "empty_file", "The file has a header but no codes below it.")
    problems.raise_if_any()
    return codes


def _find_header(sheet: Sheet) -> tuple[int, int, int]:
    for index, row in enumerate(sheet.rows[:_SEARCH_ROWS]):
        words = [cell_text(value).casefold() for value in row]
        code_col = next((i for i, w in enumerate(words) if w in _CODE_WORDS), None)
        name_col = next((i for i, w in enumerate(words) if w in _NAME_WORDS), None)
        if code_col is not None and name_col is not None:
            return index, code_col, name_col
    raise fail(
        sheet.file,
        "bad_header",
        "No header row with the columns 'Kod' and 'Namn' was found in the first "
        f"{_SEARCH_ROWS} rows.",
    )


@dataclass(frozen=True, slots=True)
class _Columns:
    code: int
    name: int
    code_label: str
    name_label: str


def _read_row(
    sheet: Sheet, index: int, columns: _Columns, problems: ProblemCollector
) -> ScbCode | None:
    raw_code = sheet.cell(index, columns.code)
    name = cell_text(sheet.cell(index, columns.name))
    text = cell_text(raw_code)
    if not text and not name:
        return None
    if text.casefold() in _CODE_WORDS and name.casefold() in _NAME_WORDS:
        return None  # the English header below the Swedish one
    code = normalise_code(raw_code)
    row = index + 1
    if code is None or code == "00":
        problems.add(
            row,
            columns.code_label,
            "bad_code",
            f"'{text}' is not a county code (2 digits) or a municipality code (4 digits).",
        )
        return None
    if not name:
        problems.add(row, columns.name_label, "empty_value", f"Code {code} has no name.")
        return None
    kind: Literal["county", "municipality"] = "county" if len(code) == 2 else "municipality"
    return ScbCode(code, name, kind, code[:2])


def _row_numbers(sheet: Sheet, header_index: int, code_col: int) -> dict[str, list[int]]:
    """Spreadsheet rows on which each code occurs, for messages about duplicates."""
    rows: dict[str, list[int]] = {}
    for index in range(header_index + 1, len(sheet.rows)):
        code = normalise_code(sheet.cell(index, code_col))
        if code is not None:
            rows.setdefault(code, []).append(index + 1)
    return rows


def _check(
    codes: list[ScbCode], rows: dict[str, list[int]], label: str, problems: ProblemCollector
) -> None:
    counties = {entry.code for entry in codes if entry.kind == "county"}
    seen: set[str] = set()
    for entry in codes:
        where = rows[entry.code]
        if entry.code in seen:
            continue
        seen.add(entry.code)
        for duplicate in where[1:]:
            problems.add(
                duplicate,
                label,
                "duplicate_row",
                f"Code {entry.code} appears again; it was first given on row {where[0]}.",
            )
        if entry.kind == "municipality" and entry.county_code not in counties:
            problems.add(
                where[0],
                label,
                "unknown_county",
                f"Municipality {entry.code} ({entry.name}) belongs to county "
                f"{entry.county_code}, which is not in the file.",
            )
