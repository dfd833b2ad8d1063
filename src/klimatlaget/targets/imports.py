"""Importing climate targets from a CSV file (see docs/TARGETS_CSV.md).

Like the other imports it is all or nothing: the whole file is read, every organisation resolved
and every target validated with the same rules as the forms and the API before anything is
written, and then everything is written in one transaction. A row whose organisation, geography,
district, form, years and scopes match a stored target updates that target; other rows create
targets. Re-importing the same file changes nothing and records nothing. Every organisation
whose targets change gets one audit entry listing what was created and updated.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, record
from klimatlaget.audit.subjects import TARGET
from klimatlaget.imports.models import ImportKind
from klimatlaget.imports.services import ImportResult, check_size, save_run
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.sources import NameMatcher, normalise_code
from klimatlaget.sources.errors import ProblemCollector, SourceProblem
from klimatlaget.sources.targets_csv import (
    TargetRow,
    TargetsFile,
    problem_collector,
    read_targets_csv,
)
from klimatlaget.targets.models import ENTERED_FIELDS, Target
from klimatlaget.targets.validation import check_target

Progress = Callable[[int, int], None]
ACTION = "klimatlaget.target.imported"

#: What identifies a target for re-imports, beside its organisation.
Key = tuple[str, str, str, int | None, int | None, int | None, frozenset[str]]

_NAMED_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY, OrganisationKind.NATION)


def target_key(target: Target) -> Key:
    return (
        target.geography,
        target.district.strip().casefold(),
        target.form,
        target.target_year,
        target.base_year,
        target.start_year,
        frozenset(target.scopes),
    )


class OrganisationResolver:
    """Finds the organisation a cell names: an exact code ('0180', 'klimatkommunerna'), an SCB
    code written as a number ('180'), a municipality or county name in any usual spelling
    (:class:`NameMatcher`), or the exact name of any other organisation."""

    def __init__(self, organisations: list[Organisation]) -> None:
        self._by_code = {org.code: org for org in organisations}
        self._matcher = NameMatcher(
            {org.code: org.name for org in organisations if org.kind in _NAMED_KINDS}
        )
        self._by_name = {org.name.casefold(): org for org in organisations}

    def resolve(self, text: str) -> Organisation | None:
        text = text.strip()
        if text in self._by_code:
            return self._by_code[text]
        code = normalise_code(text) if text.isdigit() else self._matcher.match(text)
        if code is not None and code in self._by_code:
            return self._by_code[code]
        return self._by_name.get(text.casefold())


def import_targets(path: Path, *, actor: Actor, progress: Progress | None = None) -> ImportResult:
    """Import every target in ``path`` or, when any row has a problem, nothing (SourceError)."""
    path = Path(path)
    check_size(path)
    targets: list[Target] = []

    def build(read: TargetsFile) -> list[SourceProblem]:
        built, problems = _build_targets(read)
        targets.extend(built)
        return problems

    max_bytes = settings.KLIMATLAGET_MAX_IMPORT_BYTES
    targets_file = read_targets_csv(path, max_bytes=max_bytes, check=build)
    result = ImportResult(ImportKind.TARGETS, path.name, rows_read=len(targets_file.rows))
    by_organisation: dict[Organisation, list[Target]] = {}
    for target in targets:
        by_organisation.setdefault(target.organisation, []).append(target)
    with transaction.atomic():
        for done, (organisation, wanted) in enumerate(by_organisation.items(), start=1):
            _store(result, actor, organisation, wanted)
            if progress:
                progress(done, len(by_organisation))
        save_run(result, path, actor)
    return result


def _build_targets(targets_file: TargetsFile) -> tuple[list[Target], list[SourceProblem]]:
    """Unsaved targets for the good rows, and every problem by row and column."""
    problems = problem_collector(targets_file.file)
    resolver = OrganisationResolver(list(Organisation.objects.all()))
    targets: list[Target] = []
    seen: dict[tuple[int, Key], int] = {}
    for row in targets_file.rows:
        organisation = resolver.resolve(row.organisation)
        if organisation is None:
            problems.add(
                row.row_number,
                targets_file.column("organisation"),
                "unknown_organisation",
                f"No organisation is called or has the code '{row.organisation}'; import the "
                "SCB code list first, or check the spelling.",
            )
            continue
        target = _target(row, organisation)
        if _add_validation_problems(problems, targets_file, row, target):
            continue
        key = (organisation.pk, target_key(target))
        if key in seen:
            problems.add(
                row.row_number,
                None,
                "duplicate_row",
                f"The same target of {organisation.name} (geography, district, form, years and "
                f"scopes) is already on row {seen[key]}.",
            )
            continue
        seen[key] = row.row_number
        targets.append(target)
    return targets, problems.problems


def _target(row: TargetRow, organisation: Organisation) -> Target:
    return Target(
        organisation=organisation,
        title=row.title,
        geography=row.geography.value,
        district=row.district,
        scopes=sorted(scope.value for scope in row.scopes),
        includes_non_energy=row.includes_non_energy,
        form=row.form.value,
        value=row.value,
        base_year=row.base_year,
        start_year=row.start_year,
        target_year=row.target_year,
        per_capita=row.per_capita,
        projected_population=row.projected_population,
        status=row.status,
        adopted_on=row.adopted_on,
        source=row.source,
        quote=row.quote,
        notes=row.notes,
    )


def _add_validation_problems(
    problems: ProblemCollector, targets_file: TargetsFile, row: TargetRow, target: Target
) -> bool:
    try:
        check_target(target)
    except ValidationError as error:
        found = error.message_dict
    else:
        return False
    for field, messages in found.items():
        column = None if field == "__all__" else targets_file.column(field)
        for message in messages:
            problems.add(row.row_number, column, "invalid_target", str(message))
    return True


def _store(
    result: ImportResult, actor: Actor, organisation: Organisation, wanted: list[Target]
) -> None:
    stored: dict[Key, Target] = {}
    for existing in Target.objects.filter(organisation=organisation).order_by("id"):
        stored.setdefault(target_key(existing), existing)
    changes: dict[str, list[Any]] = {}
    created = updated = 0
    for target in wanted:
        current = stored.get(target_key(target))
        label = _label(target)
        if current is None:
            target.save()
            created += 1
            after = target.audit_values()
            changes.update(
                {f"{label}: {name}": [None, value] for name, value in after.items() if _set(value)}
            )
            continue
        before = current.audit_values()
        for name in ENTERED_FIELDS:
            setattr(current, name, getattr(target, name))
        after = current.audit_values()
        differences = {
            name: [before[name], after[name]] for name in after if before[name] != after[name]
        }
        if not differences:
            continue
        current.bump(differences)  # a stale editor of this target is refused, not overwritten
        current.save()
        updated += 1
        changes.update({f"{label}: {name}": pair for name, pair in differences.items()})
    if not (created or updated):
        return
    result.created += created
    result.updated += updated
    result.organisations_changed += 1
    record(
        actor=actor,
        action=ACTION,
        subject=TARGET,
        organisation=organisation,
        changes=changes,
        summary=says("targets_imported", new=created, changed=updated, file=result.file_name),
    )


def _set(value: object) -> bool:
    return value not in (None, "", [], False)


def _label(target: Target) -> str:
    """A short name for a target in the change log, unique within its organisation:
    'percent_reduction 2030 base 1990 (territory, scopes 1,2)'."""
    parts = [target.form, str(target.target_year or "–")]
    if target.base_year:
        parts.append(f"base {target.base_year}")
    if target.start_year:
        parts.append(f"start {target.start_year}")
    where = target.geography + (f" {target.district}" if target.district else "")
    return f"{' '.join(parts)} ({where}, scopes {target.scopes_text or '–'})"
