"""Importing national emissions by sector (``klimatlaget import national-emissions``).

Like the other imports it is all or nothing (every row checked before anything is written),
re-importing the same file changes nothing and records nothing, and a change is recorded in the
nation's history with every old and new value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, record
from klimatlaget.audit.subjects import DATA
from klimatlaget.calc.national import NationalFigure
from klimatlaget.imports.models import ImportKind
from klimatlaget.imports.services import ImportResult, check_size, save_run
from klimatlaget.organisations.models import NATION_CODE, Organisation

from .models import NationalEmission
from .national_csv import read_national_csv

Key = tuple[int, int | None, str]


def import_national_emissions(path: Path, *, actor: Actor) -> ImportResult:
    """Store every figure of ``path`` or, when any row has a problem, nothing (SourceError)."""
    path = Path(path)
    check_size(path)
    figures = read_national_csv(path, max_bytes=settings.KLIMATLAGET_MAX_IMPORT_BYTES)
    result = ImportResult(ImportKind.NATIONAL_EMISSIONS, path.name, rows_read=len(figures))
    with transaction.atomic():
        stored = {_key(e): e for e in NationalEmission.objects.select_for_update()}
        changes = _store(result, figures, stored)
        if changes:
            record(
                actor=actor,
                action="klimatlaget.national_emissions.imported",
                subject=DATA,
                organisation=Organisation.objects.filter(code=NATION_CODE).first(),
                changes=changes,
                summary=says(
                    "emissions_imported", new=result.created, changed=result.updated, file=path.name
                ),
            )
        save_run(result, path, actor)
    return result


def _key(emission: NationalEmission) -> Key:
    return (emission.year, emission.quarter, emission.sector)


def _label(key: Key) -> str:
    year, quarter, sector = key
    return f"{year}{f' Q{quarter}' if quarter else ''} {sector}"


def _store(
    result: ImportResult, figures: list[NationalFigure], stored: dict[Key, NationalEmission]
) -> dict[str, list[Any]]:
    """Create and update the figures; returns the changes as the change log keeps them."""
    changes: dict[str, list[Any]] = {}
    new, changed = [], []
    for figure in figures:
        key = (figure.year, figure.quarter, figure.sector)
        current = stored.get(key)
        if current is None:
            new.append(NationalEmission(**_fields(figure, result.file_name)))
            changes[_label(key)] = [None, figure.tco2e]
        elif current.tco2e != figure.tco2e:
            changes[_label(key)] = [current.tco2e, figure.tco2e]
            current.tco2e, current.source = figure.tco2e, result.file_name
            changed.append(current)
    NationalEmission.objects.bulk_create(new)
    for emission in changed:
        emission.save(update_fields=["tco2e", "source", "imported_at"])
    result.created, result.updated = len(new), len(changed)
    return changes


def _fields(figure: NationalFigure, source: str) -> dict[str, Any]:
    return {
        "year": figure.year,
        "quarter": figure.quarter,
        "sector": figure.sector,
        "tco2e": figure.tco2e,
        "source": source,
    }
