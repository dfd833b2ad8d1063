"""Extending the template of subjects: the programme office adds a subject, or changes the names
and title keywords of one (of the file or added), for the page and the API alike.

Each write is checked as the whole template would be (:func:`~klimatlaget.contracts.template.
parse_template`, every problem named), carries the version the writer edited (a subject of
the file that nobody has edited is at version 0) and is recorded in the programme office's
history."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import runs_contract_programme
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, diff, record
from klimatlaget.audit.subjects import CONTRACT_SUBJECT
from klimatlaget.concurrency import StaleVersion, reload_and_check
from klimatlaget.contracts.choices import Writer
from klimatlaget.contracts.models import TemplateSubject
from klimatlaget.contracts.subjects import LANGUAGES, current_data, merged
from klimatlaget.contracts.template import TemplateError, parse_template, read_data
from klimatlaget.organisations.models import Organisation

Values = Mapping[str, Any]
_WORD = re.compile(r"^[a-z][a-z0-9_]*$")
_ORDER_STEP = 10


def _ensure(actor: Actor) -> None:
    if not runs_contract_programme(actor):
        raise PermissionDenied("contract template")


def keywords_of(values: Values) -> dict[str, list[str]]:
    """The keywords per language of ``values`` (lists, or text with one keyword per comma or
    line), blanks dropped."""
    found: dict[str, list[str]] = {}
    for language in LANGUAGES:
        given = values.get(f"keywords_{language}")
        if given is None:
            given = (values.get("keywords") or {}).get(language)
        if given is None:
            continue
        items = re.split(r"[,\n]", given) if isinstance(given, str) else list(given)
        found[language] = [" ".join(str(item).split()) for item in items if str(item).strip()]
    return found


def _check(rows: list[TemplateSubject]) -> None:
    """Refuse the rows unless the template they make with the file is valid."""
    try:
        parse_template(merged(read_data(), rows))
    except TemplateError as error:
        raise ValidationError({"__all__": error.problems}) from error


def _names(row: TemplateSubject, values: Values) -> None:
    for language in LANGUAGES:
        name = values.get(f"name_{language}")
        if name is None:
            name = (values.get("name") or {}).get(language)
        if name is not None:
            setattr(row, f"name_{language}", " ".join(str(name).split()))
    errors = {
        f"name_{language}": _("Give the subject a name in this language.")
        for language in LANGUAGES
        if not getattr(row, f"name_{language}")
    }
    if errors:
        raise ValidationError(errors)


def _record(actor: Actor, row: TemplateSubject, verb: str, changes: dict[str, list[Any]]) -> None:
    record(
        actor=actor,
        action=f"klimatlaget.contract_subject.{verb}",
        subject=CONTRACT_SUBJECT,
        organisation=Organisation.objects.filter(
            code=settings.KLIMATLAGET_CONTRACT_PROGRAMME
        ).first(),
        changes=changes,
        summary=says(f"contract_subject_{verb}", key=row.key),
        subject_id=row.pk,
    )


@transaction.atomic
def add_subject(actor: Actor, values: Values) -> TemplateSubject:
    """A new subject ``key`` (one lower-case word) under ``parent`` (none: the top level),
    written by ``party``, after its siblings unless ``order`` is given."""
    _ensure(actor)
    key = str(values.get("key") or "").strip()
    parent = values.get("parent") or None
    subjects = {entry["id"]: entry for entry in current_data()["subjects"]}
    errors: dict[str, str] = {}
    if not _WORD.match(key):
        errors["key"] = _("Write the id as one lower-case word (letters, digits, _).")
    if parent is not None and parent not in subjects:
        errors["parent"] = _("Choose a subject of the template as the parent.")
    if values.get("party") not in Writer.values:
        errors["party"] = _("Choose who writes the subject's sections.")
    full = f"{parent}.{key}" if parent else key
    if not errors and full in subjects:
        errors["key"] = _("The template already has a subject %(id)s.") % {"id": full}
    order = values.get("order")
    if order is not None and (type(order) is not int or order < 0):
        errors["order"] = _("The order must be a whole number.")
    if errors:
        raise ValidationError(errors)
    if order is None:
        siblings = [entry["order"] for entry in subjects.values() if entry["parent"] == parent]
        order = max(siblings, default=0) + _ORDER_STEP
    row = TemplateSubject(key=full, party=values["party"], order=order, keywords={})
    _names(row, values)
    row.keywords = keywords_of(values)
    _check([*TemplateSubject.objects.all(), row])
    row.bump(TemplateSubject.ENTERED)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:  # added at the same moment by somebody else
        raise ValidationError(
            {"key": _("The template already has a subject %(id)s.") % {"id": full}}
        ) from error
    _record(actor, row, "added", diff({}, row.audit_values()))
    return row


def version_of(key: str) -> int:
    """The version of subject ``key`` as a writer edits it (0: the file's, never edited)."""
    row = TemplateSubject.objects.filter(key=key).first()
    return row.version if row is not None else 0


@transaction.atomic
def change_subject(actor: Actor, key: str, values: Values) -> TemplateSubject:
    """Change the names and keywords of subject ``key`` (as of ``version``). Its place and
    writer stay."""
    _ensure(actor)
    expected = values.get("version")
    row = TemplateSubject.objects.select_for_update().filter(key=key).first()
    if row is None:
        entry = next((e for e in read_data()["subjects"] if e.get("id") == key), None)
        if entry is None:
            raise TemplateSubject.DoesNotExist(key)
        if expected is not None and expected != 0:
            raise StaleVersion(expected, 0, {})
        keywords = entry.get("keywords", {})
        row = TemplateSubject(
            key=key,
            party=entry["party"],
            order=entry["order"],
            name_sv=entry["name"]["sv"],
            name_en=entry["name"]["en"],
            keywords={
                language: keywords[language] for language in LANGUAGES if language in keywords
            },
        )
        before = row.audit_values()
    else:
        reload_and_check(row, expected)
        before = row.audit_values()
    _names(row, values)
    row.keywords = {**row.keywords, **keywords_of(values)}
    changes = diff(before, row.audit_values())
    if not changes:
        return row
    _check([*TemplateSubject.objects.exclude(key=key), row])
    row.bump(changes)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:  # the first edit of a file's subject, made twice at once
        current = TemplateSubject.objects.get(key=key)
        raise StaleVersion(expected, current.version, current.current_values(changes)) from error
    _record(actor, row, "changed", changes)
    return row
