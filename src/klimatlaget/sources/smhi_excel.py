"""SMHI's Excel export from the national emissions database (Nationella emissionsdatabasen).

The export has title rows, then columns 'Huvudsektor', 'Undersektor', 'Län', 'Kommun' and
one column per year. The year headings are numbers or text ('1990'), on the same row as
the four labels or on the row just above them (the export as public projects such as
Klimatkollen read it). 'Alla' in a label column marks a total over all sectors, sub-sectors,
counties or municipalities. Empty cells, '-' and '..' mean "no figure".

Kept: each municipality's main sectors (Undersektor 'Alla'). Used for checks only: its
total (Huvudsektor 'Alla') and its sub-sectors. County and national rows are skipped: they
may include emissions that are not attributed to any municipality.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from klimatlaget.sources.emissions import (
    MAX_PLAUSIBLE_TCO2E,
    EmissionRow,
    EmissionsFile,
    RowCheck,
    county_problems,
    default_max_year,
    duplicate_problems,
    missing_year_problems,
    municipality_key,
    sector_sum_problems,
    value_problem,
)
from klimatlaget.sources.errors import DEFAULT_PROBLEM_CAP, ProblemCollector
from klimatlaget.sources.sheets import Cell, Sheet, cell_text, column_name, read_sheet
from klimatlaget.sources.smhi_layout import ALL, LABELS, Layout, find_layout
from klimatlaget.sources.text import DEFAULT_MAX_BYTES, parse_number

NO_VALUE = frozenset({"", "-", "..", "–", "—"})


@dataclass
class _Collected:
    sectors: list[EmissionRow] = field(default_factory=list)
    totals: list[EmissionRow] = field(default_factory=list)
    subs: list[EmissionRow] = field(default_factory=list)
    # (municipality key, year[, main sector]) where a part had no figure: sums not checked.
    gaps: set[tuple[str, int, str | None]] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Labels:
    sector: str
    subsector: str
    county: str
    municipality: str


def read_smhi_workbook(
    path: str | Path,
    *,
    max_year: int | None = None,
    max_value: float = MAX_PLAUSIBLE_TCO2E,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cap: int = DEFAULT_PROBLEM_CAP,
    check: RowCheck | None = None,
) -> EmissionsFile:
    """Main-sector rows per municipality and year, checked against the stated totals.

    A workbook without any main-sector rows yields its municipality totals instead
    (``kind`` 'total'). ``check`` adds the caller's problems with the rows read.
    """
    sheet = read_sheet(path, max_bytes=max_bytes)
    problems = ProblemCollector(sheet.file, cap, sheet=sheet.name or None)
    layout = find_layout(sheet, default_max_year() if max_year is None else max_year, problems)
    collected = _Collected()
    for index in range(layout.header_index + 1, len(sheet.rows)):
        _read_row(sheet, index, layout, collected, problems, max_value)
    _check(collected, layout, problems)
    if not collected.sectors and not collected.totals and not problems:
        problems.add(None, None, "empty_file", "The workbook has no rows for municipalities.")
    labels = (
        column_name(layout.columns["municipality"], "Kommun"),
        column_name(layout.columns["sector"], "Huvudsektor"),
    )
    if collected.sectors:
        emissions = EmissionsFile(collected.sectors, "by_sector", sheet.file, *labels)
    else:
        emissions = EmissionsFile(collected.totals, "total", sheet.file, *labels)
    if check is not None:
        problems.extend(check(emissions))
    problems.raise_if_any()
    return emissions


def _read_row(
    sheet: Sheet,
    index: int,
    layout: Layout,
    collected: _Collected,
    problems: ProblemCollector,
    max_value: float,
) -> None:
    if not any(cell_text(value) for value in sheet.rows[index]):
        return
    labels = _labels(sheet, index, layout, problems)
    if labels is None or labels.municipality.casefold() == ALL:
        return  # national and county rows
    is_total = labels.sector.casefold() == ALL
    is_main = labels.subsector.casefold() == ALL
    sector = None if is_total else labels.sector
    gap_sector = None if is_main else labels.sector
    for column, year in layout.years:
        value = _value(sheet, index, column, year, problems)
        problem = value_problem(value, max_value) if value is not None and is_main else None
        if problem:
            problems.add(index + 1, column_name(column, year), *problem)
        if value is None or problem:
            if not is_total:  # a part without a usable figure: its total cannot be checked
                collected.gaps.add((municipality_key(labels.municipality), year, gap_sector))
            continue
        row = EmissionRow(labels.municipality, labels.county, year, sector, value, index + 1)
        if not is_main:
            collected.subs.append(row)
        elif is_total:
            collected.totals.append(row)
        else:
            collected.sectors.append(row)


def _labels(sheet: Sheet, index: int, layout: Layout, problems: ProblemCollector) -> _Labels | None:
    texts = {}
    for key, heading in LABELS.items():
        column = layout.columns[key]
        texts[key] = cell_text(sheet.cell(index, column))
        if not texts[key]:
            problems.add(
                index + 1, column_name(column, heading), "empty_value", f"'{heading}' is empty."
            )
    if not all(texts.values()):
        return None
    return _Labels(**texts)


def _value(
    sheet: Sheet, index: int, column: int, year: int, problems: ProblemCollector
) -> float | None:
    cell: Cell = sheet.cell(index, column)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    text = cell_text(cell)
    if text in NO_VALUE:
        return None
    number = parse_number(text, decimal_comma=True)
    if number is None:
        problems.add(
            index + 1, column_name(column, year), "not_a_number", f"'{text}' is not a number."
        )
    return number


def _check(collected: _Collected, layout: Layout, problems: ProblemCollector) -> None:
    file = problems.file

    def column_for(row: EmissionRow) -> str:
        return column_name(layout.year_columns[row.year], row.year)

    def checked(rows: Iterable[EmissionRow], with_sector: bool) -> list[EmissionRow]:
        return [
            row
            for row in rows
            if (
                municipality_key(row.municipality),
                row.year,
                row.sector if with_sector else None,
            )
            not in collected.gaps
        ]

    kept = collected.sectors or collected.totals
    problems.extend(duplicate_problems(collected.sectors, file))
    problems.extend(duplicate_problems(collected.totals, file))
    problems.extend(missing_year_problems(kept, file, None))
    county_label = column_name(layout.columns["county"], "Län")
    problems.extend(county_problems(collected.sectors + collected.totals, file, county_label))
    problems.extend(
        sector_sum_problems(collected.sectors, checked(collected.totals, False), file, column_for)
    )
    problems.extend(
        sector_sum_problems(
            collected.subs,
            checked(collected.sectors, True),
            file,
            column_for,
            parts="sub-sectors",
        )
    )
