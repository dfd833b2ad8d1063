"""Reading an answer into its canonical form (see :mod:`.questions`), with the reason when it
cannot be read. Web forms, the API and Excel uploads all go through :func:`read_answer`."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from klimatlaget.calc.surveys.questions import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_TEXT_LENGTH,
    Choice,
    Column,
    Question,
    QuestionKind,
)

#: English texts of the problems; the web app translates them by code.
MESSAGES: dict[str, str] = {
    "not_yes_no": "Answer yes or no, got {value}.",
    "unknown_choice": "{value} is not one of the options ({options}).",
    "not_a_number": "Give a number, got {value}.",
    "below_minimum": "The number must be at least {minimum}, got {value}.",
    "above_maximum": "The number must be at most {maximum}, got {value}.",
    "not_a_year": "Give a year between {low} and {high}, got {value}.",
    "text_too_long": "The text is {length} characters long; at most {limit} are allowed.",
    "not_a_link": "Give a web address starting with http:// or https://, got {value}.",
    "file_too_large": "The file is {size} bytes; at most {limit} bytes are allowed.",
    "file_type": "Files of type {type} are not accepted; allowed: {types}.",
    "not_a_table": "A table answer is a list of rows.",
    "too_many_rows": "At most {limit} rows are allowed, got {count}.",
    "unknown_column": "There is no column {value}.",
    "required": "This question must be answered.",
    "required_cell": "Row {row}: {column} must be filled in.",
}

YES_WORDS = frozenset({"ja", "yes", "j", "y", "true", "1", "sant"})
NO_WORDS = frozenset({"nej", "no", "n", "false", "0", "falskt"})


@dataclass(frozen=True)
class AnswerProblem(Exception):
    """Why an answer cannot be read; ``row`` (1-based) and ``column`` place it in a table."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    column: str | None = None

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)

    def __str__(self) -> str:
        return self.message


def is_blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple | dict):
        return not raw
    return isinstance(raw, float) and math.isnan(raw)


def read_answer(question: Question | Column, raw: Any) -> Any:
    """The canonical answer for ``raw``, ``None`` when blank; raises :class:`AnswerProblem`."""
    if is_blank(raw):
        return None
    reader = _READERS[question.kind]
    return reader(question, raw)


def _read_yes_no(question: Question | Column, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise AnswerProblem("not_yes_no", {"value": _shown(raw)})


def _choice(choices: tuple[Choice, ...], raw: Any) -> str:
    text = str(raw).strip()
    for choice in choices:
        if text == choice.key or text.casefold() == choice.label.casefold():
            return choice.key
    options = ", ".join(choice.label for choice in choices)
    raise AnswerProblem("unknown_choice", {"value": _shown(raw), "options": options})


def _read_single(question: Question | Column, raw: Any) -> str:
    return _choice(question.choices, raw)


def _read_multiple(question: Question | Column, raw: Any) -> list[str] | None:
    items = raw if isinstance(raw, list | tuple) else re.split(r"[;\n]", str(raw))
    chosen = {_choice(question.choices, item) for item in items if not is_blank(item)}
    ordered = [choice.key for choice in question.choices if choice.key in chosen]
    return ordered or None


def parse_number(raw: Any) -> int | float:
    """A number from a cell or a form: Swedish decimal comma and spaces between thousands
    are accepted. Raises ValueError."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float | Decimal):
        value = float(raw)
    else:
        text = re.sub(r"[\s\u00a0\u202f]", "", str(raw)).replace("−", "-").replace(",", ".")
        try:
            value = float(Decimal(text))
        except InvalidOperation as error:
            raise ValueError(raw) from error
    if not math.isfinite(value):
        raise ValueError(raw)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _read_number(question: Question | Column, raw: Any) -> int | float:
    try:
        value = parse_number(raw)
    except ValueError:
        raise AnswerProblem("not_a_number", {"value": _shown(raw)}) from None
    if question.minimum is not None and value < question.minimum:
        raise AnswerProblem("below_minimum", {"minimum": _num(question.minimum), "value": value})
    if question.maximum is not None and value > question.maximum:
        raise AnswerProblem("above_maximum", {"maximum": _num(question.maximum), "value": value})
    return value


def _read_year(question: Question | Column, raw: Any) -> int:
    try:
        value = parse_number(raw)
    except ValueError:
        value = None
    if not isinstance(value, int) or not EARLIEST_YEAR <= value <= LATEST_YEAR:
        raise AnswerProblem(
            "not_a_year", {"low": EARLIEST_YEAR, "high": LATEST_YEAR, "value": _shown(raw)}
        )
    return value


def _read_text(question: Question | Column, raw: Any) -> str:
    text = _num(raw) if isinstance(raw, int | float) else str(raw).strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise AnswerProblem("text_too_long", {"length": len(text), "limit": MAX_TEXT_LENGTH})
    return text


def _read_link(question: Question | Column, raw: Any) -> str:
    text = str(raw).strip()
    if "://" not in text and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", text):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise AnswerProblem("not_a_link", {"value": _shown(raw)})
    return text


def _read_file(question: Question | Column, raw: Any) -> dict[str, Any]:
    assert isinstance(question, Question)
    name, size = str(raw["name"]), int(raw["size"])
    check_file(question, name, size)
    return {"name": name, "size": size}


def check_file(question: Question, name: str, size: int) -> None:
    """Raise :class:`AnswerProblem` if a file of ``name`` and ``size`` may not be uploaded."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in question.file_types:
        raise AnswerProblem(
            "file_type",
            {"type": extension or "?", "types": ", ".join(question.file_types)},
        )
    if size > question.max_file_bytes:
        raise AnswerProblem("file_too_large", {"size": size, "limit": question.max_file_bytes})


def _read_table(question: Question | Column, raw: Any) -> list[dict[str, Any]] | None:
    assert isinstance(question, Question)
    if not isinstance(raw, list | tuple) or not all(isinstance(row, Mapping) for row in raw):
        raise AnswerProblem("not_a_table")
    rows = [row for row in raw if not all(is_blank(value) for value in row.values())]
    if len(rows) > question.max_rows:
        raise AnswerProblem("too_many_rows", {"limit": question.max_rows, "count": len(rows)})
    return [read_row(question, row, number) for number, row in enumerate(rows, start=1)] or None


def read_row(question: Question, row: Mapping[str, Any], number: int) -> dict[str, Any]:
    """One table row in canonical form; problems name the row ``number`` and the column."""
    unknown = set(row) - {column.key for column in question.columns}
    if unknown:
        raise AnswerProblem("unknown_column", {"value": sorted(unknown)[0]}, row=number)
    cells: dict[str, Any] = {}
    for column in question.columns:
        try:
            value = read_answer(column, row.get(column.key))
        except AnswerProblem as problem:
            raise AnswerProblem(
                problem.code, problem.params, row=number, column=column.key
            ) from None
        if value is None and column.required:
            raise AnswerProblem(
                "required_cell", {"row": number, "column": column.label}, number, column.key
            )
        cells[column.key] = value
    return cells


_READERS = {
    QuestionKind.YES_NO: _read_yes_no,
    QuestionKind.SINGLE_CHOICE: _read_single,
    QuestionKind.MULTIPLE_CHOICE: _read_multiple,
    QuestionKind.NUMBER: _read_number,
    QuestionKind.YEAR: _read_year,
    QuestionKind.TEXT: _read_text,
    QuestionKind.LINK: _read_link,
    QuestionKind.FILE: _read_file,
    QuestionKind.TABLE: _read_table,
}


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _shown(raw: Any) -> str:
    text = str(raw)
    return repr(text if len(text) <= 60 else text[:57] + "...")
