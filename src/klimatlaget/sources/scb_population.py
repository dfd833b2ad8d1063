"""SCB's population per county and municipality on 31 December ('be0101_tabhelYYYY.xlsx').

The sheet 'Totalt' (others: 'Män', 'Kvinnor') has title rows, one of them naming the date
('… 31 december 2024 …'), a header with 'Kommun', 'Kommunnamn', 'Folkmängd' over a few
sub-header rows, then 'Riket' (the nation, without a code), each county ('01', 'Stockholm',
without 'län') and its municipalities ('0127', 'Botkyrka'), then footnotes after an empty
row. Names are padded with spaces; codes are text in 'Totalt' but numbers in other sheets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from klimatlaget.sources.errors import ProblemCollector, SourceProblem, fail
from klimatlaget.sources.names import normalise_code
from klimatlaget.sources.sheets import Cell, Sheet, cell_text, column_name, read_sheet
from klimatlaget.sources.text import DEFAULT_MAX_BYTES

NATION_CODE = "00"
#: Far above Sweden's population (about ten million): a larger count is a mistake, and too
#: large for the database besides.
MAX_PLAUSIBLE_POPULATION = 100_000_000
_POPULATION_WORD = "folkmängd"
_NAME_WORDS = ("kommunnamn", "länsnamn", "namn")
_CODE_WORDS = ("kommun", "län", "kod")
_YEAR_PATTERNS = (
    re.compile(r"31\s+december\s+((?:19|20)\d\d)", re.IGNORECASE),
    re.compile(r"december\D{0,40}?((?:19|20)\d\d)", re.IGNORECASE),
)


@dataclass(frozen=True, slots=True)
class PopulationRow:
    """One count; ``row_number`` (1-based, in the sheet) is not part of equality."""

    code: str
    name: str
    population: int
    row_number: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class PopulationTable:
    year: int
    rows: list[PopulationRow]
    file: str = ""
    code_column: str = "Kommun"

    def by_code(self) -> dict[str, int]:
        return {row.code: row.population for row in self.rows}


@dataclass(frozen=True, slots=True)
class _Layout:
    header_index: int
    code: int
    name: int
    population: int
    population_label: str


def read_population(
    path: str | Path,
    *,
    year: int | None = None,
    sheet: str = "Totalt",
    max_bytes: int = DEFAULT_MAX_BYTES,
    check: Callable[[PopulationTable], Iterable[SourceProblem]] | None = None,
) -> PopulationTable:
    """The nation ('00'), counties and municipalities with their population.

    ``year`` overrides the year read from the title (the population on 31 December of it).
    ``sheet`` is used when the workbook has it, else the first sheet. ``check`` adds the
    caller's problems with the rows read (e.g. unknown codes), so that one pass reports all.
    """
    sheet_data = read_sheet(path, prefer=(sheet,), max_bytes=max_bytes)
    return _read_table(sheet_data, year, check)


def _read_table(
    sheet: Sheet,
    year: int | None,
    check: Callable[[PopulationTable], Iterable[SourceProblem]] | None = None,
) -> PopulationTable:
    layout = _find_layout(sheet)
    problems = ProblemCollector(sheet.file, sheet=sheet.name or None)
    found_year = year if year is not None else _title_year(sheet, layout.header_index)
    if found_year is None:
        problems.add(
            None,
            None,
            "not_a_year",
            "The title does not say which year's 31 December the figures are for; "
            "give the year explicitly.",
        )
    rows = _read_rows(sheet, layout, problems)
    if not rows and not problems:
        problems.add(None, None, "empty_file", "The table has a header but no rows below it.")
    table = PopulationTable(found_year or 0, rows, sheet.file, column_name(layout.code, "Kommun"))
    if check is not None:
        problems.extend(check(table))
    problems.raise_if_any()
    return table


def _find_layout(sheet: Sheet) -> _Layout:
    for index, row in enumerate(sheet.rows):
        words = [cell_text(value).casefold() for value in row]
        if _POPULATION_WORD in words and any(word in words for word in _NAME_WORDS):
            population = words.index(_POPULATION_WORD)
            name = _first(words, _NAME_WORDS, default=1)
            code = _first(words, _CODE_WORDS, default=0)
            label = column_name(population, sheet.cell(index, population))
            return _Layout(index, code, name, population, label)
    raise fail(
        sheet.file,
        "bad_header",
        "No header row with the columns 'Kommunnamn' and 'Folkmängd' was found.",
    )


def _first(words: list[str], wanted: tuple[str, ...], *, default: int) -> int:
    for word in wanted:
        if word in words:
            return words.index(word)
    return default


def _title_year(sheet: Sheet, header_index: int) -> int | None:
    for pattern in _YEAR_PATTERNS:
        for row in sheet.rows[:header_index]:
            for value in row:
                match = pattern.search(cell_text(value))
                if match:
                    return int(match.group(1))
    return None


def _read_rows(sheet: Sheet, layout: _Layout, problems: ProblemCollector) -> list[PopulationRow]:
    """Rows from the first code (or 'Riket') to the first empty row after it."""
    rows: list[PopulationRow] = []
    seen: dict[str, int] = {}
    started = False
    for index in range(layout.header_index + 1, len(sheet.rows)):
        raw_code = sheet.cell(index, layout.code)
        name = cell_text(sheet.cell(index, layout.name))
        code = NATION_CODE if name.casefold() == "riket" else normalise_code(raw_code)
        if code is None:
            if started and not name and not cell_text(raw_code):
                break  # the footnotes follow an empty row
            if started:
                problems.add(
                    index + 1,
                    column_name(layout.code, "Kommun"),
                    "bad_code",
                    f"'{cell_text(raw_code)}' is not a county or municipality code.",
                )
            continue  # sub-header rows before the data
        started = True
        row = _read_row(sheet, index, layout, (code, name), problems)
        if row is None:
            continue
        if code in seen:
            problems.add(
                index + 1,
                column_name(layout.code, "Kommun"),
                "duplicate_row",
                f"Code {code} appears again; it was first given on row {seen[code]}.",
            )
            continue
        seen[code] = index + 1
        rows.append(row)
    return rows


def _read_row(
    sheet: Sheet,
    index: int,
    layout: _Layout,
    code_name: tuple[str, str],
    problems: ProblemCollector,
) -> PopulationRow | None:
    code, name = code_name
    value = sheet.cell(index, layout.population)
    population = _whole_number(value)
    if population is None:
        problems.add(
            index + 1,
            layout.population_label,
            "not_a_number",
            f"The population of {name or code} should be a whole number, not '{cell_text(value)}'.",
        )
        return None
    if population < 0:
        problems.add(
            index + 1,
            layout.population_label,
            "negative_value",
            f"The population of {name or code} is negative ({population}).",
        )
        return None
    if population > MAX_PLAUSIBLE_POPULATION:
        problems.add(
            index + 1,
            layout.population_label,
            "absurd_value",
            f"The population of {name or code} ({population:,}) is more than "
            f"{MAX_PLAUSIBLE_POPULATION:,}, far beyond Sweden's.",
        )
        return None
    return PopulationRow(code, name, population, index + 1)


def _whole_number(value: Cell) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = cell_text(value).replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    return int(text) if re.fullmatch(r"-?\d+", text) else None
