"""Importing an investment plan's lines from an Excel workbook (docs/INVESTMENT_PLAN_XLSX.md):
the file becomes a new version of the organisation's plan for a year, holding exactly its lines.

All or nothing: every cell is read and every line checked by the services' own rules
(:data:`klimatlaget.investments.services.LINE_KIND`) before anything is written; any problem,
each named by file, sheet, row and column, and nothing is written. The first version of a year
takes its horizon from the file's year columns; a later one copies the plan of the latest
version and replaces it. A line whose key is a line of that version keeps the key, so that the
two versions are compared line by line. Writing goes through the services (the change log).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, record
from klimatlaget.audit.subjects import INVESTMENT_PLAN
from klimatlaget.imports import workbook as uploaded
from klimatlaget.imports.workbook import Rejected
from klimatlaget.investments import lines_sheet, services
from klimatlaget.investments.choices import InvestmentPlanStatus
from klimatlaget.investments.lines_sheet import Column, Kind
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.sources.errors import ProblemCollector, SourceError
from klimatlaget.sources.sheets import cell_text, column_name
from klimatlaget.sources.text import parse_number

#: The problems this importer names beyond the readers' own.
LINE_PROBLEM_CODES = {
    "unknown_choice": "a cell must hold one of a fixed set of words and does not",
    "unknown_measure": "a measure code that is none of the organisation's measures",
    "invalid_line": "a line that breaks one of the services' rules",
    "bad_key": "a line key that is no key the platform wrote",
}
#: The largest amount, in SEK or tonnes, taken as meant.
LARGEST = 1e15


def _problems(file: str) -> ProblemCollector:
    return ProblemCollector(file, extra_codes=LINE_PROBLEM_CODES)


class _Problem(Exception):
    """A cell's value cannot be used; ``code`` and the message say why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Line:
    """A line as read: its Excel row, the key it gave (None: none), the services' values."""

    row: int
    key: uuid.UUID | None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Reading:
    """The lines of a file and the years of its year columns."""

    lines: list[Line]
    years: list[int]


def _not_xlsx() -> str:
    return _(
        "The file is not an Excel workbook (.xlsx). Upload the investment plan's workbook, "
        "downloaded from the plan or as the template, saved as .xlsx."
    )


def refused(file: str, code: str, message: str) -> SourceError:
    """The whole file refused, for one reason."""
    problems = _problems(file)
    problems.add(None, None, code, message)
    return SourceError(problems.problems)


def _number(text: Any) -> float:
    if isinstance(text, bool):
        raise _Problem("not_a_number", _("Give a number."))
    if isinstance(text, int | float):
        number = float(text)
    else:
        parsed = parse_number(str(text).strip(), decimal_comma=True)
        if parsed is None:
            raise _Problem("not_a_number", _("“%(value)s” is not a number.") % {"value": text})
        number = parsed
    if not math.isfinite(number) or abs(number) > LARGEST:
        raise _Problem("not_a_number", _("Give a number."))
    if number < 0:
        raise _Problem("negative_value", _("Give a number of at least 0."))
    return number


def _whole_or_float(number: float) -> int | float:
    return int(number) if number.is_integer() else number


class _Reader:
    """Reads the lines sheet into the services' values, collecting every problem."""

    def __init__(self, file: str, organisation: Organisation, plan: InvestmentPlan) -> None:
        self.file = file
        self.organisation = organisation
        self.plan = plan
        self.problems = _problems(file)
        self.header: list[tuple[int, Column]] = []  # (0-based index, column)
        self.headings: dict[int, Any] = {}
        self.measures = {
            measure.code.strip().casefold(): measure.pk
            for measure in Measure.objects.filter(organisation=organisation)
        }
        self.words = {name: lines_sheet.words(name) for name in lines_sheet.CHOICE_FIELDS}

    def place(self, index: int) -> str:
        return column_name(index, self.headings.get(index))

    def sheet(self, book: Any) -> Any:
        names = list(book.sheetnames)
        wanted = {name.casefold() for name in lines_sheet.SHEET_NAMES.values()}
        chosen = next((name for name in names if name.strip().casefold() in wanted), None)
        if chosen is None and len(names) == 1:
            chosen = names[0]
        if chosen is None:
            raise refused(
                self.file,
                "bad_header",
                _("The workbook has no sheet called %(names)s, and more than one sheet.")
                % {"names": " / ".join(lines_sheet.SHEET_NAMES.values())},
            )
        self.problems.sheet = chosen
        return book[chosen]

    def read(self, book: Any) -> Reading:
        rows = list(uploaded.rows(self.sheet(book), 1))
        first = next((i for i, (_n, row) in enumerate(rows) if any(map(cell_text, row))), None)
        if first is None:
            self.problems.add(None, None, "empty_file", _("The sheet is empty."))
            return Reading([], [])
        self._header(*rows[first])
        if self.problems:
            return Reading([], [])
        lines = [
            self._line(number, row) for number, row in rows[first + 1 :] if any(map(cell_text, row))
        ]
        if not lines:
            self.problems.add(None, None, "empty_file", _("The sheet has no lines."))
        found = [line for line in lines if line is not None]
        self._keys_once(found)
        years = sorted(
            {int(column.part) for _i, column in self.header if column.field in services.BY_YEAR}
        )
        return Reading(found, years)

    def _header(self, number: int, row: tuple[Any, ...]) -> None:
        seen: dict[tuple[str, str], int] = {}
        for index, heading in enumerate(row):
            if not cell_text(heading):
                continue
            self.headings[index] = cell_text(heading)
            column = lines_sheet.column_for(heading)
            if column is None:
                self.problems.add(
                    number,
                    self.place(index),
                    "bad_header",
                    _("“%(heading)s” is no column of an investment plan's lines.")
                    % {"heading": cell_text(heading)},
                )
                continue
            year = column.part if column.field in services.BY_YEAR else ""
            if year and not services.FIRST_YEAR <= int(year) <= services.LAST_YEAR:
                self.problems.add(
                    number,
                    self.place(index),
                    "not_a_year",
                    _("%(year)s is not a year.") % {"year": year},
                )
                continue
            if (column.field, column.part) in seen:
                self.problems.add(
                    number,
                    self.place(index),
                    "bad_header",
                    _("The column is also column %(column)s.")
                    % {"column": self.place(seen[(column.field, column.part)])},
                )
                continue
            seen[(column.field, column.part)] = index
            self.header.append((index, column))
        present = {column.field for _i, column in self.header}
        for name in lines_sheet.REQUIRED:
            if name not in present:
                column = next(c for c in lines_sheet.LEADING if c.field == name)
                self.problems.add(
                    number,
                    None,
                    "bad_header",
                    _("The column %(sv)s / %(en)s is missing.")
                    % {"sv": column.sv, "en": column.en},
                )

    def _line(self, number: int, row: tuple[Any, ...]) -> Line | None:
        values: dict[str, Any] = {name: {} for name in (*services.BY_YEAR, "co_benefits_sek")}
        places: dict[str, str] = {}
        key: uuid.UUID | None = None
        failed = False
        for index, column in self.header:
            value = uploaded.cell(row, index + 1)
            places.setdefault(column.field, self.place(index))
            try:
                read = self._value(column, value)
            except _Problem as problem:
                self.problems.add(number, self.place(index), problem.code, problem.message)
                failed = True
                continue
            if column.field == "key":
                key = read
            elif column.part:
                if read is not None:
                    values[column.field][column.part] = read
            else:
                values[column.field] = read
        present = {column.field for _i, column in self.header}
        values = {name: value for name, value in values.items() if name in present}
        if failed or not self._checked(number, values, places):
            return None
        return Line(number, key, values)

    def _value(self, column: Column, value: Any) -> Any:
        text = cell_text(value)
        if column.kind in (Kind.TEXT, Kind.LIST, Kind.CHOICE, Kind.KEY, Kind.MEASURE):
            return self._text(column, text)
        if not text:
            return None
        number = _number(value)
        if column.kind == Kind.WHOLE:
            if not number.is_integer():
                raise _Problem("not_a_number", _("Give a whole number."))
            return int(number)
        return _whole_or_float(number)

    def _text(self, column: Column, text: str) -> Any:
        if column.kind == Kind.LIST:
            return [part.strip() for part in text.split("|") if part.strip()]
        if column.kind == Kind.KEY:
            if not text:
                return None
            try:
                return uuid.UUID(text)
            except ValueError:
                raise _Problem(
                    "bad_key",
                    _("“%(value)s” is no line key; leave the key as it was downloaded, or empty.")
                    % {"value": text},
                ) from None
        if column.kind == Kind.MEASURE:
            if not text:
                return None
            measure = self.measures.get(text.casefold())
            if measure is None:
                raise _Problem(
                    "unknown_measure",
                    _("%(organisation)s has no measure with the code “%(code)s”.")
                    % {"organisation": self.organisation.name, "code": text},
                )
            return measure
        if column.kind == Kind.CHOICE:
            if not text:
                if column.required:
                    raise _Problem(
                        "empty_value", _("Choose one of: %(choices)s.") % self._options(column)
                    )
                return ""
            found = self.words[column.field].get(text.casefold())
            if found is None:
                raise _Problem(
                    "unknown_choice",
                    _("“%(value)s” is none of: %(choices)s.")
                    % {"value": text, **self._options(column)},
                )
            return found
        if column.required and not text:
            raise _Problem("empty_value", _("Fill in this cell."))
        return text

    @staticmethod
    def _options(column: Column) -> dict[str, str]:
        return {"choices": ", ".join(lines_sheet.labels(column.field))}

    def _checked(self, number: int, values: dict[str, Any], places: dict[str, str]) -> bool:
        """Whether the services' rules accept the line; each of their problems is added."""
        candidate = InvestmentLine(plan=self.plan)
        try:
            services.LINE_KIND.apply(candidate, values)
            services.LINE_KIND.check(candidate, values)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                place = places.get(name)
                for message in messages:
                    self.problems.add(number, place, "invalid_line", str(message))
            return False
        return True

    def _keys_once(self, lines: list[Line]) -> None:
        seen: dict[uuid.UUID, int] = {}
        index = next((i for i, column in self.header if column.field == "key"), None)
        for line in lines:
            if line.key is None:
                continue
            if line.key in seen:
                self.problems.add(
                    line.row,
                    self.place(index) if index is not None else None,
                    "duplicate_row",
                    _("The line key is also on row %(row)s.") % {"row": seen[line.key]},
                )
            else:
                seen[line.key] = line.row


def latest(organisation: Organisation, year: int) -> InvestmentPlan | None:
    """The latest version of the organisation's plan for ``year``."""
    return (
        InvestmentPlan.objects.filter(organisation=organisation, year=year)
        .order_by("-version_number")
        .first()
    )


def read_lines(data: bytes, file: str, organisation: Organisation, plan: InvestmentPlan) -> Reading:
    """The lines of the uploaded workbook for ``plan`` (not yet saved), every one checked; a
    SourceError naming every problem otherwise."""
    try:
        with uploaded.opened(data, _not_xlsx()) as book:
            reader = _Reader(file, organisation, plan)
            reading = reader.read(book)
    except Rejected as rejected:
        raise refused(file, rejected.code, rejected.message) from None
    reader.problems.raise_if_any()
    return reading


def _plan_values(previous: InvestmentPlan | None, year: int, years: list[int]) -> dict[str, Any]:
    if previous is None:
        return {
            "year": year,
            "horizon_from": years[0] if years else year,
            "horizon_to": years[-1] if years else year,
        }
    values = {name: getattr(previous, name) for name in services.PLAN_FIELDS}
    values.update(
        year=year,
        version_number=None,
        replaces_id=previous.pk,
        status=InvestmentPlanStatus.DRAFT,
        adopted_on=None,
    )
    return values


def _plan_problems(file: str, error: ValidationError) -> SourceError:
    problems = _problems(file)
    for messages in error.message_dict.values():
        for message in messages:
            problems.add(None, None, "invalid_line", str(message))
    return SourceError(problems.problems)


def import_plan(
    actor: Actor, organisation: Organisation, year: int, data: bytes, file: str
) -> InvestmentPlan:
    """A new version of the organisation's plan for ``year`` holding exactly the file's lines;
    a SourceError naming every problem (nothing saved); PermissionDenied for a non-editor."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, organisation)
    previous = latest(organisation, year)
    candidate = InvestmentPlan(organisation=organisation, year=year)
    reading = read_lines(data, file, organisation, candidate)
    kept = {line.key for line in previous.lines.all()} if previous else set()
    with transaction.atomic():
        try:
            plan = services.create_plan(
                actor, organisation, _plan_values(previous, year, reading.years)
            )
        except ValidationError as error:
            raise _plan_problems(file, error) from None
        for position, line in enumerate(reading.lines, start=1):
            key = line.key if line.key in kept else None
            services.create_line(actor, plan, {**line.values, "position": position}, key=key)
        record(
            actor=actor,
            action=f"{services.PLAN_KIND.action}.imported",
            subject=INVESTMENT_PLAN,
            organisation=organisation,
            changes={"lines": [None, len(reading.lines)]},
            summary=says(
                "investment_plan_imported",
                name=str(plan),
                file=file,
                lines=len(reading.lines),
            ),
            subject_id=plan.pk,
        )
    return plan
