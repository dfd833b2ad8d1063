"""Where the labels and the year columns are in an SMHI emissions workbook."""

from __future__ import annotations

from dataclasses import dataclass

from klimatlaget.sources.emissions import year_problem
from klimatlaget.sources.errors import ProblemCollector, fail
from klimatlaget.sources.sheets import Cell, Sheet, cell_text, column_name

#: Label columns: field -> heading as SMHI writes it.
LABELS = {
    "sector": "Huvudsektor",
    "subsector": "Undersektor",
    "county": "Län",
    "municipality": "Kommun",
}
#: The label value meaning "all of them" (compared case-insensitively).
ALL = "alla"


@dataclass(frozen=True, slots=True)
class Layout:
    header_index: int
    columns: dict[str, int]
    years: list[tuple[int, int]]

    @property
    def year_columns(self) -> dict[int, int]:
        return {year: column for column, year in self.years}


def find_layout(sheet: Sheet, max_year: int, problems: ProblemCollector) -> Layout:
    """The label row and the usable (column, year) pairs; bad years become problems."""
    header_index, columns = _label_row(sheet)
    year_index, found = _year_cells(sheet, header_index, set(columns.values()))
    years: list[tuple[int, int]] = []
    seen: set[int] = set()
    for column, year in found:
        where = (year_index + 1, column_name(column, year))
        problem = year_problem(year, max_year)
        if year in seen:
            problems.add(*where, "bad_header", f"The year {year} has two columns.")
        elif problem:
            problems.add(*where, *problem)
        else:
            years.append((column, year))
        seen.add(year)
    return Layout(header_index, columns, years)


def _label_row(sheet: Sheet) -> tuple[int, dict[str, int]]:
    wanted = {heading.casefold(): key for key, heading in LABELS.items()}
    for index, row in enumerate(sheet.rows):
        words = [cell_text(value).casefold() for value in row]
        columns = {wanted[w]: i for i, w in enumerate(words) if w in wanted}
        if len(columns) == len(LABELS):
            return index, columns
    expected = "', '".join(LABELS.values())
    raise fail(
        sheet.file,
        "bad_header",
        f"No header row with the columns '{expected}' was found; is this SMHI's export from "
        "the national emissions database?",
    )


def _year_cells(
    sheet: Sheet, header_index: int, label_columns: set[int]
) -> tuple[int, list[tuple[int, int]]]:
    """Year headings on the label row, or else on the row above it."""
    for index in (header_index, header_index - 1):
        if index < 0:
            continue
        found = [
            (column, year)
            for column, value in enumerate(sheet.rows[index])
            if column not in label_columns and (year := _as_year(value)) is not None
        ]
        if found:
            return index, found
    raise fail(
        sheet.file,
        "bad_header",
        "No year columns (such as 1990, 2005, 2020) were found next to the labels.",
        row=header_index + 1,
    )


def _as_year(value: Cell) -> int | None:
    text = cell_text(value)
    if isinstance(value, bool) or not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    return int(text)
