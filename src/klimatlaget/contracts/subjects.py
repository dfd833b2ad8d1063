"""The template of subjects in use: ``subjects.json`` with the programme office's additions and
edits (:class:`~klimatlaget.contracts.models.TemplateSubject`) laid over it.

Everything that reads the template (the importer's placing, the writers, the comparison's
pickers, coverage, exports) asks :func:`current_template`. :func:`current_data` is the same in
the file's own format, so that it can be downloaded and committed back to the repository.
An edit of a subject of the file changes only its names and keywords; an added subject is
appended after the file's (its parent always comes before it)."""

from __future__ import annotations

from typing import Any

from klimatlaget.calc.contract_subjects import SubjectTemplate
from klimatlaget.contracts.models import TemplateSubject
from klimatlaget.contracts.template import parse_template, read_data

#: The languages the page edits (the file may give keywords in others; they are kept).
LANGUAGES = ("sv", "en")


def entry_of(row: TemplateSubject) -> dict[str, Any]:
    """A stored subject as an entry of the file."""
    parent = row.key.rsplit(".", 1)[0] if "." in row.key else None
    return {
        "id": row.key,
        "parent": parent,
        "party": row.party,
        "order": row.order,
        "name": {"sv": row.name_sv, "en": row.name_en},
        "keywords": {language: list(words) for language, words in row.keywords.items()},
    }


def merged(file_data: Any, rows: list[TemplateSubject]) -> dict[str, Any]:
    """``file_data`` (the file's JSON) with ``rows`` laid over it."""
    entries = [dict(entry) for entry in file_data.get("subjects", [])]
    by_id = {entry.get("id"): entry for entry in entries if isinstance(entry, dict)}
    for row in rows:
        entry = by_id.get(row.key)
        if entry is None:
            entries.append(entry_of(row))
            continue
        entry["name"] = {**entry.get("name", {}), "sv": row.name_sv, "en": row.name_en}
        entry["keywords"] = {**entry.get("keywords", {}), **row.keywords}
    return {"version": file_data.get("version", 1), "subjects": entries}


def current_data() -> dict[str, Any]:
    """The template in use, in the file's format."""
    return merged(read_data(), list(TemplateSubject.objects.all()))


def current_template() -> SubjectTemplate:
    """The template in use, checked."""
    return parse_template(current_data())


def in_file(key: str) -> bool:
    """Is ``key`` a subject of the shipped file (whose place and writer are the file's)?"""
    return any(entry.get("id") == key for entry in read_data().get("subjects", []))
