"""Emission rows as every emissions reader returns them, and the checks they share.

A row is one municipality, year and sector (``sector`` None for a total over sectors) in
tonnes of CO2-equivalents. The checks here see the whole file: duplicates, gaps in years
and sectors that do not add up to their stated total.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Literal

from klimatlaget.sources.errors import SourceProblem
from klimatlaget.sources.names import NameMatcher, canonical

#: Sector names that mean "all sectors" in tidy files.
TOTAL_SECTOR_NAMES = frozenset({"", "alla", "totalt", "total"})
MIN_YEAR = 1970
#: Far above Sweden's largest municipal emissions (a few million tonnes a year).
MAX_PLAUSIBLE_TCO2E = 100_000_000.0

ColumnFor = Callable[["EmissionRow"], str | None]


@dataclass(frozen=True, slots=True)
class EmissionRow:
    """One figure; ``row_number`` (1-based, in the source file) is not part of equality."""

    municipality: str
    county: str | None
    year: int
    sector: str | None
    tco2e: float
    row_number: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class EmissionsFile:
    rows: list[EmissionRow]
    kind: Literal["by_sector", "total"]
    file: str = ""
    municipality_column: str = "municipality"
    sector_column: str = "sector"


#: The caller's own checks of the rows read (names, sectors), reported with the file's problems.
RowCheck = Callable[[EmissionsFile], Iterable[SourceProblem]]


def default_max_year(today: datetime.date | None = None) -> int:
    """Last year that can have figures: a year's emissions are never published in that year."""
    return (today or datetime.date.today()).year - 1


def year_problem(year: int, max_year: int) -> tuple[str, str] | None:
    """(code, message) when a year is out of range."""
    if year < MIN_YEAR:
        return "year_out_of_range", f"The year {year} is before {MIN_YEAR}."
    if year > max_year:
        return (
            "future_year",
            f"The year {year} is after {max_year}, the last year for which emissions can "
            "have been published.",
        )
    return None


def value_problem(value: float, max_value: float) -> tuple[str, str] | None:
    """(code, message) when an amount of emissions is negative or implausibly large."""
    if value < 0:
        return "negative_value", f"Emissions cannot be negative ({_tonnes(value)})."
    if value > max_value:
        return (
            "absurd_value",
            f"{_tonnes(value)} is more than {_tonnes(max_value)}, far beyond any "
            "municipality; check the unit (tonnes, not kilograms).",
        )
    return None


def is_total_sector(sector: str) -> bool:
    return sector.strip().casefold() in TOTAL_SECTOR_NAMES


def municipality_key(name: str) -> str:
    return canonical(name)


def duplicate_problems(rows: Iterable[EmissionRow], file: str) -> list[SourceProblem]:
    """Repeated (municipality, year, sector), once per offending row of the file."""
    first: dict[tuple[str, int, str | None], EmissionRow] = {}
    reported: set[int] = set()
    problems: list[SourceProblem] = []
    for row in rows:
        key = (municipality_key(row.municipality), row.year, row.sector)
        if key not in first:
            first[key] = row
            continue
        if row.row_number is not None:
            if row.row_number in reported:
                continue  # one row of a workbook holds many years
            reported.add(row.row_number)
        problems.append(
            SourceProblem(
                file,
                row.row_number,
                None,
                f"{row.municipality}, {row.year}, {row.sector or 'the total'} is given "
                f"twice; first on row {first[key].row_number}.",
                "duplicate_row",
            )
        )
    return problems


def missing_year_problems(
    rows: Iterable[EmissionRow], file: str, column: str | None
) -> list[SourceProblem]:
    """A municipality that lacks a year the file has for other municipalities."""
    years: dict[str, set[int]] = {}
    first: dict[str, EmissionRow] = {}
    for row in rows:
        key = municipality_key(row.municipality)
        years.setdefault(key, set()).add(row.year)
        first.setdefault(key, row)
    all_years = set().union(*years.values()) if years else set()
    problems = []
    for key, present in years.items():
        missing = sorted(all_years - present)
        if missing:
            row = first[key]
            problems.append(
                SourceProblem(
                    file,
                    row.row_number,
                    column,
                    f"{row.municipality} has no figures for {_years(missing)}, which the file "
                    "has for other municipalities.",
                    "missing_year",
                )
            )
    return problems


def county_problems(rows: Iterable[EmissionRow], file: str, column: str) -> list[SourceProblem]:
    """A municipality named with two different counties."""
    first: dict[str, EmissionRow] = {}
    problems = []
    for row in rows:
        if row.county is None:
            continue
        key = municipality_key(row.municipality)
        earlier = first.setdefault(key, row)
        if earlier.county is not None and canonical(earlier.county) != canonical(row.county):
            problems.append(
                SourceProblem(
                    file,
                    row.row_number,
                    column,
                    f"{row.municipality} is in {row.county} here but in {earlier.county} on "
                    f"row {earlier.row_number}.",
                    "inconsistent_county",
                )
            )
    return problems


def sector_sum_problems(
    sectors: Iterable[EmissionRow],
    totals: Iterable[EmissionRow],
    file: str,
    column_for: ColumnFor,
    *,
    parts: str = "sectors",
) -> list[SourceProblem]:
    """Parts that do not add up to their total within max(1 t, 0.1 %), on the total's row.

    With ``parts="sectors"`` all parts of a municipality and year belong to its total (the
    row with sector None). With ``parts="sub-sectors"`` each part carries its main sector's
    name in ``sector`` and is compared with that main sector's row. Totals without any
    parts are not checked.
    """
    sums: dict[tuple[str, int, str | None], float] = {}
    for row in sectors:
        group = None if parts == "sectors" else row.sector
        key = (municipality_key(row.municipality), row.year, group)
        sums[key] = sums.get(key, 0.0) + row.tco2e
    problems = []
    for total in totals:
        key = (municipality_key(total.municipality), total.year, total.sector)
        if key not in sums:
            continue
        allowed = max(1.0, 0.001 * abs(total.tco2e))
        difference = abs(sums[key] - total.tco2e)
        if difference > allowed:
            of = f"{total.sector} in " if total.sector else ""
            problems.append(
                SourceProblem(
                    file,
                    total.row_number,
                    column_for(total),
                    f"The {parts} of {of}{total.municipality} in {total.year} add up to "
                    f"{_tonnes(sums[key])}, but the total given is {_tonnes(total.tco2e)} "
                    f"(a difference of {_tonnes(difference)}; at most {_tonnes(allowed)} is "
                    "allowed).",
                    "sector_sum_mismatch",
                )
            )
    return problems


def check_names(
    rows: EmissionsFile | Iterable[EmissionRow],
    matcher: NameMatcher,
    *,
    file: str | None = None,
    column: str | None = None,
) -> list[SourceProblem]:
    """Each municipality name the matcher does not know, once, on the first row it occurs."""
    if isinstance(rows, EmissionsFile):
        file = rows.file if file is None else file
        column = rows.municipality_column if column is None else column
        rows = rows.rows
    seen: set[str] = set()
    problems = []
    for row in rows:
        if row.municipality in seen:
            continue
        seen.add(row.municipality)
        if matcher.match(row.municipality) is None:
            problems.append(
                SourceProblem(
                    file or "",
                    row.row_number,
                    column or "municipality",
                    f"'{row.municipality}' is not a known municipality.",
                    "unknown_municipality",
                )
            )
    return problems


def check_sectors(emissions: EmissionsFile, known: Collection[str]) -> list[SourceProblem]:
    """Each sector name not in ``known``, once, on the first row it occurs."""
    seen: set[str] = set()
    problems = []
    for row in emissions.rows:
        if row.sector is None or row.sector in known or row.sector in seen:
            continue
        seen.add(row.sector)
        problems.append(
            SourceProblem(
                emissions.file,
                row.row_number,
                emissions.sector_column,
                f"'{row.sector}' is not a sector; the sectors are {', '.join(sorted(known))}.",
                "unknown_sector",
            )
        )
    return problems


def _tonnes(value: float) -> str:
    return f"{value:,.1f} t"


def _years(years: list[int]) -> str:
    text = [str(year) for year in years]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " and " + text[-1]
