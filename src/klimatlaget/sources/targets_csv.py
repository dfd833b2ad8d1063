"""Climate targets as a CSV file: one target per row, in the vocabulary of
:mod:`klimatlaget.calc.targets`.

Required columns: organisation, geography, district, scopes, includes_non_energy, form, value,
base_year, start_year, target_year, per_capita, status, source, quote. Optional: title,
adopted_on, notes, projected_population. Header names are compared case-insensitively, with
spaces and hyphens read as underscores. The reader checks each cell on its own (a form it knows,
a number, a year, a yes or no); the rules that tie cells together (a base year before the target
year, a rate below 100 %) and the organisation names are checked by the importer, which knows
the organisations. See docs/TARGETS_CSV.md.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from klimatlaget.calc.targets import Form, Geography, Scope, parse_scopes
from klimatlaget.sources.errors import (
    DEFAULT_PROBLEM_CAP,
    ProblemCollector,
    SourceError,
    SourceProblem,
)
from klimatlaget.sources.text import DEFAULT_MAX_BYTES, CsvRow, CsvTable, parse_number, read_csv

REQUIRED_COLUMNS = (
    "organisation",
    "geography",
    "district",
    "scopes",
    "includes_non_energy",
    "form",
    "value",
    "base_year",
    "start_year",
    "target_year",
    "per_capita",
    "status",
    "source",
    "quote",
)
OPTIONAL_COLUMNS = ("title", "adopted_on", "notes", "projected_population")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
STATUSES = ("adopted", "proposed")

#: Longest text each column may hold (the database's limits).
MAX_LENGTHS = {
    "organisation": 200,
    "district": 200,
    "title": 200,
    "source": 500,
    "quote": 4000,
    "notes": 4000,
}

#: Problem codes of this reader and the targets importer, beyond the common ones.
TARGET_PROBLEM_CODES: dict[str, str] = {
    "unknown_choice": "a cell must hold one of a fixed set of words (a form, geography, status, "
    "or yes/no) and does not",
    "bad_scope": "a scope that is not 1, 2, 3, 3-upstream, 3-downstream, 3-transport or "
    "consumption",
    "bad_date": "a cell that should hold a date (YYYY-MM-DD) does not",
    "too_long": "a text longer than the column allows",
    "unknown_organisation": "an organisation name or code that matches no known organisation",
    "invalid_target": "a target that breaks a rule (years in order, a value in range, …)",
}

_TRUE = frozenset({"true", "yes", "ja", "1", "y", "j", "sant"})
_FALSE = frozenset({"false", "no", "nej", "0", "n", "falskt"})
_UNKNOWN = frozenset({"unknown", "okänt", "okänd", "vet ej", "?"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: report(field, code, message): a problem in one cell of the current row.
_Report = Callable[[str, str, str], None]


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One target as the file states it; ``row_number`` is the line it starts on."""

    row_number: int
    organisation: str
    geography: Geography
    district: str
    scopes: frozenset[Scope]
    includes_non_energy: bool | None
    form: Form
    value: float | None
    base_year: int | None
    start_year: int | None
    target_year: int | None
    per_capita: bool
    status: str
    source: str
    quote: str
    title: str = ""
    adopted_on: datetime.date | None = None
    notes: str = ""
    projected_population: int | None = None


@dataclass(frozen=True, slots=True)
class TargetsFile:
    """The rows of a targets file; ``columns`` maps each field to its header as written, so
    that later problems can name the column the user sees."""

    file: str
    rows: list[TargetRow]
    columns: dict[str, str]

    def column(self, field: str) -> str:
        return self.columns.get(field, field)


def problem_collector(file: str, cap: int = DEFAULT_PROBLEM_CAP) -> ProblemCollector:
    """A collector accepting the common problem codes and :data:`TARGET_PROBLEM_CODES`."""
    return ProblemCollector(file, cap, extra_codes=TARGET_PROBLEM_CODES)


def read_targets_csv(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cap: int = DEFAULT_PROBLEM_CAP,
    check: Callable[[TargetsFile], Iterable[SourceProblem]] | None = None,
) -> TargetsFile:
    """Every row of the file, or SourceError listing every problem (up to ``cap``).

    ``check`` adds the caller's problems with the rows read (e.g. unknown organisations), so
    that one pass reports all."""
    table = read_csv(path, max_bytes=max_bytes)
    problems = problem_collector(table.file, cap)
    index, labels = _read_header(table, problems)
    problems.raise_if_any()
    width = len(table.header)
    rows = [
        row for record in table.rows if (row := _read_row(record, width, index, labels, problems))
    ]
    if not table.rows:
        problems.add(None, None, "empty_file", "The file has a header but no data rows.")
    targets_file = TargetsFile(table.file, rows, labels)
    if check is not None:
        problems.extend(check(targets_file))
    problems.raise_if_any()
    return targets_file


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def _read_header(
    table: CsvTable, problems: ProblemCollector
) -> tuple[dict[str, int], dict[str, str]]:
    index: dict[str, int] = {}
    labels: dict[str, str] = {}
    for position, text in enumerate(table.header):
        field = _header_key(text)
        if field == "organization":
            field = "organisation"
        if field not in COLUMNS:
            problems.add(
                table.header_row,
                text or f"column {position + 1}",
                "bad_header",
                f"Unknown column '{text}'; the columns are {', '.join(COLUMNS)}.",
            )
        elif field in index:
            problems.add(table.header_row, text, "bad_header", f"The column '{text}' is repeated.")
        else:
            index[field], labels[field] = position, text
    for field in REQUIRED_COLUMNS:
        if field not in index:
            problems.add(table.header_row, field, "bad_header", f"The column '{field}' is missing.")
    return index, labels


def _read_row(
    record: CsvRow,
    width: int,
    index: dict[str, int],
    labels: dict[str, str],
    problems: ProblemCollector,
) -> TargetRow | None:
    cells = record.cells
    if len(cells) < width or any(cell.strip() for cell in cells[width:]):
        problems.add(
            record.number,
            None,
            "bad_row",
            f"The row has {len(cells)} fields; the header has {width}.",
        )
        return None
    before = len(problems.problems) + problems.omitted

    def get(field: str) -> str:
        return cells[index[field]].strip() if field in index else ""

    def report(field: str, code: str, message: str) -> None:
        problems.add(record.number, labels.get(field, field), code, message)

    organisation = get("organisation")
    if not organisation:
        report("organisation", "empty_value", "The organisation (name or SCB code) is empty.")
    for field, limit in MAX_LENGTHS.items():
        if len(get(field)) > limit:
            report(field, "too_long", f"The text is {len(get(field))} characters; at most {limit}.")
    geography = _choice("geography", get("geography"), Geography, report)
    form = _choice("form", get("form"), Form, report)
    status = get("status").casefold() or "adopted"
    if status not in STATUSES:
        report(
            "status",
            "unknown_choice",
            f"Unknown status '{get('status')}'; use adopted or proposed.",
        )
    scopes = _scopes(get("scopes"), report)
    includes_non_energy = _boolean("includes_non_energy", get("includes_non_energy"), report, True)
    per_capita = _boolean("per_capita", get("per_capita"), report, False)
    value = _number("value", get("value"), report)
    years = {
        name: _year(name, get(name), report) for name in ("base_year", "start_year", "target_year")
    }
    adopted_on = _date("adopted_on", get("adopted_on"), report)
    projected = _population(get("projected_population"), report)
    if len(problems.problems) + problems.omitted > before:
        return None
    assert geography is not None and form is not None and scopes is not None
    return TargetRow(
        row_number=record.number,
        organisation=organisation,
        geography=Geography(geography),
        district=get("district"),
        scopes=scopes,
        includes_non_energy=includes_non_energy,
        form=Form(form),
        value=value,
        base_year=years["base_year"],
        start_year=years["start_year"],
        target_year=years["target_year"],
        per_capita=bool(per_capita),
        status=status,
        source=get("source"),
        quote=get("quote"),
        title=get("title"),
        adopted_on=adopted_on,
        notes=get("notes"),
        projected_population=projected,
    )


def _choice(
    field: str, text: str, choices: type[Geography] | type[Form], report: _Report
) -> str | None:
    known = [choice.value for choice in choices]
    if not text:
        report(field, "empty_value", f"The {field} is empty; use one of {', '.join(known)}.")
        return None
    value = _header_key(text)
    if value not in known:
        report(field, "unknown_choice", f"Unknown {field} '{text}'; use one of {', '.join(known)}.")
        return None
    return value


def _scopes(text: str, report: _Report) -> frozenset[Scope] | None:
    try:
        return parse_scopes(text)
    except ValueError as error:
        report("scopes", "bad_scope", f"'{text}': {error}.")
        return None


def _boolean(field: str, text: str, report: _Report, unknown_allowed: bool) -> bool | None:
    """True, False, or None when empty or 'unknown' (where allowed); empty is False otherwise."""
    value = text.casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if not value:
        return None if unknown_allowed else False
    if unknown_allowed and value in _UNKNOWN:
        return None
    words = "true, false or unknown" if unknown_allowed else "true or false"
    report(field, "unknown_choice", f"'{text}' is not {words} (ja/nej, yes/no and 1/0 work too).")
    return None


def _number(field: str, text: str, report: _Report) -> float | None:
    """A number, with a decimal comma or point, and an optional '%' after it."""
    if not text:
        return None
    value = parse_number(text.removesuffix("%").strip(), decimal_comma=True)
    if value is None:
        report(field, "not_a_number", f"'{text}' is not a number.")
    return value


def _year(field: str, text: str, report: _Report) -> int | None:
    if not text:
        return None
    digits = text.removesuffix(".0")
    if not (digits.isascii() and digits.isdigit() and len(digits) == 4):
        report(field, "not_a_year", f"'{text}' is not a year (four digits, e.g. 2030).")
        return None
    return int(digits)


def _date(field: str, text: str, report: _Report) -> datetime.date | None:
    if not text:
        return None
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        report(field, "bad_date", f"'{text}' is not a date (YYYY-MM-DD, e.g. 2024-06-13).")
        return None


def _population(text: str, report: _Report) -> int | None:
    field = "projected_population"
    if not text:
        return None
    value = parse_number(text, decimal_comma=True)
    if value is None or not value.is_integer():
        report(field, "not_a_number", f"'{text}' is not a whole number of inhabitants.")
        return None
    return int(value)


__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "TARGET_PROBLEM_CODES",
    "SourceError",
    "TargetRow",
    "TargetsFile",
    "problem_collector",
    "read_targets_csv",
]
