"""National emissions as a tidy CSV file: columns year, quarter (empty for the whole year),
sector and tco2e, one figure a row. Sectors are SMHI's main sectors, by Swedish name or code
(:mod:`.sectors`). Every problem is reported with its row and column; nothing is kept from a
file with any problem."""

from __future__ import annotations

import datetime
from pathlib import Path

from klimatlaget.calc.national import NationalFigure
from klimatlaget.sources.errors import ProblemCollector
from klimatlaget.sources.text import CsvRow, CsvTable, parse_number, read_csv

from .sectors import MAIN_SECTORS, main_sector

COLUMNS = ("year", "quarter", "sector", "tco2e")
FIRST_YEAR = 1990


def read_national_csv(path: Path, *, max_bytes: int) -> list[NationalFigure]:
    """The figures of the file; SourceError listing every problem."""
    table = read_csv(path, max_bytes=max_bytes)
    problems = ProblemCollector(table.file)
    index = _columns(table, problems)
    problems.raise_if_any()
    figures: dict[tuple[int, int | None, str], tuple[int, NationalFigure]] = {}
    for row in table.rows:
        figure = _figure(table, row, index, problems)
        if figure is None:
            continue
        key = (figure.year, figure.quarter, figure.sector)
        if key in figures:
            problems.add(
                row.number,
                None,
                "duplicate_row",
                f"{figure.sector} {_period(figure)} is already on row {figures[key][0]}.",
            )
        else:
            figures[key] = (row.number, figure)
    if not table.rows:
        problems.add(None, None, "empty_file", "The file has no data rows.")
    problems.raise_if_any()
    return [figure for _, figure in figures.values()]


def _period(figure: NationalFigure) -> str:
    return f"{figure.year} Q{figure.quarter}" if figure.quarter else str(figure.year)


def _columns(table: CsvTable, problems: ProblemCollector) -> dict[str, int]:
    header = [cell.casefold() for cell in table.header]
    for name in COLUMNS:
        if header.count(name) != 1:
            problems.add(
                table.header_row,
                name,
                "bad_header",
                f"The file needs exactly one column '{name}'; the columns are "
                f"{', '.join(COLUMNS)}.",
            )
    return {name: header.index(name) for name in COLUMNS if name in header}


def _figure(
    table: CsvTable, row: CsvRow, index: dict[str, int], problems: ProblemCollector
) -> NationalFigure | None:
    cells = {
        name: (row.cells[i].strip() if i < len(row.cells) else "") for name, i in index.items()
    }
    before = len(problems.problems) + problems.omitted
    year = _year(cells["year"], row, problems)
    quarter = _quarter(cells["quarter"], row, problems)
    sector = main_sector(cells["sector"])
    if sector is None:
        problems.add(
            row.number,
            "sector",
            "unknown_sector",
            f"'{cells['sector']}' is not a main sector; the sectors are {', '.join(MAIN_SECTORS)}.",
        )
    tonnes = _tonnes(cells["tco2e"], row, problems, table.decimal_comma)
    if len(problems.problems) + problems.omitted > before:
        return None
    assert year is not None and sector is not None and tonnes is not None
    return NationalFigure(year, quarter, sector, tonnes)


def _year(text: str, row: CsvRow, problems: ProblemCollector) -> int | None:
    if not text.isdigit():
        problems.add(row.number, "year", "not_a_year", f"'{text}' is not a year.")
        return None
    year = int(text)
    if year < FIRST_YEAR:
        problems.add(row.number, "year", "year_out_of_range", f"{year} is before {FIRST_YEAR}.")
    elif year > datetime.date.today().year:
        problems.add(row.number, "year", "future_year", f"{year} has not happened yet.")
    return year


def _quarter(text: str, row: CsvRow, problems: ProblemCollector) -> int | None:
    if not text:
        return None
    if text not in {"1", "2", "3", "4"}:
        problems.add(
            row.number,
            "quarter",
            "not_a_number",
            f"'{text}' is not a quarter: write 1, 2, 3 or 4, or leave it empty for the year.",
        )
        return None
    return int(text)


def _tonnes(
    text: str, row: CsvRow, problems: ProblemCollector, decimal_comma: bool
) -> float | None:
    if not text:
        problems.add(row.number, "tco2e", "empty_value", "The emissions are missing.")
        return None
    value = parse_number(text, decimal_comma=decimal_comma)
    if value is None:
        problems.add(row.number, "tco2e", "not_a_number", f"'{text}' is not a number.")
    elif value < 0:
        problems.add(row.number, "tco2e", "negative_value", f"{text} is below zero.")
    return value
