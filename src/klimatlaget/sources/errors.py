"""Problems found in source files, reported to users with file, row and column.

Readers collect every problem in a file (up to a cap) instead of stopping at the first, so
that a user can fix a file in one go. Messages are plain English; ``code`` is a short
machine-readable identifier that the interface may translate or count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Default number of problems kept per file; the rest are counted, not stored.
DEFAULT_PROBLEM_CAP = 200

#: Every problem code the readers use, with what it means.
PROBLEM_CODES: dict[str, str] = {
    "absurd_value": "a value far larger than any Swedish municipality emits",
    "bad_code": "not a valid SCB county or municipality code",
    "bad_encoding": "the file is not text in a known encoding (or is binary)",
    "bad_header": "a required column is missing, unknown or repeated",
    "bad_row": "a row has the wrong number of fields",
    "duplicate_row": "the same key appears on more than one row",
    "empty_file": "the file has no data rows",
    "empty_value": "a required cell is empty",
    "future_year": "a year for which figures cannot have been published yet",
    "inconsistent_county": "one municipality is given in two different counties",
    "missing_year": "a municipality lacks a year that the file has for others",
    "negative_value": "a negative amount where only zero or more makes sense",
    "not_a_number": "a cell that should hold a number does not",
    "not_a_year": "a cell that should hold a year does not",
    "not_found": "the file does not exist",
    "sector_sum_mismatch": "sectors (or sub-sectors) do not add up to the stated total",
    "too_large": "the file is larger than the size limit",
    "unknown_code": "an SCB code that matches no organisation in the database",
    "unknown_county": "a municipality code whose county is not in the file",
    "unknown_municipality": "a municipality name that matches no known municipality",
    "unknown_sector": "a sector name that is not one of SMHI's main sectors",
    "unreadable_file": "the file could not be opened as a spreadsheet",
    "year_out_of_range": "a year before 1970",
}


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """One problem in one place of a file.

    ``row`` is 1-based as a spreadsheet or text editor shows it; ``column`` is a header name
    (text files) or a column letter with its header (spreadsheets), e.g. ``"F (2015)"``;
    ``sheet`` is the worksheet's name in a workbook.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    code: str
    sheet: str | None = None

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class SourceError(Exception):
    """A file could not be used; ``problems`` lists everything wrong with it.

    ``omitted`` counts problems found beyond the cap and not stored.
    """

    def __init__(self, problems: Sequence[SourceProblem], *, omitted: int = 0) -> None:
        self.problems: tuple[SourceProblem, ...] = tuple(problems)
        self.omitted = omitted
        super().__init__(self._summary())

    @property
    def codes(self) -> set[str]:
        return {problem.code for problem in self.problems}

    def _summary(self, shown: int = 10) -> str:
        lines = [str(problem) for problem in self.problems[:shown]]
        hidden = max(0, len(self.problems) - shown) + self.omitted
        if hidden > 0:
            lines.append(f"… and {hidden} more problem{'s' if hidden != 1 else ''}")
        return "\n".join(lines)


def file_label(path: str | Path) -> str:
    """The name shown to users: the file name only, never the server's directories."""
    return Path(path).name


@dataclass
class ProblemCollector:
    """Collects problems for one file up to ``cap``, then only counts them. A reader with
    problems of its own names their codes in ``extra_codes`` (code → what it means)."""

    file: str
    cap: int = DEFAULT_PROBLEM_CAP
    problems: list[SourceProblem] = field(default_factory=list)
    omitted: int = 0
    sheet: str | None = None
    extra_codes: Mapping[str, str] = field(default_factory=dict)

    def add(self, row: int | None, column: str | None, code: str, message: str) -> None:
        if code not in PROBLEM_CODES and code not in self.extra_codes:
            raise ValueError(f"unknown problem code {code!r}")
        if len(self.problems) >= self.cap:
            self.omitted += 1
            return
        self.problems.append(SourceProblem(self.file, row, column, message, code, self.sheet))

    def extend(self, problems: Iterable[SourceProblem]) -> None:
        for problem in problems:
            self.add(problem.row, problem.column, problem.code, problem.message)

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.cap

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise SourceError(self.problems, omitted=self.omitted)


def fail(file: str, code: str, message: str, row: int | None = None) -> SourceError:
    """A SourceError with a single problem, for conditions that stop reading at once."""
    collector = ProblemCollector(file)
    collector.add(row, None, code, message)
    return SourceError(collector.problems)
