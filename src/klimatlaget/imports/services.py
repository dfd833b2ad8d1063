"""Importing the official files into the database.

Every import reads and validates the whole file first, then writes inside one transaction: a file
with any problem stores nothing. Re-importing the same file changes nothing and records nothing.
Each changed organisation gets one audit entry listing its old and new values.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from klimatlaget.audit.messages import says
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.services import Actor, actor_label, audit_entry, record_all
from klimatlaget.audit.subjects import DATA, ORGANISATION
from klimatlaget.dataversion.triggers import one_version_for_bulk_insert
from klimatlaget.emissions.models import TOTAL_SECTOR, Emission
from klimatlaget.emissions.sectors import SECTOR_LABELS
from klimatlaget.imports.models import ImportKind, ImportRun
from klimatlaget.organisations.models import (
    NATION_CODE,
    Organisation,
    OrganisationKind,
    Population,
)
from klimatlaget.sources import (
    EmissionRow,
    EmissionsFile,
    NameMatcher,
    PopulationTable,
    RowCheck,
    SourceError,
    SourceProblem,
    check_names,
    check_sectors,
    detect_format,
    read_emissions_csv,
    read_population,
    read_scb_codes,
    read_smhi_workbook,
)

Progress = Callable[[int, int], None]
NATION_NAME = "Sverige"


@dataclass
class ImportResult:
    kind: str
    file_name: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    organisations_changed: int = 0
    run: ImportRun | None = None
    notes: list[str] = field(default_factory=list)
    #: The change log's entries for the changed organisations, written by :func:`save_run`.
    log: list[AuditEntry] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def example_data_loaded() -> bool:
    return ImportRun.objects.filter(is_example=True).exists()


def check_size(path: Path) -> None:
    """SourceError when the file is missing or larger than KLIMATLAGET_MAX_IMPORT_BYTES."""
    limit = settings.KLIMATLAGET_MAX_IMPORT_BYTES
    if not path.exists():
        raise SourceError([SourceProblem(path.name, None, None, "File not found.", "not_found")])
    if path.stat().st_size > limit:
        message = f"File is {path.stat().st_size:,} bytes; the limit is {limit:,} bytes."
        raise SourceError([SourceProblem(path.name, None, None, message, "too_large")])


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_run(result: ImportResult, path: Path, actor: Actor, is_example: bool = False) -> None:
    """Record the import and its change log (only when it changed something)."""
    record_all(result.log)
    if not result.changed:
        result.notes.append("No changes: the database already holds exactly this data.")
        return
    result.run = ImportRun.objects.create(
        kind=result.kind,
        file_name=path.name,
        sha256=_sha256(path),
        actor=actor if actor.is_authenticated else None,  # type: ignore[misc]
        actor_label=actor_label(actor),
        rows_read=result.rows_read,
        created=result.created,
        updated=result.updated,
        is_example=is_example,
    )


# --- SCB code list -------------------------------------------------------------------------------


def import_scb_codes(path: Path, *, actor: Actor) -> ImportResult:
    check_size(path)
    codes = read_scb_codes(path)
    result = ImportResult(ImportKind.SCB_CODES, path.name, rows_read=len(codes))
    with transaction.atomic():
        existing = {org.code: org for org in Organisation.objects.select_related("county")}
        upsert = partial(_upsert_organisation, result, actor, existing)
        upsert(NATION_CODE, NATION_NAME, OrganisationKind.NATION, None)
        counties = {
            code.code: upsert(code.code, code.name, OrganisationKind.COUNTY, None)
            for code in codes
            if code.kind == "county"
        }
        for code in codes:
            if code.kind == "municipality":
                county = counties[code.county_code]
                upsert(code.code, code.name, OrganisationKind.MUNICIPALITY, county)
        save_run(result, path, actor)
    return result


def _upsert_organisation(
    result: ImportResult,
    actor: Actor,
    existing: dict[str, Organisation],
    code: str,
    name: str,
    kind: str,
    county: Organisation | None,
) -> Organisation:
    wanted: dict[str, Any] = {"name": name, "kind": kind, "county": county.code if county else None}
    org = existing.get(code)
    if org is None:
        org = Organisation.objects.create(code=code, name=name, kind=kind, county=county)
        result.created += 1
        result.log.append(
            audit_entry(
                actor=actor,
                action="klimatlaget.organisation.created",
                subject=ORGANISATION,
                organisation=org,
                changes={key: [None, value] for key, value in wanted.items()},
                summary=says("organisation_created_from", file=result.file_name),
            )
        )
        return org
    before = {"name": org.name, "kind": org.kind, "county": org.county.code if org.county else None}
    if before != wanted:
        org.name, org.kind, org.county = name, kind, county
        org.save(update_fields=["name", "kind", "county"])
        result.updated += 1
        result.log.append(
            audit_entry(
                actor=actor,
                action="klimatlaget.organisation.changed",
                subject=ORGANISATION,
                organisation=org,
                changes={k: [before[k], wanted[k]] for k in wanted if before[k] != wanted[k]},
                summary=says("organisation_updated_from", file=result.file_name),
            )
        )
    return org


# --- Population ----------------------------------------------------------------------------------


def import_population(path: Path, *, actor: Actor, year: int | None = None) -> ImportResult:
    check_size(path)
    organisations = {org.code: org for org in Organisation.objects.all()}
    table = read_population(path, year=year, check=lambda read: _unknown_codes(read, organisations))
    result = ImportResult(ImportKind.POPULATION, path.name, rows_read=len(table.rows))
    existing = {p.organisation_id: p for p in Population.objects.filter(year=table.year)}
    with transaction.atomic():
        new: list[Population] = []
        for row in table.rows:
            org = organisations[row.code]
            current = existing.get(org.pk)
            new += _upsert_population(result, actor, org, table.year, row.population, current)
        Population.objects.bulk_create(new)
        save_run(result, path, actor)
    return result


def _unknown_codes(
    table: PopulationTable, organisations: dict[str, Organisation]
) -> list[SourceProblem]:
    return [
        SourceProblem(
            table.file,
            row.row_number,
            table.code_column,
            f"Unknown SCB code {row.code} ({row.name}); import the SCB code list first.",
            "unknown_code",
        )
        for row in table.rows
        if row.code not in organisations
    ]


def _upsert_population(
    result: ImportResult,
    actor: Actor,
    org: Organisation,
    year: int,
    inhabitants: int,
    current: Population | None,
) -> list[Population]:
    """Update and log one organisation's population; a new row is returned for bulk_create."""
    if current is not None and current.inhabitants == inhabitants:
        return []
    old = current.inhabitants if current is not None else None
    new = []
    if current is None:
        new.append(Population(organisation=org, year=year, inhabitants=inhabitants))
        result.created += 1
    else:
        current.inhabitants = inhabitants
        current.save(update_fields=["inhabitants"])
        result.updated += 1
    result.organisations_changed += 1
    result.log.append(
        audit_entry(
            actor=actor,
            action="klimatlaget.population.imported",
            subject=DATA,
            organisation=org,
            changes={f"population {year}": [old, inhabitants]},
            summary=says("population_imported", file=result.file_name),
        )
    )
    return new


# --- Emissions -----------------------------------------------------------------------------------


def read_emissions_file(path: Path, check: RowCheck | None = None) -> list[EmissionRow]:
    """Read an emissions file in either official layout, told apart by content, not name."""
    check_size(path)
    if detect_format(path) == "text":
        return read_emissions_csv(path, check=check).rows
    return read_smhi_workbook(path, check=check).rows


def import_emissions(
    path: Path,
    *,
    actor: Actor,
    progress: Progress | None = None,
    is_example: bool = False,
) -> ImportResult:
    municipalities = {
        org.code: org
        for org in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).select_related(
            "county"
        )
    }
    matcher = NameMatcher({code: org.name for code, org in municipalities.items()})
    sectors = set(SECTOR_LABELS) - {TOTAL_SECTOR}

    def check(emissions: EmissionsFile) -> list[SourceProblem]:
        return [*check_names(emissions, matcher), *check_sectors(emissions, sectors)]

    rows = read_emissions_file(path, check)
    by_org = _group_by_organisation(rows, matcher, municipalities)
    result = ImportResult(ImportKind.EMISSIONS, path.name, rows_read=len(rows))
    stored = _stored_emissions(by_org)
    with transaction.atomic():
        new: list[tuple[int, int, str, float]] = []
        for done, (org, values) in enumerate(by_org.items(), start=1):
            new += _store_emissions(result, actor, org, values, stored.get(org.pk, {}))
            if progress:
                progress(done, len(by_org))
        _insert_emissions(new)
        save_run(result, path, actor, is_example=is_example)
    return result


def _group_by_organisation(
    rows: list[EmissionRow], matcher: NameMatcher, municipalities: dict[str, Organisation]
) -> dict[Organisation, dict[tuple[int, str], float]]:
    grouped: dict[Organisation, dict[tuple[int, str], float]] = {}
    codes = {name: matcher.match(name) for name in {row.municipality for row in rows}}
    for row in rows:
        code = codes[row.municipality]
        assert code is not None  # check_names has reported every unknown name
        org = municipalities[code]
        grouped.setdefault(org, {})[(row.year, row.sector or TOTAL_SECTOR)] = row.tco2e
    for values in grouped.values():
        split_years = {year for year, sector in values if sector != TOTAL_SECTOR}
        for year in split_years:
            values.pop((year, TOTAL_SECTOR), None)  # the reader has checked it against the sum
    return grouped


def _stored_emissions(
    organisations: Iterable[Organisation],
) -> dict[int, dict[tuple[int, str], Emission]]:
    """Organisation id → (year, sector) → stored emission, in one query."""
    stored: dict[int, dict[tuple[int, str], Emission]] = defaultdict(dict)
    for emission in Emission.objects.filter(organisation__in=list(organisations)):
        stored[emission.organisation_id][(emission.year, emission.sector)] = emission
    return stored


def _store_emissions(
    result: ImportResult,
    actor: Actor,
    org: Organisation,
    values: dict[tuple[int, str], float],
    stored: dict[tuple[int, str], Emission],
) -> list[tuple[int, int, str, float]]:
    """Update and log one organisation's emissions; the rows to insert are returned."""
    changes: dict[str, list[Any]] = {}
    new, changed = [], []
    for (year, sector), value in sorted(values.items()):
        current = stored.get((year, sector))
        if current is None:
            new.append((org.pk, year, sector, value))
        elif current.tco2e != value:
            changed.append(current)
            changes[_label(year, sector)] = [current.tco2e, value]
            current.tco2e = value
            continue
        else:
            continue
        changes[_label(year, sector)] = [None, value]
    superseded = _superseded_totals(stored, values)
    for emission in superseded:
        changes[_label(emission.year, TOTAL_SECTOR)] = [emission.tco2e, None]
    if not changes:
        return []
    Emission.objects.bulk_update(changed, ["tco2e"])
    if superseded:
        Emission.objects.filter(pk__in=[e.pk for e in superseded]).delete()
    result.created += len(new)
    result.updated += len(changed) + len(superseded)
    result.organisations_changed += 1
    result.log.append(
        audit_entry(
            actor=actor,
            action="klimatlaget.emissions.imported",
            subject=DATA,
            organisation=org,
            changes=changes,
            summary=says(
                "emissions_imported", new=len(new), changed=len(changed), file=result.file_name
            ),
        )
    )
    return new


def _insert_emissions(rows: list[tuple[int, int, str, float]]) -> None:
    """(organisation id, year, sector, tonnes) rows in one ``executemany``: ``bulk_create``
    builds a model instance and its SQL per row, some 15 times slower for SMHI's 34,000."""
    meta = Emission._meta
    column = {field.name: str(field.column) for field in meta.concrete_fields}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column[name]) for name in ("organisation", "year", "sector", "tco2e"))
    # Names from the model, values as parameters.
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s)"  # noqa: S608
    with one_version_for_bulk_insert(Emission), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _superseded_totals(
    stored: dict[tuple[int, str], Emission], values: dict[tuple[int, str], float]
) -> list[Emission]:
    """Stored total-only rows for years that the file now splits by sector."""
    split_years = {year for year, sector in values if sector != TOTAL_SECTOR}
    return [
        e for (year, sector), e in stored.items() if sector == TOTAL_SECTOR and year in split_years
    ]


def _label(year: int, sector: str) -> str:
    return f"{year} {sector or 'total'}"
