"""Importing measures from a CSV file or a workbook's first sheet (see docs/MEASURES_CSV.md).

All or nothing: every row is read, its organisation and plan resolved and the measure checked
with the same rules as the forms and the API before anything is written; any problem (named by
file, sheet, row and column) and nothing is written. A row whose organisation and code match a
stored measure updates it; others create measures. A plan named that the organisation does not
have is created as a draft. Writing goes through the services, so every change is versioned and
recorded; re-importing the same file changes nothing and records nothing.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import override

from klimatlaget.audit.services import Actor
from klimatlaget.imports.models import ImportKind
from klimatlaget.imports.services import ImportResult, check_size, save_run
from klimatlaget.measures import plans, services
from klimatlaget.measures.choices import SECTORS, MeasureStatus, MeasureType
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.sources.errors import ProblemCollector
from klimatlaget.sources.sheets import Sheet, cell_text, column_name, read_sheet
from klimatlaget.sources.text import parse_number
from klimatlaget.targets.imports import OrganisationResolver

REQUIRED = ("organisation", "code", "title", "sector", "type", "status")
#: Column → the service's value key (the columns of issue 11, then those the export adds).
COLUMNS = {
    "organisation": "",
    "plan": "",
    "code": "code",
    "title": "title",
    "description": "description",
    "sector": "sector",
    "type": "type",
    "responsible": "responsible_unit",
    "status": "status",
    "start_year": "start_year",
    "end_year": "end_year",
    "expected_reduction_t": "expected_reduction_t",
    "expected_reduction_low_t": "expected_low_t",
    "expected_reduction_high_t": "expected_high_t",
    "effect_year": "effect_year",
    "energy_saved_mwh": "energy_saved_mwh",
    "renewable_mwh": "renewable_mwh",
    "budget_sek": "budget_sek",
    "source": "source",
    "responsible_person": "responsible_person",
    "partners": "partners",
    "method_note": "method_note",
    "hazard": "hazard",
    "co_benefits": "co_benefits",
    "quoted": "quoted",
}
#: Columns the export writes that the import reads past (they are the platform's, not yours).
IGNORED = frozenset({"id", "version", "target_ids", "indicator_ids"})
_YEARS = {"start_year", "end_year", "effect_year"}
_NUMBERS = {
    "expected_reduction_t",
    "expected_low_t",
    "expected_high_t",
    "energy_saved_mwh",
    "renewable_mwh",
}
_LISTS = {"partners", "co_benefits"}
_TRUE, _FALSE = {"yes", "ja", "true", "1", "x"}, {"no", "nej", "false", "0", ""}

MEASURE_PROBLEM_CODES = {
    "unknown_choice": "a cell must hold one of a fixed set of words and does not",
    "unknown_organisation": "an organisation name or code that matches no known organisation",
    "invalid_measure": "a measure that breaks a rule (years in order, a range around the value…)",
}


@dataclass
class _Row:
    number: int
    organisation: Organisation
    #: The plan's title ("": none), or None when the file has no plan column.
    plan: str | None
    values: dict[str, Any] = field(default_factory=dict)


def _choices() -> dict[str, dict[str, str]]:
    """For each choice column, every accepted spelling (key or English label) → the key."""
    with override("en"):
        return {
            column: {
                spelling.casefold(): key
                for key, label in pairs
                for spelling in (str(key), str(label))
            }
            for column, pairs in (
                ("sector", SECTORS),
                ("type", MeasureType.choices),
                ("status", MeasureStatus.choices),
            )
        }


class _Reader:
    """Reads the rows of one sheet into values, collecting every problem."""

    def __init__(self, sheet: Sheet, workbook: bool) -> None:
        self.sheet = sheet
        self.workbook = workbook
        self.problems = ProblemCollector(
            sheet.file,
            sheet=sheet.name if workbook else None,
            extra_codes=MEASURE_PROBLEM_CODES,
        )
        self.header: dict[str, int] = {}
        self.choices = _choices()
        self.resolver = OrganisationResolver(list(Organisation.objects.all()))

    def column(self, name: str) -> str:
        index = self.header[name]
        return column_name(index, name) if self.workbook else name

    def read_header(self) -> int | None:
        """The header's row index (0-based), or None after reporting what is wrong."""
        first = next((i for i, row in enumerate(self.sheet.rows) if any(map(cell_text, row))), None)
        if first is None:
            self.problems.add(None, None, "empty_file", "The file has no header and no rows.")
            return None
        for index, cell in enumerate(self.sheet.rows[first]):
            name = cell_text(cell).casefold().replace(" ", "_").replace("-", "_")
            if not name:
                continue
            where = column_name(index, cell) if self.workbook else cell_text(cell)
            if name in self.header:
                self.problems.add(first + 1, where, "bad_header", f"'{name}' appears twice.")
            elif name in COLUMNS or name in IGNORED:
                self.header[name] = index
            else:
                known = ", ".join(COLUMNS)
                self.problems.add(
                    first + 1, where, "bad_header", f"Unknown column '{name}'; known: {known}."
                )
        for name in REQUIRED:
            if name not in self.header:
                self.problems.add(first + 1, None, "bad_header", f"The column '{name}' is missing.")
        return first

    def rows(self) -> list[_Row]:
        first = self.read_header()
        if first is None or self.problems:
            return []
        read = []
        for index in range(first + 1, len(self.sheet.rows)):
            cells = self.sheet.rows[index]
            if any(cell_text(cell) for cell in cells):
                row = self._row(index + 1, cells)
                if row is not None:
                    read.append(row)
        if not read and not self.problems:
            self.problems.add(None, None, "empty_file", "The file has no measures.")
        return read

    def _cell(self, cells: list[Any], name: str) -> str:
        index = self.header.get(name)
        return cell_text(cells[index]) if index is not None and index < len(cells) else ""

    def _row(self, number: int, cells: list[Any]) -> _Row | None:
        before = len(self.problems.problems)
        organisation = self.resolver.resolve(self._cell(cells, "organisation"))
        if organisation is None:
            self.problems.add(
                number,
                self.column("organisation"),
                "unknown_organisation",
                f"No organisation is called or has the code '{self._cell(cells, 'organisation')}'.",
            )
        values: dict[str, Any] = {}
        for name, key in COLUMNS.items():
            if key and name in self.header:
                values[key] = self._value(number, name, self._cell(cells, name))
        if organisation is None or len(self.problems.problems) > before:
            return None
        plan = self._cell(cells, "plan") if "plan" in self.header else None
        return _Row(number, organisation, plan, values)

    def _value(self, number: int, name: str, text: str) -> Any:
        key = COLUMNS[name]
        if name in REQUIRED and not text:
            self.problems.add(number, self.column(name), "empty_value", f"'{name}' is empty.")
            return None
        if name in self.choices:
            found = self.choices[name].get(text.casefold())
            if found is None:
                choices = ", ".join(sorted(set(self.choices[name].values())))
                self.problems.add(
                    number, self.column(name), "unknown_choice", f"'{text}' is none of: {choices}."
                )
            return found
        if key in _LISTS:
            return [part.strip() for part in text.split("|") if part.strip()]
        if name == "quoted":
            if text.casefold() not in _TRUE | _FALSE:
                self.problems.add(number, self.column(name), "unknown_choice", "Write yes or no.")
            return text.casefold() in _TRUE
        if key in _YEARS or key in _NUMBERS or key == "budget_sek":
            return self._number(number, name, text)
        return text

    def _number(self, number: int, name: str, text: str) -> Any:
        if not text:
            return None
        value = parse_number(text, decimal_comma=True)
        key = COLUMNS[name]
        if value is None or (key in _YEARS and not value.is_integer()):
            code = "not_a_year" if key in _YEARS else "not_a_number"
            self.problems.add(number, self.column(name), code, f"'{text}' is not a {code[6:]}.")
            return None
        if value < 0:
            self.problems.add(number, self.column(name), "negative_value", f"{text} is negative.")
        if key in _YEARS:
            return int(value)
        return Decimal(int(value)) if key == "budget_sek" else value


#: A service's value key → the column that holds it.
_COLUMN_OF = {key: name for name, key in COLUMNS.items() if key}


def _check(reader: _Reader, rows: list[_Row]) -> None:
    """The services' rules on every row, and each code once per organisation."""
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        key = (row.organisation.pk, row.values.get("code") or "")
        if key in seen:
            reader.problems.add(
                row.number,
                reader.column("code"),
                "duplicate_row",
                f"Code already on row {seen[key]}.",
            )
            continue
        seen[key] = row.number
        stored = Measure.objects.filter(organisation=row.organisation, code=key[1]).first()
        candidate = copy(stored) if stored else Measure(organisation=row.organisation)
        values = {k: v for k, v in row.values.items() if k != "plan_id"}
        try:
            services.KIND.apply(candidate, values)
            services.KIND.check(candidate, values)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                column = _COLUMN_OF.get(field_name)
                where = reader.column(column) if column in reader.header else None
                for message in messages:
                    reader.problems.add(row.number, where, "invalid_measure", str(message))


def read_measures(path: Path) -> list[_Row]:
    """The measures of the file, checked; SourceError naming every problem otherwise."""
    sheet = read_sheet(path, prefer=("measures", "åtgärder"), max_bytes=_max_bytes())
    reader = _Reader(sheet, workbook=bool(sheet.name))
    rows = reader.rows()
    if not reader.problems:
        _check(reader, rows)
    reader.problems.raise_if_any()
    return rows


def _max_bytes() -> int:
    return int(settings.KLIMATLAGET_MAX_IMPORT_BYTES)


def _plan(actor: Actor, row: _Row, result: ImportResult) -> int | None:
    """The id of the plan the row names, created as a draft when the organisation lacks it."""
    if not row.plan:
        return None
    found = ActionPlan.objects.filter(organisation=row.organisation, title=row.plan).first()
    if found is None:
        found = plans.create_plan(actor, row.organisation, {"title": row.plan, "status": "draft"})
        result.notes.append(f"Created the draft plan '{row.plan}' of {row.organisation.name}.")
    return found.pk


def import_measures(path: Path, *, actor: Actor) -> ImportResult:
    """Import every measure in ``path`` or, when any row has a problem, nothing (SourceError)."""
    path = Path(path)
    check_size(path)
    rows = read_measures(path)
    result = ImportResult(ImportKind.MEASURES, path.name, rows_read=len(rows))
    changed: set[int] = set()
    with transaction.atomic():
        for row in rows:
            values = dict(row.values)
            if row.plan is not None:
                values["plan_id"] = _plan(actor, row, result)
            stored = Measure.objects.filter(
                organisation=row.organisation, code=values["code"]
            ).first()
            if stored is None:
                services.create_measure(actor, row.organisation, values)
                result.created += 1
            elif services.update_measure(actor, stored, values):
                result.updated += 1
            else:
                continue
            changed.add(row.organisation.pk)
        result.organisations_changed = len(changed)
        save_run(result, path, actor)
    return result
