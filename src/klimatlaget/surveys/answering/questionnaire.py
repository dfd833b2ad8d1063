"""The questionnaire as the page shows it: every question with its current answer, whether it
is shown, pre-filled or has a problem, and reading the posted form back into raw answers.

Form fields are named ``q-<key>``; a table's cells ``q-<key>-<row>-<column>``; a file question's
upload ``f-<key>``. The raw answers read from a form are the same shape the JavaScript sends and
the API takes, so all of them go through :func:`klimatlaget.surveys.services.save_answers`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext as _

from klimatlaget.calc import surveys as calc
from klimatlaget.surveys.models import Answer, AnswerSource, Question, Response, Section, Survey

FIELD = "q-"
UPLOAD = "f-"


def field_name(key: str) -> str:
    return f"{FIELD}{key}"


@dataclass
class Cell:
    column: calc.Column
    name: str
    value: str
    text: str


@dataclass
class Item:
    """One question on the page."""

    question: Question
    spec: calc.Question
    answer: Answer | None
    shown: bool
    #: What the member typed, kept when it could not be read, so nothing is lost.
    raw: Any = None
    problem: str = ""
    #: The question this one's condition depends on.
    parent_text: str = ""
    parent_spec: calc.Question | None = None

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def name(self) -> str:
        return field_name(self.key)

    @property
    def value(self) -> Any:
        return None if self.answer is None else self.answer.value

    @property
    def prefilled(self) -> str:
        """Where an unconfirmed pre-filled answer came from, in words; empty otherwise."""
        if self.answer is None or self.answer.confirmed or self.value is None:
            return ""
        if self.answer.source == AnswerSource.PLATFORM:
            return _("Pre-filled from the platform's data")
        if self.answer.source == AnswerSource.LAST_YEAR:
            return _("Pre-filled from last year's answer")
        return ""

    @property
    def condition_value(self) -> str:
        condition = self.spec.condition
        return "" if condition is None else json.dumps(condition.equals)

    @property
    def condition_text(self) -> str:
        condition = self.spec.condition
        if condition is None:
            return ""
        return _("Answer only if the answer to “%(question)s” is %(value)s.") % {
            "question": self.parent_text,
            "value": _display(self.parent_spec, condition.equals) if self.parent_spec else "",
        }

    @property
    def field_value(self) -> str:
        """The text shown in a single input."""
        if self.raw is not None:
            return "" if isinstance(self.raw, list | dict) else str(self.raw)
        return _raw_text(self.value)

    @property
    def chosen(self) -> list[str]:
        source = self.raw if self.raw is not None else self.value
        if isinstance(source, list):
            return [str(item) for item in source]
        if source is None:
            return []
        if isinstance(source, bool):
            return ["yes" if source else "no"]
        word = str(source).strip().lower()
        if word in calc.answers.YES_WORDS:
            return ["yes", str(source)]
        if word in calc.answers.NO_WORDS:
            return ["no", str(source)]
        return [str(source)]

    @property
    def choices(self) -> list[dict[str, Any]]:
        chosen = self.chosen
        return [
            {"key": choice.key, "label": choice.label, "checked": choice.key in chosen}
            for choice in self.spec.choices
        ]

    @property
    def rows(self) -> list[list[Cell]]:
        """The table's rows (what was typed when it had a problem) and one empty row more."""
        source = self.raw if isinstance(self.raw, list) else (self.value or [])
        rows = [row for row in source if isinstance(row, Mapping)]
        return [self._cells(number, row) for number, row in enumerate([*rows, {}])]

    @property
    def template_row(self) -> list[Cell]:
        """An empty row for the page's script to copy; it numbers the row."""
        return self._cells("__ROW__", {})

    def _cells(self, number: int | str, row: Mapping[str, Any]) -> list[Cell]:
        return [
            Cell(
                column=column,
                name=f"{self.name}-{number}-{column.key}",
                value=_raw_text(row.get(column.key)),
                text=_display(column, row.get(column.key)),
            )
            for column in self.spec.columns
        ]

    @property
    def limits(self) -> str:
        """The bounds, unit and limits of the answer, in words."""
        spec = self.spec
        if spec.kind == calc.QuestionKind.FILE:
            return _("At most %(size)s; file types: %(types)s.") % {
                "size": filesizeformat(spec.max_file_bytes),
                "types": ", ".join(spec.file_types),
            }
        if spec.kind == calc.QuestionKind.TABLE:
            return _("At most %(count)s rows.") % {"count": spec.max_rows}
        return bounds_text(spec)

    @property
    def text(self) -> str:
        """The answer in words, for the read-only view."""
        return _display(self.spec, self.value)

    @property
    def file_name(self) -> str:
        value = self.value
        return str(value.get("name", "")) if isinstance(value, dict) else ""

    @property
    def accept(self) -> str:
        return ",".join(f".{kind}" for kind in self.spec.file_types)


@dataclass
class Part:
    """A section with its questions and progress."""

    section: Section
    items: list[Item]

    @property
    def required(self) -> int:
        return sum(1 for item in self.items if item.shown and item.spec.required)

    @property
    def answered(self) -> int:
        return sum(
            1 for item in self.items if item.shown and item.spec.required and item.value is not None
        )


@dataclass
class Questionnaire:
    parts: list[Part]
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def items(self) -> list[Item]:
        return [item for part in self.parts for item in part.items]

    @property
    def required(self) -> int:
        return sum(part.required for part in self.parts)

    @property
    def answered(self) -> int:
        return sum(part.answered for part in self.parts)

    @property
    def prefilled(self) -> int:
        return sum(1 for item in self.items if item.prefilled and item.shown)


def build(
    survey: Survey,
    response: Response | None,
    raw: Mapping[str, Any] | None = None,
    problems: Mapping[str, str] | None = None,
) -> Questionnaire:
    """The page's questionnaire for ``response`` (None: nothing answered yet)."""
    questions = list(survey.questions.select_related("section"))
    answers = _answers(response)
    specs = {question.key: question.spec() for question in questions}
    values = {key: answer.value for key, answer in answers.items() if answer.value is not None}
    raw, problems = raw or {}, problems or {}
    parts: dict[int, Part] = {
        section.pk: Part(section, []) for section in survey.sections.order_by("order", "pk")
    }
    for question in questions:
        spec = specs[question.key]
        parent = specs.get(spec.condition.question) if spec.condition else None
        item = Item(
            question=question,
            spec=spec,
            answer=answers.get(question.key),
            shown=calc.is_shown(spec, values, specs),
            raw=raw.get(question.key) if question.key in problems else None,
            problem=problems.get(question.key, ""),
            parent_text=parent.text if parent else "",
            parent_spec=parent,
        )
        parts[question.section_id].items.append(item)
    return Questionnaire(parts=list(parts.values()), problems=dict(problems))


def _answers(response: Response | None) -> dict[str, Answer]:
    if response is None:
        return {}
    found = response.answers.select_related("question", "file")
    return {answer.question.key: answer for answer in found}


def progress(survey: Survey, response: Response) -> dict[str, int]:
    """How many of the shown required questions are answered."""
    questionnaire = build(survey, response)
    return {"answered": questionnaire.answered, "required": questionnaire.required}


# Reading a posted form ---------------------------------------------------------------------


def posted_answers(questions: Sequence[calc.Question], post: QueryDict) -> dict[str, Any]:
    """The raw answers of a whole posted form (file questions are uploaded separately).
    A question whose field is absent is posted blank: an unticked box clears the answer."""
    raw: dict[str, Any] = {}
    for spec in questions:
        name = field_name(spec.key)
        if spec.kind == calc.QuestionKind.FILE:
            continue
        if spec.kind == calc.QuestionKind.MULTIPLE_CHOICE:
            raw[spec.key] = post.getlist(name)
        elif spec.kind == calc.QuestionKind.TABLE:
            raw[spec.key] = _posted_rows(spec, post)
        else:
            raw[spec.key] = post.get(name, "")
    return raw


def _posted_rows(spec: calc.Question, post: QueryDict) -> list[dict[str, str]]:
    pattern = re.compile(rf"^{re.escape(field_name(spec.key))}-(\d+)-(.+)$")
    rows: dict[int, dict[str, str]] = {}
    for name in post:
        match = pattern.match(name)
        if match and spec.column(match.group(2)) is not None:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = post.get(name, "")
    return [rows[number] for number in sorted(rows)]


def changed_only(
    questions: Sequence[calc.Question], raw: Mapping[str, Any], stored: Mapping[str, Any]
) -> dict[str, Any]:
    """The raw answers that differ from what is stored (and those that cannot be read), so
    that saving the whole form neither confirms untouched pre-filled answers nor writes
    empty answers to unanswered questions."""
    specs = {spec.key: spec for spec in questions}
    changed: dict[str, Any] = {}
    for key, value in raw.items():
        spec = specs.get(key)
        if spec is None:
            changed[key] = value  # the service names the unknown question
            continue
        try:
            read = calc.read_answer(spec, value)
        except (calc.AnswerProblem, TypeError, KeyError, ValueError):
            changed[key] = value
            continue
        if read != stored.get(key):
            changed[key] = value
    return changed


# Answers in words --------------------------------------------------------------------------


def bounds_text(spec: calc.Question | calc.Column) -> str:
    """A number's or year's bounds and unit in words; empty when it has none."""
    low, high = spec.minimum, spec.maximum
    unit = f" {spec.unit}" if spec.unit else ""
    values = {"low": _number(low), "high": _number(high), "unit": unit}
    if low is not None and high is not None:
        return _("Between %(low)s and %(high)s%(unit)s.") % values
    if low is not None:
        return _("At least %(low)s%(unit)s.") % values
    if high is not None:
        return _("At most %(high)s%(unit)s.") % values
    return _("In %(unit)s.") % {"unit": spec.unit} if spec.unit else ""


def _number(value: float | None) -> str:
    if value is None:
        return ""
    shown = int(value) if float(value).is_integer() else value
    return str(formats.number_format(shown, force_grouping=True))


def _raw_text(value: Any) -> str:
    """A canonical value as it is typed into an input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _display(spec: calc.Question | calc.Column | None, value: Any) -> str:
    if value is None or spec is None:
        return ""
    kind = spec.kind
    if kind == calc.QuestionKind.YES_NO:
        return _("Yes") if value else _("No")
    labels = {choice.key: choice.label for choice in spec.choices}
    if kind == calc.QuestionKind.SINGLE_CHOICE:
        return labels.get(value, str(value))
    if kind == calc.QuestionKind.MULTIPLE_CHOICE:
        return ", ".join(labels.get(item, str(item)) for item in value)
    if kind == calc.QuestionKind.NUMBER:
        number = formats.number_format(value, force_grouping=True)
        return f"{number} {spec.unit}".strip()
    if kind == calc.QuestionKind.FILE:
        return str(value.get("name", "")) if isinstance(value, dict) else ""
    if kind == calc.QuestionKind.TABLE:
        return _("%(count)s rows") % {"count": len(value)}
    return str(value)
