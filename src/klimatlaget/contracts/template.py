"""The programme's template of contract subjects: ``subjects.json`` read and checked.

Django-free, so that scripts and the pure text reader can use it. Every problem in the file
is collected and reported at once as a :class:`TemplateError` naming the subject.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from klimatlaget.calc.contract_subjects import PARTIES, Subject, SubjectTemplate

#: The template shipped with the platform.
DEFAULT_PATH = Path(__file__).with_name("subjects.json")

_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_LANGUAGES = ("sv", "en")


class TemplateError(ValueError):
    """The template file is not valid; ``problems`` lists every problem found."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{file}: " + "; ".join(problems))


def load_template(path: str | Path | None = None) -> SubjectTemplate:
    """The subjects of ``path`` (the shipped template by default), checked."""
    source = Path(path) if path is not None else DEFAULT_PATH
    return parse_template(read_data(source), file=source.name)


def read_data(path: str | Path | None = None) -> Any:
    """The decoded JSON of ``path`` (the shipped template by default), not yet checked."""
    source = Path(path) if path is not None else DEFAULT_PATH
    try:
        return json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TemplateError(source.name, [f"cannot be read as JSON ({error})"]) from error


def parse_template(data: Any, *, file: str = "subjects.json") -> SubjectTemplate:
    """Subjects from the decoded JSON ``data``; TemplateError lists every problem."""
    entries = data.get("subjects") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TemplateError(file, ['the file must be an object with a list "subjects"'])
    problems: list[str] = []
    subjects: list[Subject] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        subject = _subject(entry, index, problems)
        if subject is None:
            continue
        if subject.id in seen:
            problems.append(f"subject {subject.id!r}: duplicate id")
            continue
        seen.add(subject.id)
        subjects.append(subject)
    for subject in subjects:
        if subject.parent is not None and subject.parent not in seen:
            problems.append(f"subject {subject.id!r}: unknown parent {subject.parent!r}")
    if problems:
        raise TemplateError(file, problems)
    return SubjectTemplate(tuple(subjects))


def _subject(entry: Any, index: int, problems: list[str]) -> Subject | None:
    if not isinstance(entry, dict):
        problems.append(f"subject number {index}: must be an object")
        return None
    subject_id = entry.get("id")
    if not isinstance(subject_id, str) or not _ID.match(subject_id):
        problems.append(
            f"subject number {index}: id {subject_id!r} must be lower-case words joined by dots"
        )
        return None
    where = f"subject {subject_id!r}"
    start = len(problems)
    parent = entry.get("parent")
    expected_parent = subject_id.rsplit(".", 1)[0] if "." in subject_id else None
    if parent != expected_parent:
        problems.append(
            f"{where}: parent must be {expected_parent!r} (the id up to its last dot), "
            f"not {parent!r}"
        )
    party = entry.get("party")
    if party not in PARTIES:
        problems.append(f"{where}: party {party!r} must be one of {', '.join(PARTIES)}")
    order = entry.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        problems.append(f"{where}: order must be a whole number")
    name = entry.get("name")
    if not isinstance(name, dict) or not all(
        isinstance(name.get(language), str) and name[language].strip() for language in _LANGUAGES
    ):
        problems.append(f"{where}: name must give a Swedish and an English name (sv, en)")
    keywords = entry.get("keywords", {})
    words: list[str] = []
    if not isinstance(keywords, dict):
        problems.append(f"{where}: keywords must be an object of lists per language")
    else:
        for language, values in keywords.items():
            if not isinstance(values, list) or not all(
                isinstance(value, str) and value.strip() for value in values
            ):
                problems.append(f"{where}: keywords {language!r} must be a list of words")
            else:
                words.extend(values)
    if len(problems) > start:
        return None
    assert isinstance(name, dict) and isinstance(order, int) and isinstance(party, str)
    return Subject(
        id=subject_id,
        parent=expected_parent,
        party=party,
        order=order,
        name_sv=name["sv"].strip(),
        name_en=name["en"].strip(),
        keywords=tuple(words),
    )
