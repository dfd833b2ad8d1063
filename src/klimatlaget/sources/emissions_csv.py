"""Tidy emissions CSV: ``municipality,county,year,sector,tco2e`` (by sector) or
``municipality,county,year,tco2e`` (totals).

Names are kept as written; matching them to organisations is the caller's job (see
``check_names``). Swedish column names (kommun, län, år, sektor) are accepted too.
"""

from __future__ import annotations

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
    reader = _RowReader(header, table, max_year, max_value, problems)
    rows = [row for record in table.rows if (row := reader.read(record))]
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


class _RowReader:
    """Reads the records of one file into rows, reporting each bad cell.

    SMHI's sector file has some 34,000 records, so the work per record is kept small: the
    columns are looked up once, and each sector's name is classified once.
    """

    def __init__(
        self,
        header: _Header,
        table: CsvTable,
        max_year: int | None,
        max_value: float,
        problems: ProblemCollector,
    ) -> None:
        self.header, self.problems = header, problems
        self.max_year = default_max_year() if max_year is None else max_year
        self.max_value, self.decimal_comma = max_value, table.decimal_comma
        index = header.index
        self.municipality, self.year, self.tco2e = (index[f] for f in REQUIRED)
        self.county, self.sector = index.get("county"), index.get("sector")
        self.sectors: dict[str, str | None] = {}  # as written → as stored (None: the total)

    def read(self, record: CsvRow) -> EmissionRow | None:
        cells, width = record.cells, self.header.width
        if len(cells) != width and (
            len(cells) < width or any(cell.strip() for cell in cells[width:])
        ):
            self.problems.add(
                record.number,
                None,
                "bad_row",
                f"The row has {len(cells)} fields; the header has {width}.",
            )
            return None
        municipality = cells[self.municipality].strip()
        if not municipality:
            self._report(record, "municipality", "empty_value", "The municipality is empty.")
        year = self._year(record, cells[self.year].strip())
        value = self._value(record, cells[self.tco2e].strip())
        if not municipality or year is None or value is None:
            return None
        county = cells[self.county].strip() if self.county is not None else ""
        return EmissionRow(
            municipality=municipality,
            county=county or None,
            year=year,
            sector=self._sector(cells[self.sector] if self.sector is not None else ""),
            tco2e=value,
            row_number=record.number,
        )

    def _report(self, record: CsvRow, field: str, code: str, message: str) -> None:
        self.problems.add(record.number, self.header.label[field], code, message)

    def _sector(self, text: str) -> str | None:
        if text not in self.sectors:
            sector = text.strip()
            self.sectors[text] = None if is_total_sector(sector) else sector
        return self.sectors[text]

    def _year(self, record: CsvRow, text: str) -> int | None:
        if not text:
            self._report(record, "year", "empty_value", "The year is empty.")
            return None
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            message = f"'{text}' is not a year (four digits, e.g. 2022)."
            self._report(record, "year", "not_a_year", message)
            return None
        problem = year_problem(int(text), self.max_year)
        if problem:
            self._report(record, "year", *problem)
            return None
        return int(text)

    def _value(self, record: CsvRow, text: str) -> float | None:
        if not text:
            self._report(record, "tco2e", "empty_value", "The emissions value is empty.")
            return None
        value = parse_number(text, decimal_comma=self.decimal_comma)
        if value is None:
            self._report(record, "tco2e", "not_a_number", f"'{text}' is not a number.")
            return None
        problem = value_problem(value, self.max_value)
        if problem:
            self._report(record, "tco2e", *problem)
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
