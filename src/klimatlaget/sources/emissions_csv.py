"""Tidy emissions CSV: ``municipality,county,year,sector,tco2e`` (by sector) or
``municipality,county,year,tco2e`` (totals).

Names are kept as written; matching them to organisations is the caller's job (see
``check_names``). Swedish column names (kommun, län, år, sektor) are accepted too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from klimatlaget.sources.emissions import (
    MAX_PLAUSIBLE_TCO2E,
    EmissionRow,
    EmissionsFile,
    RowCheck,
    county_problems,
    default_max_year,
    duplicate_problems,
    is_total_sector,
    missing_year_problems,
    sector_sum_problems,
    value_problem,
    year_problem,
)
from klimatlaget.sources.errors import DEFAULT_PROBLEM_CAP, ProblemCollector
from klimatlaget.sources.text import DEFAULT_MAX_BYTES, CsvRow, CsvTable, parse_number, read_csv

#: Accepted header names per field, compared case-insensitively.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "municipality": ("municipality", "kommun", "kommunnamn"),
    "county": ("county", "län", "lan", "länsnamn"),
    "year": ("year", "år", "ar"),
    "sector": ("sector", "sektor", "huvudsektor"),
    "tco2e": ("tco2e", "t_co2e", "ton_co2e", "ton co2e", "t co2e"),
}
REQUIRED = ("municipality", "year", "tco2e")

#: report(field, code, message): a problem in one cell of the current row.
_Report = Callable[[str, str, str], None]


@dataclass(frozen=True, slots=True)
class _Header:
    index: dict[str, int]
    label: dict[str, str]
    width: int


def read_emissions_csv(
    path: str | Path,
    *,
    max_year: int | None = None,
    max_value: float = MAX_PLAUSIBLE_TCO2E,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cap: int = DEFAULT_PROBLEM_CAP,
    check: RowCheck | None = None,
) -> EmissionsFile:
    """Every row of the file, or SourceError listing every problem (up to ``cap``).

    ``max_year`` defaults to last year: figures for a year are published the year after
    at the earliest. ``check`` adds the caller's problems with the rows read.
    """
    table = read_csv(path, max_bytes=max_bytes)
    problems = ProblemCollector(table.file, cap)
    header = _read_header(table, problems)
    problems.raise_if_any()
    limits = (default_max_year() if max_year is None else max_year, max_value)
    rows = [
        row for record in table.rows if (row := _read_row(record, header, table, limits, problems))
    ]
    _check_file(rows, header, problems)
    if not table.rows:
        problems.add(None, None, "empty_file", "The file has a header but no data rows.")
    by_sector = any(row.sector is not None for row in rows)
    kind: Literal["by_sector", "total"] = "by_sector" if by_sector else "total"
    emissions = EmissionsFile(
        rows, kind, table.file, header.label["municipality"], header.label.get("sector", "sector")
    )
    if check is not None:
        problems.extend(check(emissions))
    problems.raise_if_any()
    return emissions


def _read_header(table: CsvTable, problems: ProblemCollector) -> _Header:
    index: dict[str, int] = {}
    label: dict[str, str] = {}
    lookup = {name: field for field, names in HEADER_NAMES.items() for name in names}
    for position, text in enumerate(table.header):
        field = lookup.get(text.casefold())
        if field is None:
            expected = ", ".join(names[0] for names in HEADER_NAMES.values())
            problems.add(
                table.header_row,
                text or f"column {position + 1}",
                "bad_header",
                f"Unknown column '{text}'; the columns should be {expected}.",
            )
        elif field in index:
            problems.add(table.header_row, text, "bad_header", f"The column '{text}' is repeated.")
        else:
            index[field], label[field] = position, text
    for field in REQUIRED:
        if field not in index:
            problems.add(table.header_row, None, "bad_header", f"The column '{field}' is missing.")
    return _Header(index, label, len(table.header))


def _read_row(
    record: CsvRow,
    header: _Header,
    table: CsvTable,
    limits: tuple[int, float],
    problems: ProblemCollector,
) -> EmissionRow | None:
    cells = record.cells
    if len(cells) < header.width or any(cell.strip() for cell in cells[header.width :]):
        problems.add(
            record.number,
            None,
            "bad_row",
            f"The row has {len(cells)} fields; the header has {header.width}.",
        )
        return None

    def get(field: str) -> str:
        return cells[header.index[field]].strip() if field in header.index else ""

    def report(field: str, code: str, message: str) -> None:
        problems.add(record.number, header.label[field], code, message)

    municipality = get("municipality")
    if not municipality:
        report("municipality", "empty_value", "The municipality is empty.")
    year = _year(get("year"), limits[0], report)
    value = _value(get("tco2e"), table.decimal_comma, limits[1], report)
    if not municipality or year is None or value is None:
        return None
    sector = get("sector")
    return EmissionRow(
        municipality=municipality,
        county=get("county") or None,
        year=year,
        sector=None if is_total_sector(sector) else sector,
        tco2e=value,
        row_number=record.number,
    )


def _year(text: str, max_year: int, report: _Report) -> int | None:
    if not text:
        report("year", "empty_value", "The year is empty.")
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        report("year", "not_a_year", f"'{text}' is not a year (four digits, e.g. 2022).")
        return None
    problem = year_problem(int(text), max_year)
    if problem:
        report("year", *problem)
        return None
    return int(text)


def _value(text: str, decimal_comma: bool, max_value: float, report: _Report) -> float | None:
    if not text:
        report("tco2e", "empty_value", "The emissions value is empty.")
        return None
    value = parse_number(text, decimal_comma=decimal_comma)
    if value is None:
        report("tco2e", "not_a_number", f"'{text}' is not a number.")
        return None
    problem = value_problem(value, max_value)
    if problem:
        report("tco2e", *problem)
        return None
    return value


def _check_file(rows: list[EmissionRow], header: _Header, problems: ProblemCollector) -> None:
    file = problems.file
    problems.extend(duplicate_problems(rows, file))
    problems.extend(missing_year_problems(rows, file, header.label["year"]))
    if "county" in header.label:
        problems.extend(county_problems(rows, file, header.label["county"]))
    sectors = [row for row in rows if row.sector is not None]
    totals = [row for row in rows if row.sector is None]
    value_label = header.label["tco2e"]
    problems.extend(sector_sum_problems(sectors, totals, file, lambda _row: value_label))
