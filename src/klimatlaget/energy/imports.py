"""Importing final energy use from a CSV file (or a workbook's first sheet): columns
organisation, year, sector, carrier, mwh and source, as SCB's municipal and regional energy
statistics come (see docs/METHOD.md, "Energy inventory and emission factors").

All or nothing: every row is read and checked first; any problem, named by file, row and column,
and nothing is written. The organisation is an SCB code or a name (matched as the other imports
match them); sectors and carriers are codes or SCB's Swedish (or the English) labels. A file
replaces each organisation's year it holds as a whole: rows the file lacks are removed. Every
organisation's year that changes gets one entry in the change log with the values that changed;
re-importing the same file changes nothing and records nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from klimatlaget.accounts.permissions import Permission, User, has_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import audit_entry, record_all
from klimatlaget.audit.subjects import DATA
from klimatlaget.calc.energy import CARRIERS, SECTORS, normalised, spellings
from klimatlaget.energy.models import EnergyUse
from klimatlaget.imports.services import check_size
from klimatlaget.organisations.models import Organisation
from klimatlaget.sources.errors import ProblemCollector
from klimatlaget.sources.sheets import Sheet, cell_text, column_name, read_sheet
from klimatlaget.sources.text import parse_number
from klimatlaget.targets.imports import OrganisationResolver

COLUMNS = ("organisation", "year", "sector", "carrier", "mwh", "source")
REQUIRED_VALUES = ("organisation", "year", "sector", "carrier", "mwh")
FIRST_YEAR = 1990

ENERGY_PROBLEM_CODES = {
    "unknown_carrier": "a carrier that is none of SCB's fuels",
    "unknown_organisation": "an organisation name or code that matches no known organisation",
    "not_allowed": "an organisation whose data the uploader may not change",
}


@dataclass(frozen=True)
class EnergyRow:
    number: int
    organisation: Organisation
    year: int
    sector: str
    carrier: str
    mwh: float
    source: str


@dataclass
class EnergyImport:
    """What an import did: the rows read and, per organisation and year replaced, how many
    rows it now has."""

    file_name: str
    rows_read: int = 0
    replaced: dict[tuple[str, int], int] = field(default_factory=dict)
    unchanged: int = 0

    def text(self) -> str:
        years = ", ".join(f"{code} {year}" for code, year in sorted(self.replaced))
        changed = f"replaced {years}" if years else "changed nothing"
        return f"{self.file_name}: {self.rows_read} rows read; {changed}."


class _Reader:
    def __init__(self, sheet: Sheet, actor: User, only: Organisation | None) -> None:
        self.sheet = sheet
        self.workbook = bool(sheet.name)
        self.actor = actor
        self.only = only
        self.problems = ProblemCollector(
            sheet.file, sheet=sheet.name or None, extra_codes=ENERGY_PROBLEM_CODES
        )
        self.header: dict[str, int] = {}
        self.resolver = OrganisationResolver(list(Organisation.objects.all()))
        self.sectors = spellings(SECTORS)
        self.carriers = spellings(CARRIERS)
        self.last_year = datetime.date.today().year

    def column(self, name: str) -> str:
        return column_name(self.header[name], name) if self.workbook else name

    def read(self) -> list[EnergyRow]:
        rows = self.sheet.rows
        first = next((i for i, row in enumerate(rows) if any(map(cell_text, row))), None)
        if first is None:
            self.problems.add(None, None, "empty_file", "The file has no header and no rows.")
            return []
        self._header(first + 1, rows[first])
        if self.problems:
            return []
        read: list[EnergyRow] = []
        seen: dict[tuple[int, int, str, str], int] = {}
        for index in range(first + 1, len(rows)):
            if not any(cell_text(cell) for cell in rows[index]):
                continue
            row = self._row(index + 1, rows[index])
            if row is None:
                continue
            key = (row.organisation.pk, row.year, row.sector, row.carrier)
            if key in seen:
                self.problems.add(
                    row.number,
                    self.column("carrier"),
                    "duplicate_row",
                    f"The same organisation, year, sector and carrier as row {seen[key]}.",
                )
                continue
            seen[key] = row.number
            read.append(row)
        if not read and not self.problems:
            self.problems.add(None, None, "empty_file", "The file has no rows of energy use.")
        return read

    def _header(self, number: int, cells: Sequence[object]) -> None:
        for index, cell in enumerate(cells):
            name = cell_text(cell).casefold().strip()
            if not name:
                continue
            where = column_name(index, cell) if self.workbook else cell_text(cell)
            if name in self.header:
                self.problems.add(number, where, "bad_header", f"'{name}' appears twice.")
            elif name in COLUMNS:
                self.header[name] = index
            else:
                known = ", ".join(COLUMNS)
                self.problems.add(
                    number, where, "bad_header", f"Unknown column '{name}'; known: {known}."
                )
        for name in COLUMNS:
            if name not in self.header:
                self.problems.add(number, None, "bad_header", f"The column '{name}' is missing.")

    def _cell(self, cells: Sequence[object], name: str) -> str:
        index = self.header[name]
        return cell_text(cells[index]).strip() if index < len(cells) else ""

    def _row(self, number: int, cells: Sequence[object]) -> EnergyRow | None:
        before = len(self.problems.problems)
        texts = {name: self._cell(cells, name) for name in COLUMNS}
        for name in REQUIRED_VALUES:
            if not texts[name]:
                self.problems.add(number, self.column(name), "empty_value", f"'{name}' is empty.")
        if len(self.problems.problems) > before:
            return None
        organisation = self._organisation(number, texts["organisation"])
        year = self._year(number, texts["year"])
        sector = self.sectors.get(normalised(texts["sector"]))
        if sector is None:
            known = ", ".join(term.swedish for term in SECTORS)
            self.problems.add(
                number,
                self.column("sector"),
                "unknown_sector",
                f"'{texts['sector']}' is none of SCB's user categories: {known}.",
            )
        carrier = self.carriers.get(normalised(texts["carrier"]))
        if carrier is None:
            known = ", ".join(term.swedish for term in CARRIERS)
            self.problems.add(
                number,
                self.column("carrier"),
                "unknown_carrier",
                f"'{texts['carrier']}' is none of SCB's fuels: {known}.",
            )
        mwh = self._mwh(number, texts["mwh"])
        if organisation is None or year is None or sector is None or carrier is None:
            return None
        if mwh is None:
            return None
        return EnergyRow(number, organisation, year, sector, carrier, mwh, texts["source"])

    def _organisation(self, number: int, text: str) -> Organisation | None:
        organisation = self.resolver.resolve(text)
        where = self.column("organisation")
        if organisation is None:
            self.problems.add(
                number,
                where,
                "unknown_organisation",
                f"No organisation is called or has the code '{text}'.",
            )
            return None
        if (self.only is not None and organisation != self.only) or not has_permission(
            self.actor, Permission.CHANGE_ORGANISATION, organisation
        ):
            self.problems.add(
                number,
                where,
                "not_allowed",
                f"You may not change the energy use of {organisation.name} here.",
            )
            return None
        return organisation

    def _year(self, number: int, text: str) -> int | None:
        value = parse_number(text)
        where = self.column("year")
        if value is None or not value.is_integer():
            self.problems.add(number, where, "not_a_year", f"'{text}' is not a year.")
            return None
        if value < FIRST_YEAR:
            self.problems.add(
                number, where, "year_out_of_range", f"{int(value)} is before {FIRST_YEAR}."
            )
            return None
        if value > self.last_year:
            self.problems.add(
                number, where, "future_year", f"{int(value)} has not yet been measured."
            )
            return None
        return int(value)

    def _mwh(self, number: int, text: str) -> float | None:
        value = parse_number(text, decimal_comma=True)
        where = self.column("mwh")
        if value is None:
            hint = " SCB's '..' (secret) cells are left out of the file." if ".." in text else ""
            self.problems.add(
                number, where, "not_a_number", f"'{text}' is not a number of MWh.{hint}"
            )
            return None
        if value < 0:
            self.problems.add(number, where, "negative_value", f"{text} is negative.")
            return None
        return value


def read_energy(path: Path, actor: User, only: Organisation | None = None) -> list[EnergyRow]:
    """The file's rows, checked; SourceError naming every problem otherwise. ``only``: every
    row must be this organisation's (an upload on its page)."""
    check_size(path)
    sheet = read_sheet(
        path, prefer=("energy", "energi"), max_bytes=int(settings.KLIMATLAGET_MAX_IMPORT_BYTES)
    )
    reader = _Reader(sheet, actor, only)
    rows = reader.read()
    reader.problems.raise_if_any()
    return rows


Cell = tuple[str, str]


def import_energy(path: Path, *, actor: User, only: Organisation | None = None) -> EnergyImport:
    """Import the file (every row, or nothing: SourceError), replacing each organisation's year
    it holds."""
    path = Path(path)
    rows = read_energy(path, actor, only)
    result = EnergyImport(path.name, rows_read=len(rows))
    grouped: dict[tuple[Organisation, int], list[EnergyRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.organisation, row.year)].append(row)
    entries = []
    with transaction.atomic():
        for (organisation, year), new in grouped.items():
            stored = EnergyUse.objects.select_for_update().filter(
                organisation=organisation, year=year
            )
            before = {(use.sector, use.carrier): (use.mwh, use.source) for use in stored}
            after = {(row.sector, row.carrier): (row.mwh, row.source) for row in new}
            if before == after:
                result.unchanged += 1
                continue
            stored.delete()
            EnergyUse.objects.bulk_create(
                EnergyUse(
                    organisation=organisation,
                    year=year,
                    sector=row.sector,
                    carrier=row.carrier,
                    mwh=row.mwh,
                    source=row.source,
                )
                for row in new
            )
            result.replaced[(organisation.code, year)] = len(new)
            entries.append(
                audit_entry(
                    actor=actor,
                    action="klimatlaget.energy.imported",
                    subject=DATA,
                    organisation=organisation,
                    changes=_changes(year, before, after),
                    summary=says("energy_imported", file=path.name, year=year, rows=len(new)),
                )
            )
        record_all(entries)
    return result


def _changes(
    year: int, before: dict[Cell, tuple[float, str]], after: dict[Cell, tuple[float, str]]
) -> dict[str, list[object]]:
    """The MWh that changed, keyed "energy YEAR sector/carrier"."""
    changes: dict[str, list[object]] = {}
    for key in sorted(before.keys() | after.keys()):
        old = before.get(key, (None, ""))[0]
        new = after.get(key, (None, ""))[0]
        if old != new:
            changes[f"energy {year} {key[0]}/{key[1]}"] = [old, new]
    return changes
